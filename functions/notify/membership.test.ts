import { describe, expect, it } from 'vitest';
import { exampleEvent } from '@culturebridge/events/artifacts';
import type { Mail } from '@culturebridge/domain';
import { membershipNotify } from './notifications-test-support.js';

// A member the coordinator took out of the network learnt it from nothing: its matches there were
// withdrawn (never mailed), and the member page's "Approve again" told nobody either.

const LVIV = '11111111-1111-4111-8111-111111111111';
const KUTAISI = '22222222-2222-4222-8222-222222222222';

type Status = 'requested' | 'approved' | 'rejected';

function membershipEvent(type: 'MembershipRejected' | 'MembershipApproved', profileId: string, status: Status, previousStatus: Status | undefined, profileVersion: number) {
  const example = exampleEvent(type).detail;
  return {
    source: 'culturebridge.memberships',
    'detail-type': type,
    detail: {
      metadata: { ...example.metadata, idempotencyKey: `MEMBERSHIP#${profileId}#eu4culture#${status}#v${profileVersion}` },
      data: { profileId, networkId: 'eu4culture', status, ...(previousStatus ? { previousStatus } : {}), profileVersion },
    },
  };
}

const ended = (profileId: string, version: number, previous: Status = 'approved') => membershipEvent('MembershipRejected', profileId, 'rejected', previous, version);
const back = (profileId: string, version: number, previous: Status | 'none' = 'rejected') => membershipEvent('MembershipApproved', profileId, 'approved', previous === 'none' ? undefined : previous, version);

const setup = (membership: { lviv?: Status; kutaisi?: Status; lvivStatus?: string } = {}) =>
  membershipNotify(
    new Map<string, Parameters<typeof membershipNotify>[0] extends ReadonlyMap<string, infer P> ? P : never>([
      [LVIV, { name: 'Lviv', status: membership.lvivStatus ?? 'active', contact: { name: 'Oksana', email: 'oksana@lviv.example' }, locale: 'uk', networks: ['eu4culture', 'eunic-caucasus'], memberships: { eu4culture: membership.lviv ?? 'rejected', 'eunic-caucasus': 'approved' } }],
      [KUTAISI, { name: 'Kutaisi', status: 'active', contact: { name: 'Nino', email: 'nino@kutaisi.example' }, networks: ['eu4culture'], memberships: { eu4culture: membership.kutaisi ?? 'approved' } }],
    ]),
  );

describe('a member taken out of a network, or approved again', () => {
  it('is told once, in its language, that its membership ended, naming the network and nobody else', async () => {
    const { sent, records, deliver } = setup();
    expect(await deliver(ended(LVIV, 3))).toEqual({ batchItemFailures: [] });
    expect(sent.map((s) => [s.to, s.mail.subject])).toEqual([['oksana@lviv.example', 'CultureBridge · EU4Culture: профіль «Lviv» більше не учасник мережі']]);
    const mail = sent[0]?.mail as Mail;
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('Oksana');
      expect(part).toContain('EU4Culture');
      expect(part).toContain(`https://app.example.org/#/profiles/${LVIV}`);
      expect(part).not.toContain('Kutaisi');
    }
    expect(mail.html.startsWith('<!doctype html><html lang="uk">')).toBe(true);
    expect([...records.keys()]).toEqual([`membership:${LVIV}:eu4culture:v3:rejected:member`]);
    // Delivered again: nothing twice.
    await deliver(ended(LVIV, 3));
    expect(sent).toHaveLength(1);
  });

  it('is told, once, when approved again', async () => {
    const { sent, records, deliver } = setup({ kutaisi: 'approved' });
    await deliver(back(KUTAISI, 5));
    await deliver(back(KUTAISI, 5));
    expect(sent.map((s) => [s.to, s.mail.subject])).toEqual([['nino@kutaisi.example', 'CultureBridge · EU4Culture: Kutaisi is a member of the network']]);
    expect(sent[0]?.mail.text).toContain('Hello Nino,');
    expect(sent[0]?.mail.text).toContain('approved the membership of Kutaisi');
    expect([...records.keys()]).toEqual([`membership:${KUTAISI}:eu4culture:v5:approved:member`]);
  });

  it('mails nothing for a join request declined or approved, nor for an imported member confirming its profile', async () => {
    const { sent, deliver } = setup({ kutaisi: 'approved' });
    await deliver(ended(LVIV, 2, 'requested'));
    await deliver(back(KUTAISI, 2, 'requested'));
    await deliver(back(KUTAISI, 2, 'none'));
    expect(sent).toEqual([]);
  });

  it('mails nothing about a membership that changed again since: the later event tells', async () => {
    // Taken out and approved again at once: the removal's event comes after the approval.
    const { sent, deliver } = setup({ lviv: 'approved' });
    await deliver(ended(LVIV, 3));
    expect(sent).toEqual([]);
    const approvedSince = setup({ kutaisi: 'rejected' });
    await approvedSince.deliver(back(KUTAISI, 5));
    expect(approvedSince.sent).toEqual([]);
  });

  it('mails nothing to a profile that is not active (its new address unconfirmed) or was erased', async () => {
    const { sent, deliver } = setup({ lvivStatus: 'pending' });
    await deliver(ended(LVIV, 3));
    await deliver(ended('33333333-3333-4333-8333-333333333333', 3));
    expect(sent).toEqual([]);
  });
});
