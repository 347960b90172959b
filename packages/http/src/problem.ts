import { PROBLEM_TYPES, problemCount, type FieldProblem } from '@culturebridge/domain';

export { PROBLEM_TYPES };

/** A client-facing failure: thrown anywhere in a request and rendered as application/problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly type: string = 'about:blank',
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }

  toBody(instance?: string): Record<string, unknown> {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

/** A detail as the end of a sentence: a full stop unless it already ends with one (or ? ! …). */
const sentence = (text: string) => (/[.!?…։。]$/u.test(text) ? text : `${text}.`);

export function invalidFields(errors: FieldProblem[]): HttpProblem {
  const names = errors.map((e) => e.field);
  const detail =
    errors.length === 1
      ? `The field ${names[0]} is invalid: ${sentence(errors[0]?.detail ?? '')}`
      : `${problemCount(errors)} fields are invalid: ${names.join(', ')}.`;
  return new HttpProblem(400, 'Your request has invalid fields', detail, PROBLEM_TYPES.invalidFields, { errors });
}

/**
 * 413: the body is over `maxBytes`. The limit is also a member of the problem, so that a client can
 * name it in its reader's language rather than show this English sentence.
 */
export function bodyTooLarge(maxBytes: number, bytes?: number): HttpProblem {
  const limit = `at most ${maxBytes} bytes are accepted here.`;
  const detail = bytes === undefined ? `A${limit.slice(1)}` : `The body has ${bytes} bytes; ${limit}`;
  return new HttpProblem(413, 'Request body too large', detail, 'about:blank', { maxBytes });
}

export const notFound = (what = 'resource') =>
  new HttpProblem(404, 'Not found', `No ${what} with this id exists, or you may not see it.`);

/** 409: the `what` (a profile, a meeting) is at `currentVersion`, not the `sentVersion` the client read. */
export function versionConflict(sentVersion: number, currentVersion: number, what: 'profile' | 'meeting' = 'profile'): HttpProblem {
  return new HttpProblem(
    409,
    `The ${what} was changed by someone else`,
    `You sent version ${sentVersion}, but the stored ${what} is at version ${currentVersion}. Reload it, reapply your change and send it with version ${currentVersion}.`,
    PROBLEM_TYPES.versionConflict,
    { currentVersion },
  );
}

/**
 * 503: a write that sends no version (a match answer, a meeting request or cancel; without `what`,
 * any store write that reached the edge having lost its retries, e.g. a link's confirmation or an
 * erasure) lost the race on every attempt, each time to another change; nothing of it is stored (a
 * link stays unspent). The client sends
 * the same request again after `Retry-After` (s); it never sent a version, so a 409 version conflict
 * would ask it to do something it cannot.
 */
export const keptChanging = (what?: 'match' | 'meeting') =>
  new HttpProblem(503, 'Kept changing', `${what ? `This ${what}` : 'What this request changes'} kept changing while your request was applied. Send the same request again in a moment.`, PROBLEM_TYPES.keptChanging, {}, { 'retry-after': '1' });

/** 409: a new meeting's id (derived from who planned what) is taken; `detail` says what to change. */
export const meetingExists = (detail: string) => new HttpProblem(409, 'Meeting exists', detail, PROBLEM_TYPES.meetingExists);

export const signInRequired = () =>
  new HttpProblem(
    401,
    'Sign in first',
    'This needs a session: ask for a sign-in link (POST /auth/magic-link) and use it; browsers then send the session cookie, API clients "Authorization: Bearer <session>". A session ends when you sign out, after 7 days unused or 30 days after sign-in (a bearer token after one hour).',
    PROBLEM_TYPES.signInRequired,
    {},
    { 'WWW-Authenticate': 'Bearer' },
  );

/** 410: the meeting was cancelled at `cancelledAt` (ISO 8601); it is kept so that a repeated cancel is recognised, not shown. */
export const meetingCancelled = (cancelledAt: string) =>
  new HttpProblem(410, 'Meeting cancelled', `This meeting was cancelled at ${cancelledAt} (UTC). It cannot be shown, changed or downloaded any more.`, PROBLEM_TYPES.meetingCancelled, { cancelledAt });

/** 409: the meeting's first round has begun, so it is kept as held; `detail` says when it began. */
export const meetingUnderWay = (detail: string) => new HttpProblem(409, 'Meeting under way', detail, PROBLEM_TYPES.meetingUnderWay);

export const forbidden = (what: string) => new HttpProblem(403, 'Not allowed', what, PROBLEM_TYPES.forbidden);
