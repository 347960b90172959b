import type { ThemeId } from '../taxonomy.js';
import { MatchingConfig, normalisedWeights, thresholdUnits, type MatchingConfigInput } from './config.js';
import { encodeProfiles, R_LANGUAGES, R_THEMES, ROW_WIDTH, THEME_BIT, THEME_COUNT, themeIdf, type EncodedProfiles } from './encode.js';
import { parsePairKey, pairKey, type DeclinedPairs } from './pair-key.js';
import type { ScoringContext } from './score.js';
import type { MatchingProfile } from './types.js';

/*
 * Candidate generation. A full match needs common ground (a shared theme or a shared word of
 * the texts) and scope (a shared network, or both open to outside partners), so the index keeps
 * one posting list per (scope, theme), where a scope is a network or the pseudo-network "open to
 * outside", and one per sharable text term. The candidates of profile i are the union of the
 * lists for i's scopes × i's themes and of i's terms' lists (checked for scope); nothing outside
 * that union is ever looked at for a full match. Weaker matches, for members with too few full
 * ones, come from the per-scope member lists. Lists hold positions in ascending order, so the
 * batch run can binary-search past the partners it has already scored from the other side.
 */
interface Postings {
  /** Start of list (scope × THEME_COUNT + theme) in `items`; one more entry marks the end. */
  readonly offsets: Int32Array;
  readonly items: Int32Array;
  /** Per profile, its scopes (networks, then the open scope if it opted in), CSR-style. */
  readonly scopeOffsets: Int32Array;
  readonly scopes: Int32Array;
  /** Per scope, its members, CSR-style. */
  readonly memberOffsets: Int32Array;
  readonly members: Int32Array;
  /** Per sharable text term, its holders and their weights for the term, CSR-style. */
  readonly termOffsets: Int32Array;
  readonly termItems: Int32Array;
  readonly termWeights: Float64Array;
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
  /** A text term's weighting among the active profiles of the index. */
  textTerm(term: string): { idf: number; sharable: boolean } | undefined;
  /** Position of an active profile, or -1 if the id is unknown or not active. */
  positionOf(id: string): number;
  /** Per position, a number for its owner (profiles of one contact address share it), or -1 when unknown. */
  readonly owners: Int32Array;
  /** Scratch space reused by every query: the index is single-threaded, as JavaScript is. */
  readonly scratch: {
    stamp: Int32Array;
    epoch: number;
    candidates: Int32Array;
    /** Text dot products of the last query, valid where `dotStamp` equals its epoch. */
    dot: Float64Array;
    dotStamp: Int32Array;
    touched: Int32Array;
    scopeStamp: Int32Array;
  };
}

