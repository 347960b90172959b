import { isDeclined, type DeclinedPairs } from './pair-key.js';
import type { MatchingProfile } from './types.js';

/**
 * The rules a pair must pass to be proposed at all (compatibility). Sharing a theme is no longer
 * one of them (since 2026-11-30): a pair with nothing in common can still be a *weaker* match for
 * a member that has too few full ones, and a pair that shares only words of its texts can be a
 * full match. What makes a full match is in `weakerCause` (score.ts).
 */
export const HARD_FILTERS = ['same-profile', 'same-owner', 'not-active', 'no-shared-language', 'out-of-scope', 'declined-before'] as const;
export type HardFilter = (typeof HARD_FILTERS)[number];

export type FilterVerdict = { ok: true } | { ok: false; failed: HardFilter };

/** Which hard filter, if any, keeps a and b apart. The index applies the same rules in bulk. */
export function checkHardFilters(a: MatchingProfile, b: MatchingProfile, declined?: DeclinedPairs): FilterVerdict {
  if (a.id === b.id) return { ok: false, failed: 'same-profile' };
  if (sameOwner(a, b)) return { ok: false, failed: 'same-owner' };
  if (a.status !== 'active' || b.status !== 'active') return { ok: false, failed: 'not-active' };
  if (!a.languages.some((l) => b.languages.includes(l))) return { ok: false, failed: 'no-shared-language' };
  if (!inScope(a, b)) return { ok: false, failed: 'out-of-scope' };
  if (isDeclined(declined, a.id, b.id)) return { ok: false, failed: 'declined-before' };
  return { ok: true };
}

/** Two profiles of one contact address: a member is never proposed to themselves. */
export function sameOwner(a: Pick<MatchingProfile, 'owner'>, b: Pick<MatchingProfile, 'owner'>): boolean {
  return a.owner !== undefined && a.owner === b.owner;
}

/** Members of a shared network may match; outside any shared network, only if both opted in. */
export function inScope(a: MatchingProfile, b: MatchingProfile): boolean {
  return a.networks.some((n) => b.networks.includes(n)) || (a.openToOutsideNetwork && b.openToOutsideNetwork);
}
