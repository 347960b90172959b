/**
 * Partner systems (issue 13): who subscribes to which events, and the rules of webhook delivery
 * (retry schedule, when an endpoint is disabled, which addresses are refused). Pure: no I/O, no AWS.
 * Its own entry point (`@culturebridge/domain/partner`), not in the package's index: it uses node:net,
 * which the web app's browser bundle must not pull in.
 */
import { randomBytes } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import * as z from 'zod';
import { escapeHtml, htmlPage, type Mail } from './notification.js';
import { NetworkId } from './profile.js';
import { oneLineText } from './text.js';

/** A 12-digit AWS account id. */
export const AwsAccountId = z.string().regex(/^\d{12}$/, { error: 'awsAccount: expected 12 digits' });

/** The longest webhook URL accepted, in characters. */
export const WEBHOOK_URL_MAX = 2048;
/** The longest contact address accepted, in characters (RFC 5321's path limit less the angle brackets). */
export const CONTACT_MAX = 254;

/** A webhook endpoint as the operator gives it; SSRF checks on the resolved address happen at delivery. */
export const WebhookUrl = z
  .url({ protocol: /^https?$/, error: 'webhook: expected an http(s) URL' })
  // Its own message: without one, zod reports the bound with the format's ("expected an http(s) URL").
  .max(WEBHOOK_URL_MAX, { error: `webhook: too long (at most ${WEBHOOK_URL_MAX} characters)` })
  // zod runs this even when the URL check above failed, so an unparsable value must not throw here.
  .refine((u) => { const url = URL.parse(u); return url === null || (!url.username && !url.password); }, { error: 'webhook: credentials in the URL are not allowed' });

/**
 * What a partner must have to receive anything, as issues ({ path, message }, message starting
 * with the field): a `webhook` or an `awsAccount`; and a `webhook` for `events` or `networks`,
 * which filter webhook deliveries only. Judged on which fields were given, not on whether they are
 * valid, so a malformed webhook is named for that alone. Part of PartnerInput; exported because
 * zod skips an object's own checks once a field's check aborted (an empty name), and `add` still
 * names every bad field at once.
 */
export function partnerTargetIssues(input: unknown): { path: string[]; message: string }[] {
  const given = (field: string) => typeof input === 'object' && input !== null && (input as Record<string, unknown>)[field] !== undefined;
  const issues: { path: string[]; message: string }[] = [];
  if (!given('webhook') && !given('awsAccount')) {
    const why = '(a partner with neither receives nothing)';
    issues.push({ path: ['webhook'], message: `webhook: required unless there is an awsAccount ${why}` });
    issues.push({ path: ['awsAccount'], message: `awsAccount: required unless there is a webhook ${why}` });
  }
  for (const filter of ['events', 'networks']) {
    if (given(filter) && !given('webhook')) {
      issues.push({ path: [filter], message: `${filter}: filters only webhook deliveries, and there is no webhook (an AWS account chooses events with its own rule)` });
    }
  }
  return issues;
}

/**
 * What `npm run partner -- add` accepts. A partner needs a `webhook` or an `awsAccount` (or both):
 * with neither it receives nothing. `events` and `networks` filter webhook deliveries only (an AWS
 * account chooses its events with its own rule's pattern), so they need a `webhook`. `events`
 * absent means every detail type (including ones added later); `networks` absent means events of
 * every network. Issues name their field first ("webhook: …").
 */
