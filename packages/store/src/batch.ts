import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Key = Record<string, string>;

const BATCH_SIZE = 25;
const MAX_ROUNDS = 8;

/**
 * BatchWriteItem may hand back UnprocessedItems under load; they are retried with backoff until a
 * bound, then the call fails so the caller (and its retry) can finish the job. Deletes are idempotent.
 */
export async function batchDelete(doc: DynamoDBDocumentClient, tableName: string, itemKeys: Key[]): Promise<void> {
  for (let start = 0; start < itemKeys.length; start += BATCH_SIZE) {
    let pending = itemKeys.slice(start, start + BATCH_SIZE).map((Key) => ({ DeleteRequest: { Key } }));
    for (let round = 0; pending.length > 0; round++) {
      if (round >= MAX_ROUNDS) throw new Error(`DynamoDB left ${pending.length} deletes unprocessed after ${MAX_ROUNDS} rounds`);
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** round * 25));
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
}
