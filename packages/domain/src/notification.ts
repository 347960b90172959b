import * as z from 'zod';
import { renderReasons, type OtherReason } from './i18n/reasons.js';
import { DEFAULT_LOCALE, LocaleSchema, type Locale } from './i18n/locales.js';
import { translator } from './i18n/translate.js';
import { en } from './i18n/locales/en.js';
import type { MatchReason } from './matching/types.js';
import { NetworkId } from './profile.js';
import { oneLineText } from './text.js';

/**
 * Coordinator e-mails (issue 6): who gets a mail about a match, what it says, and when a daily
 * digest is due. Pure: no AWS, no clock (the caller passes `now`), no I/O.
 */

/**
 * Escapes the five characters that can change the meaning of HTML text or a quoted attribute
 * value (& < > " '). Written by hand because it is five replacements; every user-supplied value
 * (profile names, summaries, coordinator names) passes through it before it enters the HTML part.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Mail headers must stay one line: a name with a line break must not start a second header. */
export function oneLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').trim();
}

/** True for an IANA time zone name the runtime knows, e.g. Asia/Tbilisi. */
export const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** An IANA time zone name such as Europe/Berlin, as the runtime's Intl knows them. */
export const TimeZone = z.string().refine(isTimeZone, { error: 'timeZone: expected an IANA time zone such as Europe/Berlin', params: { code: 'unknown_time_zone' } });

export const NOTIFICATION_MODES = ['immediate', 'digest', 'off'] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];

export const NotificationPreference = z.strictObject({
  mode: z.enum(NOTIFICATION_MODES).default('immediate'),
  timeZone: TimeZone.default('UTC'),
  digestHour: z.number().int().min(0).max(23).default(8),
});
export type NotificationPreference = z.output<typeof NotificationPreference>;

export const CoordinatorInput = z.strictObject({
  networkId: NetworkId,
  name: oneLineText('name', 200),
  email: z.email({ error: 'email: expected a valid e-mail address' }).max(254).toLowerCase(),
  preference: NotificationPreference.default({ mode: 'immediate', timeZone: 'UTC', digestHour: 8 }),
  /** The language of the coordinator's mails; absent reads as English (coordinators stored before it existed). */
  locale: LocaleSchema.optional(),
});
export type CoordinatorInput = z.input<typeof CoordinatorInput>;

export interface Coordinator extends z.output<typeof CoordinatorInput> {
  id: string;
}

/** The match facts a mail needs: the event's data plus the two public profile names. */
export interface MatchNotice {
  matchId: string;
  profileIds: [string, string];
  names: [string, string];
  state: 'proposed' | 'confirmed';
  summary: string;
  /**
   * The structured reasons (the event's), rendered in each recipient's language; without them (digest
   * entries kept before they were stored) the mail quotes the English `summary`.
   */
  reasons?: readonly (MatchReason | OtherReason)[];
  score: number;
  sharedNetworks: string[];
  version: number;
  /** A weaker match (see `isWeakerMatch`): proposed so that a member is not left with nothing. */
  weaker?: boolean;
}

/** The line a mail adds for a weaker match, in English (each locale's is `mail.weakerMatch`). */
export const WEAKER_MATCH_LINE = en.messages.mail.weakerMatch;

export interface CoordinatorRecipient {
  coordinator: Coordinator;
  networkId: string;
}

/**
 * One recipient per coordinator of the networks the pair shares. A coordinator listed for two of the
 * shared networks is mailed once (under the first network); coordinators who chose `off` get nothing.
 */
export function coordinatorRecipients(notice: Pick<MatchNotice, 'sharedNetworks'>, coordinators: readonly Coordinator[]): CoordinatorRecipient[] {
  const seen = new Set<string>();
  const out: CoordinatorRecipient[] = [];
  for (const networkId of notice.sharedNetworks) {
    for (const coordinator of coordinators.filter((c) => c.networkId === networkId)) {
      if (coordinator.preference.mode === 'off' || seen.has(coordinator.id)) continue;
      seen.add(coordinator.id);
      out.push({ coordinator, networkId });
    }
  }
  return out;
}

/**
 * Identifies one mail: (match version, state, recipient, kind). The same event delivered again maps
 * to the same key; a match proposed again after a withdrawal has a new version and is news again.
 */
export function immediateNotificationId(
  notice: Pick<MatchNotice, 'matchId' | 'version' | 'state'>,
  recipientId: string,
  role: 'coordinator' | 'member' = 'coordinator',
): string {
  return `match:${notice.matchId}:v${notice.version}:${notice.state}:${role}:${recipientId}:immediate`;
}

