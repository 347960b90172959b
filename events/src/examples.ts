import type { DetailType, EventDetail } from './index.js';

const profileId = '3f0e9a52-8c1d-4b8e-9a57-2c6f3d1e7b10';
const partnerId = '9b2d4c61-1e7f-4a3b-8d95-6e0c2a4f8d23';
const occurredAt = '2026-11-24T09:30:00.000Z';

const meta = (eventId: string, idempotencyKey: string) => ({
  eventId,
  schemaVersion: 1 as const,
  occurredAt,
  correlationId: `req-${eventId.slice(0, 8)}`,
  idempotencyKey,
});

const profile = {
  id: profileId,
  version: 2,
  status: 'active' as const,
  kind: 'city' as const,
  name: 'Kutaisi',
  country: 'GE',
  region: 'Imereti',
  networks: ['eu4culture'],
  themes: [
    { id: 'climate-environment' as const, priority: 'high' as const },
    { id: 'urban-regeneration' as const, priority: 'medium' as const },
  ],
  freeTags: ['public art festival'],
  formats: ['festival' as const],
  offers: ['venue' as const, 'audience' as const],
  needs: ['curatorial-support' as const],
  languages: ['ka', 'en'],
  fundingInstruments: ['eu4culture-grant' as const],
  availability: { from: '2027-03-01', to: '2027-10-31' },
  openToOutsideNetwork: true,
  description: 'Public art festival in the old town; looking for curators.',
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: occurredAt,
};

const match = (state: EventDetail<'MatchProposed'>['data']['state'], acceptedBy: string[], version: number) => ({
  matchId: `${profileId}|${partnerId}`,
  profileIds: [profileId, partnerId] as [string, string],
  state,
  acceptedBy,
  score: 0.7421,
  summary: 'Both give Climate and environment high priority; Kutaisi offers a venue, Gyumri needs one; shared language: English.',
  reasons: [
    { kind: 'shared-theme', themeId: 'climate-environment', priorities: ['high', 'high'] },
    { kind: 'offers', from: profileId, to: partnerId, resource: 'venue' },
    { kind: 'shared-language', languages: ['en'] },
  ],
  sharedNetworks: ['eu4culture'],
  version,
});

const meetingId = '5e7c1a90-3b2d-4f6e-8a1c-0d9e8f7a6b54';
const thirdId = 'c4a8e2f1-7b3d-4c9e-a5f0-1b2c3d4e5f60';
const fourthId = 'd5b9f3a2-8c4e-4daf-b6a1-2c3d4e5f6a71';
const meeting = (version: number, changed: boolean) => ({
  meetingId,
  networkId: 'eu4culture',
  name: 'EU4Culture network meeting, Kutaisi: speed dating',
  version,
  date: '2027-05-12',
  startTime: '10:00',
  timeZone: 'Asia/Tbilisi',
  slotMinutes: 12,
  breakMinutes: 3,
  tables: 2,
  participantIds: changed ? [profileId, partnerId, thirdId] : [profileId, partnerId, thirdId, fourthId],
  rounds: [
    {
      round: 1,
      startsAt: '2027-05-12T06:00:00.000Z',
      endsAt: '2027-05-12T06:12:00.000Z',
      meetings: [
        { table: 1, profileIds: [profileId, partnerId] as [string, string], requested: true },
        { table: 2, profileIds: [thirdId, fourthId] as [string, string], requested: false },
      ],
      byes: [],
    },
    {
      round: 2,
      startsAt: '2027-05-12T06:15:00.000Z',
      endsAt: '2027-05-12T06:27:00.000Z',
      meetings: [{ table: 1, profileIds: changed ? ([profileId, thirdId] as [string, string]) : ([profileId, fourthId] as [string, string]), requested: false }],
      byes: changed ? [partnerId] : [],
    },
  ],
});

