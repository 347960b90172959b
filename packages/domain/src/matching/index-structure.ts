import type { ThemeId } from '../taxonomy.js';
import { MatchingConfig, normalisedWeights, thresholdUnits, type MatchingConfigInput } from './config.js';
import { encodeProfiles, R_LANGUAGES, R_THEMES, ROW_WIDTH, THEME_BIT, THEME_COUNT, themeIdf, type EncodedProfiles } from './encode.js';
import { parsePairKey, pairKey, type DeclinedPairs } from './pair-key.js';
import type { ScoringContext } from './score.js';
import type { MatchingProfile } from './types.js';

/*
 * Candidate generation. A pair can only be proposed if it shares a theme and is in scope (a shared
 * network, or both open to outside partners), so the index keeps one posting list per
 * (scope, theme), where a scope is a network or the pseudo-network "open to outside". The
 * candidates of profile i are the union of the lists for i's scopes × i's themes; nothing outside
 * that union is ever looked at. Lists hold positions in ascending order, so the batch run can
 * binary-search past the partners it has already scored from the other side.
 */
interface Postings {
  /** Start of list (scope × THEME_COUNT + theme) in `items`; one more entry marks the end. */
  readonly offsets: Int32Array;
  readonly items: Int32Array;
  /** Per profile, its scopes (networks, then the open scope if it opted in), CSR-style. */
  readonly scopeOffsets: Int32Array;
  readonly scopes: Int32Array;
}

export interface MatchingIndex extends ScoringContext {
  readonly config: MatchingConfig;
  /** Active profiles sorted by id (code-unit order): a profile's position is also its id's rank. */
  readonly profiles: readonly MatchingProfile[];
  readonly encoded: EncodedProfiles;
  readonly weights: Float64Array;
  readonly thresholdUnits: number;
  readonly postings: Postings;
  /** idf of a theme among the active profiles of the index (0 if none has it). */
  idf(themeId: ThemeId): number;
  /** Position of an active profile, or -1 if the id is unknown or not active. */
  positionOf(id: string): number;
  /** Per position, a number for its owner (profiles of one contact address share it), or -1 when unknown. */
  readonly owners: Int32Array;
  /** Scratch space reused by every query: the index is single-threaded, as JavaScript is. */
  readonly scratch: { stamp: Int32Array; epoch: number; candidates: Int32Array };
}

/**
 * Precomputes everything a query needs, once: ids sorted (so results never depend on input
 * order), idf over the active profiles, numeric encodings and posting lists. O(total themes × scopes).
 */
export function buildMatchingIndex(profiles: readonly MatchingProfile[], config: MatchingConfigInput = {}): MatchingIndex {
  const parsed = freezeConfig(MatchingConfig.parse(config));
  const active = profiles.filter((p) => p.status === 'active').sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const positions = new Map<string, number>();
  active.forEach((p, i) => positions.set(p.id, i));
  if (positions.size !== active.length) {
    const duplicate = active.find((p, i) => i > 0 && active[i - 1]?.id === p.id);
    throw new Error(`profile id ${duplicate?.id ?? '?'} appears twice in the matching input`);
  }

  const idf = themeIdf(active);
  const encoded = encodeProfiles(active, idf, parsed.priorityFactors);
  const n = active.length;

  const networkIds = [...new Set(active.flatMap((p) => p.networks))].sort();
  const networkIndex = new Map(networkIds.map((id, i) => [id, i]));
  const openScope = networkIds.length;
  const scopeCount = openScope + 1;

  const scopeOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const p = active[i] as MatchingProfile;
    scopeOffsets[i + 1] = (scopeOffsets[i] as number) + p.networks.length + (p.openToOutsideNetwork ? 1 : 0);
  }
  const scopes = new Int32Array(scopeOffsets[n] as number);
  for (let i = 0; i < n; i++) {
    const p = active[i] as MatchingProfile;
    let at = scopeOffsets[i] as number;
    for (const net of p.networks) scopes[at++] = networkIndex.get(net) as number;
    if (p.openToOutsideNetwork) scopes[at++] = openScope;
  }

  const offsets = new Int32Array(scopeCount * THEME_COUNT + 1);
  const forEachList = (i: number, visit: (list: number) => void) => {
    const mask = encoded.rows[i * ROW_WIDTH + R_THEMES] as number;
    for (let s = scopeOffsets[i] as number; s < (scopeOffsets[i + 1] as number); s++) {
      for (let t = 0; t < THEME_COUNT; t++) if (mask & (1 << t)) visit((scopes[s] as number) * THEME_COUNT + t);
    }
  };
  for (let i = 0; i < n; i++) forEachList(i, (list) => (offsets[list + 1]! += 1));
  for (let l = 0; l < scopeCount * THEME_COUNT; l++) offsets[l + 1]! += offsets[l] as number;
  const fill = offsets.slice(0, -1);
  const items = new Int32Array(offsets[scopeCount * THEME_COUNT] as number);
  for (let i = 0; i < n; i++) forEachList(i, (list) => (items[fill[list]!++] = i));

  // Owners as small numbers, so the candidate loop compares two integers, not two strings.
  const ownerNumbers = new Map<string, number>();
  const owners = new Int32Array(n).fill(-1);
  active.forEach((p, i) => {
    if (p.owner === undefined) return;
    if (!ownerNumbers.has(p.owner)) ownerNumbers.set(p.owner, ownerNumbers.size);
    owners[i] = ownerNumbers.get(p.owner) as number;
  });

  return {
    config: parsed,
    profiles: active,
    owners,
    encoded,
    weights: normalisedWeights(parsed),
    thresholdUnits: thresholdUnits(parsed),
    postings: { offsets, items, scopeOffsets, scopes },
    idf: (themeId) => idf[THEME_BIT.get(themeId) ?? -1] ?? 0,
    positionOf: (id) => positions.get(id) ?? -1,
    scratch: { stamp: new Int32Array(n), epoch: 0, candidates: new Int32Array(n) },
  };
}