/** One digest per coordinator and local day. */
export function digestNotificationId(coordinatorId: string, localDate: string): string {
  return `digest:${coordinatorId}:${localDate}:digest`;
}

export interface Mail {
  subject: string;
  text: string;
  html: string;
}

export interface MailLinks {
  /** The web app's origin from configuration (never from a request), e.g. https://app.example.org */
  baseUrl: string;
}

/**
 * The web app routes in the URL fragment (`/#/matches/…`): every page is the same static file, so
 * S3 needs no rewrite rules, and a sign-in token in the fragment never reaches a server log.
 */
/** A web-app link: `<baseUrl>/#/<path>` (hash routes). */
export function link(baseUrl: string, path: string): string {
  return `${new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString()}#/${path}`;
}

const matchLink = (baseUrl: string, n: Pick<MatchNotice, 'profileIds'>) => link(baseUrl, `matches/${encodeURIComponent(n.profileIds[0])}/${encodeURIComponent(n.profileIds[1])}`);
const preferencesLink = (baseUrl: string, coordinatorId: string) => link(baseUrl, `preferences/coordinators/${encodeURIComponent(coordinatorId)}`);

/** The mail strings of a locale (the domain catalogs' `mail.*`), English where one is missing. */
const mailT = (locale: Locale) => {
  const t = translator(locale);
  return (key: string, params: Record<string, unknown> = {}) => t(`mail.${key}`, params);
};
type MailT = ReturnType<typeof mailT>;

function headline(n: MatchNotice, t: MailT): string {
  const [a, b] = n.names;
  return n.state === 'confirmed' ? t('confirmed', { a, b }) : t('matched', { a, b });
}

/**
 * Why the pair matched, in the recipient's language: one short sentence per point, from the
 * structured reasons, read from `selfId`'s side when the recipient is a member of the pair.
 */
function whyLines(n: MatchNotice, locale: Locale, selfId?: string): string[] {
  if (!n.reasons?.length) return [n.summary];
  return renderReasons(n.reasons, { locale, pair: n.profileIds, names: new Map(n.profileIds.map((id, i) => [id, n.names[i] ?? id])), selfId });
}

/** "Why: <summary>" on one line, or "Why:" followed by one line per reason. */
function whyText(label: string, lines: readonly string[], indent = ''): string[] {
  return lines.length === 1 ? [`${indent}${label} ${lines[0]}`] : [`${indent}${label}`, ...lines.map((l) => `${indent}- ${l}`)];
}

function whyHtml(label: string, lines: readonly string[]): string {
  return lines.length === 1 ? `${escapeHtml(label)} ${escapeHtml(lines[0] as string)}` : `${escapeHtml(label)}<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`;
}

function htmlPage(title: string, body: string, locale: Locale = DEFAULT_LOCALE): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

/** The mail for one match, to one coordinator, sent right away, in the coordinator's language. */
export function composeMatchMail(notice: MatchNotice, recipient: CoordinatorRecipient, { baseUrl }: MailLinks): Mail {
  const locale = recipient.coordinator.locale ?? DEFAULT_LOCALE;
  const t = mailT(locale);
  const network = recipient.networkId;
  const subject = oneLine(t('coordinatorSubject', { headline: headline(notice, t), network }));
  const url = matchLink(baseUrl, notice);
  const prefs = preferencesLink(baseUrl, recipient.coordinator.id);
  const score = t('score', { score: Math.round(notice.score * 100) });
  const why = whyLines(notice, locale);
  const text = [
    t('hello', { name: recipient.coordinator.name }),
    '',
    t('inNetwork', { headline: headline(notice, t), network }),
    '',
    ...whyText(t('why'), why),
    score,
    ...(notice.weaker ? [t('weakerMatch')] : []),
    '',
    `${t('seeMatch')}: ${url}`,
    '',
    `${t('preferences')}: ${prefs}`,
  ].join('\n');
  const html = htmlPage(
    subject,
    [
      `<p>${escapeHtml(t('hello', { name: recipient.coordinator.name }))}</p>`,
      `<p>${escapeHtml(t('inNetwork', { headline: '\u0000', network })).replace('\u0000', `<strong>${escapeHtml(headline(notice, t))}</strong>`)}</p>`,
      `<p>${whyHtml(t('why'), why)}<br>${escapeHtml(score)}</p>`,
      ...(notice.weaker ? [`<p><em>${escapeHtml(t('weakerMatch'))}</em></p>`] : []),
      `<p><a href="${escapeHtml(url)}">${escapeHtml(t('seeMatch'))}</a></p>`,
      `<p style="font-size:small"><a href="${escapeHtml(prefs)}">${escapeHtml(t('preferences'))}</a></p>`,
    ].join('\n'),
    locale,
  );
  return { subject, text, html };
}

