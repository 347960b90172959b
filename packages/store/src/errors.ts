/** Outcomes a caller must handle; store methods return them instead of throwing for expected cases. */
export type WriteResult<T> =
  | { outcome: 'ok'; value: T }
  | { outcome: 'not-found' }
  | { outcome: 'conflict'; currentVersion: number };
