import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NotificationStore } from '@culturebridge/store';
import { freshTable } from '../support/table.js';

describe('the "last told" record of a membership (DynamoDB Local)', () => {
  it('keeps the status the told change came from, and drops it with a standing that has none', async () => {
    const table = await freshTable('told-record');
    const store = new NotificationStore(table.doc, table.tableName);
    const now = new Date();
    const lease = 60_000;
    const subject = { kind: 'membership' as const, profileId: randomUUID(), networkId: 'eu4culture' };
    expect(await store.holdTold(subject, 'a', now, lease)).toEqual({});
    // A join request declined: its event's previousStatus was `requested`.
    await store.settleTold(subject, 'a', { status: 'rejected', statusVersion: 3, from: 'requested' });
    expect(await store.holdTold(subject, 'b', now, lease)).toEqual({ told: { status: 'rejected', statusVersion: 3, from: 'requested' } });
    // Settling the same again (a retry whose reply was lost) is its own success.
    await store.settleTold(subject, 'b', { status: 'rejected', statusVersion: 3, from: 'requested' });
    await store.settleTold(subject, 'b', { status: 'rejected', statusVersion: 3, from: 'requested' });
    // A standing published without previousStatus: the earlier `from` described another change.
    expect(await store.holdTold(subject, 'c', now, lease)).toEqual({ told: { status: 'rejected', statusVersion: 3, from: 'requested' } });
    await store.settleTold(subject, 'c', { status: 'approved', statusVersion: 4 });
    expect(await store.holdTold(subject, 'd', now, lease)).toEqual({ told: { status: 'approved', statusVersion: 4 } });
    // What a settle of another standing than the one recorded finds: not its own success.
    await store.releaseTold(subject, 'd');
    await expect(store.settleTold(subject, 'd', { status: 'approved', statusVersion: 4, from: 'rejected' })).rejects.toThrow();
  });
});
