import { minimumOf, SCORE_SCALE, type MatchingConfigInput } from './config.js';
import { textCosine, textSimilarity } from './encode.js';
import { collectCandidates, collectCompatible, declinedCheck, buildMatchingIndex, textDotOf, type MatchingIndex } from './index-structure.js';
import { selectFairly, topUp, type CandidatePools, type Selection } from './fairness.js';
import { isDeclined, type DeclinedPairs } from './pair-key.js';
import { canMeet, explainSide, mayBeFull, sameRole, scoreEncoded, shareGround, TIER, tieredUnits, type PairExplanation } from './score.js';
import { heapAccepts, heapOffer, heapSortDescending, keyPosition, keyUnits, rankKey } from './top-k.js';
import type { MatchingProfile, MatchProposal } from './types.js';

export interface MatchQueryOptions {
  /** Pairs declined before; they are never proposed again. */
  declined?: DeclinedPairs;
  /** Partners to leave out of this answer, e.g. those already at their exposure cap. */
  exclude?: (partnerId: string) => boolean;
  /** How many to return; the network's topK by default. */
  limit?: number;
}

/**
 * One profile's best partners, hard filters applied: full matches (common ground, windows that
 * meet, not two funders, score at or above the threshold) best first (score desc, then id asc); when there are
 * fewer than the network's `minimumProposals`, weaker matches follow up to that number (windows
 * that meet first, then score desc, then id asc), marked `weaker`. A ranking only: exposure caps
 * and coverage need the whole network and are applied by `computeAllMatches`. An id that is
 * unknown or not active gets [].
 */
export function topMatchesFor(index: MatchingIndex, profileId: string, options: MatchQueryOptions = {}): MatchProposal[] {
  const i = index.positionOf(profileId);
  if (i < 0) return [];
  const { declined, exclude } = options;
  const profiles = index.profiles;
  // Only the few pairs that would make the list are looked up, so a key string each is cheap.
  const accept =
    declined === undefined && exclude === undefined
      ? null
      : (j: number) => {
          const partner = (profiles[j] as MatchingProfile).id;
          return !isDeclined(declined, profileId, partner) && !(exclude?.(partner) ?? false);
        };
  const keys = rankPartners(index, i, options.limit ?? index.config.topK, accept, minimumOf(index.config));
  return Array.from(keys, (key) => explain(index, i, keyPosition(key, profiles.length)));
}

/**
 * Ranking keys (tiered units, see `tieredUnits`) of i's best `limit` full matches, best first, then
 * weaker ones up to `minimum` in all when the full ones are fewer. `accept` is asked only about
 * pairs that would make the list.
 */
export function rankPartners(
  index: MatchingIndex,
  i: number,
  limit: number,
  accept: ((j: number) => boolean) | null,
  minimum = 0,
): Float64Array {
  const n = index.profiles.length;
  const capacity = Math.max(0, Math.min(limit, n - 1));
  const heap = new Float64Array(capacity);
  if (capacity === 0) return heap;
  const { encoded, weights, thresholdUnits } = index;
  const candidates = index.scratch.candidates;
  const count = collectCandidates(index, i, 0);
  let size = 0;
  for (let k = 0; k < count; k++) {
    const j = candidates[k] as number;
    // Windows and roles first: a few integer reads rule out pairs before the score is computed.
    if (!mayBeFull(encoded, i, j)) continue;
    const text = textCosine(encoded, i, j, textDotOf(index, j));
    const units = Math.round(scoreEncoded(encoded, weights, i, j, text, null) * SCORE_SCALE);
    if (units < thresholdUnits) continue;
    const key = rankKey(units + 2 * TIER, j, n);
    if (!heapAccepts(heap, 0, size, capacity, key)) continue;
    if (accept !== null && !accept(j)) continue;
    size = heapOffer(heap, 0, size, capacity, key);
  }
  heapSortDescending(heap, 0, size);
  const wanted = Math.min(capacity, minimum) - size;
  if (wanted <= 0) return heap.slice(0, size);
  const weaker = rankWeaker(index, i, wanted, accept);
  const out = new Float64Array(size + weaker.length);
  out.set(heap.subarray(0, size));
  out.set(weaker, size);
  return out;
}