/**
 * Precomputes everything a query needs, once: ids sorted (so results never depend on input
 * order), idf over the active profiles, numeric encodings and posting lists. O(total themes × scopes + terms).
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
    const row = i * ROW_WIDTH + R_THEMES;
    for (let s = scopeOffsets[i] as number; s < (scopeOffsets[i + 1] as number); s++) {
      for (let t = 0; t < THEME_COUNT; t++) {
        if (((encoded.rows[row + (t >> 5)] as number) >>> (t & 31)) & 1) visit((scopes[s] as number) * THEME_COUNT + t);
      }
    }
  };
  for (let i = 0; i < n; i++) forEachList(i, (list) => (offsets[list + 1]! += 1));
  for (let l = 0; l < scopeCount * THEME_COUNT; l++) offsets[l + 1]! += offsets[l] as number;
  const fill = offsets.slice(0, -1);
  const items = new Int32Array(offsets[scopeCount * THEME_COUNT] as number);
  for (let i = 0; i < n; i++) forEachList(i, (list) => (items[fill[list]!++] = i));

  const memberOffsets = new Int32Array(scopeCount + 1);
  for (let k = 0; k < scopes.length; k++) memberOffsets[(scopes[k] as number) + 1]! += 1;
  for (let c = 0; c < scopeCount; c++) memberOffsets[c + 1]! += memberOffsets[c] as number;
  const memberFill = memberOffsets.slice(0, -1);
  const members = new Int32Array(scopes.length);
  for (let i = 0; i < n; i++) {
    for (let s = scopeOffsets[i] as number; s < (scopeOffsets[i + 1] as number); s++) members[memberFill[scopes[s] as number]!++] = i;
  }

  const text = encoded.text;
  const termCount = text.terms.length;
  const termOffsets = new Int32Array(termCount + 1);
  for (let k = 0; k < text.ids.length; k++) {
    const id = text.ids[k] as number;
    if (text.sharable[id] === 1) termOffsets[id + 1]! += 1;
  }
  for (let t = 0; t < termCount; t++) termOffsets[t + 1]! += termOffsets[t] as number;
  const termFill = termOffsets.slice(0, -1);
  const termItems = new Int32Array(termOffsets[termCount] as number);
  const termWeights = new Float64Array(termOffsets[termCount] as number);
  for (let i = 0; i < n; i++) {
    for (let k = text.offsets[i] as number; k < (text.offsets[i + 1] as number); k++) {
      const id = text.ids[k] as number;
      if (text.sharable[id] !== 1) continue;
      const at = termFill[id]!++;
      termItems[at] = i;
      termWeights[at] = text.weights[k] as number;
    }
  }
  const termIds = new Map(text.terms.map((t, k) => [t, k]));
  const termIdf = Float64Array.from(text.terms, (_, k) => {
    const d = text.df[k] as number;
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  });
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
    postings: { offsets, items, scopeOffsets, scopes, memberOffsets, members, termOffsets, termItems, termWeights },
    idf: (themeId) => idf[THEME_BIT.get(themeId) ?? -1] ?? 0,
    textTerm: (term) => {
      const k = termIds.get(term);
      return k === undefined ? undefined : { idf: termIdf[k] as number, sharable: text.sharable[k] === 1 };
    },
    positionOf: (id) => positions.get(id) ?? -1,
    scratch: {
      stamp: new Int32Array(n),
      epoch: 0,
      candidates: new Int32Array(n),
      dot: new Float64Array(n),
      dotStamp: new Int32Array(n),
      touched: new Int32Array(n),
      scopeStamp: new Int32Array(scopeCount),
    },
  };
}

/** An index's settings never change under it; frozen, they can also be cached by `scorePair`. */
function freezeConfig(config: MatchingConfig): MatchingConfig {
  Object.freeze(config.weights);
  Object.freeze(config.priorityFactors);
  return Object.freeze(config);
}

/** Starts a query: a fresh epoch marks "seen in this query" without clearing arrays; wraps after 2^31 queries. */
function nextEpoch(index: MatchingIndex): number {
  const scratch = index.scratch;
  const epoch = (scratch.epoch = scratch.epoch === 0x7fffffff ? 1 : scratch.epoch + 1);
  if (epoch === 1) {
    scratch.stamp.fill(0);
    scratch.dotStamp.fill(0);
    scratch.scopeStamp.fill(0);
  }
  return epoch;
}

/**
 * Writes into `index.scratch.candidates` every position ≥ minPosition that is in one of i's
 * scopes, shares a working language, has another owner, and shares a theme or a sharable text
 * term with i, each once; returns how many. Text dot products are left in the scratch (see
 * `textDotOf`). The caller applies the rest (threshold, windows, declined pairs). Every query and
 * the batch run take their candidates from here or from `collectCompatible`, so the same-owner
 * rule of `checkHardFilters` holds for all of them.
 */
