import { describe, expect, it } from 'vitest';
import { exampleEvent } from '@culturebridge/events/artifacts';
import type { Mail } from '@culturebridge/domain';
import { membershipNotify, type MembershipPerson } from './notifications-test-support.js';

// A member the coordinator took out of the network learnt it from nothing: its matches there were
// withdrawn (never mailed), and the member page's "Approve again" told nobody either.

const LVIV = '11111111-1111-4111-8111-111111111111';
const KUTAISI = '22222222-2222-4222-8222-222222222222';

type Status = 'requested' | 'approved' | 'rejected';

function membershipEvent(type: 'MembershipRequested' | 'MembershipRejected' | 'MembershipApproved', profileId: string, status: Status, previousStatus: Status | undefined, statusVersion: number, profileVersion = statusVersion) {
  const example = exampleEvent(type).detail;
  return {
    source: 'culturebridge.memberships',
    'detail-type': type,
    detail: {
      metadata: { ...example.metadata, idempotencyKey: `MEMBERSHIP#${profileId}#eu4culture#${status}#v${profileVersion}` },
      data: { profileId, networkId: 'eu4culture', status, ...(previousStatus ? { previousStatus } : {}), profileVersion, statusVersion },
    },
  };
}

const ended = (profileId: string, version: number, previous: Status | 'none' = 'approved', profileVersion = version) =>
  membershipEvent('MembershipRejected', profileId, 'rejected', previous === 'none' ? undefined : previous, version, profileVersion);
const back = (profileId: string, version: number, previous: Status | 'none' = 'rejected') => membershipEvent('MembershipApproved', profileId, 'approved', previous === 'none' ? undefined : previous, version);
/** A network named (again): the member asks to join. */
const asked = (profileId: string, version: number) => membershipEvent('MembershipRequested', profileId, 'requested', undefined, version);
/** A join request approved: not mailed, but from then on the member knows it is a member. */
const joined = (profileId: string, version: number) => membershipEvent('MembershipApproved', profileId, 'approved', 'requested', version);

