/**
 * Limits on sign-in links. Fixed windows: one counter per key and window, which DynamoDB increments
 * atomically; a sliding log would cost a write per request and buy nothing at these sizes.
 */
export const RATE_LIMITS = {
  /** Links to one address: enough to retry a lost mail, too few to flood an inbox. */
  perAddress: { limit: 5, windowSeconds: 15 * 60 },
  /** Requests from one client address, across addresses (offices share an IP, so it is larger). */
  perClient: { limit: 30, windowSeconds: 15 * 60 },
} as const;

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