export const PartnerInput = z
  .strictObject({
    name: oneLineText('name', 200),
    contact: z.email({ error: 'contact: expected a valid e-mail address' }).max(CONTACT_MAX, { error: `contact: too long (at most ${CONTACT_MAX} characters)` }).toLowerCase(),
    awsAccount: AwsAccountId.optional(),
    webhook: WebhookUrl.optional(),
    events: z.array(z.string().min(1)).min(1).optional(),
    networks: z.array(NetworkId).min(1).optional(),
  })
  .superRefine(
    (input, ctx) => {
      for (const issue of partnerTargetIssues(input)) ctx.addIssue({ code: 'custom', ...issue });
    },
    // Also when a field failed without aborting (a bad contact), so one answer names both.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
export type PartnerInput = z.input<typeof PartnerInput>;

/** A signing secret, `whsec_` + base64 of 24 random bytes (Standard Webhooks' format). */
export interface WebhookSecret {
  secret: string;
  createdAt: string;
  /** After a rotation the previous secret keeps signing until this time (ISO 8601), then is dropped. */
  expiresAt?: string;
}

export type PartnerStatus = 'enabled' | 'disabled';
export type DisabledReason = 'operator' | 'gone' | 'failing';

export interface Partner {
  id: string;
  name: string;
  /** Personal data: stays in the table, never in events or logs. */
  contact: string;
  awsAccount?: string;
  webhook?: { url: string; secrets: WebhookSecret[] };
  events?: string[];
  networks?: string[];
  status: PartnerStatus;
  disabledReason?: DisabledReason;
  disabledAt?: string;
  /** When the current run of failed deliveries began; cleared by a success. */
  failingSince?: string;
  /** Set once the "endpoint disabled" mail went out, so a retried message does not send it twice. */
  disabledNoticeSentAt?: string;
  createdAt: string;
  updatedAt: string;
}

/** A fresh signing secret: `whsec_` and the base64 of 24 random bytes, the form the standardwebhooks libraries read. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** How long the previous secret keeps signing after a rotation (Standard Webhooks suggests a grace period). */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

/** The secrets to sign with at `now`: the current one and a previous one still in its grace period. */
export function signingSecrets(secrets: readonly WebhookSecret[], now: Date): string[] {
  return secrets.filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > now.getTime()).map((s) => s.secret);
}

/** Adds `fresh` as the current secret; the others expire after the grace period (or keep an earlier expiry). */
export function rotateSecrets(secrets: readonly WebhookSecret[], fresh: string, now: Date): WebhookSecret[] {
  const graceEnd = new Date(now.getTime() + ROTATION_GRACE_MS).toISOString();
  const kept = secrets
    .filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > now.getTime())
    .map((s) => ({ ...s, expiresAt: s.expiresAt && s.expiresAt < graceEnd ? s.expiresAt : graceEnd }));
  return [{ secret: fresh, createdAt: now.toISOString() }, ...kept];
}

/**
 * The networks and profiles an event is about, read from its data without knowing its detail type:
 * profile events carry `profile.networks` (or `networks` on a withdrawal), match events
 * `sharedNetworks` and `profileIds`, coordinator and membership events `networkId`. Profile ids whose
 * networks the event does not state are looked up by the caller.
 */
export function eventSubject(data: unknown): { networks: string[]; profileIds: string[] } {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const profile = (typeof d.profile === 'object' && d.profile !== null ? d.profile : {}) as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
  const networks = [...strings(profile.networks), ...strings(d.networks), ...strings(d.sharedNetworks), ...strings(d.networkId)];
  const profileIds = [...strings(profile.id), ...strings(d.profileId), ...strings(d.profileIds)];
  if (typeof d.matchId === 'string' && profileIds.length === 0) profileIds.push(...d.matchId.split('|'));
  return { networks: [...new Set(networks)], profileIds: [...new Set(profileIds)] };
}

/** Whether the partner receives this event: enabled, with a webhook, subscribed to its type, and (with a network filter) about one of its networks. */
export function wantsEvent(partner: Partner, detailType: string, eventNetworks: readonly string[] | undefined): boolean {
  if (partner.status !== 'enabled' || !partner.webhook) return false;
  if (partner.events && !partner.events.includes(detailType)) return false;
  if (!partner.networks) return true;
  return (eventNetworks ?? []).some((n) => partner.networks?.includes(n));
}

/** A redelivery window as `npm run partner -- redeliver --from --to` reads it: the times to query, or the problems. */
export type RedeliveryWindow = { ok: true; from: Date; to: Date; note?: string } | { ok: false; problems: string[] };

const IsoTime = z.iso.datetime({ offset: true });

