import { DEFAULT_LOCALE, type Locale } from './i18n/locales.js';
import { translator } from './i18n/translate.js';
import type { MembershipStatus } from './network.js';
import { escapeHtml, htmlPage, link, oneLine, type Mail, type MailLinks } from './notification.js';

/** What a member is told about its membership of a network: a coordinator ended it, or approved it (again). */
export type MembershipNotice = 'ended' | 'approved';

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
export interface MembershipStanding {
  status: MembershipStatus;
  statusVersion: number;
}

/** A membership event as notify reads it (events published before `statusVersion` existed give their `profileVersion`). */
export interface MembershipChange extends MembershipStanding {
  previousStatus?: MembershipStatus | undefined;
}

/**
 * What notify does with a membership event:
 * - `stale`: the membership no longer stands as the event says (a later change, or the same status
 *   taken again at a later version): the event of the standing that holds tells, so every
 *   transition is told in order and a removal undone before it was told is never told;
 * - `told`: the member was already told this standing or a later one (a redelivery, a repeat of the
 *   same transition on a confirmation): nothing;
 * - `record`: the standing is now what the member knows, told with `notice` when there is one.
 * `told`: what the member was last told (or knew without a mail: its join request, and the answer
 * to it, which is never mailed). A member
 * told nothing yet knows its membership as it was before this change, except one taken out and
 * brought back before the removal was told: it never learnt of the removal, so it is told nothing.
 */
export function membershipMailDecision(
  change: MembershipChange,
  current: MembershipStanding | undefined,
  told: MembershipStanding | undefined,
): { kind: 'stale' } | { kind: 'told' } | { kind: 'record'; notice: MembershipNotice | undefined } {
  if (!current || current.status !== change.status || current.statusVersion !== change.statusVersion) return { kind: 'stale' };
  if (told && told.statusVersion >= current.statusVersion) return { kind: 'told' };
  // A join request answered is not told, whatever the member heard before it asked (taken out,
  // it dropped the network and named it again: the request's own event may come late, or after).
  if (change.previousStatus === 'requested') return { kind: 'record', notice: undefined };
  const known = told ? told.status : change.previousStatus === 'rejected' ? undefined : change.previousStatus;
  return { kind: 'record', notice: membershipNotice(current.status, known) };
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
 * and whom to write to) or was approved, in its language, with a link to its profile page. Names
 * nobody but the member and the network.
 */
export function composeMembershipMail(notice: MembershipNotice, recipient: MembershipRecipient, networkName: string, { baseUrl }: MailLinks): Mail {
  const locale = recipient.locale ?? DEFAULT_LOCALE;
  const t = translator(locale);
  const m = (key: string, params: Record<string, unknown> = {}) => t(`mail.${key}`, params);
  const kind = notice === 'ended' ? 'Ended' : 'Approved';
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
