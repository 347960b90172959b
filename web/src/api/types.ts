import type { ImportSummary, Locale, PersonalRound as DomainPersonalRound } from '@culturebridge/domain';
import type { MatchReason, MatchState, Profile, ProfileHint, ProfileKind, ProfileStatus, PublicProfile } from '@culturebridge/domain';

/** The API's answers, as docs/api.md describes them. */

/** `POST /auth/link`: what a link would do, with the address masked. */
export interface LinkDescription {
  purpose: 'sign-in' | 'confirm-profile' | 'invite-member';
  address: string;
  expiresAt: string;
  profile?: { id: string; name: string; networks: string[]; status: string };
  /** The link makes this address the contact of `profile` (its owner asked for it), instead of confirming a new profile. */
  contactChange?: true;
}

export interface VerifyResult {
  /** When the browser's session ends if it is not used again. */
  expiresAt: string;
  /** Ids of the profiles the address owns (the session's claims). */
  profiles: unknown[];
  networks: string[];
  /** Pending profiles this link has just confirmed. */
  confirmed: string[];
}

export interface MeProfile {
  id: string;
  name: string;
  status: ProfileStatus;
}

export interface Me {
  profiles: MeProfile[];
  networks: string[];
}

export interface CreatedProfile {
  id: string;
  version: number;
  status: ProfileStatus;
}

/** The partner as a member sees it: public fields only. */
export interface MatchPartner {
  id: string;
  name?: string;
  kind?: ProfileKind;
  country?: string;
  region?: string;
  themes?: Profile['themes'];
  offers?: string[];
  needs?: string[];
  languages?: string[];
}

export interface MatchView {
  matchId: string;
  partner: MatchPartner;
  state: MatchState;
  acceptedBy: string[];
  score: number;
  /** A weaker match: proposed so that nobody is left with nothing (see docs/api.md). */
  weaker: boolean;
  summary: string;
  reasons: MatchReason[];
  sharedNetworks: string[];
  proposedAt: string;
  updatedAt: string;
  /** Only once both accepted. */
  partnerContact?: { name: string; email: string };
}

export interface ProfileMatches {
  profileId: string;
  matches: MatchView[];
  /** For a member whose matches are all weaker (or who has none): fields that would improve them. */
  hints: ProfileHint[];
}

export interface MatchAnswer {
  matchId: string;
  state: MatchState;
  acceptedBy: string[];
  version: number;
}

export type NetworkMember = PublicProfile & { status: ProfileStatus };

/** One page of GET /networks/{id}/members, in the API's order (by id); `cursor` asks for the next page. */
export interface NetworkMembers {
  networkId: string;
  members: NetworkMember[];
  cursor?: string;
}

/** GET /networks/{id}/rejected: profiles its coordinators took out of the network or turned down. */
export interface RejectedMembers {
  networkId: string;
  rejected: NetworkMember[];
  cursor?: string;
}

export interface NetworkMatch {
  matchId: string;
  profileIds: [string, string];
  names: [string, string];
  state: MatchState;
  acceptedBy: string[];
  score: number;
  weaker: boolean;
  /** The match's first reason, in short; the full reasons are on each member's matches. */
  topReason?: { kind: string; id?: string };
  proposedAt: string;
  updatedAt: string;
}

/** One page of GET /networks/{id}/matches; `cursor` asks for the next page. */
export interface NetworkMatches {
  networkId: string;
  matches: NetworkMatch[];
  cursor?: string;
}

/**
 * A match as GET /networks/{id}/matches?names=omit answers it: no names, and possibly with someone who
 * is no longer a member (the client names the pair from the members it read and drops the others).
 */
export type UnnamedNetworkMatch = Omit<NetworkMatch, 'names'>;

/** One page of GET /networks/{id}/matches?names=omit. */
export interface UnnamedNetworkMatches {
  networkId: string;
  matches: UnnamedNetworkMatch[];
  cursor?: string;
}

export const MAIL_MODES = ['immediate', 'digest', 'off'] as const;
export type MailMode = (typeof MAIL_MODES)[number];

export interface MailPreference {
  mode: MailMode;
  timeZone: string;
  digestHour: number;
}