/** An index's settings never change under it; frozen, they can also be cached by `scorePair`. */
function freezeConfig(config: MatchingConfig): MatchingConfig {
  Object.freeze(config.weights);
  Object.freeze(config.priorityFactors);
  return Object.freeze(config);
}

/**
 * Writes into `index.scratch.candidates` every position ≥ minPosition that shares a scope and a
 * theme with i and a working language and has another owner, each once; returns how many. The
 * caller applies the rest (threshold, declined pairs). Every query and the batch run take their
 * candidates from here, so the same-owner rule of `checkHardFilters` holds for all of them.
 */
export function collectCandidates(index: MatchingIndex, i: number, minPosition: number): number {
  const { offsets, items, scopeOffsets, scopes } = index.postings;
  const { languages, languageWords: words, rows } = index.encoded;
  const scratch = index.scratch;
  const out = scratch.candidates;
  const stamp = scratch.stamp;
  // A fresh epoch marks "seen in this query" without clearing the array; wraps after 2^31 queries.
  const epoch = (scratch.epoch = scratch.epoch === 0x7fffffff ? 1 : scratch.epoch + 1);
  if (epoch === 1) stamp.fill(0);
  stamp[i] = epoch;

  const mask = rows[i * ROW_WIDTH + R_THEMES] as number;
  const lang0 = rows[i * ROW_WIDTH + R_LANGUAGES] as number;
  const owners = index.owners;
  const owner = owners[i] as number;
  let count = 0;
  for (let s = scopeOffsets[i] as number, sEnd = scopeOffsets[i + 1] as number; s < sEnd; s++) {
    const listBase = (scopes[s] as number) * THEME_COUNT;
    for (let t = 0; t < THEME_COUNT; t++) {
      if ((mask & (1 << t)) === 0) continue;
      let from = offsets[listBase + t] as number;
      const end = offsets[listBase + t + 1] as number;
      if (minPosition > 0) from = lowerBound(items, from, end, minPosition);
      for (let k = from; k < end; k++) {
        const j = items[k] as number;
        if (stamp[j] === epoch) continue;
        stamp[j] = epoch;
        if (owner !== -1 && owners[j] === owner) continue;
        if (words === 1) {
          if (((rows[j * ROW_WIDTH + R_LANGUAGES] as number) & lang0) === 0) continue;
        } else if (!shareWord(languages, i * words, j * words, words)) continue;
        out[count++] = j;
      }
    }
  }
  return count;
}

function lowerBound(items: Int32Array, from: number, to: number, value: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((items[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function shareWord(masks: Int32Array, a: number, b: number, words: number): boolean {
  for (let w = 0; w < words; w++) if (((masks[a + w] as number) & (masks[b + w] as number)) !== 0) return true;
  return false;
}

/**
 * Declined pairs as a check on positions, for the whole-network run. A set is turned into numbers
 * once, so that run never builds a string per pair; a lookup function is only asked about pairs
 * that would otherwise enter a candidate pool.
 */
export function declinedCheck(index: MatchingIndex, declined: DeclinedPairs | undefined): ((i: number, j: number) => boolean) | null {
  if (declined === undefined) return null;
  const profiles = index.profiles;
  if (typeof declined === 'function') {
    return (i, j) => declined(pairKey((profiles[i] as MatchingProfile).id, (profiles[j] as MatchingProfile).id));
  }
  const n = profiles.length;
  const pairs = new Set<number>();
  for (const key of declined) {
    const ids = parsePairKey(key);
    if (!ids) continue;
    const a = index.positionOf(ids[0]);
    const b = index.positionOf(ids[1]);
    if (a >= 0 && b >= 0) pairs.add(Math.min(a, b) * n + Math.max(a, b));
  }
  if (pairs.size === 0) return null;
  return (i, j) => pairs.has(i < j ? i * n + j : j * n + i);
}
