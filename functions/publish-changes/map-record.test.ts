import { describe, expect, it } from 'vitest';
import { ProfileInput, type Meeting, type Profile } from '@culturebridge/domain';
import { storedMeetingFixture, validProfileInput } from '@culturebridge/domain/test-fixtures';
import { EVENT_SCHEMAS } from '@culturebridge/events';
import { ENTITY, coordinatorAddressItem, keys, matchItems, meetingItem, membershipItems, profileAddressItem, profileItem, type MatchItem } from '@culturebridge/store';
import { mapRecord } from './map-record.js';
import { streamRecord } from './stream-records.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

function profile(overrides: Partial<Profile> = {}): Profile {
  return {
    ...ProfileInput.parse(validProfileInput()),
    id: A,
    version: 1,
    status: 'active',
    createdAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
    ...overrides,
  };
}

function match(state: MatchItem['state'], version: number, acceptedBy: string[] = []) {
  return matchItems({
    matchId: `${A}|${B}`,
    profileIds: [A, B],
    state,
    acceptedBy,
    score: 0.7,
    summary: 'Both give Youth high priority.',
    reasons: [{ kind: 'shared-theme', themeId: 'youth' }],
    sharedNetworks: ['eu4culture'],
    version,
    proposedAt: '2026-11-24T10:00:00.000Z',
    updatedAt: `2026-11-24T10:0${version}:00.000Z`,
  });
}

