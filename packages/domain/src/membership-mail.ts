import { DEFAULT_LOCALE, type Locale } from './i18n/locales.js';
import { translator } from './i18n/translate.js';
import type { MembershipStatus } from './network.js';
import type { Standing } from './standing.js';
import { escapeHtml, htmlPage, link, oneLine, type Mail, type MailLinks } from './notification.js';

/**
 * What a member is told about its membership of a network: a coordinator ended it, approved it
 * again after ending it, or approved the join request it had declined (`approved-after-decline`).
 */
export type MembershipNotice = 'ended' | 'approved' | 'approved-after-decline';

/**
 * Whether a membership change, as its event says it (`status`, and `previousStatus` when the change
 * followed a published one), is told to the member: taken out of the network (approved → rejected)
 * or taken back in (rejected → approved). A join request answered either way, a new membership and
 * one first published when its profile was confirmed (no `previousStatus`) are not.
 */
export function membershipNotice(status: MembershipStatus, previousStatus: MembershipStatus | undefined): MembershipNotice | undefined {
  if (status === 'rejected' && previousStatus === 'approved') return 'ended';
  if (status === 'approved' && previousStatus === 'rejected') return 'approved';
  return undefined;
}

/** A membership's status and the profile version at which it took it (`statusVersion`). */
export type MembershipStanding = Standing<MembershipStatus>;

/**
 * How long notification records and "last told" records live (days; their DynamoDB TTL): longer
 * than the event archive (365 days in prod), so replaying archived events finds them.
 */
export const NOTIFICATION_RECORD_DAYS = 400;

/**
 * The standing a membership held before its current one, as its item keeps it: the status last
 * published before the current one, the version it was taken at, and `at`, an instant it was taken
 * at or before (ISO 8601; absent on an item written before membership items kept instants).
 */
export interface PreviousStanding {
  status: MembershipStatus;
  statusVersion: number;
  at?: string;
}

/** A membership as it stands (its item, read consistently), with the standing before (absent on an item written before items kept it). */
export interface MembershipAsItStands extends MembershipStanding {
  previous?: PreviousStanding;
}

/**
 * What notify knows of a removal an approval undoes, for a member with no record of what it was told:
 * `removalMailSent`: the removal's mail (`membershipNotificationId` at the previous standing) is
 * recorded sent; `now`: notify's clock.
 */
export interface RemovalEvidence {
  now: Date;
  removalMailSent: boolean;
}

/**
 * Whether a member with no record of what it was told heard of the removal (`previous`) that its
 * approval undoes. A record is missing when the removal was told before records existed (their mail
 * says so while its own record lives), when the record expired (the removal is then older than a
 * record lives: no event waits that long, so it was told when its event came), or when notify has
 * lagged since before the removal, whose event then found it undone and told nothing: a recent
 * removal with no mail sent. An instant not kept (an item written before they were) is of a
 * removal made before records existed, told then.
 */
function removalHeard(previous: PreviousStanding | undefined, evidence: RemovalEvidence | undefined): boolean {
  if (!previous || previous.status !== 'rejected' || !evidence) return false;
  if (evidence.removalMailSent || previous.at === undefined) return true;
  return evidence.now.getTime() - Date.parse(previous.at) > NOTIFICATION_RECORD_DAYS * 86_400_000;
}

/** A membership event as notify reads it (events published before `statusVersion` existed give their `profileVersion`). */
export interface MembershipChange extends MembershipStanding {
  previousStatus?: MembershipStatus | undefined;
  /**
   * Published before `statusVersion` existed: `statusVersion` is the event's `profileVersion`,
   * the version its status was taken at, which a membership item of that time does not keep (it
   * gives the version of its last save, at or after it).
   */
  legacy?: boolean;
}

/**
 * What a member was last told of its membership (its "last told" record): the standing, and `from`,
 * the status its event said it came from (`previousStatus`), so a rejection says whether it was the
 * member's join request declined (`requested`) or a removal (`approved`). Absent when not known: a
 * record written before records kept it, or a standing first published without `previousStatus`.
 */
export interface ToldMembership extends MembershipStanding {
  from?: MembershipStatus;
}

/**
 * What notify records as told when `membershipMailDecision` says `record`: the membership as it
 * stands (`current`, whose status the event's holds), and the status the event's transition came
 * from. Recorded when it is written, from the event itself: a mail record says nothing of it (a
 * removal's mail may be suppressed, its record expire before this one).
 */
export function toldMembership(change: MembershipChange, current: MembershipAsItStands): ToldMembership {
  return { status: current.status, statusVersion: current.statusVersion, ...(change.previousStatus ? { from: change.previousStatus } : {}) };
}

