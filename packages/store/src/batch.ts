import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UnprocessedAfterRetries } from './errors.js';

type Key = Record<string, string>;

const WRITE_BATCH_SIZE = 25;
const READ_BATCH_SIZE = 100;
/** Requests (the first and its repeats) a batch of keys or writes gets before UnprocessedAfterRetries. */
export const BATCH_MAX_ROUNDS = 8;

type WriteRequest = { DeleteRequest: { Key: Key } } | { PutRequest: { Item: Record<string, unknown> } };

/** Before round `round` (≥ 1) of a batch: 50 ms doubling to 3.2 s, 6.35 s in all, as the SDK backs off a throttled call. */
const backOff = (round: number) => new Promise((resolve) => setTimeout(resolve, 2 ** round * 25));

/**
 * BatchWriteItem may hand back UnprocessedItems under load; they are retried with backoff until a
 * bound, then the call throws UnprocessedAfterRetries so the caller (and its retry) can finish the
 * job. Deletes are idempotent.
 */
export async function batchDelete(doc: DynamoDBDocumentClient, tableName: string, itemKeys: Key[]): Promise<void> {
  await batchRequests(doc, tableName, itemKeys.map((Key) => ({ DeleteRequest: { Key } })));
}

/** Unconditional puts, for bulk loads (benchmarks, imports) where nothing can be overwritten by mistake. */
export async function batchWrite(doc: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]): Promise<void> {
  await batchRequests(doc, tableName, items.map((Item) => ({ PutRequest: { Item } })));
}

async function batchRequests(doc: DynamoDBDocumentClient, tableName: string, requests: WriteRequest[]): Promise<void> {
  for (let start = 0; start < requests.length; start += WRITE_BATCH_SIZE) {
    let pending = requests.slice(start, start + WRITE_BATCH_SIZE);
    for (let round = 0; pending.length > 0; round++) {
      if (round >= BATCH_MAX_ROUNDS) throw new UnprocessedAfterRetries('writes', pending.length, BATCH_MAX_ROUNDS);
      if (round > 0) await backOff(round);
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
}

export interface BatchGetOptions {
  /** Strongly consistent reads (twice the read units). */
  consistent?: boolean;
  /** Called with each response's ConsumedCapacity; given, the requests ask DynamoDB for it (TOTAL). */
  onCapacity?: (consumed: { CapacityUnits?: number }[] | undefined) => void;
}

/**
 * The items of `itemKeys` that exist, in no particular order: 100 keys a BatchGetItem (a key named
 * twice is asked once, since BatchGetItem refuses a request naming one key twice). UnprocessedKeys
 * are asked again with backoff; keys still unprocessed after BATCH_MAX_ROUNDS requests throw
 * UnprocessedAfterRetries, never a shorter answer: a missing item would read as "not found".
 */
export async function batchGet(doc: DynamoDBDocumentClient, tableName: string, itemKeys: readonly Key[], options: BatchGetOptions = {}): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const unique = [...new Map(itemKeys.map((k) => [`${k.PK}\u0000${k.SK}`, k])).values()];
  for (let start = 0; start < unique.length; start += READ_BATCH_SIZE) {
    let pending: Record<string, unknown>[] = unique.slice(start, start + READ_BATCH_SIZE);
    for (let round = 0; pending.length > 0; round++) {
      if (round >= BATCH_MAX_ROUNDS) throw new UnprocessedAfterRetries('reads', pending.length, BATCH_MAX_ROUNDS);
      if (round > 0) await backOff(round);
      const out = await doc.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: pending, ...(options.consistent ? { ConsistentRead: true } : {}) } },
          ...(options.onCapacity ? { ReturnConsumedCapacity: 'TOTAL' as const } : {}),
        }),
      );
      options.onCapacity?.(out.ConsumedCapacity);
      items.push(...(out.Responses?.[tableName] ?? []));
      pending = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return items;
}