/** Lviv and Kutaisi with their EU4Culture membership as it stands (`[status, statusVersion]`); change `people` between deliveries. */
const setup = (membership: { lviv?: [Status, number]; kutaisi?: [Status, number]; lvivStatus?: string } = {}) => {
  const [lviv, lvivVersion] = membership.lviv ?? ['rejected', 3];
  const [kutaisi, kutaisiVersion] = membership.kutaisi ?? ['approved', 5];
  const people = new Map<string, MembershipPerson>([
    [LVIV, { name: 'Lviv', status: membership.lvivStatus ?? 'active', contact: { name: 'Oksana', email: 'oksana@lviv.example' }, locale: 'uk', networks: ['eu4culture', 'eunic-caucasus'], memberships: { eu4culture: lviv, 'eunic-caucasus': 'approved' }, statusVersions: { eu4culture: lvivVersion } }],
    [KUTAISI, { name: 'Kutaisi', status: 'active', contact: { name: 'Nino', email: 'nino@kutaisi.example' }, networks: ['eu4culture'], memberships: { eu4culture: kutaisi }, statusVersions: { eu4culture: kutaisiVersion } }],
  ]);
  /** The coordinator changes the membership: `status` from profile version `version` on. */
  const change = (id: string, status: Status, version: number) => {
    const person = people.get(id) as MembershipPerson;
    person.memberships.eu4culture = status;
    person.statusVersions.eu4culture = version;
  };
  return { ...membershipNotify(people), change, people };
};

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

  it('is told, once, when approved again after it was told it was taken out', async () => {
    const { sent, records, deliver, change } = setup({ kutaisi: ['rejected', 4] });
    await deliver(ended(KUTAISI, 4));
    change(KUTAISI, 'approved', 5);
    await deliver(back(KUTAISI, 5));
    await deliver(back(KUTAISI, 5));
    expect(sent.map((s) => [s.to, s.mail.subject])).toEqual([
      ['nino@kutaisi.example', 'CultureBridge · EU4Culture: Kutaisi is no longer a member of the network'],
      ['nino@kutaisi.example', 'CultureBridge · EU4Culture: Kutaisi is a member of the network'],
    ]);
    expect(sent[1]?.mail.text).toContain('Hello Nino,');
    expect(sent[1]?.mail.text).toContain('approved the membership of Kutaisi');
    expect([...records.keys()]).toEqual([`membership:${KUTAISI}:eu4culture:v4:rejected:member`, `membership:${KUTAISI}:eu4culture:v5:approved:member`]);
  });

  it('taken out (told by mail) and approved again, its item keeping the removal it undoes: is told it is a member again, not that a request was approved', async () => {
    const { sent, deliver, change, people } = setup({ kutaisi: ['rejected', 4] });
    await deliver(ended(KUTAISI, 4));
    change(KUTAISI, 'approved', 5);
    (people.get(KUTAISI) as MembershipPerson).previous = { eu4culture: { status: 'rejected', statusVersion: 4, at: '2026-11-29T10:00:00.000Z' } };
    await deliver(back(KUTAISI, 5));
    expect(sent.map((s) => s.mail.subject)).toEqual(['CultureBridge · EU4Culture: Kutaisi is no longer a member of the network', 'CultureBridge · EU4Culture: Kutaisi is a member of the network']);
  });

  it('a join request declined (not mailed; its page said so), then approved: is told plainly, once, that the request declined earlier is approved now', async () => {
    const { sent, records, deliver, change, people } = setup({ lviv: ['rejected', 2] });
    await deliver(ended(LVIV, 2, 'requested'));
    expect(sent).toEqual([]);
    change(LVIV, 'approved', 3);
    (people.get(LVIV) as MembershipPerson).previous = { eu4culture: { status: 'rejected', statusVersion: 2, at: '2026-11-29T10:00:00.000Z' } };
    await deliver(back(LVIV, 3));
    await deliver(back(LVIV, 3));
    expect(sent.map((s) => [s.to, s.mail.subject])).toEqual([['oksana@lviv.example', 'CultureBridge · EU4Culture: заявку профілю «Lviv» на вступ, раніше відхилену, тепер схвалено']]);
    expect(sent[0]?.mail.text).toContain('раніше було відхилено');
    expect([...records.keys()]).toEqual([`membership:${LVIV}:eu4culture:v3:approved:member`]);
  });

  it('taken out while its address was suppressed (no removal mail, no record of one), then approved again once lifted: is told it is a member, not that a request was approved', async () => {
    // It got "the request of Kutaisi to join, declined earlier, is now approved": no removal mail
    // recorded was taken for a decline.
    const { sent, suppressed, records, deliver, change, people } = setup({ kutaisi: ['rejected', 4] });
    suppressed.add('nino@kutaisi.example');
    await deliver(ended(KUTAISI, 4));
    expect(sent).toEqual([]);
    expect([...records.keys()]).toEqual([]);
    suppressed.delete('nino@kutaisi.example');
    change(KUTAISI, 'approved', 5);
    (people.get(KUTAISI) as MembershipPerson).previous = { eu4culture: { status: 'rejected', statusVersion: 4, at: '2026-11-29T10:00:00.000Z' } };
    await deliver(back(KUTAISI, 5));
    expect(sent.map((s) => s.mail.subject)).toEqual(['CultureBridge · EU4Culture: Kutaisi is a member of the network']);
  });

  it('taken out (told by mail) long ago, its mail record expired since while the last-told record lived on, then approved again: is told it is a member', async () => {
    const { sent, records, deliver, change, people } = setup({ kutaisi: ['rejected', 4] });
    await deliver(ended(KUTAISI, 4));
    // DynamoDB's TTL deleted the removal's mail record (NOTIFICATION_RECORD_DAYS after it).
    records.clear();
    change(KUTAISI, 'approved', 5);
    (people.get(KUTAISI) as MembershipPerson).previous = { eu4culture: { status: 'rejected', statusVersion: 4, at: '2025-10-26T10:00:00.000Z' } };
    await deliver(back(KUTAISI, 5));
    expect(sent.map((s) => s.mail.subject)).toEqual(['CultureBridge · EU4Culture: Kutaisi is no longer a member of the network', 'CultureBridge · EU4Culture: Kutaisi is a member of the network']);
  });

  it('mails nothing for a join request declined or approved, nor for an imported member confirming its profile', async () => {
    const { sent, deliver } = setup({ lviv: ['rejected', 2], kutaisi: ['approved', 2] });
    await deliver(ended(LVIV, 2, 'requested'));
    await deliver(joined(KUTAISI, 2));
    const imported = setup({ kutaisi: ['approved', 1] });
    await imported.deliver(back(KUTAISI, 1, 'none'));
    expect([...sent, ...imported.sent]).toEqual([]);
  });

  it('mails nothing about a membership that changed again since: the later event tells', async () => {
    // Taken out and approved again at once: the removal's event comes after the approval.
    const { sent, deliver } = setup({ lviv: ['approved', 4] });
    await deliver(ended(LVIV, 3));
    expect(sent).toEqual([]);
    const approvedSince = setup({ kutaisi: ['rejected', 6] });
    await approvedSince.deliver(back(KUTAISI, 5));
    expect(approvedSince.sent).toEqual([]);
  });

  it('mails nothing to a profile that is not active (its new address unconfirmed) or was erased', async () => {
    const { sent, deliver } = setup({ lvivStatus: 'pending' });
    await deliver(ended(LVIV, 3));
    await deliver(ended('33333333-3333-4333-8333-333333333333', 3));
    expect(sent).toEqual([]);
  });

  it('taken out, approved again and taken out again before notify caught up: is told once that its membership ended', async () => {
    // The first removal's event, handled late, and the second removal's both mailed "ended": two
    // mails for one removal the member could know of.
    const { sent, records, deliver, change } = setup({ lviv: ['approved', 2] });
    await deliver(joined(LVIV, 2));
    change(LVIV, 'rejected', 5);
    change(LVIV, 'approved', 6);
    change(LVIV, 'rejected', 7);
    for (const event of [ended(LVIV, 5), back(LVIV, 6), ended(LVIV, 7), ended(LVIV, 5), back(LVIV, 6), ended(LVIV, 7)]) expect(await deliver(event)).toEqual({ batchItemFailures: [] });
    expect(sent.map((s) => s.mail.subject)).toEqual(['CultureBridge · EU4Culture: профіль «Lviv» більше не учасник мережі']);
    expect([...records.keys()]).toEqual([`membership:${LVIV}:eu4culture:v7:rejected:member`]);
  });

  it('told of a removal, then approved again and taken out again before notify caught up: is told nothing more (it knows it is out)', async () => {
    const { sent, deliver, change } = setup({ lviv: ['rejected', 5] });
    await deliver(ended(LVIV, 5));
    change(LVIV, 'approved', 6);
    change(LVIV, 'rejected', 7);
    await deliver(ended(LVIV, 7));
    await deliver(back(LVIV, 6));
    expect(sent).toHaveLength(1);
  });

  it('taken out and brought back before the removal was told: is told nothing (nothing changed for it)', async () => {
    const { sent, deliver, change } = setup({ lviv: ['approved', 2] });
    await deliver(joined(LVIV, 2));
    change(LVIV, 'rejected', 5);
    change(LVIV, 'approved', 6);
    await deliver(back(LVIV, 6));
    await deliver(ended(LVIV, 5));
    // Never told anything of it either (the join request's event still in flight).
    const untold = setup({ kutaisi: ['approved', 6] });
    await untold.deliver(back(KUTAISI, 6));
    await untold.deliver(ended(KUTAISI, 5));
    expect([...sent, ...untold.sent]).toEqual([]);
  });

  it('taken out while its new address waited for confirmation: told once confirmed, by the event its confirmation publishes', async () => {
    // Published on confirmation (profile version 6) with the status last published before (approved)
    // and the version it was taken out at (4): the member is told, once.
    const { sent, records, deliver } = setup({ lviv: ['rejected', 4] });
    await deliver(ended(LVIV, 4, 'approved', 6));
    await deliver(ended(LVIV, 4, 'approved', 6));
    expect(sent).toHaveLength(1);
    expect([...records.keys()]).toEqual([`membership:${LVIV}:eu4culture:v4:rejected:member`]);
  });

  it('taken out, then waiting for a new address before the removal was told: told once the address confirms it', async () => {
    const { sent, deliver, people } = setup({ lvivStatus: 'pending', lviv: ['rejected', 3] });
    await deliver(ended(LVIV, 3));
    expect(sent).toEqual([]);
    (people.get(LVIV) as MembershipPerson).status = 'active';
    // The confirmation (profile version 5) states the removal again; the first event comes again too.
    await deliver(ended(LVIV, 3, 'approved', 5));
    await deliver(ended(LVIV, 3));
    expect(sent.map((s) => s.to)).toEqual(['oksana@lviv.example']);
  });

  it('taken out, then asking to join again: its request answered is not mailed, and a later removal is told again', async () => {
    const { sent, deliver, change } = setup({ lviv: ['rejected', 3] });
    await deliver(ended(LVIV, 3));
    // It dropped the network and named it again; approved, with the request's event handled first.
    change(LVIV, 'requested', 5);
    await deliver(asked(LVIV, 5));
    change(LVIV, 'approved', 6);
    await deliver(joined(LVIV, 6));
    change(LVIV, 'rejected', 7);
    await deliver(ended(LVIV, 7));
    expect(sent.map((s) => s.mail.subject)).toEqual(['CultureBridge · EU4Culture: профіль «Lviv» більше не учасник мережі', 'CultureBridge · EU4Culture: профіль «Lviv» більше не учасник мережі']);
    // The same with the request's event coming after the approval: no "a member again" either.
    const late = setup({ kutaisi: ['rejected', 3] });
    await late.deliver(ended(KUTAISI, 3));
    late.change(KUTAISI, 'approved', 6);
    await late.deliver(joined(KUTAISI, 6));
    await late.deliver(asked(KUTAISI, 5));
    expect(late.sent.map((s) => s.mail.subject)).toEqual(['CultureBridge · EU4Culture: Kutaisi is no longer a member of the network']);
  });

  it('a delivery that finds another one telling the same membership is retried, and then tells nothing twice', async () => {
    const { sent, told, deliver } = setup();
    told.set(`membership:${LVIV}:eu4culture`, { holder: 'another delivery' });
    // Its only record failed: the whole message goes back to the queue.
    await expect(deliver(ended(LVIV, 3))).rejects.toThrow(/All records failed/);
    expect(sent).toEqual([]);
    told.set(`membership:${LVIV}:eu4culture`, { standing: { status: 'rejected', statusVersion: 3 } });
    expect(await deliver(ended(LVIV, 3))).toEqual({ batchItemFailures: [] });
    expect(sent).toEqual([]);
  });

  it('an event published before statusVersion existed is told while its status holds, though the profile was saved since, under the id it had then', async () => {
    // Taken out at version 3 (the event's profileVersion); the item, saved since at version 4, gives 4.
    const { sent, records, deliver } = setup({ lviv: ['rejected', 4] });
    const legacy = ended(LVIV, 3);
    delete (legacy.detail.data as { statusVersion?: number }).statusVersion;
    expect(await deliver(legacy)).toEqual({ batchItemFailures: [] });
    expect(sent.map((s) => s.to)).toEqual(['oksana@lviv.example']);
    expect([...records.keys()]).toEqual([`membership:${LVIV}:eu4culture:v3:rejected:member`]);
    // The event of that save (if any) or a redelivery finds it told.
    await deliver(ended(LVIV, 4));
    await deliver(legacy);
    expect(sent).toHaveLength(1);
  });
});