describe('mapping stream records to events', () => {
  it('maps a new profile to ProfileSubmitted without the contact', () => {
    const event = mapRecord(streamRecord('INSERT', { after: profileItem(profile()) }));
    expect(event?.detailType).toBe('ProfileSubmitted');
    expect(event?.source).toBe('culturebridge.profiles');
    expect(JSON.stringify(event)).not.toContain('kutaisi.example');
    expect(JSON.stringify(event)).not.toContain('Nino');
    expect(event?.detail.metadata).toMatchObject({ idempotencyKey: `PROFILE#${A}#v1`, schemaVersion: 1 });
    expect(EVENT_SCHEMAS.ProfileSubmitted.parse(event?.detail).data.profile.name).toBe('Kutaisi');
  });

  it('publishes nothing about a profile its contact has not confirmed; confirming it is its ProfileSubmitted', () => {
    // Consent comes from the member (#12, #19): an unconfirmed or imported profile is not shown to partner systems.
    const pending = profileItem(profile({ status: 'pending' }));
    expect(mapRecord(streamRecord('INSERT', { after: pending }))).toBeUndefined();
    const edited = profileItem(profile({ status: 'pending', version: 2, description: 'Changed before confirming.' }));
    expect(mapRecord(streamRecord('MODIFY', { before: pending, after: edited }))).toBeUndefined();

    const confirmed = profileItem(profile({ status: 'active', version: 3, updatedAt: '2026-11-25T00:00:00.000Z' }));
    const event = mapRecord(streamRecord('MODIFY', { before: edited, after: confirmed }));
    expect(event?.detailType).toBe('ProfileSubmitted');
    expect(event?.detail.metadata.idempotencyKey).toBe(`PROFILE#${A}#v3`);
    expect(EVENT_SCHEMAS.ProfileSubmitted.parse(event?.detail).data.profile.status).toBe('active');

    // Confirmed, then pending again (its contact address changed): matching must hear of it.
    const repending = profileItem(profile({ status: 'pending', version: 4 }));
    const update = mapRecord(streamRecord('MODIFY', { before: confirmed, after: repending }));
    expect(update?.detailType).toBe('ProfileUpdated');
    expect((update?.detail.data as { changedFields: string[] }).changedFields).toContain('status');
  });

  it('maps a business change to ProfileUpdated listing the changed fields', () => {
    const before = profileItem(profile());
    const after = profileItem(profile({ version: 2, updatedAt: '2026-11-25T00:00:00.000Z', themes: [{ id: 'youth', priority: 'high' }], needs: ['venue'] }));
    const event = mapRecord(streamRecord('MODIFY', { before, after }));
    expect(event?.detailType).toBe('ProfileUpdated');
    expect((event?.detail.data as { changedFields: string[] }).changedFields).toEqual(['themes', 'needs']);
    expect(event?.detail.metadata.idempotencyKey).toBe(`PROFILE#${A}#v2`);
  });

  it('emits nothing when only bookkeeping or the (private) contact\'s name changed', () => {
    const before = profileItem(profile());
    const touched = profileItem(profile({ version: 2, updatedAt: '2026-11-25T00:00:00.000Z', contact: { ...profile().contact, name: 'New Person' } }));
    expect(mapRecord(streamRecord('MODIFY', { before, after: touched }))).toBeUndefined();
  });

  it('maps a confirmed move to another contact address to ProfileUpdated naming `contact`, without the contact', () => {
    const before = profileItem(profile());
    const moved = profileItem(profile({ version: 2, updatedAt: '2026-11-25T00:00:00.000Z', contact: { name: 'New Person', email: 'new@kutaisi.example' } }));
    const event = mapRecord(streamRecord('MODIFY', { before, after: moved }));
    expect(event?.detailType).toBe('ProfileUpdated');
    expect((event?.detail.data as { changedFields: string[] }).changedFields).toEqual(['contact']);
    expect(JSON.stringify(event)).not.toMatch(/new@kutaisi|New Person|@/);
    // The same address in another case is the same owner: nothing to publish.
    const recased = profileItem(profile({ version: 2, contact: { ...profile().contact, email: profile().contact.email.toUpperCase() } }));
    expect(mapRecord(streamRecord('MODIFY', { before, after: recased }))).toBeUndefined();
  });

  it('never puts the member\'s language in an event, and a change of language alone publishes nothing', () => {
    const before = profileItem(profile({ locale: 'hy' }));
    const submitted = mapRecord(streamRecord('INSERT', { after: before }));
    expect(submitted?.detailType).toBe('ProfileSubmitted');
    expect(JSON.stringify(submitted)).not.toContain('locale');
    expect(JSON.stringify(submitted)).not.toContain('"hy"');
    const after = profileItem(profile({ locale: 'az', version: 2, updatedAt: '2026-11-25T00:00:00.000Z' }));
    expect(mapRecord(streamRecord('MODIFY', { before, after }))).toBeUndefined();
    const updated = mapRecord(streamRecord('MODIFY', { before, after: profileItem(profile({ locale: 'az', needs: ['venue'], version: 3 })) }));
    expect(updated?.detailType).toBe('ProfileUpdated');
    expect(JSON.stringify(updated)).not.toContain('locale');
    expect((updated?.detail.data as { changedFields: string[] }).changedFields).toEqual(['needs']);
  });

  it('maps erasure to ProfileWithdrawn carrying the id and its networks only', () => {
    const withdrawn = profile({ version: 3 });
    const event = mapRecord(streamRecord('REMOVE', { before: profileItem(withdrawn) }));
    expect(event?.detailType).toBe('ProfileWithdrawn');
    expect(event?.detail.data).toEqual({ profileId: A, networks: withdrawn.networks });
  });

  it('publishes a membership when it is asked for, approved, rejected and ended; never a rewrite or the open scope', () => {
    const requested = profile({ memberships: { eu4culture: 'requested' } });
    const approved = profile({ version: 2, memberships: { eu4culture: 'approved' } });
    const rejected = profile({ version: 3, memberships: { eu4culture: 'rejected' } });
    const [asked] = membershipItems(requested);
    const [yes, open] = membershipItems(approved);
    const [no] = membershipItems(rejected);
    const inserted = mapRecord(streamRecord('INSERT', { after: asked }));
    expect(inserted?.detailType).toBe('MembershipRequested');
    expect(inserted?.detail.data).toEqual({ profileId: A, networkId: 'eu4culture', status: 'requested', profileVersion: 1, statusVersion: 1 });
    expect(mapRecord(streamRecord('MODIFY', { before: asked, after: yes }))?.detailType).toBe('MembershipApproved');
    expect(mapRecord(streamRecord('MODIFY', { before: yes, after: no }))?.detailType).toBe('MembershipRejected');
    expect(mapRecord(streamRecord('REMOVE', { before: yes }))?.detail.data).toEqual({ profileId: A, networkId: 'eu4culture', status: 'approved', profileVersion: 2, statusVersion: 2 });
    // A profile edit rewrites the item's matching view with the same status: nothing to tell.
    expect(mapRecord(streamRecord('MODIFY', { before: yes, after: membershipItems(profile({ version: 4, memberships: { eu4culture: 'approved' } }))[0] }))).toBeUndefined();
    expect(open?.SK).toBe('NETWORK#~open');
    expect(mapRecord(streamRecord('INSERT', { after: open }))).toBeUndefined();
    // An item stored before memberships were approved has no status: it was, and stays, approved.
    const { membershipStatus: _s, profileVersion: _v, ...legacy } = yes as Record<string, unknown>;
    expect(mapRecord(streamRecord('MODIFY', { before: legacy, after: yes }))).toBeUndefined();
    for (const event of [inserted]) expect(JSON.stringify(event)).not.toContain('kutaisi.example');
  });

  it('says what a membership was before a coordinator changed it, so a removal is told apart from a declined request and an approval from one after a removal', () => {
    const [asked] = membershipItems(profile({ memberships: { eu4culture: 'requested' } }));
    const [yes] = membershipItems(profile({ version: 2, memberships: { eu4culture: 'approved' } }));
    const [no] = membershipItems(profile({ version: 3, memberships: { eu4culture: 'rejected' } }));
    const [again] = membershipItems(profile({ version: 4, memberships: { eu4culture: 'approved' } }));
    const data = (before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined) => mapRecord(streamRecord(before ? 'MODIFY' : 'INSERT', { before, after }))?.detail.data;
    expect(data(asked, yes)).toEqual({ profileId: A, networkId: 'eu4culture', status: 'approved', previousStatus: 'requested', profileVersion: 2, statusVersion: 2 });
    expect(data(yes, no)).toEqual({ profileId: A, networkId: 'eu4culture', status: 'rejected', previousStatus: 'approved', profileVersion: 3, statusVersion: 3 });
    expect(data(asked, no)).toMatchObject({ status: 'rejected', previousStatus: 'requested' });
    expect(data(no, again)).toEqual({ profileId: A, networkId: 'eu4culture', status: 'approved', previousStatus: 'rejected', profileVersion: 4, statusVersion: 4 });
    // A new membership had none; an ended one says its last status only.
    expect(data(undefined, asked)).not.toHaveProperty('previousStatus');
    expect(mapRecord(streamRecord('REMOVE', { before: no }))?.detail.data).not.toHaveProperty('previousStatus');
  });

  it('dates a membership event at the instant of the change that wrote it, not the stream record\'s rounded time', () => {
    const asked = membershipItems(profile({ memberships: { eu4culture: 'requested' }, updatedAt: '2026-11-30T10:15:41.017Z' }))[0];
    const yes = membershipItems(profile({ version: 2, memberships: { eu4culture: 'approved' }, updatedAt: '2026-11-30T10:15:42.123Z' }))[0];
    expect(mapRecord(streamRecord('INSERT', { after: asked }))?.detail.metadata.occurredAt).toBe('2026-11-30T10:15:41.017Z');
    expect(mapRecord(streamRecord('MODIFY', { before: asked, after: yes }))?.detail.metadata.occurredAt).toBe('2026-11-30T10:15:42.123Z');
    // An item written before memberships carried the instant: the stream record's time, as before.
    const { updatedAt: _u, ...legacy } = yes as Record<string, unknown>;
    expect(mapRecord(streamRecord('MODIFY', { before: asked, after: legacy }))?.detail.metadata.occurredAt).toBe(new Date(1795000000 * 1000).toISOString());
    // A removal happened after the removed item's last change: the record's time (2026-11-18T11:06:40Z
    // in these records), but never before that change.
    const older = membershipItems(profile({ memberships: { eu4culture: 'approved' }, updatedAt: '2026-11-02T08:00:00.000Z' }))[0];
    expect(mapRecord(streamRecord('REMOVE', { before: older }))?.detail.metadata.occurredAt).toBe('2026-11-18T11:06:40.000Z');
    expect(mapRecord(streamRecord('REMOVE', { before: yes }))?.detail.metadata.occurredAt).toBe('2026-11-30T10:15:42.123Z');
  });

  it('publishes no membership of an unconfirmed profile (an imported member, a form sent without signing in) until its contact confirms it', () => {
    const [imported] = membershipItems(profile({ status: 'pending', memberships: { eu4culture: 'approved' } }));
    expect(mapRecord(streamRecord('INSERT', { after: imported }))).toBeUndefined();
    const [confirmed] = membershipItems(profile({ status: 'active', version: 2, memberships: { eu4culture: 'approved' } }));
    const event = mapRecord(streamRecord('MODIFY', { before: imported, after: confirmed }));
    expect(event?.detailType).toBe('MembershipApproved');
    expect(event?.detail.data).toEqual({ profileId: A, networkId: 'eu4culture', status: 'approved', profileVersion: 2, statusVersion: 2 });
  });

  it('publishes a membership changed while its profile waited for a new address, once confirmed, from the status last published', () => {
    // A member taken out while its new address waited for confirmation was published, on
    // confirmation, without previousStatus: notify could not tell it from a first membership.
    const [yes] = membershipItems(profile({ version: 2, memberships: { eu4culture: 'approved' } }));
    const [waiting] = membershipItems(profile({ version: 3, status: 'pending', memberships: { eu4culture: 'approved' } }), [yes as Record<string, unknown>]);
    const [outWhileWaiting] = membershipItems(profile({ version: 4, status: 'pending', memberships: { eu4culture: 'rejected' } }), [waiting as Record<string, unknown>]);
    const [editedWhileWaiting] = membershipItems(profile({ version: 5, status: 'pending', memberships: { eu4culture: 'rejected' } }), [outWhileWaiting as Record<string, unknown>]);
    expect(mapRecord(streamRecord('MODIFY', { before: yes, after: waiting }))).toBeUndefined();
    expect(mapRecord(streamRecord('MODIFY', { before: waiting, after: outWhileWaiting }))).toBeUndefined();
    const [confirmed] = membershipItems(profile({ version: 6, status: 'active', memberships: { eu4culture: 'rejected' } }), [editedWhileWaiting as Record<string, unknown>]);
    const event = mapRecord(streamRecord('MODIFY', { before: editedWhileWaiting, after: confirmed }));
    expect(event?.detailType).toBe('MembershipRejected');
    // statusVersion: the version at which it was taken out, not the confirmation's.
    expect(event?.detail.data).toEqual({ profileId: A, networkId: 'eu4culture', status: 'rejected', previousStatus: 'approved', profileVersion: 6, statusVersion: 4 });

    // Taken out and brought back while waiting: it stands as last published, so no previousStatus
    // says it changed, and its statusVersion says it is not the approval published at version 2.
    const [backWhileWaiting] = membershipItems(profile({ version: 5, status: 'pending', memberships: { eu4culture: 'approved' } }), [outWhileWaiting as Record<string, unknown>]);
    const [confirmedBack] = membershipItems(profile({ version: 6, status: 'active', memberships: { eu4culture: 'approved' } }), [backWhileWaiting as Record<string, unknown>]);
    expect(mapRecord(streamRecord('MODIFY', { before: backWhileWaiting, after: confirmedBack }))?.detail.data).toEqual({ profileId: A, networkId: 'eu4culture', status: 'approved', profileVersion: 6, statusVersion: 5 });
    // A profile edit that leaves the status keeps the version it took it at.
    const [edited] = membershipItems(profile({ version: 7, memberships: { eu4culture: 'rejected' } }), [confirmed as Record<string, unknown>]);
    expect((edited as Record<string, unknown>).statusVersion).toBe(4);
  });

  it('states again, on confirmation of a new address, the transition that stands, with the status it came from', () => {
    // Taken out while confirmed (published), then a new address before notify told it: the
    // confirmation's event is the only one left to tell it, so it says what the removal was.
    const [yes] = membershipItems(profile({ version: 2, memberships: { eu4culture: 'approved' } }));
    const [no] = membershipItems(profile({ version: 3, memberships: { eu4culture: 'rejected' } }), [yes as Record<string, unknown>]);
    const [waiting] = membershipItems(profile({ version: 4, status: 'pending', memberships: { eu4culture: 'rejected' } }), [no as Record<string, unknown>]);
    const [confirmed] = membershipItems(profile({ version: 5, memberships: { eu4culture: 'rejected' } }), [waiting as Record<string, unknown>]);
    expect(mapRecord(streamRecord('MODIFY', { before: yes, after: no }))?.detail.data).toEqual({ profileId: A, networkId: 'eu4culture', status: 'rejected', previousStatus: 'approved', profileVersion: 3, statusVersion: 3 });
    expect(mapRecord(streamRecord('MODIFY', { before: waiting, after: confirmed }))?.detail.data).toEqual({ profileId: A, networkId: 'eu4culture', status: 'rejected', previousStatus: 'approved', profileVersion: 5, statusVersion: 3 });
    // A join request still unanswered, its profile confirmed again: nothing it came from.
    const [asked] = membershipItems(profile({ memberships: { eu4culture: 'requested' } }));
    const [askedWaiting] = membershipItems(profile({ version: 2, status: 'pending', memberships: { eu4culture: 'requested' } }), [asked as Record<string, unknown>]);
    const [askedConfirmed] = membershipItems(profile({ version: 3, memberships: { eu4culture: 'requested' } }), [askedWaiting as Record<string, unknown>]);
    expect(mapRecord(streamRecord('MODIFY', { before: askedWaiting, after: askedConfirmed }))?.detail.data).toEqual({ profileId: A, networkId: 'eu4culture', status: 'requested', profileVersion: 3, statusVersion: 1 });
  });

  it('publishes nothing for sign-in bookkeeping (tokens, address items, rate counters, sessions), coordinators, partners, webhook delivery records, kept webhook events, network match projections and what members were told of their memberships and meetings', () => {
    const items = [
      { ...keys.token('f'.repeat(64)), entity: ENTITY.token, addressHash: 'a'.repeat(64), purpose: 'sign-in', expiresAt: 1 },
      profileAddressItem('culture@kutaisi.example', A),
      coordinatorAddressItem('coordinator@eu4culture.example', 'eu4culture', B),
      { ...keys.rateCounter('perAddress', 'a'.repeat(64), 0), entity: ENTITY.rateCounter, hits: 3, expiresAt: 900 },
      { ...keys.session('e'.repeat(64)), entity: ENTITY.session, id: 'e'.repeat(64), addressHash: 'a'.repeat(64), createdAt: 1, idleExpiresAt: 2, absoluteExpiresAt: 3, expiresAt: 2 },
      { ...keys.coordinator('eu4culture', B), entity: ENTITY.coordinator, id: B, networkId: 'eu4culture', name: 'C', email: 'coordinator@eu4culture.example', locale: 'ru' },
      { ...keys.partner(B), entity: ENTITY.partner, id: B, name: 'Grant system', contact: 'ops@funder.example', status: 'enabled', webhook: { url: 'https://funder.example/h', secrets: [{ secret: 'whsec_x', createdAt: '2026-11-30T00:00:00Z' }] } },
      { ...keys.deliveryAttempt(B, '2026-11-30T00:00:00.000Z', A, 1), entity: ENTITY.deliveryAttempt, partnerId: B, eventId: A, attempt: 1, outcome: 'failed', status: 500 },
      { ...keys.webhookEvent('2026-11-30', '2026-11-30T00:00:00Z', A), entity: ENTITY.webhookEvent, event: { id: A } },
      { ...keys.networkMatches('eu4culture', A), entity: ENTITY.networkMatch, [keys.networkMatchAttribute(B)]: '["p",0.5,"",1,"t0","t0","shared-theme:music"]' },
      { ...keys.membershipTold(A, 'eu4culture'), entity: ENTITY.membershipTold, toldStatus: 'rejected', toldStatusVersion: 3, holder: B, heldUntil: '2026-11-30T00:05:00.000Z' },
      { ...keys.meetingTold(B, A), entity: ENTITY.meetingTold, toldStatus: 'out', toldStatusVersion: 4, holder: B, heldUntil: '2026-11-30T00:05:00.000Z' },
    ];
    for (const item of items) {
      for (const change of ['INSERT', 'MODIFY', 'REMOVE'] as const) {
        const images = change === 'REMOVE' ? { before: item } : change === 'MODIFY' ? { before: item, after: item } : { after: item };
        expect(mapRecord(streamRecord(change, images)), `${String(item.entity)} ${change}`).toBeUndefined();
      }
    }
  });

  it('publishes each match state change once, from the copy owned by the lower id', () => {
    const [published, mirror] = match('proposed', 1);
    expect(mapRecord(streamRecord('INSERT', { after: published }))?.detailType).toBe('MatchProposed');
    expect(mapRecord(streamRecord('INSERT', { after: mirror }))).toBeUndefined();

    const transitions: [MatchItem['state'], string][] = [
      ['accepted', 'MatchAccepted'],
      ['confirmed', 'MatchConfirmed'],
      ['declined', 'MatchDeclined'],
      ['withdrawn', 'MatchWithdrawn'],
    ];
    for (const [state, detailType] of transitions) {
      const event = mapRecord(streamRecord('MODIFY', { before: match('proposed', 1)[0], after: match(state, 2, state === 'accepted' ? [A] : [])[0] }));
      expect(event?.detailType).toBe(detailType);
      expect(event?.detail.metadata.idempotencyKey).toBe(`MATCH#${A}|${B}#v2`);
    }
  });

  it('emits nothing for a match rewritten in the same state, and MatchWithdrawn when a live match is erased', () => {
    expect(mapRecord(streamRecord('MODIFY', { before: match('proposed', 1)[0], after: { ...match('proposed', 2)[0], score: 0.8 } }))).toBeUndefined();
    const removed = mapRecord(streamRecord('REMOVE', { before: match('accepted', 2, [B])[0] }));
    expect(removed?.detailType).toBe('MatchWithdrawn');
    expect((removed?.detail.data as { state: string }).state).toBe('withdrawn');
    expect(mapRecord(streamRecord('REMOVE', { before: match('declined', 2)[0] }))).toBeUndefined();
  });

  const notification = (status: 'claimed' | 'sent') => ({
    ...keys.notification('n1'),
    entity: 'Notification',
    notificationId: `match:${A}|${B}:v1:proposed:coordinator:c1:immediate`,
    matchId: `${A}|${B}`,
    recipientRole: 'coordinator',
    recipientId: 'c1',
    networkId: 'eu4culture',
    kind: 'immediate',
    status,
    ...(status === 'sent' ? { sentAt: '2026-11-24T10:00:00.000Z' } : { claimToken: 't', claimedUntil: '2026-11-24T10:05:00.000Z' }),
  });

  it('maps a notification that became sent to CoordinatorNotified without any address', () => {
    const event = mapRecord(streamRecord('MODIFY', { before: notification('claimed'), after: notification('sent') }));
    expect(event?.detailType).toBe('CoordinatorNotified');
    expect(event?.source).toBe('culturebridge.notifications');
    expect(event?.detail.data).toEqual({
      notificationId: `match:${A}|${B}:v1:proposed:coordinator:c1:immediate`,
      matchId: `${A}|${B}`,
      recipientRole: 'coordinator',
      networkId: 'eu4culture',
      kind: 'immediate',
      sentAt: '2026-11-24T10:00:00.000Z',
    });
    expect(event?.detail.metadata.occurredAt).toBe('2026-11-24T10:00:00.000Z');
    expect(JSON.stringify(event)).not.toContain('@');
    // Written as sent at once (no claim first): still one event.
    expect(mapRecord(streamRecord('INSERT', { after: notification('sent') }))?.detailType).toBe('CoordinatorNotified');
  });

  it('emits nothing for a claim, a released claim, or a sent record touched again', () => {
    expect(mapRecord(streamRecord('INSERT', { after: notification('claimed') }))).toBeUndefined();
    expect(mapRecord(streamRecord('MODIFY', { before: notification('claimed'), after: notification('claimed') }))).toBeUndefined();
    expect(mapRecord(streamRecord('REMOVE', { before: notification('claimed') }))).toBeUndefined();
    expect(mapRecord(streamRecord('MODIFY', { before: notification('sent'), after: notification('sent') }))).toBeUndefined();
    expect(mapRecord(streamRecord('REMOVE', { before: notification('sent') }))).toBeUndefined();
  });

  it('gives the same change the same event id every time it is mapped', () => {
    const record = streamRecord('INSERT', { after: profileItem(profile()) });
    expect(mapRecord(record)?.detail.metadata.eventId).toBe(mapRecord(record)?.detail.metadata.eventId);
  });

  it('throws on an item that cannot make a valid event, so the record is retried and dead-lettered, not published', () => {
    const broken = { ...profileItem(profile()), country: 'Atlantis' };
    expect(() => mapRecord(streamRecord('INSERT', { after: broken }))).toThrow();
  });
});

