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

/**
 * How many members one answer of GET /networks/{id}/members holds (`limit`, members per page). A
 * public profile is at most about 16 KB as JSON (a 4 000-character description in a script of 3
 * UTF-8 bytes a character, 20 tags, the lists), so `max` pages stay below 4 MB, under Lambda's 6 MB
 * response limit; the web app asks for `max` and follows the cursor.
 */
export const MEMBER_PAGE_LIMITS = Object.freeze({
  /** Members per page when the request names no `limit`. */
  default: 100,
  /** The largest `limit` accepted. */
  max: 250,
});

/**
 * How many matches one answer of GET /networks/{id}/matches holds (`limit`). A listed match is at
 * most about 1.1 KB as JSON (two names of 120 characters at 3 UTF-8 bytes each, the ids, the pair
 * key), so `max` pages stay near 2 MB, under Lambda's 6 MB response limit.
 */
export const MATCH_PAGE_LIMITS = Object.freeze({
  /** Matches per page when the request names no `limit`. */
  default: 500,
  /** The largest `limit` accepted. */
  max: 2000,
});

/**
 * How many entries one answer of GET /networks/{id}/activity holds (`limit`). An entry is at most
 * about 1.1 KB as JSON (two names of 120 characters at 3 UTF-8 bytes each, the ids, the pair key),
 * and names take one membership item per member it names, so `max` pages stay near 0.5 MB and
 * read at most 1 000 membership items. The dashboard shows the newest `default` and reads the next
 * page when asked ("Show older").
 */
export const ACTIVITY_PAGE_LIMITS = Object.freeze({
  /** Entries per page when the request names no `limit`. */
  default: 100,
  /** The largest `limit` accepted. */
  max: 500,
});

/**
 * How many meetings one answer of GET /networks/{id}/meetings holds (`limit`, counted before the
 * cancelled ones are left out). A listed meeting is a few hundred bytes (its name, day, time zone,
 * counts); its stored item, timetable included, is up to a few hundred KB, which DynamoDB's 1 MB a
 * Query bounds each page's read by anyway. The web app asks for `max` and follows the cursor.
 */
export const MEETING_PAGE_LIMITS = Object.freeze({
  /** Meetings per page when the request names no `limit`. */
  default: 100,
  /** The largest `limit` accepted. */
  max: 500,
});