/** Keys of i's best `wanted` weaker matches (pairs that are not full matches), best first. Walks i's whole scopes. */
export function rankWeaker(index: MatchingIndex, i: number, wanted: number, accept: ((j: number) => boolean) | null): Float64Array {
  const n = index.profiles.length;
  const heap = new Float64Array(wanted);
  const { encoded, weights, thresholdUnits } = index;
  const candidates = index.scratch.candidates;
  const count = collectCompatible(index, i);
  let size = 0;
  for (let k = 0; k < count; k++) {
    const j = candidates[k] as number;
    const text = textSimilarity(encoded, i, j);
    const units = Math.round(scoreEncoded(encoded, weights, i, j, text, null) * SCORE_SCALE);
    const tiered = tieredUnits(units, canMeet(encoded, i, j), shareGround(encoded, i, j, text) && !sameRole(encoded, i, j), thresholdUnits);
    if (tiered >= 2 * TIER) continue;
    const key = rankKey(tiered, j, n);
    if (!heapAccepts(heap, 0, size, wanted, key)) continue;
    if (accept !== null && !accept(j)) continue;
    size = heapOffer(heap, 0, size, wanted, key);
  }
  heapSortDescending(heap, 0, size);
  return heap.slice(0, size);
}

function explain(index: MatchingIndex, i: number, j: number): MatchProposal {
  const { profiles, encoded, weights, thresholdUnits } = index;
  return explainSide(encoded, weights, profiles[i] as MatchingProfile, profiles[j] as MatchingProfile, i, j, thresholdUnits).proposal;
}

/** The outcome of a matching run over a network. */
export interface MatchingRun {
  /**
   * Every active profile's proposals, best first (score desc, then partner id asc); reciprocal.
   * A list is explained (parts, reasons, sentence) when it is first read, then kept: read every
   * list and the run holds every explanation. The run keeps the profiles it was given: change none
   * of them while lists are still to be read.
   */
  readonly proposals: ReadonlyMap<string, readonly MatchProposal[]>;
  /**
   * Every active profile's list once, in id order, explained as it goes and not kept: what a
   * writer of a whole network iterates, so that memory holds one list, not every explanation.
   * The lists equal those of `proposals`.
   */
  stream(): IterableIterator<[string, MatchProposal[]]>;
  /** Share of active profiles with at least one proposal. */
  readonly coverage: number;
  readonly stats: {
    readonly activeProfiles: number;
    readonly coveredProfiles: number;
    /** Active profiles with at least one compatible partner (passing the hard filters), full or weaker. */
    readonly profilesWithQualifyingPartner: number;
    /** Distinct weaker matches among `matches`. */
    readonly weakerMatches: number;
    /** Distinct matches (each is in two lists). */
    readonly matches: number;
  };
}

/**
 * Candidates kept per profile for the fairness step: enough to replace partners that reach their
 * cap without keeping every pair in memory. Coverage does not depend on it (it searches beyond).
 */
export const CANDIDATE_POOL_FACTOR = 3;

/** Recomputes every match of a network: index, candidate pools, fair selection, explanations. */
export function computeAllMatches(
  profiles: readonly MatchingProfile[],
  config: MatchingConfigInput = {},
  options: { declined?: DeclinedPairs } = {},
): MatchingRun {
  return matchAll(buildMatchingIndex(profiles, config), options);
}

