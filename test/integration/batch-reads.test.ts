import { beforeAll, describe, expect, it } from 'vitest';
import { MatchStore, NotificationStore, PartnerStore, batchWrite, keys } from '@culturebridge/store';
import { freshTable, type TestTable } from '../support/table.js';

// Every BatchGetItem goes through the store's batchGet (batch.ts): these read through DynamoDB Local
// what the unit tests (batch.test.ts) check for keys left unprocessed.

let table: TestTable;
beforeAll(async () => {
  table = await freshTable('batch-reads');
});

describe('batched reads against DynamoDB Local', () => {
  it('notification records: the existing ones of many ids, by id, in one call (notify\'s earlier meeting versions)', async () => {
    const notifications = new NotificationStore(table.doc, table.tableName);
    const facts = (n: number) => ({ notificationId: `meeting:m1:v${n}:member:p1`, recipientRole: 'member' as const, recipientId: 'p1', networkId: 'eu4culture', kind: 'immediate' as const, correlationId: 'c' });
    expect(await notifications.claim(facts(1), 't1', new Date(), 60_000)).toBe('claimed');
    await notifications.markSent(facts(1).notificationId, 't1', new Date().toISOString());
    expect(await notifications.claim(facts(3), 't3', new Date(), 60_000)).toBe('claimed');
    const found = await notifications.getMany([4, 3, 2, 1].map((n) => facts(n).notificationId));
    expect([...found.keys()].sort()).toEqual([facts(1).notificationId, facts(3).notificationId]);
    expect(found.get(facts(1).notificationId)?.status).toBe('sent');
    expect(found.get(facts(3).notificationId)?.status).toBe('claimed');
    expect(await notifications.getMany([])).toEqual(new Map());
  });

  it('profiles: more than one BatchGetItem\'s 100 keys, each named once however often asked', async () => {
    const ids = Array.from({ length: 130 }, (_, n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`);
    await batchWrite(table.doc, table.tableName, ids.map((id) => ({ ...keys.profile(id), id, name: `City ${id.slice(-3)}` })));
    const found = await new MatchStore(table.doc, table.tableName).profiles([...ids, ...ids.slice(0, 10), 'absent'], { consistent: true });
    expect(found.size).toBe(130);
    expect(found.get(ids[129] as string)?.name).toBe('City 129');
  });

  it('a stored webhook event by id, and undefined for one never stored', async () => {
    const partners = new PartnerStore(table.doc, table.tableName);
    const event = { id: 'e-1', time: '2026-11-30T10:00:00Z', 'detail-type': 'MatchProposed', detail: { n: 1 } };
    await partners.putEvent(event);
    expect(await partners.getEvent('e-1')).toEqual(event);
    expect(await partners.getEvent('e-2')).toBeUndefined();
  });
});
