/** The event contract's names, defined once for infra, handlers, the local runtime and docs. */
export const EVENT_BUS_NAME = 'culturebridge';

export const SOURCES = {
  profiles: 'culturebridge.profiles',
  matches: 'culturebridge.matches',
  notifications: 'culturebridge.notifications',
  meetings: 'culturebridge.meetings',
  memberships: 'culturebridge.memberships',
} as const;
export type Source = (typeof SOURCES)[keyof typeof SOURCES];

export const DETAIL_TYPES = {
  ProfileSubmitted: SOURCES.profiles,
  ProfileUpdated: SOURCES.profiles,
  ProfileWithdrawn: SOURCES.profiles,
  MatchProposed: SOURCES.matches,
  MatchAccepted: SOURCES.matches,
  MatchDeclined: SOURCES.matches,
  MatchConfirmed: SOURCES.matches,
  MatchWithdrawn: SOURCES.matches,
  MatchExpired: SOURCES.matches,
  CoordinatorNotified: SOURCES.notifications,
  MeetingPlanned: SOURCES.meetings,
  MeetingChanged: SOURCES.meetings,
  MeetingCancelled: SOURCES.meetings,
  MembershipRequested: SOURCES.memberships,
  MembershipApproved: SOURCES.memberships,
  MembershipRejected: SOURCES.memberships,
  MembershipEnded: SOURCES.memberships,
} as const satisfies Record<string, Source>;
export type DetailType = keyof typeof DETAIL_TYPES;
export const ALL_DETAIL_TYPES = Object.keys(DETAIL_TYPES) as DetailType[];
