// What Lambda's event source mapping does with one batch of stream records: invoke the function,
// read a partial batch response (ReportBatchItemFailures), bisect on a function error
// (BisectBatchOnFunctionError), retry with exponential backoff, and after MaximumRetryAttempts hand
// the records that still fail to the on-failure destination. Free of AWS calls, so the rules can be
// read (and tested) on their own.

import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';

export type InvocationOutcome =
  | { kind: 'success' }
  /** The function reported failures; `index` is the position of the lowest reported record. */
  | { kind: 'partial'; index: number; message: string }
  /** The function answered, but its batchItemFailures cannot be honoured: the whole batch failed. */
  | { kind: 'invalid-response'; message: string }
  /** The function threw (or its promise rejected). */
  | { kind: 'function-error'; message: string };

export interface RetryPolicy {
  /** Retries of a batch after its first invocation (Lambda's MaximumRetryAttempts). */
  maxRetries: number;
  /** Split a batch in two when the function throws (Lambda's BisectBatchOnFunctionError). */
  bisectOnError: boolean;
  /** Delay before the first retry of a batch; doubles with each further retry. */
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
}

export interface ExhaustedRecords {
  records: DynamoDBRecord[];
  error: string;
  /** Invocations that included these records, their bisected ancestors' included. */
  invokeCount: number;
}

export interface BatchDeps {
  invoke(records: DynamoDBRecord[]): Promise<InvocationOutcome>;
  sleep(ms: number): Promise<void>;
  onExhausted(exhausted: ExhaustedRecords): void;
}

/**
 * Reads what the function returned as Lambda does: nothing, null, an empty or missing
 * batchItemFailures all mean success; an itemIdentifier that is empty, not a string, or not the
 * sequence number of a record in the batch fails the whole batch; otherwise the batch is retried
 * from the lowest reported record.
 */
export function classifyResponse(records: readonly DynamoDBRecord[], response: unknown): InvocationOutcome {
  if (response === null || typeof response !== 'object') return { kind: 'success' };
  const failures = (response as Partial<DynamoDBBatchResponse>).batchItemFailures as unknown;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'invalid-response', message: 'batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'success' };

  const positions = new Map(records.map((record, index) => [record.dynamodb?.SequenceNumber, index]));
  let lowest = Number.POSITIVE_INFINITY;
  for (const failure of failures as unknown[]) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const index = typeof id === 'string' && id !== '' ? positions.get(id) : undefined;
    if (index === undefined) {
      return {
        kind: 'invalid-response',
        message: `batchItemFailures names ${JSON.stringify(id) ?? 'no itemIdentifier'}, which is not the sequence number of a record in the batch`,
      };
    }
    lowest = Math.min(lowest, index);
  }
  const sequence = records[lowest]?.dynamodb?.SequenceNumber;
  return { kind: 'partial', index: lowest, message: `the function reported record ${sequence} as failed (batchItemFailures)` };
}

export const backoffDelay = (policy: RetryPolicy, retry: number): number =>
  Math.min(policy.retryBaseDelayMs * 2 ** Math.max(0, retry - 1), policy.retryMaxDelayMs);

interface Segment {
  records: DynamoDBRecord[];
  invokeCount: number;
}

/**
 * Delivers one batch, in order, until every record either was part of a successful invocation
 * (or was checkpointed by a partial batch response) or was handed to `onExhausted`.
 *
 * - Partial failure: the records before the lowest reported one are done; the rest is retried.
 * - Function error: with bisection on, a batch of two or more is split in halves and each half is
 *   delivered as a batch of its own (with its own retry budget), so a poison record ends up alone;
 *   a single record (or any batch with bisection off) is retried.
 * - A batch whose retries are used up goes to `onExhausted` and delivery moves on past it.
 */
export async function deliverBatch(records: DynamoDBRecord[], policy: RetryPolicy, deps: BatchDeps): Promise<void> {
  const pending: Segment[] = [{ records, invokeCount: 0 }];
  for (let segment = pending.shift(); segment; segment = pending.shift()) {
    let window = segment.records;
    let invokeCount = segment.invokeCount;
    let retries = 0;
    while (window.length > 0) {
      const outcome = await deps.invoke(window);
      invokeCount += 1;
      if (outcome.kind === 'success') break;
      if (outcome.kind === 'partial') {
        window = window.slice(outcome.index);
      } else if (outcome.kind === 'function-error' && policy.bisectOnError && window.length > 1) {
        const middle = Math.ceil(window.length / 2);
        pending.unshift({ records: window.slice(0, middle), invokeCount }, { records: window.slice(middle), invokeCount });
        break;
      }
      if (retries >= policy.maxRetries) {
        deps.onExhausted({ records: window, error: outcome.message, invokeCount });
        break;
      }
      retries += 1;
      await deps.sleep(backoffDelay(policy, retries));
    }
  }
}
