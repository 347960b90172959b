import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DETAIL_TYPES, EVENT_BUS_NAME, RULES } from '@culturebridge/events';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.js';
import { restartablePlatforms } from '../support/platform.js';

const platforms = restartablePlatforms();
// The event also reaches deliver-webhooks (every event does), which cannot read it either; this test
// follows notify's dead letter.
const toNotify = <T extends { target: string }>(list: readonly T[]) => list.filter((d) => d.target === RULES.matchToNotify.target);
const start = platforms.start;
afterEach(platforms.stopAll);

describe('the local runtime keeps its event log and dead letters on disk', () => {
  it('shows both after a restart, and redrives a dead letter through /_local/dead-letters', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cb-journal-'));
    const tableName = `journal-${randomUUID().slice(0, 8)}`;
    const first = await start(dataDir, tableName);
    // A MatchProposed notify cannot read: its delivery fails every attempt and is dead-lettered.
    const client = new EventBridgeClient({ endpoint: first.eventBridge.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const put = await client.send(new PutEventsCommand({ Entries: [{ EventBusName: EVENT_BUS_NAME, Source: DETAIL_TYPES.MatchProposed, DetailType: 'MatchProposed', Detail: '{"unreadable":true}' }] }));
    client.destroy();
    const eventId = put.Entries?.[0]?.EventId;
    await first.settle();
    expect(toNotify(first.eventBridge.deadLetters).map((d) => d.event.id)).toEqual([eventId]);
    await platforms.stop(first);

    const second = await start(dataDir, tableName);
    expect(second.eventBridge.events.map((e) => e.event.id)).toContain(eventId);
    const listed = (await (await fetch(`${second.apiUrl}/_local/dead-letters`)).json()) as { deadLetters: { id: string; target: string; event: { id: string } }[] };
    expect(toNotify(listed.deadLetters).map((d) => d.event.id)).toEqual([eventId]);

    const deadId = toNotify(listed.deadLetters)[0]?.id ?? '';
    expect((await fetch(`${second.apiUrl}/_local/dead-letters/no-such-id/redrive`, { method: 'POST' })).status).toBe(404);
    const redrive = await fetch(`${second.apiUrl}/_local/dead-letters/${deadId}/redrive`, { method: 'POST' });
    expect(redrive.status).toBe(200);
    expect(await redrive.json()).toEqual({ redriven: [deadId] });
    await second.settle();
    // Still unreadable: dead-lettered again under a new id, and the redriven one is gone for good.
    const again = toNotify(second.eventBridge.deadLetters);
    expect(again.map((d) => d.event.id)).toEqual([eventId]);
    expect(again[0]?.id).not.toBe(deadId);
    await platforms.stop(second);

    const third = await start(dataDir, tableName);
    expect(toNotify(third.eventBridge.deadLetters).map((d) => d.id)).toEqual([again[0]?.id]);
  });
});