/** `computeAllMatches` on an index already built. */
export function matchAll(index: MatchingIndex, options: { declined?: DeclinedPairs } = {}): MatchingRun {
  const { profiles, config } = index;
  const n = profiles.length;
  const declined = declinedCheck(index, options.declined);
  const pools = candidatePools(index, Math.max(1, Math.min(CANDIDATE_POOL_FACTOR * config.topK, n - 1)), declined);
  const selection = selectFairly(pools, config.topK, config.exposureCap, (i, isCapped) => {
    const [key] = rankPartners(index, i, 1, (j) => !isCapped(j) && !(declined?.(i, j) ?? false));
    return key === undefined ? undefined : { position: keyPosition(key, n), units: keyUnits(key, n) };
  });
  // Everyone gets something: a member with fewer full matches than the minimum gets its best
  // weaker ones, as far as the exposure caps allow.
  const compatible = topUp(selection, n, minimumOf(config), (i, wanted, isOpen) =>
    Array.from(rankWeaker(index, i, wanted, (j) => isOpen(j) && !(declined?.(i, j) ?? false)), (key) => ({
      position: keyPosition(key, n),
      units: keyUnits(key, n),
    })),
  );

  let covered = 0;
  let edgeEnds = 0;
  let weakerEnds = 0;
  for (let i = 0; i < n; i++) {
    const degree = selection.degree[i] as number;
    if (degree > 0) covered++;
    edgeEnds += degree;
    // A full match ranks at 2 × TIER or above (tieredUnits), as its explanation will say.
    for (let e = i * selection.cap, end = e + degree; e < end; e++) if ((selection.units[e] as number) < 2 * TIER) weakerEnds++;
  }
  let qualifying = 0;
  for (let i = 0; i < n; i++) if ((pools.sizes[i] as number) > 0 || compatible[i] === 1) qualifying++;
  return {
    proposals: new ExplainedLists(index, selection),
    stream: () => streamLists(index, selection),
    coverage: n === 0 ? 1 : covered / n,
    stats: { activeProfiles: n, coveredProfiles: covered, profilesWithQualifyingPartner: qualifying, matches: edgeEnds / 2, weakerMatches: weakerEnds / 2 },
  };
}

/**
 * Explains profile i's selected matches, best first. `shared` holds, per edge slot, what the other
 * side of that match left when it was explained first (see `PairExplanation`); a slot is emptied
 * when it is taken, so a full pass leaves nothing behind. With `shared` null every side is
 * explained on its own (same lists, see `streamLists`).
 */
function explainList(index: MatchingIndex, selection: Selection, i: number, shared: (PairExplanation | undefined)[] | null, order: Float64Array): MatchProposal[] {
  const { profiles, encoded, weights, thresholdUnits } = index;
  const n = profiles.length;
  const { cap, degree, partners, units } = selection;
  const count = degree[i] as number;
  const base = i * cap;
  for (let e = 0; e < count; e++) order[e] = rankKey(units[base + e] as number, partners[base + e] as number, n);
  heapSortDescending(order, 0, count);
  const list: MatchProposal[] = [];
  for (let e = 0; e < count; e++) {
    const j = keyPosition(order[e] as number, n);
    if (shared === null) {
      list.push(explainSide(encoded, weights, profiles[i] as MatchingProfile, profiles[j] as MatchingProfile, i, j, thresholdUnits).proposal);
      continue;
    }
    // The first side of a match to be explained leaves its explanation in the other side's slot
    // for it, so the second side finds it in its own slot.
    let own = base;
    while (partners[own] !== j) own++;
    const other = shared[own];
    shared[own] = undefined;
    const { proposal, shared: mine } = explainSide(encoded, weights, profiles[i] as MatchingProfile, profiles[j] as MatchingProfile, i, j, thresholdUnits, other);
    if (other === undefined) {
      let slot = j * cap;
      while (partners[slot] !== i) slot++;
      shared[slot] = mine;
    }
    list.push(proposal);
  }
  return list;
}

/*
 * Each side explained on its own, nothing shared: in id order about half of all matches have one
 * side explained and the other still to come at any time, and keeping those halves (parts and
 * reasons, ~1 KB each) was what a whole-network stream held: 0.6 GB at 100 000 profiles, beyond a
 * 1 GB function. Explaining the second side again is cheaper than that: at 30 000 profiles the
 * stream took 2.4 s instead of 3.0 s (the garbage collector no longer moves the kept halves), peak
 * RSS 334 MB instead of 667 MB.
 */
function* streamLists(index: MatchingIndex, selection: Selection): IterableIterator<[string, MatchProposal[]]> {
  const order = new Float64Array(selection.cap);
  for (let i = 0; i < index.profiles.length; i++) {
    yield [(index.profiles[i] as MatchingProfile).id, explainList(index, selection, i, null, order)];
  }
}