describe('a member approved again with no record of what it was told', () => {
  // notify's clock in these tests is 2026-11-30T09:00:01Z.
  it('is told it is a member again when its removal is older than a record lives (its record expired), and nothing when the removal is recent and was never mailed (notify lagged)', async () => {
    // It was told nothing either way: with no record, a removal was taken as never heard of.
    const { sent, deliver, people } = setup({ lviv: ['approved', 9] });
    (people.get(LVIV) as MembershipPerson).previous = { eu4culture: { status: 'rejected', statusVersion: 5, at: '2025-10-01T10:00:00.000Z' } };
    expect(await deliver(back(LVIV, 9))).toEqual({ batchItemFailures: [] });
    expect(sent.map((s) => [s.to, s.mail.subject])).toEqual([['oksana@lviv.example', 'CultureBridge · EU4Culture: профіль «Lviv» — учасник мережі']]);

    const recent = setup({ kutaisi: ['approved', 9] });
    (recent.people.get(KUTAISI) as MembershipPerson).previous = { eu4culture: { status: 'rejected', statusVersion: 5, at: '2026-11-29T10:00:00.000Z' } };
    expect(await recent.deliver(back(KUTAISI, 9))).toEqual({ batchItemFailures: [] });
    expect(recent.sent).toEqual([]);
  });
});
