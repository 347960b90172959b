import * as z from 'zod';
import { renderReasons, type OtherReason } from './i18n/reasons.js';
import { DEFAULT_LOCALE, LocaleSchema, type Locale } from './i18n/locales.js';
import { translator } from './i18n/translate.js';
import { formatDate } from './i18n/labels.js';
import { isOpenMatch, type MatchState } from './match-lifecycle.js';
import type { MatchReason } from './matching/types.js';
import { networkDisplayName } from './network-settings.js';
import { NetworkId, type MemberMailFrequency } from './profile.js';
import { MAIL_TEXT, mailText, type MailText } from './mail-text.js';
import { oneLineText } from './text.js';
import { countryTimeZone } from './time-zones.js';

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

/**
 * True for an IANA time zone name the runtime knows, spelled as IANA spells it. Intl resolves any
 * casing ("europe/KYIV"), and that spelling would be stored and published as typed; Intl's own
 * canonical form is no cure, as it turns Europe/Kyiv into the older Europe/Kiev.
 *
 * Intl lists its canonical names (`Intl.supportedValuesOf`), so those are taken as listed. An alias
 * it resolves but does not list (Europe/Kyiv, Asia/Kolkata, Etc/UTC) cannot be checked against a
 * list the runtime has, so its spelling is checked against IANA's conventions: each part starts with
 * a capital, no capital follows a small letter, and at most three capitals run together (UTC,
 * EST5EDT). Of the 597 names in tzdata 2025 that Intl knows, this refuses only six deprecated
 * backward links (Brazil/DeNoronha, Mexico/BajaNorte, NZ-CHAT, …), whose current names it takes.
 * A wrong casing of an alias that keeps those conventions (Etc/Utc) still passes.
 */
export const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    return false;
  }
  if (listedTimeZones().has(tz)) return true;
  return tz.split('/').every((part) => /^[A-Z]/.test(part)) && !/[a-z][A-Z]|[A-Z]{4}/.test(tz);
};

let listed: ReadonlySet<string> | undefined;
const listedTimeZones = () => (listed ??= new Set(Intl.supportedValuesOf('timeZone')));

/** An IANA time zone name such as Europe/Berlin, as the runtime's Intl knows them. */
export const TimeZone = z.string().refine(isTimeZone, { error: 'timeZone: expected an IANA time zone such as Europe/Berlin', params: { code: 'unknown_time_zone' } });

export const NOTIFICATION_MODES = ['immediate', 'digest', 'off'] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];

export const NotificationPreference = z.strictObject({
  mode: z.enum(NOTIFICATION_MODES).default('digest'),
  timeZone: TimeZone.default('UTC'),
  digestHour: z.number().int().min(0).max(23).default(8),
});
export type NotificationPreference = z.output<typeof NotificationPreference>;

export const CoordinatorInput = z.strictObject({
  networkId: NetworkId,
  name: oneLineText('name', 200),
  email: z.email({ error: 'email: expected a valid e-mail address' }).max(254).toLowerCase(),
  // A daily digest unless the coordinator asks otherwise: one mail a day, not one per match.
  preference: NotificationPreference.default({ mode: 'digest', timeZone: 'UTC', digestHour: 8 }),
  /** The language of the coordinator's mails; absent reads as English (coordinators stored before it existed). */
  locale: LocaleSchema.optional(),
});
export type CoordinatorInput = z.input<typeof CoordinatorInput>;

export interface Coordinator extends z.output<typeof CoordinatorInput> {
  id: string;
}

/**
 * What a mail is about: a match's state change (`proposed`, `accepted` by one side, `confirmed`,
 * `expired`), or a `reminder` that a proposal still waits for an answer.
 */
