import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Key = Record<string, string>;

const BATCH_SIZE = 25;
const MAX_ROUNDS = 8;

type WriteRequest = { DeleteRequest: { Key: Key } } | { PutRequest: { Item: Record<string, unknown> } };

/**
 * BatchWriteItem may hand back UnprocessedItems under load; they are retried with backoff until a
 * bound, then the call fails so the caller (and its retry) can finish the job. Deletes are idempotent.
 */
export async function batchDelete(doc: DynamoDBDocumentClient, tableName: string, itemKeys: Key[]): Promise<void> {
  await batchRequests(doc, tableName, itemKeys.map((Key) => ({ DeleteRequest: { Key } })));
}

/** Unconditional puts, for bulk loads (benchmarks, imports) where nothing can be overwritten by mistake. */
export async function batchWrite(doc: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]): Promise<void> {
  await batchRequests(doc, tableName, items.map((Item) => ({ PutRequest: { Item } })));
}

async function batchRequests(doc: DynamoDBDocumentClient, tableName: string, requests: WriteRequest[]): Promise<void> {
  for (let start = 0; start < requests.length; start += BATCH_SIZE) {
    let pending = requests.slice(start, start + BATCH_SIZE);
    for (let round = 0; pending.length > 0; round++) {
      if (round >= MAX_ROUNDS) throw new Error(`DynamoDB left ${pending.length} writes unprocessed after ${MAX_ROUNDS} rounds`);
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** round * 25));
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
}