/**
 * The window `redeliver --from <ISO time> --to <ISO time>` reads, at `now`. Each end must be an ISO
 * 8601 time (`2026-11-29T00:00:00Z`, an offset allowed), and `from` before `to`; otherwise one
 * problem per bad option ("--from: …"). Events are kept `keptDays`, so only the part of the window
 * since then and until `now` is read, with a `note` saying so (a window from 1970 to 9999 would be
 * millions of day queries); a window wholly before then reads nothing (`from` after `to`).
 */
export function redeliveryWindow(from: string, to: string, now: Date, keptDays: number): RedeliveryWindow {
  const problems = (
    [['--from', from], ['--to', to]] as const
  ).flatMap(([option, value]) => (IsoTime.safeParse(value).success ? [] : [`${option}: expected an ISO 8601 time such as 2026-11-29T00:00:00Z, got ${JSON.stringify(value)}`]));
  if (problems.length > 0) return { ok: false, problems };
  const start = new Date(from);
  const end = new Date(to);
  if (start.getTime() >= end.getTime()) return { ok: false, problems: [`--from: ${from} is after --to ${to}, or equal to it (a window runs from the earlier time to the later)`] };
  const kept = new Date(now.getTime() - keptDays * 24 * 3600e3);
  const clampedFrom = start < kept ? kept : start;
  const clampedTo = end > now ? now : end;
  if (clampedFrom === start && clampedTo === end) return { ok: true, from: start, to: end };
  const note = `events are kept ${keptDays} days for redelivery: reading ${clampedFrom.toISOString()} to ${clampedTo.toISOString()} (older ones: ask for an archive replay, docs/partners.md)`;
  return { ok: true, from: clampedFrom, to: clampedTo, note };
}

/**
 * Delays before attempts 2…10 (Standard Webhooks' example schedule): 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 14 h, 20 h, 24 h. Attempt 1 is immediate; after attempt 10 the message is dead-lettered.
 */
export const RETRY_DELAYS_MS = [5e3, 5 * 60e3, 30 * 60e3, 2 * 3600e3, 5 * 3600e3, 10 * 3600e3, 14 * 3600e3, 20 * 3600e3, 24 * 3600e3] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** An endpoint failing this long (ms) is disabled, and its partner and the operator are told. */
export const DISABLE_AFTER_FAILING_MS = 3 * 24 * 3600e3;
/** Each request times out after this many ms. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export type AttemptResult = { ok: true; status: number } | { ok: false; status?: number; error: string };

export type NextStep =
  | { action: 'done' }
  | { action: 'retry'; attempt: number; delayMs: number }
  | { action: 'dead-letter' }
  | { action: 'disable'; reason: 'gone' | 'failing' };

/**
 * What follows an attempt: a 2xx is done; 410 Gone disables at once; a failure that ends three days of
 * failures disables; otherwise the next attempt on the schedule, or the dead-letter queue after the last.
 * `failingSince` is the start of the run of failures this one belongs to (now for a first failure).
 */
export function nextStep(result: AttemptResult, attempt: number, failingSince: Date, now: Date): NextStep {
  if (result.ok) return { action: 'done' };
  if (result.status === 410) return { action: 'disable', reason: 'gone' };
  if (now.getTime() - failingSince.getTime() >= DISABLE_AFTER_FAILING_MS) return { action: 'disable', reason: 'failing' };
  if (attempt >= MAX_ATTEMPTS) return { action: 'dead-letter' };
  return { action: 'retry', attempt: attempt + 1, delayMs: RETRY_DELAYS_MS[attempt - 1] as number };
}

/** 2xx is success; every other status (3xx included: redirects are not followed) is a failure. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

// Special-purpose ranges (IANA IPv4/IPv6 Special-Purpose Address Registries) a webhook must never reach in AWS.
const REFUSED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) REFUSED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96], ['100::', 64],
  // Forms that carry an IPv4 address (which a partner's own DNS may answer with): IPv4-compatible
  // ::a.b.c.d, IPv4-translated ::ffff:0:a.b.c.d, local-use NAT64, 6to4 and Teredo; and the old site-local range.
  ['::', 96], ['::ffff:0:0:0', 96], ['64:ff9b:1::', 48], ['2002::', 16], ['2001::', 32], ['fec0::', 10],
] as const) REFUSED.addSubnet(net, bits, 'ipv6');

/**
 * True for addresses a webhook may not reach from AWS: private (RFC 1918, fc00::/7), loopback,
 * link-local (169.254.0.0/16 holds the instance metadata service; fe80::/10), CGNAT, multicast,
 * reserved and documentation ranges. IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged as its IPv4 address;
 * the other IPv6 forms that carry an IPv4 address (::a.b.c.d, ::ffff:0:a.b.c.d, NAT64 local use, 6to4,
 * Teredo) are refused whole.
 */
