import type { MatchState } from './match-lifecycle.js';
import type { NetworkSettings } from './network-settings.js';

const DAY_MS = 86_400_000;

/** What the expiry sweep needs to know of an open match. */
export interface OpenMatch {
  state: MatchState;
  profileIds: readonly [string, string];
  acceptedBy: readonly string[];
  /** ISO 8601: when the pair was (last) proposed. */
  proposedAt: string;
  /** ISO 8601: when the members who had not answered were reminded; absent until then. */
  remindedAt?: string;
}

export type ExpiryStep =
  | { kind: 'none' }
  /** Remind these sides (those that have not accepted), once. */
  | { kind: 'remind'; waitingFor: string[] }
  | { kind: 'expire' };

/** The sides of a match that have not answered yet. */
export function waitingSides(match: Pick<OpenMatch, 'profileIds' | 'acceptedBy'>): string[] {
  return match.profileIds.filter((id) => !match.acceptedBy.includes(id));
}

/**
 * What the sweep does with an open match at `now`: nothing, a reminder (once, from
 * `reminderAfterDays` after the proposal) or the expiry (from `expireAfterDays`, reminded or not: a
 * sweep that missed the reminder window must not keep a slot blocked). Only proposed and accepted
 * matches wait for an answer; every other state is left alone.
 */
export function nextExpiryStep(match: OpenMatch, settings: Pick<NetworkSettings, 'reminderAfterDays' | 'expireAfterDays'>, now: Date): ExpiryStep {
  if (match.state !== 'proposed' && match.state !== 'accepted') return { kind: 'none' };
  const ageMs = now.getTime() - new Date(match.proposedAt).getTime();
  if (ageMs >= settings.expireAfterDays * DAY_MS) return { kind: 'expire' };
  if (ageMs >= settings.reminderAfterDays * DAY_MS && !match.remindedAt) return { kind: 'remind', waitingFor: waitingSides(match) };
  return { kind: 'none' };
}

/** Whether an expired pair may be proposed again: `reproposeAfterDays` after it expired. */
export function expiredPairMayReturn(expiredAt: string, now: Date, reproposeAfterDays: number): boolean {
  return now.getTime() - new Date(expiredAt).getTime() >= reproposeAfterDays * DAY_MS;
}

/** The oldest proposal time that can need a step at `now` under any allowed settings (1 day minimum). */
export function sweepCutoff(now: Date, minReminderDays = 1): string {
  return new Date(now.getTime() - minReminderDays * DAY_MS).toISOString();
}
