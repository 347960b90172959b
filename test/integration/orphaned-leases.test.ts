import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NotificationStore } from '@culturebridge/store';
import { freshTable } from '../support/table.js';

const facts = (notificationId: string) => ({ notificationId, recipientRole: 'member' as const, recipientId: randomUUID(), networkId: 'eu4culture', kind: 'immediate' as const, correlationId: randomUUID() });

describe('leases a stopped runtime held (DynamoDB Local)', () => {
  it('are all ended by releaseLeases, so a restarted runtime takes them at once; what was sent or told stays', async () => {
    const table = await freshTable('orphaned-leases');
    const store = new NotificationStore(table.doc, table.tableName);
    const now = new Date();
    const lease = 5 * 60_000;
    // Held by deliveries of a process that was killed: each would keep others away for 5 minutes.
    const [claimed, sent] = [`match:${randomUUID()}:member`, `match:${randomUUID()}:member`];
    expect(await store.claim(facts(claimed), 'dead-1', now, lease)).toBe('claimed');
    expect(await store.claim(facts(sent), 'done-1', now, lease)).toBe('claimed');
    await store.markSent(sent, 'done-1', now.toISOString());
    const [profileId, told] = [randomUUID(), randomUUID()];
    expect(await store.holdTold({ kind: 'membership', profileId, networkId: 'eu4culture' }, 'dead-2', now, lease)).toEqual({});
    expect(await store.holdTold({ kind: 'membership', profileId: told, networkId: 'eu4culture' }, 'done-2', now, lease)).toEqual({});
    await store.settleTold({ kind: 'membership', profileId: told, networkId: 'eu4culture' }, 'done-2', { status: 'rejected', statusVersion: 3 });
    expect(await store.claim(facts(claimed), 'new-1', now, lease)).toBe('busy');
    expect(await store.holdTold({ kind: 'membership', profileId, networkId: 'eu4culture' }, 'new-2', now, lease)).toBe('busy');

    expect(await store.releaseLeases()).toBe(2);

    expect(await store.claim(facts(claimed), 'new-1', now, lease)).toBe('claimed');
    expect(await store.holdTold({ kind: 'membership', profileId, networkId: 'eu4culture' }, 'new-2', now, lease)).toEqual({});
    // A mail sent and a standing told are records, not leases: they stay.
    expect(await store.claim(facts(sent), 'new-3', now, lease)).toBe('sent');
    expect(await store.holdTold({ kind: 'membership', profileId: told, networkId: 'eu4culture' }, 'new-4', now, lease)).toEqual({ told: { status: 'rejected', statusVersion: 3 } });
    // The leases just taken (a claim, a lease on a new standing, one on a told standing) are found too.
    expect(await store.releaseLeases()).toBe(3);
    // A meeting participant's lease is the same kind of lease.
    const meeting = { kind: 'meeting' as const, meetingId: randomUUID(), profileId };
    expect(await store.holdTold(meeting, 'dead-5', now, lease)).toEqual({});
    expect(await store.holdTold(meeting, 'new-5', now, lease)).toBe('busy');
    expect(await store.releaseLeases()).toBe(1);
    expect(await store.holdTold(meeting, 'new-5', now, lease)).toEqual({});
  });
});