/** One example detail per event: published in events/examples/ and checked against the schemas. */
export const EXAMPLE_DETAILS: { [T in DetailType]: EventDetail<T> } = {
  ProfileSubmitted: {
    metadata: meta('0b8f5e2a-4c1d-4e6b-9f3a-1d2c3b4a5e60', `PROFILE#${profileId}#v1`),
    data: { profile: { ...profile, version: 1, updatedAt: profile.createdAt } },
  },
  ProfileUpdated: {
    metadata: meta('1c9f6e3b-5d2e-4f7c-8a4b-2e3d4c5b6f71', `PROFILE#${profileId}#v2`),
    data: { profile, changedFields: ['availability', 'description'] },
  },
  ProfileWithdrawn: {
    metadata: meta('2d0a7f4c-6e3f-4a8d-9b5c-3f4e5d6c7a82', `PROFILE#${profileId}#v2#withdrawn`),
    data: { profileId, networks: profile.networks },
  },
  MatchProposed: {
    metadata: meta('3e1b8a5d-7f4a-4b9e-8c6d-4a5f6e7d8b93', `MATCH#${profileId}|${partnerId}#v1`),
    data: match('proposed', [], 1),
  },
  MatchAccepted: {
    metadata: meta('4f2c9b6e-8a5b-4c0f-9d7e-5b6a7f8e9ca4', `MATCH#${profileId}|${partnerId}#v2`),
    data: match('accepted', [profileId], 2),
  },
  MatchDeclined: {
    metadata: meta('5a3d0c7f-9b6c-4d1a-8e8f-6c7b8a9f0db5', `MATCH#${profileId}|${partnerId}#v2`),
    data: match('declined', [], 2),
  },
  MatchConfirmed: {
    metadata: meta('6b4e1d8a-0c7d-4e2b-9f9a-7d8c9b0a1ec6', `MATCH#${profileId}|${partnerId}#v3`),
    data: match('confirmed', [profileId, partnerId], 3),
  },
  MatchWithdrawn: {
    metadata: meta('7c5f2e9b-1d8e-4f3c-8a0b-8e9d0c1b2fd7', `MATCH#${profileId}|${partnerId}#v2`),
    data: match('withdrawn', [], 2),
  },
  MatchExpired: {
    metadata: meta('9e7b4a1d-3f0a-4b5e-8c2d-0a1f2e3d4bf9', `MATCH#${profileId}|${partnerId}#v3`),
    data: match('expired', [profileId], 3),
  },
  CoordinatorNotified: {
    metadata: meta('8d6a3f0c-2e9f-4a4d-9b1c-9f0e1d2c3ae8', `NOTIFY#${profileId}|${partnerId}#coordinator#immediate`),
    data: {
      notificationId: `${profileId}|${partnerId}#coordinator:eu4culture#immediate`,
      matchId: `${profileId}|${partnerId}`,
      recipientRole: 'coordinator',
      networkId: 'eu4culture',
      kind: 'immediate',
      sentAt: occurredAt,
    },
  },
  MeetingPlanned: {
    metadata: meta('9e7b4a1d-3f0a-4b5e-8c2d-0a1f2e3d4bf9', `MEETING#${meetingId}#v1`),
    data: meeting(1, false),
  },
  MeetingChanged: {
    metadata: meta('af8c5b2e-4a1b-4c6f-9d3e-1b2a3f4e5c0a', `MEETING#${meetingId}#v2`),
    data: { ...meeting(2, true), changedFields: ['participants', 'schedule'], removedParticipantIds: [fourthId], addedParticipantIds: [], rescheduledParticipantIds: [profileId, partnerId, thirdId] },
  },
  MeetingCancelled: {
    metadata: meta('b09d6c3f-5b2c-4d7a-8e4f-2c3b4a5f6d1b', `MEETING#${meetingId}#v3`),
    data: { ...meeting(3, true), cancelledAt: '2026-11-30T09:00:00.000Z' },
  },
  MembershipRequested: {
    metadata: meta('5c1d2e3f-6a7b-4c8d-9e0f-1a2b3c4d5e61', `MEMBERSHIP#${profileId}#eu4culture#requested#v1`),
    data: { profileId, networkId: 'eu4culture', status: 'requested', profileVersion: 1, statusVersion: 1 },
  },
  MembershipApproved: {
    metadata: meta('6d2e3f4a-7b8c-4d9e-8f0a-2b3c4d5e6f72', `MEMBERSHIP#${profileId}#eu4culture#approved#v2`),
    data: { profileId, networkId: 'eu4culture', status: 'approved', previousStatus: 'requested', profileVersion: 2, statusVersion: 2 },
  },
  MembershipRejected: {
    metadata: meta('b09d6c3f-5b2c-4d7a-8e4f-2c3b4a5f6d1b', `MEMBERSHIP#${profileId}#eunic-caucasus-central-asia#rejected#v2`),
    data: { profileId, networkId: 'eunic-caucasus-central-asia', status: 'rejected', previousStatus: 'approved', profileVersion: 2, statusVersion: 2 },
  },
  MembershipEnded: {
    metadata: meta('c1ae7d4a-6c3d-4e8b-9f5a-3d4c5b6a7e2c', `MEMBERSHIP#${profileId}#eu4culture#ended#v3`),
    data: { profileId, networkId: 'eu4culture', status: 'approved', profileVersion: 3, statusVersion: 2 },
  },
};
