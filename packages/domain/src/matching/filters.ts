import { isDeclined, type DeclinedPairs } from './pair-key.js';
import type { MatchingProfile } from './types.js';

/**
 * The rules a pair must pass before it is scored at all. The last one is ours, not the issue's:
 * a proposal needs at least one shared theme. Without it, complementarity, formats and the rest
 * could still add up past a low threshold, and a coordinator could not say what the two would do
 * together; requiring it also lets the index look only at profiles that share a theme.
 */
export const HARD_FILTERS = [
  'same-profile',
  'same-owner',
  'not-active',
  'no-shared-language',
  'out-of-scope',
  'declined-before',
  'no-shared-theme',
] as const;
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
  if (!a.themes.some((t) => b.themes.some((u) => u.id === t.id))) return { ok: false, failed: 'no-shared-theme' };
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
