import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Logger } from '@aws-lambda-powertools/logger';
import type { ActivityEntry } from '@culturebridge/domain';
import { lambdaContext } from '../../local/api-gateway.js';
import { sqsEvent } from '../../local/sqs.js';
import { createRecordActivityHandler } from './app.js';

const recorded: ActivityEntry[] = [];
const handler = createRecordActivityHandler({ activity: { record: async (entry) => void recorded.push(entry) }, logger: new Logger({ logLevel: 'SILENT' }) });

const proposed = (eventId: string, occurredAt = '2026-11-30T10:00:00.000Z') => ({
  'detail-type': 'MatchProposed',
  detail: { metadata: { eventId, occurredAt }, data: { matchId: 'm1', profileIds: ['p1', 'p2'], sharedNetworks: ['eu4culture'] } },
});

describe('record-activity', () => {
  it('records only entries whose key a feed cursor can name; any other is dead-lettered, not stored', async () => {
    // The feed's cursor holds an entry's time and event id (ACTIVITY_CURSOR). An event id with the
    // sort key's separator `#`, or longer than a cursor part, was stored, and the page ending on it
    // answered a cursor the route refuses: the feed could not be read past it.
    const good = randomUUID();
    const event = sqsEvent('buffer', [proposed(good), proposed('a#b'), proposed('e'.repeat(101)), proposed(randomUUID(), '2026-11-30T10:00:00+02:00')]);
    const result = await handler(event, lambdaContext('record-activity'));
    expect(recorded.map((e) => e.eventId)).toEqual([good]);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(event.Records.slice(1).map((r) => r.messageId));
  });
});
