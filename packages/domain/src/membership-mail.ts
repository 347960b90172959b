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

/** One mail per membership change: a redelivered event finds it sent; a later change (a new profile version) is told anew. */
export const membershipNotificationId = (change: { profileId: string; networkId: string; status: MembershipStatus; profileVersion: number }) =>
  `membership:${change.profileId}:${change.networkId}:v${change.profileVersion}:${change.status}:member`;
