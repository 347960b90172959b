import type { FieldProblemCode } from '@culturebridge/domain';

/**
 * A file that cannot be read as a member list at all (not a row problem): the message says why.
 * `code` is the field problem code the API answers with (`unreadable_file`, or `file_too_large` /
 * `too_many_rows` for a readable file over a limit, with `params.max`).
 */
export class UnreadableFile extends Error {
  constructor(
    message: string,
    readonly code: Extract<FieldProblemCode, 'unreadable_file' | 'file_too_large' | 'too_many_rows'> = 'unreadable_file',
    readonly params?: { max: number; value: string },
    /** `cause`: the library's error, for a debugger; never part of the answer. */
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'UnreadableFile';
  }
}