export function isRefusedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return REFUSED.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 4) return REFUSED.check(address, 'ipv4');
  if (family === 6) return REFUSED.check(address, 'ipv6');
  return true;
}

/**
 * Why a webhook URL can never be delivered to, judged from the URL alone (no DNS lookup), or
 * undefined when delivery may try it. Refused everywhere: an unparsable URL, a scheme other than
 * http(s), credentials in the URL. Refused when `strict` (in AWS) as well: plain http, a host that
 * is literally a refused address (see isRefusedAddress: 169.254.169.254, [::1], 10.0.0.8; the URL
 * parser has already turned 2130706433 or 0x7f.1 into 127.0.0.1), and the names that are always
 * loopback (localhost, *.localhost: RFC 6761). The one rule for both delivery (functions/
 * deliver-webhooks/send.ts, which checks the resolved addresses too) and `npm run partner -- add`,
 * which refuses such URLs up front. The reason reads "http is not allowed, only https",
 * "refused address 169.254.169.254", …
 */
export function webhookUrlProblem(url: string, strict: boolean): string | undefined {
  const target = URL.parse(url);
  if (!target) return 'invalid URL';
  if (target.protocol !== 'https:' && (strict || target.protocol !== 'http:')) {
    return `${target.protocol.replace(':', '')} is not allowed, only ${strict ? 'https' : 'http(s)'}`;
  }
  if (target.username || target.password) return 'credentials in the URL are not allowed';
  if (!strict) return undefined;
  const host = target.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  // A literal address never goes through a resolver, so it is judged here; names are judged after DNS.
  if (isIP(host) !== 0 && isRefusedAddress(host)) return `refused address ${host}`;
  if (host === 'localhost' || host.endsWith('.localhost')) return `refused address ${host} (always loopback)`;
  return undefined;
}

/**
 * The two mails sent when an endpoint is disabled after three days of failures (English only:
 * partners have no language setting). `toPartner`, for the partner's contact, says what happened,
 * what to fix on their side (answer 2xx within the timeout, no redirects, a valid certificate), and
 * that the CultureBridge operator enables the endpoint again and can redeliver what was missed:
 * the commands are the operator's, so they are not in it. `toOperator` names the commands.
 * `failingSince` is an ISO 8601 time. Both share the subject.
 */
export function composeEndpointDisabledMails(partner: Pick<Partner, 'id' | 'name'>, url: string, failingSince: string): { toPartner: Mail; toOperator: Mail } {
  const subject = `CultureBridge webhooks to ${partner.name} are disabled`;
  const what = `Deliveries to ${url} have failed since ${failingSince}, so the endpoint was disabled after three days. No further events are sent until it is enabled again.`;
  const mail = (lines: string[]): Mail => ({ subject, text: lines.join('\n'), html: htmlPage(subject, lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')) });
  return {
    toPartner: mail([
      what,
      `To fix on your side: the endpoint must answer each POST with a 2xx status within ${WEBHOOK_TIMEOUT_MS / 1000} seconds, without redirecting (redirects are not followed), over HTTPS with a valid certificate, and verify signatures with your current signing secret. Your system's logs show what it answered.`,
      'Once it works, reply to your CultureBridge operator: they enable the endpoint again and can send you the events you missed while it was failing (events are kept 30 days).',
    ]),
    toOperator: mail([
      `${what} The partner's contact has been told what to fix and to ask you to enable it.`,
      `Enable it: npm run partner -- enable ${partner.id}`,
      `Then send the failed events again: npm run partner -- redeliver ${partner.id} --from ${failingSince} --to <now>`,
      `See the attempts: npm run partner -- deliveries ${partner.id} --failed`,
    ]),
  };
}