export function collectCandidates(index: MatchingIndex, i: number, minPosition: number): number {
  const { offsets, items, scopeOffsets, scopes, termOffsets, termItems, termWeights } = index.postings;
  const { rows, text } = index.encoded;
  const scratch = index.scratch;
  const { candidates: out, stamp, dot, dotStamp, touched, scopeStamp } = scratch;
  const epoch = nextEpoch(index);
  stamp[i] = epoch;
  const sBegin = scopeOffsets[i] as number;
  const sEnd = scopeOffsets[i + 1] as number;
  for (let s = sBegin; s < sEnd; s++) scopeStamp[scopes[s] as number] = epoch;

  // Text first: accumulate dot products over i's sharable terms in term order (the order
  // `textSimilarity` merges in, so both give the same sum).
  let touchedCount = 0;
  for (let k = text.offsets[i] as number, kEnd = text.offsets[i + 1] as number; k < kEnd; k++) {
    const term = text.ids[k] as number;
    if (text.sharable[term] !== 1) continue;
    const wi = text.weights[k] as number;
    let from = termOffsets[term] as number;
    const end = termOffsets[term + 1] as number;
    if (minPosition > 0) from = lowerBound(termItems, from, end, minPosition);
    for (let p = from; p < end; p++) {
      const j = termItems[p] as number;
      if (j === i) continue;
      if (dotStamp[j] !== epoch) {
        dotStamp[j] = epoch;
        dot[j] = 0;
        touched[touchedCount++] = j;
      }
      dot[j] = (dot[j] as number) + wi * (termWeights[p] as number);
    }
  }
  const owners = index.owners;
  const owner = owners[i] as number;
  let count = 0;
  for (let t = 0; t < touchedCount; t++) {
    const j = touched[t] as number;
    if (owner !== -1 && owners[j] === owner) continue;
    if (!sharesScope(index, j, epoch) || !sharesLanguage(index, i, j)) continue;
    stamp[j] = epoch;
    out[count++] = j;
  }

  const row = i * ROW_WIDTH + R_THEMES;
  for (let s = sBegin; s < sEnd; s++) {
    const listBase = (scopes[s] as number) * THEME_COUNT;
    for (let t = 0; t < THEME_COUNT; t++) {
      if ((((rows[row + (t >> 5)] as number) >>> (t & 31)) & 1) === 0) continue;
      let from = offsets[listBase + t] as number;
      const end = offsets[listBase + t + 1] as number;
      if (minPosition > 0) from = lowerBound(items, from, end, minPosition);
      for (let k = from; k < end; k++) {
        const j = items[k] as number;
        if (stamp[j] === epoch) continue;
        stamp[j] = epoch;
        if (owner !== -1 && owners[j] === owner) continue;
        if (!sharesLanguage(index, i, j)) continue;
        out[count++] = j;
      }
    }
  }
  return count;
}

/**
 * Every position in one of i's scopes with a working language in common (i itself excluded),
 * into `index.scratch.candidates`; returns how many. For weaker matches only: it walks whole
 * scopes. Text dot products are computed afresh for these positions (see `textDotOf`).
 */
export function collectCompatible(index: MatchingIndex, i: number): number {
  const { scopeOffsets, scopes, memberOffsets, members } = index.postings;
  const scratch = index.scratch;
  const { candidates: out, stamp } = scratch;
  const epoch = nextEpoch(index);
  stamp[i] = epoch;
  const owners = index.owners;
  const owner = owners[i] as number;
  let count = 0;
  for (let s = scopeOffsets[i] as number; s < (scopeOffsets[i + 1] as number); s++) {
    const scope = scopes[s] as number;
    for (let k = memberOffsets[scope] as number; k < (memberOffsets[scope + 1] as number); k++) {
      const j = members[k] as number;
      if (stamp[j] === epoch) continue;
      stamp[j] = epoch;
      if (owner !== -1 && owners[j] === owner) continue;
      if (!sharesLanguage(index, i, j)) continue;
      out[count++] = j;
    }
  }
  return count;
}

/** The text dot product of the last `collectCandidates(i, …)` for j (0 when they share no term). */
export function textDotOf(index: MatchingIndex, j: number): number {
  const scratch = index.scratch;
  return scratch.dotStamp[j] === scratch.epoch ? (scratch.dot[j] as number) : 0;
}

function sharesScope(index: MatchingIndex, j: number, epoch: number): boolean {
  const { scopeOffsets, scopes } = index.postings;
  const scopeStamp = index.scratch.scopeStamp;
  for (let s = scopeOffsets[j] as number, end = scopeOffsets[j + 1] as number; s < end; s++) {
    if (scopeStamp[scopes[s] as number] === epoch) return true;
  }
  return false;
}

function sharesLanguage(index: MatchingIndex, i: number, j: number): boolean {
  const { languages, languageWords: words, rows } = index.encoded;
  if (words === 1) return ((rows[j * ROW_WIDTH + R_LANGUAGES] as number) & (rows[i * ROW_WIDTH + R_LANGUAGES] as number)) !== 0;
  return shareWord(languages, i * words, j * words, words);
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