describe('meeting items', () => {
  const meeting = (version: number, participants: string[]): Meeting =>
    storedMeetingFixture(version, participants, {
      id: '33333333-3333-4333-8333-333333333333',
      schedule: [
        {
          round: 1,
          startsAt: '2099-05-12T06:00:00.000Z',
          endsAt: '2099-05-12T06:10:00.000Z',
          byes: [],
          meetings: [{ table: 1, profileIds: [A, B], requested: false, score: 0.7, reasons: [{ kind: 'offers', from: A, to: B, resource: 'venue' }], summary: 'Kutaisi offers a venue, Gyumri needs one' }],
        },
      ],
    });

  it('a new meeting is MeetingPlanned, carrying ids and times, not the reasons', () => {
    const event = mapRecord(streamRecord('INSERT', { after: meetingItem(meeting(1, [A, B])) }));
    expect(event?.detailType).toBe('MeetingPlanned');
    expect(event?.source).toBe('culturebridge.meetings');
    const detail = EVENT_SCHEMAS.MeetingPlanned.parse(event?.detail);
    expect(detail.data.rounds[0]?.meetings).toEqual([{ table: 1, profileIds: [A, B], requested: false }]);
    expect(detail.metadata.idempotencyKey).toBe('MEETING#33333333-3333-4333-8333-333333333333#v1');
    expect(JSON.stringify(event)).not.toContain('venue');
  });

  it('a new version is MeetingChanged with the changed fields; the same version again is nothing', () => {
    const before = meetingItem(meeting(1, [A, B]));
    const after = meetingItem({ ...meeting(2, [A, B]), name: 'Kutaisi speed dating, day 2' });
    const event = mapRecord(streamRecord('MODIFY', { before, after }));
    expect(event?.detailType).toBe('MeetingChanged');
    expect(EVENT_SCHEMAS.MeetingChanged.parse(event?.detail).data.changedFields).toEqual(['name']);
    expect(mapRecord(streamRecord('MODIFY', { before, after: before }))).toBeUndefined();
  });

  it('a version that takes participants out names them (removedParticipantIds), so they can be told; one that only adds names none', () => {
    const C = '44444444-4444-4444-8444-444444444444';
    const before = meetingItem(meeting(1, [A, B, C]));
    const without = mapRecord(streamRecord('MODIFY', { before, after: meetingItem(meeting(2, [A, B])) }));
    expect(without?.detailType).toBe('MeetingChanged');
    const data = EVENT_SCHEMAS.MeetingChanged.parse(without?.detail).data;
    expect(data.removedParticipantIds).toEqual([C]);
    expect(data.changedFields).toContain('participants');
    const added = mapRecord(streamRecord('MODIFY', { before: meetingItem(meeting(1, [A, B])), after: meetingItem(meeting(2, [A, B, C])) }));
    expect(EVENT_SCHEMAS.MeetingChanged.parse(added?.detail).data.removedParticipantIds).toEqual([]);
  });

  it('names who was added and whose own rounds (time, table, partner) or the meeting\'s name, day or start changed: nobody else is mailed a schedule again', () => {
    const C = '44444444-4444-4444-8444-444444444444';
    const before = meeting(1, [A, B]);
    const data = (after: Meeting) => EVENT_SCHEMAS.MeetingChanged.parse(mapRecord(streamRecord('MODIFY', { before: meetingItem(before), after: meetingItem(after) }))?.detail).data;
    // More tables, the same pairs at the same tables and times: nobody's schedule changed.
    expect(data({ ...before, version: 2, tables: 3 })).toMatchObject({ changedFields: ['tables'], addedParticipantIds: [], rescheduledParticipantIds: [] });
    // A new name reads in every schedule mail's first line.
    expect(data({ ...before, version: 2, name: 'Kutaisi speed dating, day 2' })).toMatchObject({ addedParticipantIds: [], rescheduledParticipantIds: [A, B] });
    // C joins and sits out round 1: C is added (a first schedule), A and B keep theirs.
    const joined = { ...before, version: 2, participants: [A, B, C], schedule: [{ ...(before.schedule[0] as Meeting['schedule'][number]), byes: [C] }] };
    expect(data(joined)).toMatchObject({ addedParticipantIds: [C], rescheduledParticipantIds: [] });
    // A moves to table 2: A and B, who meet there, are rescheduled.
    const moved = { ...before, version: 2, schedule: [{ ...(before.schedule[0] as Meeting['schedule'][number]), meetings: [{ ...(before.schedule[0]?.meetings[0] as Meeting['schedule'][number]['meetings'][number]), table: 2 }] }] };
    expect(data(moved)).toMatchObject({ rescheduledParticipantIds: [A, B] });
  });

  it('a member who left on their own (their profile erased: `departed`) is not named as taken out', () => {
    const C = '44444444-4444-4444-8444-444444444444';
    const before = meetingItem(meeting(1, [A, B, C]));
    const erased = mapRecord(streamRecord('MODIFY', { before, after: meetingItem({ ...meeting(2, [A, B]), departed: [C] }) }));
    expect(EVENT_SCHEMAS.MeetingChanged.parse(erased?.detail).data.removedParticipantIds).toEqual([]);
    expect(JSON.stringify(erased?.detail)).not.toContain('departed');
  });

  it('the version that cancels it is MeetingCancelled (not MeetingChanged), with when; nothing after it', () => {
    const before = meetingItem(meeting(1, [A, B]));
    const after = meetingItem({ ...meeting(2, [A, B]), cancelledAt: '2026-11-30T09:00:00.000Z' });
    const event = mapRecord(streamRecord('MODIFY', { before, after }));
    expect(event?.detailType).toBe('MeetingCancelled');
    expect(event?.source).toBe('culturebridge.meetings');
    const detail = EVENT_SCHEMAS.MeetingCancelled.parse(event?.detail);
    expect(detail.data).toMatchObject({ version: 2, cancelledAt: '2026-11-30T09:00:00.000Z', participantIds: [A, B] });
    expect(detail.metadata.idempotencyKey).toBe('MEETING#33333333-3333-4333-8333-333333333333#v2');
    expect(JSON.stringify(event)).not.toContain('venue');
    const later = meetingItem({ ...meeting(3, [A, B]), cancelledAt: '2026-11-30T09:00:00.000Z' });
    expect(mapRecord(streamRecord('MODIFY', { before: after, after: later }))).toBeUndefined();
  });
});
