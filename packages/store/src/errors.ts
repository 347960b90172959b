import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** Outcomes a caller must handle; store methods return them instead of throwing for expected cases. */
export type WriteResult<T> =
  | { outcome: 'ok'; value: T }
  | { outcome: 'not-found' }
  | { outcome: 'conflict'; currentVersion: number };

/** The same submission was stored before (a retry, or the same request sent twice at once): `profileId` is what it made. */
export class DuplicateSubmission extends Error {
  constructor(readonly profileId: string) {
    super(`this submission was stored before as profile ${profileId}`);
    this.name = 'DuplicateSubmission';
  }
}

/**
 * A transaction lost a race: a condition failed (someone wrote first) or another transaction held
 * one of its items (someone is writing now). Either way the caller re-reads and decides again.
 */
export function isLostTransactionRace(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict')
  );
}