/** `MatchingRun.proposals`: each profile's list explained on first read and kept; read-only. */
class ExplainedLists implements ReadonlyMap<string, readonly MatchProposal[]> {
  readonly #index: MatchingIndex;
  readonly #selection: Selection;
  readonly #lists: (MatchProposal[] | undefined)[];
  readonly #shared: (PairExplanation | undefined)[];
  readonly #order: Float64Array;

  constructor(index: MatchingIndex, selection: Selection) {
    this.#index = index;
    this.#selection = selection;
    this.#lists = new Array<undefined>(index.profiles.length);
    this.#shared = new Array<undefined>(index.profiles.length * selection.cap);
    this.#order = new Float64Array(selection.cap);
  }

  get size(): number {
    return this.#index.profiles.length;
  }

  has(id: string): boolean {
    return this.#index.positionOf(id) >= 0;
  }

  get(id: string): readonly MatchProposal[] | undefined {
    const i = this.#index.positionOf(id);
    return i < 0 ? undefined : this.#at(i);
  }

  #at(i: number): MatchProposal[] {
    let list = this.#lists[i];
    if (list === undefined) {
      list = explainList(this.#index, this.#selection, i, this.#shared, this.#order);
      this.#lists[i] = list;
    }
    return list;
  }

  *entries(): MapIterator<[string, readonly MatchProposal[]]> {
    for (let i = 0; i < this.#index.profiles.length; i++) yield [(this.#index.profiles[i] as MatchingProfile).id, this.#at(i)];
  }

  *keys(): MapIterator<string> {
    for (const p of this.#index.profiles) yield p.id;
  }

  *values(): MapIterator<readonly MatchProposal[]> {
    for (let i = 0; i < this.#index.profiles.length; i++) yield this.#at(i);
  }

  [Symbol.iterator](): MapIterator<[string, readonly MatchProposal[]]> {
    return this.entries();
  }

  forEach(visit: (value: readonly MatchProposal[], key: string, map: ReadonlyMap<string, readonly MatchProposal[]>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) visit.call(thisArg, value, key, this);
  }
}

/**
 * Every profile's best `pool` partners. Each pair is scored once, from its lower position, and
 * offered to both heaps: the posting lists are binary-searched past positions already done.
 */
function candidatePools(index: MatchingIndex, pool: number, declined: ((i: number, j: number) => boolean) | null): CandidatePools {
  const n = index.profiles.length;
  const keys = new Float64Array(n * pool);
  const sizes = new Int32Array(n);
  // The smallest key a heap still takes (-1 until full): one small array read per side decides
  // most pairs, instead of a random read into the large heap array.
  const floor = new Float64Array(n).fill(-1);
  const { encoded, weights, thresholdUnits } = index;
  const candidates = index.scratch.candidates;
  for (let i = 0; i < n; i++) {
    const count = collectCandidates(index, i, i + 1);
    const baseI = i * pool;
    for (let k = 0; k < count; k++) {
      const j = candidates[k] as number;
      if (!mayBeFull(encoded, i, j)) continue;
      const text = textCosine(encoded, i, j, textDotOf(index, j));
      const units = Math.round(scoreEncoded(encoded, weights, i, j, text, null) * SCORE_SCALE);
      if (units < thresholdUnits) continue;
      const keyForI = rankKey(units + 2 * TIER, j, n);
      const keyForJ = rankKey(units + 2 * TIER, i, n);
      const intoI = keyForI > (floor[i] as number);
      const intoJ = keyForJ > (floor[j] as number);
      if (!intoI && !intoJ) continue;
      if (declined !== null && declined(i, j)) continue;
      if (intoI) {
        const size = (sizes[i] = heapOffer(keys, baseI, sizes[i] as number, pool, keyForI));
        if (size === pool) floor[i] = keys[baseI] as number;
      }
      if (intoJ) {
        const baseJ = j * pool;
        const size = (sizes[j] = heapOffer(keys, baseJ, sizes[j] as number, pool, keyForJ));
        if (size === pool) floor[j] = keys[baseJ] as number;
      }
    }
  }
  for (let i = 0; i < n; i++) heapSortDescending(keys, i * pool, sizes[i] as number);
  return { n, pool, keys, sizes };
}
