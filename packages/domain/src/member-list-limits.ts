/**
 * How large a member list a coordinator may import at once: the API refuses larger files whole
 * (400 `too_many_rows` / `file_too_large`), and the web app checks the size before uploading.
 * Here, not in `@culturebridge/member-lists`, so the web app reads them without its parsers.
 */
export const MEMBER_LIST_LIMITS = Object.freeze({
  /** Data rows (members) in one file. */
  rows: 5000,
  /** Bytes of one file (a 5 000-row list is about 1 MB as CSV). */
  fileBytes: 4 * 1024 * 1024,
});
