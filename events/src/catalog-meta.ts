import type { DetailType } from './names.js';

/** What the catalog says of each event: when it is emitted, and how its schema evolved. */
export const EVENT_DOCS: Record<DetailType, { emittedWhen: string; history: string[] }> = {
  ProfileSubmitted: {
    emittedWhen: 'A member submitted a new interest profile and its contact confirmed it (signed in, or opened the confirmation or invitation link). Nothing about a profile is published before: consent comes from the member. A change of contact address is not a ProfileSubmitted: the profile stays active while the new address is asked to confirm, and once it has, the move is a ProfileUpdated naming `contact` (without the contact).',
    history: ['v1 (2026-11-24): first version.', 'v1 (2026-11-30): no longer emitted for a profile its contact has not confirmed; emitted when it is confirmed (same schema).'],
  },
  ProfileUpdated: {
    emittedWhen: 'A member changed a business field of its profile (themes, offers, networks, …), or its new contact address confirmed a contact change (`changedFields` then names `contact`; the contact is not in the event). Saving without a change emits nothing.',
    history: ['v1 (2026-11-24): first version.', 'v1 (2026-11-30): `changedFields` may name `contact`: the profile moved to another contact address (additive; the contact itself stays out).'],
  },
  ProfileWithdrawn: {
    emittedWhen: 'A member withdrew its profile; all its data was erased. Carries the id and the networks it belonged to (so subscribers filtering by network see it).',
    history: ['v1 (2026-11-24): first version.', 'v1 (2026-11-30): optional `networks` added (additive).'],
  },
  MatchProposed: {
    emittedWhen: 'Matching found a new partner pair above the network\'s threshold, or proposed a withdrawn pair again.',
    history: ['v1 (2026-11-24): first version.'],
  },
  MatchAccepted: {
    emittedWhen: 'One side accepted a proposed match; the other has not answered yet.',
    history: ['v1 (2026-11-24): first version.'],
  },
  MatchDeclined: {
    emittedWhen: 'One side declined a match. The pair is never proposed again.',
    history: ['v1 (2026-11-24): first version.'],
  },
  MatchConfirmed: {
    emittedWhen: 'Both sides accepted; their contacts are now revealed to each other (not in the event).',
    history: ['v1 (2026-11-24): first version.'],
  },
  MatchWithdrawn: {
    emittedWhen: 'A match no longer qualifies after a profile changed, or one side was erased.',
    history: ['v1 (2026-11-24): first version.'],
  },
  MatchExpired: {
    emittedWhen: 'A proposed (or half-accepted) match waited longer than its network allows (21 days by default) without both answers. Its exposure slot is free again; the pair is not proposed again for a while (90 days by default).',
    history: ['v1 (2026-11-30): first version.'],
  },
  CoordinatorNotified: {
    emittedWhen: 'An e-mail about a match (or a digest) was sent. Names the recipient\'s role, never the address.',
    history: ['v1 (2026-11-24): first version.'],
  },
  MeetingPlanned: {
    emittedWhen: 'A coordinator created a network meeting; carries its whole timetable (rounds, tables, pairs as profile ids, UTC times).',
    history: ['v1 (2026-11-30): first version.'],
  },
  MeetingChanged: {
    emittedWhen: 'A coordinator changed a meeting (details or participants); the rounds after the ones already held were planned again. Carries the whole new timetable, who of the previous version no longer takes part, who was added, and whose own rounds changed.',
    history: ['v1 (2026-11-30): first version.', 'v1 (2026-11-30): optional `removedParticipantIds`, `addedParticipantIds` and `rescheduledParticipantIds` added (additive).'],
  },
  MeetingCancelled: {
    emittedWhen: 'A coordinator cancelled a meeting before its first round began; carries the timetable that will not take place. No MeetingChanged follows: a cancelled meeting is not changed again.',
    history: ['v1 (2026-11-30): first version.'],
  },
  MembershipRequested: {
    emittedWhen: 'A member named a network in its profile: it asks to join, and a coordinator of the network decides. Published once the profile is confirmed by its contact.',
    history: ['v1 (2026-11-30): first version.', 'v1 (2026-11-30): optional `statusVersion` added (additive).'],
  },
  MembershipApproved: {
    emittedWhen: 'A coordinator approved a join request (`previousStatus` requested) or a membership rejected before (`previousStatus` rejected: a member taken out and approved again), or imported the member (imported members count as approved; their membership is published once they confirm their profile, without `previousStatus`). Only approved memberships count for matching. A profile left waiting for a new contact address under the rule before 2026-11-30 (it went pending; an active profile now stays active while a new address confirms) publishes, once confirmed, each membership as it then stands: one changed while the profile waited is a new transition (a higher `statusVersion`, `previousStatus` the status last published), one that stands is stated again (the same `statusVersion`).',
    history: ['v1 (2026-11-30): first version.', 'v1 (2026-11-30): optional `previousStatus` added (additive).', 'v1 (2026-11-30): optional `statusVersion` added (additive).'],
  },
  MembershipRejected: {
    emittedWhen: 'A coordinator rejected a join request (`previousStatus` requested), or revoked an approved membership (`previousStatus` approved: a member taken out); the member is no longer matched within the network. A profile left waiting for a new contact address under the rule before 2026-11-30 (it went pending; an active profile now stays active while a new address confirms) publishes, once confirmed, each membership as it then stands: one changed while the profile waited is a new transition (a higher `statusVersion`, `previousStatus` the status last published), one that stands is stated again (the same `statusVersion`).',
    history: ['v1 (2026-11-30): first version.', 'v1 (2026-11-30): optional `previousStatus` added (additive).', 'v1 (2026-11-30): optional `statusVersion` added (additive).'],
  },
  MembershipEnded: {
    emittedWhen: 'A member removed the network from its profile, or withdrew the profile. `status` is the membership\'s last status.',
    history: ['v1 (2026-11-30): first version.', 'v1 (2026-11-30): optional `statusVersion` added (additive).'],
  },
};
