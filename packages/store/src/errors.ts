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
 * DynamoDB left part of a BatchGetItem or BatchWriteItem unprocessed (its capacity was short) on
 * every one of `rounds` requests, backed off between them (see batch.ts). Nothing is answered short:
 * the caller fails, and its retry (a Lambda's, a stream's, a client's after a 503) does the work
 * again. `count`: the keys or writes left; the error names no key.
 */
export class UnprocessedAfterRetries extends Error {
  constructor(
    readonly kind: 'reads' | 'writes',
    readonly count: number,
    readonly rounds: number,
  ) {
    super(`DynamoDB left ${count} ${kind} unprocessed after ${rounds} rounds`);
    this.name = 'UnprocessedAfterRetries';
  }
}

/**
 * A store write that retries a lost race (see isLostTransactionRace) read again and lost on each of
 * its `attempts`: other writes kept changing what it writes. Not a failure of ours: the same
 * request again may land (the API answers 503 kept-changing). `cause`: the last cancellation.
 */
export class LostEveryAttempt extends Error {
  constructor(
    readonly operation: string,
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    super(`${operation} lost its race on each of ${attempts} attempts`, options);
    this.name = 'LostEveryAttempt';
  }

  /** The cancellation reason codes of the last attempt (no item, no personal data). */
  get reasons(): string[] {
    const cause = this.cause as { CancellationReasons?: { Code?: string }[] } | undefined;
    return (cause?.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  }
}

/** The one rule for a lost race: see isLostTransactionRace. */
const RACE_CODES = new Set(['ConditionalCheckFailed', 'TransactionConflict']);

/**
 * A transaction lost a race: a condition failed (someone wrote first) or another transaction held
 * one of its items (someone is writing now), and nothing else went wrong (every other item's reason
 * is None). A cancellation that names throttling, validation or a size limit is not a race: it is
 * thrown as it is. The one rule for every store method that re-reads and decides again.
 */
export function isLostTransactionRace(error: unknown): error is TransactionCanceledException {
  if (!(error instanceof TransactionCanceledException)) return false;
  const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
  return codes.some((code) => RACE_CODES.has(code)) && codes.every((code) => code === 'None' || RACE_CODES.has(code));
}
