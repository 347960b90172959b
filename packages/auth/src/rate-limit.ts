import { isIPv4, isIPv6 } from 'node:net';

/**
 * Limits on sign-in links (and confirmation links, which are the same). Fixed windows: one counter
 * per key and window, which DynamoDB increments atomically; a sliding log would cost a write per
 * request and buy nothing at these sizes. Sized to stop abuse, not people (docs/decisions.md):
 * a signed-in browser keeps its session for days, so people ask for few links.
 */
export const RATE_LIMITS = {
  /** Links to one mailbox: enough to retry a lost mail several times, too few to flood an inbox. */
  perAddress: { limit: 5, windowSeconds: 15 * 60 },
  /**
   * Requests from one client network (an IPv4 address, an IPv6 /64): a workshop of 30 people
   * behind one office or event address, each asking twice, fits; a script asking for links to
   * many addresses is stopped after 60.
   */
  perClient: { limit: 60, windowSeconds: 15 * 60 },
  /** The same over a day: a script that waits out each 15-minute window still sends at most 300 mails a day. */
  perClientDay: { limit: 300, windowSeconds: 24 * 60 * 60 },
} as const;

/**
 * The key the per-address limit counts under: one mailbox, however its address is spelled. Lower
 * case, NFC, trimmed, and a `+tag` in the local part dropped ("Ana+cb@Orhei.example" is
 * ana@orhei.example): otherwise `a+1@`, `a+2@`, … would each get their own five links into one
 * inbox. The single place that says what "the same address" means for limits.
 */
export function addressLimitKey(address: string): string {
  const normal = address.normalize('NFC').trim().toLowerCase();
  const at = normal.lastIndexOf('@');
  if (at <= 0) return normal;
  // indexOf, not /\+.*$/: that regex was tried from every `+` of a long run and backtracked (quadratic).
  const whole = normal.slice(0, at);
  const plus = whole.indexOf('+');
  const local = plus === -1 ? whole : whole.slice(0, plus);
  return `${local || normal.slice(0, at)}${normal.slice(at)}`;
}

/**
 * The key the per-client limits count under: an IPv4 address as it is, an IPv6 address by its /64
 * prefix (one subscriber network: a script there has 2^64 addresses to rotate through), an
 * IPv4-mapped IPv6 address as its IPv4 address. Anything else (not an IP) is used as it is.
 */
export function clientNetworkKey(address: string): string {
  const ip = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export type RateLimitName = keyof typeof RATE_LIMITS;

export interface RateWindow {
  /** Epoch seconds at which the window began: part of the counter's key. */
  start: number;
  /** Epoch seconds at which it ends: the counter's TTL and the base of Retry-After. */
  end: number;
}

export function windowAt(name: RateLimitName, nowMs: number): RateWindow {
  const size = RATE_LIMITS[name].windowSeconds;
  const start = Math.floor(nowMs / 1000 / size) * size;
  return { start, end: start + size };
}

/** Seconds until the window ends, at least 1 (a Retry-After of 0 invites an immediate retry). */
export function retryAfterSeconds(window: RateWindow, nowMs: number): number {
  return Math.max(1, Math.ceil(window.end - nowMs / 1000));
}