export const NOTICE_KINDS = ['proposed', 'accepted', 'confirmed', 'expired', 'reminder'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The match facts a mail needs: the event's data plus the two public profile names. */
export interface MatchNotice {
  matchId: string;
  profileIds: [string, string];
  names: [string, string];
  state: NoticeKind;
  summary: string;
  /**
   * The structured reasons (the event's), rendered in each recipient's language; without them (digest
   * entries kept before they were stored) the mail quotes the English `summary`.
   */
  reasons?: readonly (MatchReason | OtherReason)[];
  score: number;
  sharedNetworks: string[];
  version: number;
  /** The sides that accepted so far (absent in entries kept before it existed). */
  acceptedBy?: string[];
  /** A weaker match (see `isWeakerMatch`): proposed so that a member is not left with nothing. */
  weaker?: boolean;
  /**
   * How reasons name the shared networks: network id → display name (its settings' or its record's,
   * see `networkDisplayName`). Absent (or an id missing): the known name, else the id.
   */
  networkNames?: Readonly<Record<string, string>>;
}

/** The line a mail adds for a weaker match, in English (each locale's is `mail.weakerMatch`). */
export const weakerMatchLine = () => translator('en')('mail.weakerMatch');

export interface CoordinatorRecipient {
  coordinator: Coordinator;
  networkId: string;
  /** How mails name the network (its display name); the id when absent. */
  networkName?: string;
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

/** Coordinators hear right away only of new and confirmed matches; the rest waits for their digest. */
export function coordinatorMailNow(kind: NoticeKind): kind is 'proposed' | 'confirmed' {
  return kind === 'proposed' || kind === 'confirmed';
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

/**
 * One digest per recipient and period (a local date, or an ISO week `2026-W48`). An on-demand run
 * (`npm start`'s command) is keyed by its own time, so it does not use up the period's digest.
 */
export function digestNotificationId(recipientId: string, period: string, role: 'coordinator' | 'member' = 'coordinator', onDemandAt?: string): string {
  const who = role === 'coordinator' ? recipientId : `member:${recipientId}`;
  return `digest:${who}:${period}:digest${onDemandAt ? `:now:${onDemandAt}` : ''}`;
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
/** The coordinator's dashboard of one network. */
export const dashboardLink = (baseUrl: string, networkId: string) => link(baseUrl, `dashboard/${encodeURIComponent(networkId)}`);
const profileLink = (baseUrl: string, profileId: string) => link(baseUrl, `profiles/${encodeURIComponent(profileId)}`);

function headline(n: MatchNotice & { state: 'proposed' | 'confirmed' }, T: MailText): string {
  return T.coordinatorMatch.headline[n.state](...n.names);
}

/**
 * Why the pair matched, in the recipient's language: one short sentence per point, from the
 * structured reasons, read from `selfId`'s side when the recipient is a member of the pair.
 */
function whyLines(n: MatchNotice, locale: Locale, selfId?: string): string[] {
  if (!n.reasons?.length) return [n.summary];
  const named = n.networkNames;
  return renderReasons(n.reasons, {
    locale,
    pair: n.profileIds,
    names: new Map(n.profileIds.map((id, i) => [id, n.names[i] ?? id])),
    selfId,
    ...(named ? { networkName: (id: string) => named[id] ?? networkDisplayName(id) } : {}),
  });
}

/** "Why: <summary>" on one line, or "Why:" followed by one line per reason. */
function whyText(label: string, lines: readonly string[], indent = ''): string[] {
  return lines.length === 1 ? [`${indent}${label} ${lines[0]}`] : [`${indent}${label}`, ...lines.map((l) => `${indent}- ${l}`)];
}

function whyHtml(label: string, lines: readonly string[]): string {
  return lines.length === 1 ? `${escapeHtml(label)} ${escapeHtml(lines[0] as string)}` : `${escapeHtml(label)}<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`;
}

/**
 * A mail's HTML part as a whole document in `locale`: with the viewport line, a phone's mail app
 * shows it at the phone's width instead of a 980 px page of tiny text.
 */
export function htmlPage(title: string, body: string, locale: Locale = DEFAULT_LOCALE): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

/** The mail for one new or confirmed match, to one coordinator, sent right away, in the coordinator's language. */
export function composeMatchMail(notice: MatchNotice & { state: 'proposed' | 'confirmed' }, recipient: CoordinatorRecipient, { baseUrl }: MailLinks): Mail {
  const locale = recipient.coordinator.locale ?? DEFAULT_LOCALE;
  const T = mailText(locale);
  const network = recipient.networkName ?? recipient.networkId;
  const subject = oneLine(T.coordinatorMatch.subject(network, headline(notice, T)));
  const url = matchLink(baseUrl, notice);
  const dashboard = dashboardLink(baseUrl, recipient.networkId);
  const prefs = preferencesLink(baseUrl, recipient.coordinator.id);
  const score = T.scoreLine(notice.score);
  const why = whyLines(notice, locale);
  const text = [
    T.common.greeting(recipient.coordinator.name),
    '',
    T.coordinatorMatch.inNetwork(headline(notice, T), network),
    '',
    ...whyText(T.common.why, why),
    score,
    ...(notice.weaker ? [T.weakerMatch] : []),
    '',
    `${T.common.seeMatch}: ${url}`,
    `${T.coordinatorMatch.dashboard}: ${dashboard}`,
    '',
    `${T.common.preferences}: ${prefs}`,
  ].join('\n');
  const html = htmlPage(
    subject,
    [
      `<p>${escapeHtml(T.common.greeting(recipient.coordinator.name))}</p>`,
      `<p><strong>${escapeHtml(T.coordinatorMatch.inNetwork(headline(notice, T), network))}</strong></p>`,
      `<p>${whyHtml(T.common.why, why)}<br>${escapeHtml(score)}</p>`,
      ...(notice.weaker ? [`<p><em>${escapeHtml(T.weakerMatch)}</em></p>`] : []),
      `<p><a href="${escapeHtml(url)}">${escapeHtml(T.common.seeMatch)}</a> · <a href="${escapeHtml(dashboard)}">${escapeHtml(T.coordinatorMatch.dashboard)}</a></p>`,
      `<p style="font-size:small"><a href="${escapeHtml(prefs)}">${escapeHtml(T.common.preferences)}</a></p>`,
    ].join('\n'),
    locale,
  );
  return { subject, text, html };
}

/** What a digest lists for one match: recorded by notify (or the expiry sweep), read back by send-digests. */
export interface DigestEntry {
  notice: MatchNotice;
  occurredAt: string;
}

/**
 * The figures a digest opens with: each listed match counted once, under the state its line shows
 * (see `digestAsItStands`). `waiting` is the current number of open matches (proposed, or accepted by
 * one side), whoever's answer they wait for, not a count of entries.
 */
export interface DigestCounts {
  new: number;
  accepted: number;
  confirmed: number;
  waiting: number;
  expired: number;
}

export function digestCounts(entries: readonly DigestEntry[], waiting: number): DigestCounts {
  const count = (state: NoticeKind) => new Set(entries.filter((e) => e.notice.state === state).map((e) => e.notice.matchId)).size;
  return { new: count('proposed'), accepted: count('accepted'), confirmed: count('confirmed'), waiting, expired: count('expired') };
}

/** Where a match stands now, as send-digests reads it (the member's own copy, or the network's projection). */
export interface MatchNow {
  matchId: string;
  state: MatchState;
  acceptedBy: readonly string[];
  version: number;
}

/** The line a match in each current state gets; declined and withdrawn matches get none (neither is ever mailed). */
const LINE_OF_STATE: Record<MatchState, NoticeKind | undefined> = { proposed: 'proposed', accepted: 'accepted', confirmed: 'confirmed', expired: 'expired', declined: undefined, withdrawn: undefined };

/** Whether what an entry says of a match is still so: a reminder while the reader still has to answer, any other kind while the match is in that state. */
function stillSo(kind: NoticeKind, match: MatchNow, readerId: string | undefined): boolean {
  if (kind === 'reminder') return isOpenMatch(match.state) && (readerId === undefined || !match.acceptedBy.includes(readerId));
  return kind === match.state;
}

/**
 * The lines of a digest as the matches stand when it is sent: entries are queued as events happen,
 * and by the digest hour a proposal may have been declined, accepted (by the reader too), confirmed,
 * withdrawn or expired. One line per match: what its latest entry says while that is still so, else
 * its current state (`current`, by match id); a match now declined or withdrawn is left out. A match
 * whose current state is unknown, or read older than its entries, is listed as its latest entry says.
 * `readerId` is the member the digest is for (undefined: a coordinator). The counts of the result
 * (`digestCounts`) then count each match once, under the state its line shows.
 */
export function digestAsItStands(entries: readonly DigestEntry[], current: ReadonlyMap<string, MatchNow>, readerId?: string): DigestEntry[] {
  // Oldest first, so each match's latest entry is the one kept.
  const latestOf = new Map<string, DigestEntry>();
  for (const e of [...entries].sort((x, y) => x.occurredAt.localeCompare(y.occurredAt))) latestOf.set(e.notice.matchId, e);
  const lines: DigestEntry[] = [];
  for (const [matchId, latest] of latestOf) {
    const match = current.get(matchId);
    if (!match || match.version < latest.notice.version) {
      lines.push(latest);
      continue;
    }
    const state = stillSo(latest.notice.state, match, readerId) ? latest.notice.state : LINE_OF_STATE[match.state];
    if (!state) continue;
    lines.push({ ...latest, notice: { ...latest.notice, state, version: match.version, acceptedBy: [...match.acceptedBy] } });
  }
  return lines.sort((x, y) => x.occurredAt.localeCompare(y.occurredAt));
}

/** Who a digest is for: a coordinator about a network, or a member about one of its profiles. */
export type DigestRecipient =
  | { role: 'coordinator'; id: string; name: string; networkId: string; networkName?: string; locale?: Locale }
  | { role: 'member'; id: string; name: string; profileName: string; locale?: Locale };

export type DigestFrequency = keyof typeof MAIL_TEXT.digest.frequency;

/** A digest lists at most this many items; the counts and the dashboard link cover the rest. */
export const DIGEST_ITEM_LIMIT = 25;

/**
 * A digest's period as the recipient's language writes a date: a day (YYYY-MM-DD) by formatDate, an
 * ISO week (2026-W48) as the week of its Monday (`weekOf`); anything else as it is.
 */
function periodText(period: string, locale: Locale, weekOf: (date: string) => string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return formatDate(period, locale);
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (!week) return period;
  // ISO 8601: week 1 is the week with 4 January in it; weeks begin on Monday.
  const jan4 = Date.UTC(Number(week[1]), 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000 + (Number(week[2]) - 1) * 7 * 86_400_000;
  return weekOf(formatDate(new Date(monday).toISOString().slice(0, 10), locale));
}

/**
 * One digest mail: the counts first (new, accepted, confirmed, waiting, expired), a link to the
 * dashboard (coordinators) or the member's matches, then one line per entry, oldest first, each
 * with its link; no full reasons (they are one click away). Undefined when nothing happened.
 * send-digests passes the entries through `digestAsItStands` first: one line per match, as it stands.
 */
export function composeDigestMail(recipient: DigestRecipient, frequency: DigestFrequency, period: string, entries: readonly DigestEntry[], waiting: number, { baseUrl }: MailLinks): Mail | undefined {
  if (entries.length === 0) return undefined;
  const sorted = [...entries].sort((x, y) => x.occurredAt.localeCompare(y.occurredAt) || x.notice.matchId.localeCompare(y.notice.matchId));
  const locale = recipient.locale ?? DEFAULT_LOCALE;
  const T = mailText(locale);
  const counts = digestCounts(sorted, waiting);
  const D = T.digest;
  const figures = (Object.keys(D.counts) as (keyof DigestCounts)[]).map((k) => D.counts[k](counts[k]));
  const changed = figures.filter((_, i) => counts[(Object.keys(D.counts) as (keyof DigestCounts)[])[i] as keyof DigestCounts] > 0 && i !== 3);
  // A digest of reminders only is about what waits for an answer, not "nothing new".
  const reminding = sorted.some((e) => e.notice.state === 'reminder') ? [D.counts.waiting(counts.waiting)] : [];
  const scope = recipient.role === 'coordinator' ? (recipient.networkName ?? recipient.networkId) : recipient.profileName;
  const subject = oneLine(D.subject(scope, D.frequency[frequency], (changed.length > 0 ? changed : reminding).slice(0, 2).join(', ') || D.nothingNew, periodText(period, locale, D.weekOf)));
  const overview = recipient.role === 'coordinator' ? dashboardLink(baseUrl, recipient.networkId) : profileLink(baseUrl, recipient.id);
  const overviewLabel = D.dashboard[recipient.role];
  const prefs = recipient.role === 'coordinator' ? preferencesLink(baseUrl, recipient.id) : memberPreferencesLink(baseUrl, recipient.id);
  const itemUrl = (n: MatchNotice) => {
    if (recipient.role === 'coordinator') return matchLink(baseUrl, n);
    const partner = n.profileIds[0] === recipient.id ? n.profileIds[1] : n.profileIds[0];
    return link(baseUrl, `matches/${encodeURIComponent(recipient.id)}/${encodeURIComponent(partner)}`);
  };
  const shown = sorted.slice(0, DIGEST_ITEM_LIMIT);
  const itemText = (n: MatchNotice) => {
    const item = recipient.role === 'member' ? memberItem(n, recipient.id) : D.item[n.state](...n.names);
    return n.weaker ? D.weakerItem(item) : item;
  };
  // A member reads their own profile first, and for a match accepted by one side, whose answer it waits for.
  const memberItem = (n: MatchNotice, self: string) => {
    const mine = n.profileIds[0] === self ? 0 : 1;
    const [own, partner] = [n.names[mine], n.names[1 - mine]] as [string, string];
    // An entry kept before notices carried `acceptedBy` cannot say who accepted: the pair's line.
    if (n.state === 'accepted' && n.acceptedBy === undefined) return D.item.accepted(own, partner);
    const acceptedBy = n.acceptedBy ?? [];
    if (n.state === 'accepted') return acceptedBy.includes(self) ? D.acceptedByYou(partner) : D.acceptedByPartner(partner);
    // A reminder of a match the partner accepted says so: the answer awaited is the reader's.
    if (n.state === 'reminder' && acceptedBy.length > 0 && !acceptedBy.includes(self)) return D.acceptedByPartner(partner);
    return D.item[n.state](own, partner);
  };
  const intro = recipient.role === 'coordinator' ? D.intro.coordinator(scope) : D.intro.member(scope);
  const more = sorted.length > shown.length ? [D.more(sorted.length - shown.length)] : [];
  const text = [
    T.common.greeting(recipient.name),
    '',
    intro,
    '',
    ...figures.map((f) => `  ${f}`),
    '',
    `${overviewLabel}: ${overview}`,
    '',
    ...shown.map((e) => `- ${itemText(e.notice)}: ${itemUrl(e.notice)}`),
    ...more,
    '',
    `${T.common.preferences}: ${prefs}`,
  ].join('\n');
  const html = htmlPage(
    subject,
    [
      `<p>${escapeHtml(T.common.greeting(recipient.name))}</p>`,
      `<p>${escapeHtml(intro)}</p>`,
      `<ul class="counts">${figures.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`,
      `<p><a href="${escapeHtml(overview)}"><strong>${escapeHtml(overviewLabel)}</strong></a></p>`,
      `<ul>\n${shown.map((e) => `<li><a href="${escapeHtml(itemUrl(e.notice))}">${escapeHtml(itemText(e.notice))}</a></li>`).join('\n')}\n</ul>`,
      ...more.map((m) => `<p>${escapeHtml(m)}</p>`),
      `<p style="font-size:small"><a href="${escapeHtml(prefs)}">${escapeHtml(T.common.preferences)}</a></p>`,
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

/**
 * Members' digests go out at 08:00 on their own clock, weekly ones on Mondays. Members choose no
 * time zone: it is the one their profile's country keeps (`countryTimeZone`), UTC without one.
 */
export const MEMBER_DIGEST = { fallbackTimeZone: 'UTC', digestHour: 8, weeklyOn: 1 } as const;

/** The ISO 8601 week of a date (YYYY-MM-DD), e.g. 2026-W48. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Whether a member's digest is due at `now`, and the period it covers (the member's own date, or
 * ISO week): daily from 08:00, weekly from 08:00 on Monday (and later that week, if a run was
 * missed, once per week), in the zone of `country` (ISO 3166 alpha-2; UTC when absent or unknown).
 */
export function memberDigestDue(frequency: MemberMailFrequency, now: Date, country?: string): { due: boolean; period: string } {
  const zone = (country === undefined ? undefined : countryTimeZone(country, now)) ?? MEMBER_DIGEST.fallbackTimeZone;
  const { date, hour } = localTime(now, zone);
  if (frequency === 'weekly') {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const started = weekday !== 0 && (weekday > MEMBER_DIGEST.weeklyOn || hour >= MEMBER_DIGEST.digestHour);
    return { due: started, period: isoWeek(date) };
  }
  return { due: frequency === 'daily' && hour >= MEMBER_DIGEST.digestHour, period: date };
}

/** What a member mail needs about one side of the match: its own profile and its partner's. */
export interface MemberSide {
  id: string;
  name: string;
  contact: { name: string; email: string };
  /** Legacy opt-in (before mail frequencies): true meant a mail per match. */
  matchEmails?: boolean;
  /** The member's language for its mails; English when absent. */
  locale?: Locale;
  mailFrequency?: MemberMailFrequency;
}

/**
 * Whether a member's mail about `notice` (an event of version `version` in `state`) still tells the
 * match as it stands (`current`, read once the mail's claim is held): not once the match has moved
 * on to another state, whose own event's mail tells it. Both sides accepting at the same moment
 * give MatchAccepted then MatchConfirmed; a notify that reaches the first after the second was
 * written would tell the partner "Kutaisi accepted your match" and then "you both accepted".
 * A later version in the same state (a proposal re-scored) still stands; so does a match that
 * cannot be read (the mail is decided as before).
 */
export function memberMatchMailStands(notice: { version: number; state: NoticeKind }, current: { version: number; state: string } | undefined): boolean {
  return current === undefined || current.version <= notice.version || current.state === notice.state;
}

/**
 * How often a member hears of its matches: its choice; without one, a daily digest (so members hear
 * about matches without asking), or a mail per match for profiles that opted in before frequencies.
 */
export function memberMailFrequency(side: Pick<MemberSide, 'matchEmails' | 'mailFrequency'>): MemberMailFrequency {
  return side.mailFrequency ?? (side.matchEmails ? 'immediate' : 'daily');
}

export interface MemberRecipient {
  /** The member's own profile: its id names the accept/decline links, its contact gets the mail. */
  self: MemberSide;
  partner: MemberSide;
  frequency: MemberMailFrequency;
}

/**
 * The sides a notice concerns, each with its partner and frequency, in profile id order; members who
 * chose `off` are left out. A match accepted by one side concerns the other (its turn to answer); a
 * reminder concerns the sides that have not accepted; everything else concerns both.
 */
export function memberRecipients(sides: readonly [MemberSide, MemberSide], notice?: Pick<MatchNotice, 'state' | 'acceptedBy'>): MemberRecipient[] {
  const [a, b] = sides;
  const concerned = (side: MemberSide) => !notice || (notice.state !== 'accepted' && notice.state !== 'reminder') || !(notice.acceptedBy ?? []).includes(side.id);
  return [
    { self: a, partner: b, frequency: memberMailFrequency(a) },
    { self: b, partner: a, frequency: memberMailFrequency(b) },
  ].filter((r) => r.frequency !== 'off' && concerned(r.self));
}

const memberMatchPath = (r: Pick<MemberRecipient, 'self' | 'partner'>) => `matches/${encodeURIComponent(r.self.id)}/${encodeURIComponent(r.partner.id)}`;
const memberPreferencesLink = (baseUrl: string, profileId: string) => link(baseUrl, `preferences/profiles/${encodeURIComponent(profileId)}`);

/**
 * The mail to one member about its match. A proposal, an acceptance by the partner and a reminder
 * name the partner, say why and link to accept or decline (the web app serves those pages; it
 * confirms the answer there, so a mail scanner that follows links answers nothing). The partner's
 * contact is revealed only when both accepted (`confirmed`), as the API reveals it: the composer
 * enforces that, whatever the caller passes.
 */
export function composeMemberMatchMail(notice: MatchNotice, recipient: Pick<MemberRecipient, 'self' | 'partner'>, { baseUrl }: MailLinks): Mail {
  const { self, partner } = recipient;
  const locale = self.locale ?? DEFAULT_LOCALE;
  const T = mailText(locale);
  const M = T.memberMatch;
  const kind = M[notice.state];
  const base = memberMatchPath(recipient);
  const matchUrl = link(baseUrl, base);
  const acceptUrl = link(baseUrl, `${base}/accept`);
  const declineUrl = link(baseUrl, `${base}/decline`);
  const prefs = memberPreferencesLink(baseUrl, self.id);
  // From the member's own side: "You offer a venue, which Gori needs."
  const why = whyLines(notice, locale, self.id);
  const subject = oneLine(kind.subject(partner.name));
  const lead = kind.lead(self.name, partner.name);
  const answerable = notice.state === 'proposed' || notice.state === 'accepted' || notice.state === 'reminder';

  let textBody: string[];
  let htmlBody: string[];
  if (notice.state === 'confirmed') {
    textBody = [lead, '', `${partner.contact.name} <${partner.contact.email}>`, '', ...whyText(M.confirmed.whyMatched, why), '', `${T.common.seeMatch}: ${matchUrl}`];
    htmlBody = [
      `<p><strong>${escapeHtml(lead)}</strong></p>`,
      `<p>${escapeHtml(partner.contact.name)} &lt;<a href="${escapeHtml(`mailto:${partner.contact.email}`)}">${escapeHtml(partner.contact.email)}</a>&gt;</p>`,
      `<p>${whyHtml(M.confirmed.whyMatched, why)}</p>`,
      `<p><a href="${escapeHtml(matchUrl)}">${escapeHtml(T.common.seeMatch)}</a></p>`,
    ];
  } else if (answerable) {
    textBody = [lead, '', ...whyText(T.common.why, why), ...(notice.weaker ? [T.weakerMatch] : []), '', `${M.accept}: ${acceptUrl}`, `${M.decline}: ${declineUrl}`, '', M.contactsLater];
    htmlBody = [
      `<p><strong>${escapeHtml(lead)}</strong></p>`,
      `<p>${whyHtml(T.common.why, why)}</p>`,
      ...(notice.weaker ? [`<p><em>${escapeHtml(T.weakerMatch)}</em></p>`] : []),
      `<p><a href="${escapeHtml(acceptUrl)}">${escapeHtml(M.accept)}</a> · <a href="${escapeHtml(declineUrl)}">${escapeHtml(M.decline)}</a></p>`,
      `<p>${escapeHtml(M.contactsLater)}</p>`,
    ];
  } else {
    textBody = [lead, '', `${T.common.seeMatch}: ${matchUrl}`];
    htmlBody = [`<p><strong>${escapeHtml(lead)}</strong></p>`, `<p><a href="${escapeHtml(matchUrl)}">${escapeHtml(T.common.seeMatch)}</a></p>`];
  }
  const text = [T.common.greeting(self.contact.name), '', ...textBody, '', `${T.common.preferences}: ${prefs}`].join('\n');
  const html = htmlPage(
    subject,
    [`<p>${escapeHtml(T.common.greeting(self.contact.name))}</p>`, ...htmlBody, `<p style="font-size:small"><a href="${escapeHtml(prefs)}">${escapeHtml(T.common.preferences)}</a></p>`].join('\n'),
    locale,
  );
  return { subject, text, html };
}

/** Why a magic link is sent: a sign-in asked for, or a new or re-addressed profile to confirm. */
export type SignInPurpose = 'sign-in' | 'confirm-profile' | 'invite-member';

/**
 * What a magic-link mail is about: a confirmation names the profile, an invitation (a coordinator
 * listed the member, who asked for nothing) also the network that listed it, by its display name.
 */
export type SignInMailSubject =
  | { purpose: 'sign-in' }
  /** `contactChange`: the link makes this address the contact of an active profile (see PendingContact). */
  | { purpose: 'confirm-profile'; profile: string; contactChange?: true }
  | { purpose: 'invite-member'; profile: string; network: string };

/**
 * The magic-link mail. A sign-in link says nothing about whether the address owns anything (the
 * same mail goes to every address asked for); confirmations and invitations go only to a profile's
 * contact and name it. It is the only place the token ever appears in clear.
 */
export function composeSignInMail(token: string, about: SignInMailSubject, validMinutes: number, { baseUrl }: MailLinks, locale: Locale = DEFAULT_LOCALE): Mail {
  const S = mailText(locale).signIn;
  const url = link(baseUrl, `sign-in?token=${encodeURIComponent(token)}`);
  const words =
    about.purpose === 'sign-in'
      ? { subject: S.subject['sign-in'], intro: S.intro['sign-in'], ignore: S.ignore }
      : about.purpose === 'confirm-profile'
        ? { subject: S.subject['confirm-profile'](about.profile), intro: (about.contactChange ? S.changeIntro : S.intro['confirm-profile'])(about.profile), ignore: S.ignore }
        : { subject: S.subject['invite-member'](about.network, about.profile), intro: S.intro['invite-member'](about.network, about.profile), ignore: S.inviteIgnore(about.profile) };
  // Names come from members and coordinators: a header carries none of their line breaks.
  const { intro, ignore } = words;
  const subject = oneLine(words.subject);
  const text = [intro, '', url, '', S.validity(validMinutes), ignore].join('\n');
  const html = htmlPage(
    subject,
    `<p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(S.button[about.purpose])}</a></p><p>${escapeHtml(S.validity(validMinutes))} ${escapeHtml(ignore)}</p>`,
    locale,
  );
  return { subject, text, html };
}
