import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { BatchGetCommand, BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from './client.js';
import { batchDelete } from './batch.js';
import { UnprocessedAfterRetries } from './errors.js';
import { MatchStore } from './match-store.js';
import { PartnerStore } from './partner-store.js';
import { keys } from './table.js';

const doc = createDocumentClient({ region: 'eu-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
const ddb = mockClient(doc);
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const item = (id: string) => ({ ...keys.profile(id), id, name: id === A ? 'Kutaisi' : 'Gyumri' });
/** DynamoDB's answer when it read `read` and left `left` (its capacity was short). */
const answer = (read: string[], left: string[]) => ({
  Responses: { table: read.map(item) },
  ...(left.length > 0 ? { UnprocessedKeys: { table: { Keys: left.map((id) => keys.profile(id)) } } } : {}),
});

/** Runs `call` with the backoff's timers advanced, and says how many rounds waited for a timer. */
async function withTimers<T>(call: () => Promise<T>): Promise<{ outcome: PromiseSettledResult<T>; waits: number }> {
  const settled = call().then(
    (value) => ({ status: 'fulfilled' as const, value }),
    (reason: unknown) => ({ status: 'rejected' as const, reason }),
  );
  let waits = 0;
  for (let done = false; !done; ) {
    const race = await Promise.race([settled.then(() => true), new Promise<false>((resolve) => setImmediate(() => resolve(false)))]);
    if (race) done = true;
    else if (vi.getTimerCount() > 0) {
      waits++;
      await vi.advanceTimersToNextTimerAsync();
    }
  }
  return { outcome: await settled, waits };
}

describe('batch reads and writes left unprocessed', () => {
  beforeEach(() => {
    ddb.reset();
    vi.useFakeTimers({ toFake: ['setTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks unprocessed keys again after a backoff, and answers every item', async () => {
    ddb.on(BatchGetCommand).resolvesOnce(answer([A], [B])).resolves(answer([B], []));
    const { outcome, waits } = await withTimers(() => new MatchStore(doc, 'table').profiles([A, B]));
    expect(outcome.status).toBe('fulfilled');
    expect([...(outcome as PromiseFulfilledResult<Map<string, unknown>>).value.keys()].sort()).toEqual([A, B]);
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(2);
    expect(waits).toBe(1);
  });

  it('throws UnprocessedAfterRetries, never a shorter answer, when keys stay unprocessed', async () => {
    ddb.on(BatchGetCommand).resolvesOnce(answer([A], [B])).resolves(answer([], [B]));
    const { outcome, waits } = await withTimers(() => new MatchStore(doc, 'table').profiles([A, B], { consistent: true }));
    expect(outcome.status).toBe('rejected');
    const error = (outcome as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(UnprocessedAfterRetries);
    expect(error).toMatchObject({ kind: 'reads', count: 1, rounds: 8 });
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(8);
    // Backed off before each round after the first.
    expect(waits).toBe(7);
  });

  it('reads a stored webhook event whose key was left unprocessed, instead of answering "not found"', async () => {
    const ref = { PK: 'WEBHOOK_EVENT_DAY#2026-11-30', SK: '2026-11-30T10:00:00Z#e1' };
    const event = { id: 'e1', time: '2026-11-30T10:00:00Z', 'detail-type': 'MatchProposed' };
    ddb.on(GetCommand, { Key: keys.webhookEventById('e1') }).resolves({ Item: { ...keys.webhookEventById('e1'), ref } });
    ddb.on(BatchGetCommand).resolvesOnce({ Responses: { table: [] }, UnprocessedKeys: { table: { Keys: [ref] } } }).resolves({ Responses: { table: [{ ...ref, event }] } });
    const { outcome } = await withTimers(() => new PartnerStore(doc, 'table').getEvent('e1'));
    expect(outcome).toEqual({ status: 'fulfilled', value: event });
  });

  it('throws UnprocessedAfterRetries when a stored webhook event\'s key stays unprocessed', async () => {
    const ref = { PK: 'WEBHOOK_EVENT_DAY#2026-11-30', SK: '2026-11-30T10:00:00Z#e1' };
    ddb.on(GetCommand, { Key: keys.webhookEventById('e1') }).resolves({ Item: { ...keys.webhookEventById('e1'), ref } });
    ddb.on(BatchGetCommand).resolves({ Responses: { table: [] }, UnprocessedKeys: { table: { Keys: [ref] } } });
    const { outcome } = await withTimers(() => new PartnerStore(doc, 'table').getEvent('e1'));
    expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(UnprocessedAfterRetries);
  });

  it('throws UnprocessedAfterRetries when deletes stay unprocessed', async () => {
    ddb.on(BatchWriteCommand).resolves({ UnprocessedItems: { table: [{ DeleteRequest: { Key: keys.profile(A) } }] } });
    const { outcome, waits } = await withTimers(() => batchDelete(doc, 'table', [keys.profile(A), keys.profile(B)]));
    expect((outcome as PromiseRejectedResult).reason).toMatchObject({ name: 'UnprocessedAfterRetries', kind: 'writes', count: 1 });
    expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(UnprocessedAfterRetries);
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(8);
    expect(waits).toBe(7);
  });
});
