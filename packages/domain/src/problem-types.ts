/**
 * Problem type URIs (RFC 9457 §3.1.1) the API answers with, documented in docs/api.md. Here, in
 * the pure package, so that the API (packages/http) and the web app (which tells them apart to
 * word each in the reader's language) read one list.
 */
export const PROBLEM_TYPES = {
  invalidFields: '/problems/invalid-fields',
  versionConflict: '/problems/version-conflict',
  signInRequired: '/problems/sign-in-required',
  invalidToken: '/problems/invalid-token',
  forbidden: '/problems/forbidden',
  rateLimited: '/problems/rate-limited',
  meetingCancelled: '/problems/meeting-cancelled',
  meetingUnderWay: '/problems/meeting-under-way',
  meetingOver: '/problems/meeting-over',
  meetingNeedsCoordinator: '/problems/meeting-needs-coordinator',
  meetingExists: '/problems/meeting-exists',
  matchState: '/problems/match-state',
  keptChanging: '/problems/kept-changing',
  importRowChanged: '/problems/import-row-changed',
} as const;

/** One of `PROBLEM_TYPES`' URIs. */
export type ProblemTypeUri = (typeof PROBLEM_TYPES)[keyof typeof PROBLEM_TYPES];
