import * as z from 'zod';
import {
  Availability,
  CountryCode,
  FORMATS,
  FUNDING_INSTRUMENTS,
  LanguageCode,
  MATCH_STATES,
  MEMBERSHIP_STATUSES,
  NetworkId,
  PROFILE_KINDS,
  PROFILE_STATUSES,
  RESOURCES,
  ThemeInterest,
} from '@culturebridge/domain';
import { envelope } from './envelope.js';
import type { DetailType } from './names.js';

/**
 * The public view of a profile as events carry it: everything a partner may see, never the contact
 * (name and e-mail are personal data and stay in the table).
 */
export const PublicProfile = z.strictObject({
  id: z.uuid().describe('The profile\'s id; stable for its whole life'),
  version: z.number().int().min(1).describe('Increases by one with every change'),
  status: z.enum(PROFILE_STATUSES).describe('Only active profiles are matched'),
  kind: z.enum(PROFILE_KINDS),
  name: z.string().describe('The city\'s, cluster\'s or organisation\'s public name'),
  country: CountryCode.describe('ISO 3166-1 alpha-2 code, e.g. GE'),
  region: z.string().optional().describe('City or region'),
  networks: z.array(NetworkId).describe('Ids of the networks the member belongs to'),
  themes: z.array(ThemeInterest).describe('Theme ids of the taxonomy (packages/domain/src/taxonomy.ts), each with a priority'),
  freeTags: z.array(z.string()).describe('Interests in the member\'s words; a tag that names a theme of the taxonomy counts as that theme, and every tag counts in the text part of the score'),
  formats: z.array(z.enum(FORMATS)).describe('Forms of cooperation the member seeks'),
  offers: z.array(z.enum(RESOURCES)).describe('What the member can offer a partner'),
  needs: z.array(z.enum(RESOURCES)).describe('What the member needs from a partner'),
  languages: z.array(LanguageCode).describe('Working languages, ISO 639-1'),
  fundingInstruments: z.array(z.enum(FUNDING_INSTRUMENTS)).describe('Funding programmes of interest'),
  availability: Availability.optional().describe('When the member can start joint work (from, to: YYYY-MM-DD)'),
  openToOutsideNetwork: z.boolean().describe('Open to partners outside its own networks'),
  description: z.string().describe('Free text the member wrote for partners'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type PublicProfile = z.infer<typeof PublicProfile>;

const MatchReason = z
  .looseObject({ kind: z.string() })
  .describe('One explained part of the score, e.g. {kind: "shared-theme", themeId, priorities}; {kind: "weaker-match", cause} marks a weaker match');

export const MatchData = z.strictObject({
  matchId: z.string().describe('The pair, as "<lower id>|<higher id>"'),
  profileIds: z.tuple([z.uuid(), z.uuid()]).describe('Both sides, lower id first'),
  state: z.enum(MATCH_STATES),
  acceptedBy: z.array(z.uuid()).describe('Which sides accepted so far'),
  score: z.number().min(0).max(1),
  summary: z.string().describe('The reasons as a sentence a coordinator would write'),
  reasons: z.array(MatchReason),
  sharedNetworks: z.array(NetworkId),
  version: z.number().int().min(1),
});
export type MatchData = z.infer<typeof MatchData>;

/**
 * A network meeting's timetable as events carry it: ids, times and tables, never a contact (the
 * meeting's name is the coordinator's title for the event, e.g. "Regional meeting, Tbilisi").
 */
export const MeetingData = z.strictObject({
  meetingId: z.uuid(),
  networkId: NetworkId,
  name: z.string(),
  version: z.number().int().min(1).describe('1 when planned, +1 per change; iCalendar SEQUENCE is version − 1'),
  date: z.iso.date().describe('Local date of the meeting'),
  startTime: z.string().describe('Local start time, HH:MM'),
  timeZone: z.string().describe('IANA time zone of date and startTime'),
  slotMinutes: z.number().int(),
  breakMinutes: z.number().int(),
  tables: z.number().int(),
  participantIds: z.array(z.uuid()).describe('Profile ids of the participants'),
  rounds: z
    .array(
      z.strictObject({
        round: z.number().int().min(1),
        startsAt: z.iso.datetime().describe('UTC'),
        endsAt: z.iso.datetime().describe('UTC'),
        meetings: z.array(z.strictObject({ table: z.number().int().min(1), profileIds: z.tuple([z.uuid(), z.uuid()]), requested: z.boolean() })),
        byes: z.array(z.uuid()).describe('Participants who meet nobody this round'),
      }),
    )
    .describe('Every round, held ones included'),
});
export type MeetingData = z.infer<typeof MeetingData>;
/** A profile's membership in one network: ids and status only, never a name or a contact. */
export const MembershipData = z.strictObject({
  profileId: z.uuid().describe('The member\'s profile'),
  networkId: NetworkId.describe('The network'),
  status: z.enum(MEMBERSHIP_STATUSES).describe('requested: waits for a coordinator; approved: counts for matching; rejected: refused'),
  previousStatus: z
    .enum(MEMBERSHIP_STATUSES)
    .optional()
    .describe('The status this membership had when last published, before this change: `approved` on a MembershipRejected is a member taken out, `requested` a declined request; `rejected` on a MembershipApproved is an approval after a removal. Also set, for a profile left pending on a new contact address by the rule before 2026-11-30, when the change happened while it waited (published once confirmed), and when its confirmation states again the transition that stands (same `statusVersion` as its first event). Absent for a new membership, for one first published when its profile was confirmed, for one taken out and brought back while its profile waited (it stands as last published), and on MembershipEnded'),
  profileVersion: z.number().int().min(1).describe('The profile version this membership state belongs to'),
  statusVersion: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('The profile version at which the membership took `status`: two events with the same `status` and `statusVersion` state the same transition (the second one, e.g. on the confirmation of a profile left pending on a new address before 2026-11-30, is a repeat); a higher one is a later transition. Absent on events published before 2026-11-30 (`profileVersion` is then the version of the change)'),
});
export type MembershipData = z.infer<typeof MembershipData>;

export const EVENT_SCHEMAS = {
  ProfileSubmitted: envelope(z.strictObject({ profile: PublicProfile })),
  ProfileUpdated: envelope(
    z.strictObject({
      profile: PublicProfile,
      changedFields: z.array(z.string()).min(1).describe('Top-level profile fields whose value changed. `contact` (added 2026-11-30, additive) means the profile moved to another contact address, confirmed by that address: it has another owner now, so matching runs again (one address\'s profiles are never matched with each other). The contact itself is never in an event; a change of the contact\'s name alone is not published'),
    }),
  ),
  ProfileWithdrawn: envelope(
    z.strictObject({
      profileId: z.uuid(),
      // Added with partner webhooks (issue 13): the profile is gone, so a subscriber filtering by network
      // learns them here. Optional because events published before carry no networks.
      networks: z.array(NetworkId).optional().describe('The networks the profile belonged to'),
    }),
  ),
  MatchProposed: envelope(MatchData),
  MatchAccepted: envelope(MatchData),
  MatchDeclined: envelope(MatchData),
  MatchConfirmed: envelope(MatchData),
  MatchWithdrawn: envelope(MatchData),
  MatchExpired: envelope(MatchData),
  CoordinatorNotified: envelope(
    z.strictObject({
      notificationId: z.string().describe('Identifies (match, recipient, kind); the same mail is never sent twice'),
      matchId: z.string().optional(),
      recipientRole: z.enum(['coordinator', 'member']),
      networkId: NetworkId.optional(),
      kind: z.enum(['immediate', 'digest']),
      sentAt: z.iso.datetime(),
    }),
  ),
  MeetingPlanned: envelope(MeetingData),
  MeetingChanged: envelope(
    MeetingData.extend({
      changedFields: z.array(z.string()).describe('Top-level meeting fields whose value changed (schedule included)'),
      // Added after v1 was first published: events published before do not carry it.
      removedParticipantIds: z
        .array(z.uuid())
        .optional()
        .describe('Profile ids of the previous version\'s participants who no longer take part (empty when nobody left)'),
      addedParticipantIds: z.array(z.uuid()).optional().describe('Profile ids of participants this version added'),
      rescheduledParticipantIds: z
        .array(z.uuid())
        .optional()
        .describe('Profile ids of participants kept whose own rounds changed (time, table or partner), or all of them when the name, day, start time or time zone changed'),
    }),
  ),
  MeetingCancelled: envelope(MeetingData.extend({ cancelledAt: z.iso.datetime().describe('When the coordinator cancelled it (UTC); the timetable is the one that will not take place') })),
  MembershipRequested: envelope(MembershipData),
  MembershipApproved: envelope(MembershipData),
  MembershipRejected: envelope(MembershipData),
  MembershipEnded: envelope(MembershipData.describe('The membership as it was when it ended')),
} as const satisfies Record<DetailType, z.ZodType>;

export type EventDetail<T extends DetailType> = z.infer<(typeof EVENT_SCHEMAS)[T]>;
