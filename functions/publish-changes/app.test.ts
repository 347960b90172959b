import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { Logger } from '@aws-lambda-powertools/logger';
import { ProfileInput } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { profileItem } from '@culturebridge/store';
import { lambdaContext } from '../../local/api-gateway.js';
import { createPublishChangesHandler } from './app.js';
import { streamEvent, streamRecord } from './stream-records.js';

const client = new EventBridgeClient({ region: 'eu-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
const eventBridge = mockClient(client);
const handler = createPublishChangesHandler({
  eventBridge: client,
  logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
  publish: { busName: 'culturebridge', maxAttempts: 3, baseDelayMs: 0, sleep: async () => undefined },
});

function newProfiles(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    return streamRecord('INSERT', {
      after: profileItem({ ...ProfileInput.parse(validProfileInput({ name: `City ${i}` })), id, version: 1, status: 'active', createdAt: '2026-11-24T10:00:00.000Z', updatedAt: '2026-11-24T10:00:00.000Z' }),
    });
  });
}

/** Records what EventBridge accepted, and fails entries as the test says. */
function fakeEventBridge(failEntry: (entry: PutEventsRequestEntry, call: number) => boolean) {
  const accepted: string[] = [];
  let calls = 0;
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
    calls++;
    const results = input.Entries.map((entry) => {
      if (failEntry(entry, calls)) return { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' };
      const id = (JSON.parse(entry.Detail ?? '{}') as { metadata: { idempotencyKey: string } }).metadata.idempotencyKey;
      accepted.push(id);
      return { EventId: `eb-${accepted.length}` };
    });
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  });
  return { accepted, calls: () => calls };
}

beforeEach(() => eventBridge.reset());

describe('publish-changes under faults', () => {
  it('retries only the 3 of 10 entries PutEvents failed, ending with all 10 published exactly once', async () => {
    const records = newProfiles(10);
    const failing = new Set(['City 2', 'City 5', 'City 8']);
    const eb = fakeEventBridge((entry, call) => call === 1 && failing.has((JSON.parse(entry.Detail ?? '{}') as { data: { profile: { name: string } } }).data.profile.name));
    const result = await handler(streamEvent(records), lambdaContext('publish-changes'));
    expect(result.batchItemFailures).toEqual([]);
    expect(eb.accepted).toHaveLength(10);
    expect(new Set(eb.accepted).size).toBe(10);
    expect(eb.calls()).toBe(2);
    const retried = eventBridge.commandCalls(PutEventsCommand)[1]?.args[0].input.Entries ?? [];
    expect(retried).toHaveLength(3);
  });

  it('sends at most 10 entries per call and never two changes of one item in the same call', async () => {
    const records = newProfiles(25);
    const first = records[0];
    const secondChangeOfFirst = streamRecord('MODIFY', {
      before: { ...profileItem({ ...ProfileInput.parse(validProfileInput({ name: 'City 0' })), id: '00000000-0000-4000-8000-000000000000', version: 1, status: 'active', createdAt: 'x', updatedAt: '2026-11-24T10:00:00.000Z' }) },
      after: { ...profileItem({ ...ProfileInput.parse(validProfileInput({ name: 'City 0 renamed' })), id: '00000000-0000-4000-8000-000000000000', version: 2, status: 'active', createdAt: '2026-11-24T10:00:00.000Z', updatedAt: '2026-11-24T11:00:00.000Z' }) },
    });
    const eb = fakeEventBridge(() => false);
    await handler(streamEvent([first!, secondChangeOfFirst, ...records.slice(1)]), lambdaContext('publish-changes'));
    const calls = eventBridge.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries ?? []);
    expect(calls.every((entries) => entries.length <= 10)).toBe(true);
    expect(calls[0]).toHaveLength(1);
    expect(eb.accepted.slice(0, 2)).toEqual(['PROFILE#00000000-0000-4000-8000-000000000000#v1', 'PROFILE#00000000-0000-4000-8000-000000000000#v2']);
    expect(eb.accepted).toHaveLength(26);
  });

  it('after a crash mid-batch, reports the first unpublished record and all later ones, and the retry loses nothing', async () => {
    const records = newProfiles(15);
    let down = true;
    const eb = fakeEventBridge((_entry, call) => down && call >= 2);
    const first = await handler(streamEvent(records), lambdaContext('publish-changes'));
    const failedIds = first.batchItemFailures.map((f) => f.itemIdentifier);
    expect(failedIds).toEqual(records.slice(10).map((r) => r.dynamodb?.SequenceNumber));

    down = false;
    // Lambda retries from the lowest failed sequence number.
    const retry = await handler(streamEvent(records.slice(10)), lambdaContext('publish-changes'));
    expect(retry.batchItemFailures).toEqual([]);
    expect(new Set(eb.accepted).size).toBe(15);
    expect(eb.accepted).toHaveLength(15);
  });

  it('treats a record that cannot be mapped as the first failure, publishing what came before it', async () => {
    const records = newProfiles(4);
    const poison = streamRecord('INSERT', {
      after: { ...profileItem({ ...ProfileInput.parse(validProfileInput()), id: '99999999-9999-4999-8999-999999999999', version: 1, status: 'active', createdAt: 'x', updatedAt: 'y' }), country: 'Atlantis' },
    });
    const eb = fakeEventBridge(() => false);
    const result = await handler(streamEvent([records[0]!, records[1]!, poison, records[2]!, records[3]!]), lambdaContext('publish-changes'));
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([poison, records[2], records[3]].map((r) => r?.dynamodb?.SequenceNumber));
    expect(eb.accepted).toHaveLength(2);
  });

  it('fails the whole batch (so Lambda bisects it) when nothing at all could be published', async () => {
    fakeEventBridge(() => true);
    await expect(handler(streamEvent(newProfiles(2)), lambdaContext('publish-changes'))).rejects.toThrow();
  });
});