export interface NetworkSettings {
  networkId: string;
  coordinator: { id: string; name: string; preference: MailPreference; locale?: Locale };
}

export interface ActivityItem {
  eventId: string;
  type: 'ProfileSubmitted' | 'MatchProposed' | 'MatchAccepted' | 'MatchConfirmed' | 'MatchDeclined' | 'MatchExpired' | 'MatchWithdrawn';
  occurredAt: string;
  networkId: string;
  profileIds: string[];
  /** Today's public names; null for a member erased since. */
  names: (string | null)[];
  matchId?: string;
}

export interface NetworkActivity {
  networkId: string;
  thisWeekFrom: string;
  lastWeekFrom: string;
  thisWeek: ActivityItem[];
  lastWeek: ActivityItem[];
  /** Present when older entries of the two weeks may follow: send it back for the next page. */
  cursor?: string;
}

/** A meeting as the API shows it to its network's coordinators (docs/api.md, Meetings). */
export interface MeetingView {
  id: string;
  networkId: string;
  name: string;
  date: string;
  startTime: string;
  timeZone: string;
  slotMinutes: number;
  breakMinutes: number;
  tables: number;
  participants: string[];
  /** Members' requests to meet someone; a change sends them back (a PUT replaces them). */
  requests: { from: string; to: string }[];
  version: number;
  rounds: {
    round: number;
    startsAt: string;
    endsAt: string;
    meetings: { table: number; profileIds: [string, string]; names: [string, string]; requested: boolean; reasons: MatchReason[]; summary: string }[];
    byes: { id: string; name: string }[];
  }[];
  byParticipant: { id: string; name: string; rounds: PersonalRound[] }[];
  unmetRequests: { from: string; to: string; reason: string }[];
}

/** One round of a participant's schedule (the domain's shape) with the partner's name. */
export type PersonalRound = Omit<DomainPersonalRound, 'reasons'> & { reasons?: MatchReason[]; partnerName?: string };

export interface MeetingSummary {
  id: string;
  name: string;
  date: string;
  startTime: string;
  timeZone: string;
  rounds: number;
  participants: number;
  version: number;
}

/** One meeting as a participant sees it (GET /profiles/{id}/meetings, POST …/meetings/{id}/requests). */
export interface OwnMeeting extends Pick<MeetingView, 'id' | 'networkId' | 'name' | 'date' | 'startTime' | 'timeZone' | 'version'> {
  rounds: PersonalRound[];
  /** The other participants. */
  participants: { id: string; name: string }[];
  /** Whom this participant asked to meet. */
  requested: string[];
}

export interface ProfileMeetings {
  profileId: string;
  meetings: OwnMeeting[];
}

export interface JoinRequests {
  networkId: string;
  requests: (PublicProfile & { requestedAt: string })[];
  cursor?: string;
}

export interface ImportProblem {
  rowNumber: number;
  column: string;
  value: string;
  /** English; the page says `code` (with `params`) in the reader's language. */
  message: string;
  code: string;
  params?: Record<string, unknown>;
}

/** POST /networks/{id}/imports: what the import did (or would do, on a dry run), per outcome. */
export type { ImportSummary };

export interface MemberImport {
  networkId: string;
  dryRun: boolean;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  needsEncodingConfirmation: boolean;
  delimiter: string | null;
  unknownColumns: string[];
  missingColumns: string[];
  /** Fields the header names twice (`header` the later one, `firstHeader` the earlier, as the file has them): nothing can be imported. */
  duplicateColumns: { header: string; column: string; firstHeader: string }[];
  rows: number;
  /** The rows this answer covers, by outcome (`invalid`: the whole file's). */
  summary: ImportSummary;
  /** Valid rows done (by this and earlier calls) of all valid rows. */
  progress: { done: number; total: number };
  /** Present when the import's time slice ran out: send the file again with this as `fromRow`. */
  continueFromRow?: number;
  preview: { rowNumber: number; name: string; outcome: 'created' | 'updated' | 'unchanged' | 'kept' }[];
  problems: ImportProblem[];
  problemCount: number;
  errorReportCsv?: string;
}