/** What a digest lists for one match: recorded by notify, read back by send-digests. */
export interface DigestEntry {
  notice: MatchNotice;
  occurredAt: string;
}

/** One mail listing the matches gathered since the last digest, oldest first; undefined when empty. */
export function composeDigestMail(coordinator: Coordinator, localDate: string, entries: readonly DigestEntry[], { baseUrl }: MailLinks): Mail | undefined {
  if (entries.length === 0) return undefined;
  const sorted = [...entries].sort((x, y) => x.occurredAt.localeCompare(y.occurredAt) || x.notice.matchId.localeCompare(y.notice.matchId));
  const prefs = preferencesLink(baseUrl, coordinator.id);
  const locale = coordinator.locale ?? DEFAULT_LOCALE;
  const t = mailT(locale);
  const network = coordinator.networkId;
  const counted = { count: sorted.length, network, date: localDate };
  const subject = oneLine(t('digestSubject', counted));
  const text = [
    t('hello', { name: coordinator.name }),
    '',
    t('digestIntro', counted),
    '',
    ...sorted.flatMap((e) => [`- ${headline(e.notice, t)}`, ...whyText(t('why'), whyLines(e.notice, locale), '  '), `  ${matchLink(baseUrl, e.notice)}`, '']),
    `${t('preferences')}: ${prefs}`,
  ].join('\n');
  const items = sorted
    .map((e) => `<li><strong>${escapeHtml(headline(e.notice, t))}</strong><br>${whyHtml(t('why'), whyLines(e.notice, locale))}<br><a href="${escapeHtml(matchLink(baseUrl, e.notice))}">${escapeHtml(t('seeMatch'))}</a></li>`)
    .join('\n');
  const html = htmlPage(
    subject,
    [
      `<p>${escapeHtml(t('hello', { name: coordinator.name }))}</p>`,
      `<p>${escapeHtml(t('digestIntro', counted))}</p>`,
      `<ul>\n${items}\n</ul>`,
      `<p style="font-size:small"><a href="${escapeHtml(prefs)}">${escapeHtml(t('preferences'))}</a></p>`,
    ].join('\n'),
    locale,
  );
  return { subject, text, html };
}

