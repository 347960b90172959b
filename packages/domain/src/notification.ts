import * as z from 'zod';
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
export const TimeZone = z.string().refine(isTimeZone, { error: 'timeZone: expected an IANA time zone such as Europe/Berlin' });

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
  score: number;
  sharedNetworks: string[];
  version: number;
  /** A weaker match (see `isWeakerMatch`): proposed so that a member is not left with nothing. */
  weaker?: boolean;
}

/** The line a mail adds for a weaker match. */
export const WEAKER_MATCH_LINE = 'This is a weaker match: it does not meet all of the network\'s criteria, and is proposed so that nobody is left without partners to consider.';

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

function headline(n: MatchNotice): string {
  const [a, b] = n.names;
  return n.state === 'confirmed' ? `${a} and ${b} confirmed their partnership` : `${a} and ${b} were matched`;
}

function htmlPage(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

/** The mail for one match, to one coordinator, sent right away. */
export function composeMatchMail(notice: MatchNotice, recipient: CoordinatorRecipient, { baseUrl }: MailLinks): Mail {
  const subject = oneLine(`CultureBridge: ${headline(notice)} (${recipient.networkId})`);
  const url = matchLink(baseUrl, notice);
  const prefs = preferencesLink(baseUrl, recipient.coordinator.id);
  const score = `${Math.round(notice.score * 100)} / 100`;
  const text = [
    `Hello ${recipient.coordinator.name},`,
    '',
    `${headline(notice)} in your network ${recipient.networkId}.`,
    '',
    `Why: ${notice.summary}`,
    `Score: ${score}`,
    ...(notice.weaker ? [WEAKER_MATCH_LINE] : []),
    '',
    `See the match: ${url}`,
    '',
    `Change how you receive these e-mails, or unsubscribe: ${prefs}`,
  ].join('\n');
  const html = htmlPage(
    subject,
    [
      `<p>Hello ${escapeHtml(recipient.coordinator.name)},</p>`,
      `<p><strong>${escapeHtml(headline(notice))}</strong> in your network ${escapeHtml(recipient.networkId)}.</p>`,
      `<p>Why: ${escapeHtml(notice.summary)}<br>Score: ${escapeHtml(score)}</p>`,
      ...(notice.weaker ? [`<p><em>${escapeHtml(WEAKER_MATCH_LINE)}</em></p>`] : []),
      `<p><a href="${escapeHtml(url)}">See the match</a></p>`,
      `<p style="font-size:small"><a href="${escapeHtml(prefs)}">Change how you receive these e-mails, or unsubscribe</a></p>`,
    ].join('\n'),
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
  const count = sorted.length === 1 ? '1 match' : `${sorted.length} matches`;
  const subject = oneLine(`CultureBridge daily digest for ${coordinator.networkId}: ${count} (${localDate})`);
  const text = [
    `Hello ${coordinator.name},`,
    '',
    `${count} in your network ${coordinator.networkId} since the last digest:`,
    '',
    ...sorted.flatMap((e) => [`- ${headline(e.notice)}`, `  Why: ${e.notice.summary}`, `  ${matchLink(baseUrl, e.notice)}`, '']),
    `Change how you receive these e-mails, or unsubscribe: ${prefs}`,
  ].join('\n');
  const items = sorted
    .map((e) => `<li><strong>${escapeHtml(headline(e.notice))}</strong><br>Why: ${escapeHtml(e.notice.summary)}<br><a href="${escapeHtml(matchLink(baseUrl, e.notice))}">See the match</a></li>`)
    .join('\n');
  const html = htmlPage(
    subject,
    [
      `<p>Hello ${escapeHtml(coordinator.name)},</p>`,
      `<p>${escapeHtml(count)} in your network ${escapeHtml(coordinator.networkId)} since the last digest:</p>`,
      `<ul>\n${items}\n</ul>`,
      `<p style="font-size:small"><a href="${escapeHtml(prefs)}">Change how you receive these e-mails, or unsubscribe</a></p>`,
    ].join('\n'),
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
  const confirmed = notice.state === 'confirmed';
  const base = memberMatchPath(recipient);
  const matchUrl = link(baseUrl, base);
  const acceptUrl = link(baseUrl, `${base}/accept`);
  const declineUrl = link(baseUrl, `${base}/decline`);
  const prefs = memberPreferencesLink(baseUrl, self.id);
  const subject = oneLine(confirmed ? `CultureBridge: you and ${partner.name} both accepted` : `CultureBridge: you were matched with ${partner.name}`);
  const prefsLine = 'Change how you receive these e-mails, or unsubscribe';

  const textBody = confirmed
    ? [
        `You and ${partner.name} both accepted the match. You can now contact each other:`,
        '',
        `${partner.contact.name} <${partner.contact.email}>`,
        '',
        `Why you were matched: ${notice.summary}`,
        '',
        `See the match: ${matchUrl}`,
      ]
    : [
        `${self.name} was matched with ${partner.name}.`,
        '',
        `Why: ${notice.summary}`,
        ...(notice.weaker ? [WEAKER_MATCH_LINE] : []),
        '',
        `Accept: ${acceptUrl}`,
        `Decline: ${declineUrl}`,
        '',
        'Contacts are shared only when both of you accept.',
      ];
  const text = [`Hello ${self.contact.name},`, '', ...textBody, '', `${prefsLine}: ${prefs}`].join('\n');

  const htmlBody = confirmed
    ? [
        `<p><strong>You and ${escapeHtml(partner.name)} both accepted the match.</strong> You can now contact each other:</p>`,
        `<p>${escapeHtml(partner.contact.name)} &lt;<a href="${escapeHtml(`mailto:${partner.contact.email}`)}">${escapeHtml(partner.contact.email)}</a>&gt;</p>`,
        `<p>Why you were matched: ${escapeHtml(notice.summary)}</p>`,
        `<p><a href="${escapeHtml(matchUrl)}">See the match</a></p>`,
      ]
    : [
        `<p><strong>${escapeHtml(self.name)} was matched with ${escapeHtml(partner.name)}.</strong></p>`,
        `<p>Why: ${escapeHtml(notice.summary)}</p>`,
        ...(notice.weaker ? [`<p><em>${escapeHtml(WEAKER_MATCH_LINE)}</em></p>`] : []),
        `<p><a href="${escapeHtml(acceptUrl)}">Accept</a> · <a href="${escapeHtml(declineUrl)}">Decline</a></p>`,
        '<p>Contacts are shared only when both of you accept.</p>',
      ];
  const html = htmlPage(
    subject,
    [
      `<p>Hello ${escapeHtml(self.contact.name)},</p>`,
      ...htmlBody,
      `<p style="font-size:small"><a href="${escapeHtml(prefs)}">${prefsLine}</a></p>`,
    ].join('\n'),
  );
  return { subject, text, html };
}

/** Why a magic link is sent: a sign-in asked for, or a new or re-addressed profile to confirm. */
export type SignInPurpose = 'sign-in' | 'confirm-profile' | 'invite-member';

const SIGN_IN_MAIL: Record<SignInPurpose, { subject: string; intro: string; action: string }> = {
  'sign-in': { subject: 'CultureBridge: your sign-in link', intro: 'Someone (we hope you) asked to sign in to CultureBridge with this address.', action: 'Sign in' },
  'confirm-profile': {
    subject: 'CultureBridge: confirm your profile',
    intro: 'A CultureBridge profile was submitted with this address as its contact. Open the link to confirm it; until then it is not matched with anyone.',
    action: 'Confirm and sign in',
  },
  'invite-member': {
    subject: 'CultureBridge: your network invites you to confirm your profile',
    intro: 'A coordinator of your network added your organisation to CultureBridge, with this address as its contact. Open the link to review your profile and confirm it; until you do, it is not matched with anyone or shown to partners.',
    action: 'Review, confirm and sign in',
  },
};

/**
 * The magic-link mail. It says nothing about whether the address owns anything (the same mail goes
 * to every address asked for), and it is the only place the token ever appears in clear.
 */
export function composeSignInMail(token: string, purpose: SignInPurpose, validMinutes: number, { baseUrl }: MailLinks): Mail {
  const url = link(baseUrl, `sign-in?token=${encodeURIComponent(token)}`);
  const { subject, intro, action } = SIGN_IN_MAIL[purpose];
  const validity = validMinutes >= 24 * 60 ? `${Math.round(validMinutes / (24 * 60))} days` : `${validMinutes} minutes`;
  const text = [intro, '', url, '', `The link works once and for ${validity}.`, 'If you did not ask for it, ignore this mail: nothing happens without the link.'].join('\n');
  const html = htmlPage(
    subject,
    `<p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(url)}">${action}</a></p><p>The link works once and for ${validity}. If you did not ask for it, ignore this mail: nothing happens without the link.</p>`,
  );
  return { subject, text, html };
}
