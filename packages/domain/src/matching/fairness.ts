import { TIERED_SCALE } from './score.js';
import { keyPosition, keyUnits } from './top-k.js';
import type { MatchingProfile, MatchProposal } from './types.js';

/** Each profile's best qualifying partners (keys as in top-k.ts), best first, at most `pool` each. */
export interface CandidatePools {
  readonly n: number;
  readonly pool: number;
  readonly keys: Float64Array;
  readonly sizes: Int32Array;
}

/** The chosen matches as an undirected graph: partners and ranking units (tiered, see `tieredUnits`) of each profile's edges. */
export interface Selection {
  readonly cap: number;
  readonly degree: Int32Array;
  readonly partners: Int32Array;
  readonly units: Int32Array;
}

/**
 * Chooses which matches to propose. A match is reciprocal (both sides see it), so the result is a
 * set of edges, and a profile's exposure is its number of edges.
 *
 * 1. Coverage first. Profiles that have at least one qualifying partner and no match yet are
 *    served in order of fewest candidates (the most constrained first, so that a popular partner's
 *    slots go to those with no alternative), ties by id. Each gets its best partner still below
 *    the exposure cap; if its whole candidate pool is capped and the pool may have been cut short,
 *    `findUncapped` searches beyond the pool. A profile stays uncovered only when every qualifying
 *    partner is already at the cap.
 * 2. Then fill. Every (profile, candidate) pick, in order of score desc (ties: profile id, then
 *    partner id), is added while the profile has fewer than topK matches and the partner fewer
 *    than `cap`. The highest-scoring pairs are therefore decided first, and nobody exceeds the cap.
 *
 * A profile thus gets its own top-K as far as the caps and its candidate pool allow (a profile
 * whose whole pool is capped may end with fewer than K), plus the matches of partners that picked
 * it, and never more than `cap` (≥ topK). Greedy, not optimal: O(picks + profiles × cap).
 */
export function selectFairly(
  pools: CandidatePools,
  topK: number,
  cap: number,
  findUncapped: (i: number, isCapped: (j: number) => boolean) => { position: number; units: number } | undefined,
): Selection {
  const { n, pool, keys, sizes } = pools;
  const degree = new Int32Array(n);
  const partners = new Int32Array(n * cap);
  const units = new Int32Array(n * cap);
  const isCapped = (j: number) => (degree[j] as number) >= cap;
  const hasEdge = (i: number, j: number) => {
    for (let e = i * cap, end = e + (degree[i] as number); e < end; e++) if (partners[e] === j) return true;
    return false;
  };
  const addEdge = (i: number, j: number, u: number) => {
    for (const [x, y] of [[i, j], [j, i]] as const) {
      const at = x * cap + (degree[x] as number);
      partners[at] = y;
      units[at] = u;
      degree[x]! += 1;
    }
  };

  // Counting sort: fewest candidates first, ties by position (= id order).
  const byPoolSize = Array.from({ length: pool + 1 }, () => [] as number[]);
  for (let i = 0; i < n; i++) if ((sizes[i] as number) > 0) byPoolSize[sizes[i] as number]!.push(i);
  for (const group of byPoolSize) {
    for (const i of group) {
      if ((degree[i] as number) > 0) continue;
      let chosen: { position: number; units: number } | undefined;
      for (let k = i * pool, end = k + (sizes[i] as number); k < end; k++) {
        const j = keyPosition(keys[k] as number, n);
        if (!isCapped(j)) {
          chosen = { position: j, units: keyUnits(keys[k] as number, n) };
          break;
        }
      }
      if (!chosen && sizes[i] === pool) chosen = findUncapped(i, isCapped);
      if (chosen) addEdge(i, chosen.position, chosen.units);
    }
  }

  // Stable counting sort of all picks by units, descending; the scan order (i asc, best first)
  // supplies the tie order.
  let picks = 0;
  for (let i = 0; i < n; i++) picks += sizes[i] as number;
  const bucketStart = new Int32Array(TIERED_SCALE + 2);
  for (let i = 0; i < n; i++) {
    for (let k = i * pool, end = k + (sizes[i] as number); k < end; k++) {
      bucketStart[TIERED_SCALE - keyUnits(keys[k] as number, n) + 1]! += 1;
    }
  }
  for (let b = 1; b < bucketStart.length; b++) bucketStart[b]! += bucketStart[b - 1] as number;
  const pickFrom = new Int32Array(picks);
  const pickKey = new Float64Array(picks);
  for (let i = 0; i < n; i++) {
    for (let k = i * pool, end = k + (sizes[i] as number); k < end; k++) {
      const key = keys[k] as number;
      const at = bucketStart[TIERED_SCALE - keyUnits(key, n)]!++;
      pickFrom[at] = i;
      pickKey[at] = key;
    }
  }
  for (let p = 0; p < picks; p++) {
    const i = pickFrom[p] as number;
    if ((degree[i] as number) >= topK) continue;
    const j = keyPosition(pickKey[p] as number, n);
    if (isCapped(j) || hasEdge(i, j)) continue;
    addEdge(i, j, keyUnits(pickKey[p] as number, n));
  }
  return { cap, degree, partners, units };
}

/**
 * Everyone gets something: each profile with fewer than `minimum` matches, in position order, is
 * given `find`'s weaker partners (best first) that are still below the cap and not yet its
 * partners, until it has `minimum`. Returns, per profile, 1 when it has any compatible partner
 * that `find` was asked about or a match already (so the caller can count who could be served).
 */
export function topUp(
  selection: Selection,
  n: number,
  minimum: number,
  find: (i: number, wanted: number, isOpen: (j: number) => boolean) => { position: number; units: number }[],
): Uint8Array {
  const { cap, degree, partners, units } = selection;
  const served = new Uint8Array(n);
  const hasEdge = (i: number, j: number) => {
    for (let e = i * cap, end = e + (degree[i] as number); e < end; e++) if (partners[e] === j) return true;
    return false;
  };
  for (let i = 0; i < n; i++) {
    if ((degree[i] as number) > 0) served[i] = 1;
    const wanted = minimum - (degree[i] as number);
    if (wanted <= 0) continue;
    const found = find(i, wanted + (degree[i] as number), (j) => (degree[j] as number) < cap && !hasEdge(i, j));
    if (found.length > 0) served[i] = 1;
    for (const { position: j, units: u } of found) {
      if ((degree[i] as number) >= minimum || (degree[i] as number) >= cap) break;
      if ((degree[j] as number) >= cap || hasEdge(i, j)) continue;
      for (const [x, y] of [[i, j], [j, i]] as const) {
        const at = x * cap + (degree[x] as number);
        partners[at] = y;
        units[at] = u;
        degree[x]! += 1;
      }
    }
  }
  return served;
}

/** Share of the active profiles with at least one proposal in `result` (1 when there are none). */
export function coverage(
  result: { readonly proposals: ReadonlyMap<string, readonly MatchProposal[]> },
  profiles: readonly MatchingProfile[],
): number {
  let active = 0;
  let covered = 0;
  for (const p of profiles) {
    if (p.status !== 'active') continue;
    active++;
    if ((result.proposals.get(p.id)?.length ?? 0) > 0) covered++;
  }
  return active === 0 ? 1 : covered / active;
}