/** The local calendar date (YYYY-MM-DD) and hour of an instant in a time zone. */
export function localTime(instant: Date, timeZone: string): { date: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/**
 * Whether a coordinator's digest is due at `now`: from the local digest hour on, once per local day
 * (the caller keeps one notification record per day). An hourly schedule that misses a run still
 * sends later the same day.
 */
export function digestDue(preference: NotificationPreference, now: Date): { due: boolean; localDate: string } {
  const { date, hour } = localTime(now, preference.timeZone);
  return { due: preference.mode !== 'off' && hour >= preference.digestHour, localDate: date };
}

/** What a member mail needs about one side of the match: its own profile and its partner's. */
export interface MemberSide {
  id: string;
  name: string;
  contact: { name: string; email: string };
  /** Opt-in; profiles stored before the field existed have no value and count as "no". */
  matchEmails?: boolean;
  /** The member's language for its mails; English when absent. */
  locale?: Locale;
}

export interface MemberRecipient {
  /** The member's own profile: its id names the accept/decline links, its contact gets the mail. */
  self: MemberSide;
  partner: MemberSide;
}

/** Each side of the pair that opted in to match e-mails, with its partner; in profile id order. */
export function memberRecipients(sides: readonly [MemberSide, MemberSide]): MemberRecipient[] {
  const [a, b] = sides;
  return [
    { self: a, partner: b },
    { self: b, partner: a },
  ].filter((r) => r.self.matchEmails === true);
}

const memberMatchPath = (r: MemberRecipient) => `matches/${encodeURIComponent(r.self.id)}/${encodeURIComponent(r.partner.id)}`;
const memberPreferencesLink = (baseUrl: string, profileId: string) => link(baseUrl, `preferences/profiles/${encodeURIComponent(profileId)}`);

/**
 * The mail to one member about its match. A proposal names the partner, says why and links to accept
 * or decline (the web app serves those pages; it confirms the answer there, so a mail scanner that
 * follows links answers nothing). The partner's contact is revealed only when both accepted
 * (`confirmed`), as the API reveals it: the composer enforces that, whatever the caller passes.
 */
export function composeMemberMatchMail(notice: MatchNotice, recipient: MemberRecipient, { baseUrl }: MailLinks): Mail {
  const { self, partner } = recipient;
  const locale = self.locale ?? DEFAULT_LOCALE;
  const t = mailT(locale);
  const confirmed = notice.state === 'confirmed';
  const base = memberMatchPath(recipient);
  const matchUrl = link(baseUrl, base);
  const acceptUrl = link(baseUrl, `${base}/accept`);
  const declineUrl = link(baseUrl, `${base}/decline`);
  const prefs = memberPreferencesLink(baseUrl, self.id);
  const subject = oneLine(confirmed ? t('memberSubjectConfirmed', { partner: partner.name }) : t('memberSubjectProposed', { partner: partner.name }));
  // From the member's own side: "You offer a venue, which Gori needs."
  const why = whyLines(notice, locale, self.id);

  const textBody = confirmed
    ? [t('memberConfirmed', { partner: partner.name }), '', `${partner.contact.name} <${partner.contact.email}>`, '', ...whyText(t('whyMatched'), why), '', `${t('seeMatch')}: ${matchUrl}`]
    : [
        t('memberProposed', { self: self.name, partner: partner.name }),
        '',
        ...whyText(t('why'), why),
        ...(notice.weaker ? [t('weakerMatch')] : []),
        '',
        `${t('accept')}: ${acceptUrl}`,
        `${t('decline')}: ${declineUrl}`,
        '',
        t('contactsOnceBoth'),
      ];
  const text = [t('hello', { name: self.contact.name }), '', ...textBody, '', `${t('preferences')}: ${prefs}`].join('\n');

  const htmlBody = confirmed
    ? [
        `<p><strong>${escapeHtml(t('memberConfirmed', { partner: partner.name }))}</strong></p>`,
        `<p>${escapeHtml(partner.contact.name)} &lt;<a href="${escapeHtml(`mailto:${partner.contact.email}`)}">${escapeHtml(partner.contact.email)}</a>&gt;</p>`,
        `<p>${whyHtml(t('whyMatched'), why)}</p>`,
        `<p><a href="${escapeHtml(matchUrl)}">${escapeHtml(t('seeMatch'))}</a></p>`,
      ]
    : [
        `<p><strong>${escapeHtml(t('memberProposed', { self: self.name, partner: partner.name }))}</strong></p>`,
        `<p>${whyHtml(t('why'), why)}</p>`,
        ...(notice.weaker ? [`<p><em>${escapeHtml(t('weakerMatch'))}</em></p>`] : []),
        `<p><a href="${escapeHtml(acceptUrl)}">${escapeHtml(t('accept'))}</a> · <a href="${escapeHtml(declineUrl)}">${escapeHtml(t('decline'))}</a></p>`,
        `<p>${escapeHtml(t('contactsOnceBoth'))}</p>`,
      ];
  const html = htmlPage(
    subject,
    [`<p>${escapeHtml(t('hello', { name: self.contact.name }))}</p>`, ...htmlBody, `<p style="font-size:small"><a href="${escapeHtml(prefs)}">${escapeHtml(t('preferences'))}</a></p>`].join('\n'),
    locale,
  );
  return { subject, text, html };
}

/** Why a magic link is sent: a sign-in asked for, or a new or re-addressed profile to confirm. */
export type SignInPurpose = 'sign-in' | 'confirm-profile' | 'invite-member';

/** Each purpose's strings in the `mail` catalog. */
const SIGN_IN_MAIL_KEYS: Record<SignInPurpose, { subject: string; intro: string; action: string }> = {
  'sign-in': { subject: 'signInSubject', intro: 'signInIntro', action: 'signInButton' },
  'confirm-profile': { subject: 'confirmSubject', intro: 'confirmIntro', action: 'confirmButton' },
  'invite-member': { subject: 'inviteSubject', intro: 'inviteIntro', action: 'inviteButton' },
};

/**
 * The magic-link mail. It says nothing about whether the address owns anything (the same mail goes
 * to every address asked for), and it is the only place the token ever appears in clear.
 */
export function composeSignInMail(token: string, purpose: SignInPurpose, validMinutes: number, { baseUrl }: MailLinks, locale: Locale = DEFAULT_LOCALE): Mail {
  const t = mailT(locale);
  const url = link(baseUrl, `sign-in?token=${encodeURIComponent(token)}`);
  const keys = SIGN_IN_MAIL_KEYS[purpose];
  const subject = t(keys.subject);
  const intro = t(keys.intro);
  const validFor = validMinutes >= 24 * 60 ? t('validForDays', { days: Math.round(validMinutes / (24 * 60)) }) : t('validFor', { minutes: validMinutes });
  const text = [intro, '', url, '', validFor, t('ignore')].join('\n');
  const html = htmlPage(
    subject,
    `<p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(t(keys.action))}</a></p><p>${escapeHtml(validFor)} ${escapeHtml(t('ignore'))}</p>`,
    locale,
  );
  return { subject, text, html };
}