/**
 * What notify does with a membership event:
 * - `stale`: the membership no longer stands as the event says (a later change, or the same status
 *   taken again at a later version): the event of the standing that holds tells, so every
 *   transition is told in order and a removal undone before it was told is never told;
 * - `told`: the member was already told this standing or a later one (a redelivery, a repeat of the
 *   same transition on a confirmation): nothing;
 * - `record`: the standing is now what the member knows (record `toldMembership(change, current)`),
 *   told with `notice` when there is one.
 * `told`: what the member was last told (or knew without a mail: its join request, and the answer
 * to it, which is never mailed). A member with no record of it knows its membership as it was
 * before this change, except one taken out and brought back: it knows of the removal only when it
 * heard of it (`removalHeard`, from `current.previous` and `evidence`); one taken out and brought
 * back before the removal was told never learnt of it, so it is told nothing. An approval after a
 * rejection the member knows is `approved-after-decline` only when its record says the rejection
 * was its join request declined (`from` requested); a removal, or a record that does not say, is
 * told `approved`.
 */
export function membershipMailDecision(
  change: MembershipChange,
  current: MembershipAsItStands | undefined,
  told: ToldMembership | undefined,
  evidence?: RemovalEvidence,
): { kind: 'stale' } | { kind: 'told' } | { kind: 'record'; notice: MembershipNotice | undefined } {
  // A legacy event still holds while its status does: the item's version may be a later save's.
  const holds = change.legacy ? change.statusVersion <= (current?.statusVersion ?? -1) : current?.statusVersion === change.statusVersion;
  if (!current || current.status !== change.status || !holds) return { kind: 'stale' };
  if (told && told.statusVersion >= current.statusVersion) return { kind: 'told' };
  // A join request answered is not told, whatever the member heard before it asked (taken out,
  // it dropped the network and named it again: the request's own event may come late, or after).
  if (change.previousStatus === 'requested') return { kind: 'record', notice: undefined };
  const known = told ? told.status : change.previousStatus === 'rejected' ? (removalHeard(current.previous, evidence) ? 'rejected' : undefined) : change.previousStatus;
  const notice = membershipNotice(current.status, known);
  // Known as its join request declined (never mailed; its page said so): "is a member" alone would
  // not say that this answer replaces that one. Only the rejection's own event says it was a
  // decline: no removal mail recorded proves nothing (suppressed, or its record expired).
  const declined = notice === 'approved' && told?.status === 'rejected' && told.from === 'requested';
  return { kind: 'record', notice: declined ? 'approved-after-decline' : notice };
}

/** The member a membership mail goes to: its profile's public name, contact and language. */
export interface MembershipRecipient {
  id: string;
  name: string;
  contact: { name: string; email: string };
  locale?: Locale;
}

/**
 * The member's mail that its membership of `networkName` ended (what that means for its matches,
 * and whom to write to), was approved again, or that its join request, declined earlier, is now
 * approved, in its language, with a link to its profile page. Names
 * nobody but the member and the network.
 */
export function composeMembershipMail(notice: MembershipNotice, recipient: MembershipRecipient, networkName: string, { baseUrl }: MailLinks): Mail {
  const locale = recipient.locale ?? DEFAULT_LOCALE;
  const t = translator(locale);
  const m = (key: string, params: Record<string, unknown> = {}) => t(`mail.${key}`, params);
  const kind = notice === 'ended' ? 'Ended' : notice === 'approved' ? 'Approved' : 'ApprovedAfterDecline';
  const url = link(baseUrl, `profiles/${encodeURIComponent(recipient.id)}`);
  const subject = oneLine(m(`membership${kind}Subject`, { network: networkName, profile: recipient.name }));
  const hello = m('hello', { name: recipient.contact.name });
  const intro = m(`membership${kind}Intro`, { network: networkName, profile: recipient.name });
  return {
    subject,
    text: [hello, '', intro, '', `${m('membershipSee')}: ${url}`].join('\n'),
    html: htmlPage(subject, [`<p>${escapeHtml(hello)}</p>`, `<p>${escapeHtml(intro)}</p>`, `<p><a href="${escapeHtml(url)}">${escapeHtml(m('membershipSee'))}</a></p>`].join('\n'), locale),
  };
}

/**
 * One mail per membership transition, keyed by the version at which the membership took the status
 * it tells (`statusVersion`; the same id as before it existed, when the event's profile version was
 * that of its change): a redelivered or repeated event finds it sent; a later change is told anew.
 */
export const membershipNotificationId = (change: { profileId: string; networkId: string; status: MembershipStatus; statusVersion: number }) =>
  `membership:${change.profileId}:${change.networkId}:v${change.statusVersion}:${change.status}:member`;
