import { DEFAULT_MATCHING_CONFIG, MatchingConfig, normalisedWeights, SCORE_SCALE, thresholdUnits, type MatchingConfigInput } from './config.js';
import {
  encodeProfiles,
  idfFromLookup,
  N_THEME_NORM,
  NORMS_PER_ROW,
  popcount,
  R_FORMATS,
  R_FROM,
  R_FUNDING,
  R_NEEDS,
  R_OFFERS,
  R_PACKED,
  R_PRIORITY,
  R_THEMES,
  R_TO,
  ROW_WIDTH,
  FUNDING_RESOURCE_BIT,
  shareNetwork,
  textSimilarity,
  THEME_WORDS,
  UNIFORM_IDF,
  type EncodedProfiles,
  type TextWeighting,
} from './encode.js';
import { buildReasons, mirrorReasons, summarise } from './reasons.js';
import { SCORE_PARTS, type WeakerCause, type MatchReason, type MatchingProfile, type MatchProposal, type ScorePart, type ScorePartKind } from './types.js';
import type { ThemeId } from '../taxonomy.js';

/*
 * The score of a pair, a weighted mean of seven parts, each in [0, 1]:
 *
 *   themes           Σ_shared idf(t)·pa(t)·pb(t) / sqrt(Σ_A idf · Σ_B idf)
 *                    rarer shared themes weigh more (idf over the profiles in scope), the two
 *                    priorities multiply, and the normaliser does not depend on priorities, so two
 *                    profiles sharing one low-priority theme score 0.09, not 1 as cosine would say
 *   text             cosine of the description + free-tag tf-idf vectors (see encode.ts, text.ts)
 *   complementarity  (served(A) + served(B)) / 2, served(X) = min(1, needs of X the other offers / min(needs of X, 2))
 *   formats          shared formats / the smaller list (0 if either is empty)
 *   funding          shared funding instruments / the smaller list
 *   availability     overlapping days / the shorter window; a missing window is open, so 1
 *   crossBorder      1 if the countries differ
 *   network          1 if the two are members of a common network: a coordinator proposes
 *                    within the network first (its meetings, its funds); 65 % of the development
 *                    set's labelled pairs share one, 25 % of the other compatible pairs
 *
 *   score = Σ weight_k · part_k with the weights normalised to sum 1, clamped to [0, 1].
 *
 * `text` is passed in (the index accumulates it from posting lists; `textSimilarity` merges two
 * vectors), everything else is read from the rows. Every operation is written so that swapping
 * the two sides gives a bit-identical result (products of both sides are formed first, then
 * scaled), which the ranking relies on.
 */
export function scoreEncoded(
  s: EncodedProfiles,
  weights: Float64Array,
  i: number,
  j: number,
  text: number,
  values: Float64Array | null,
): number {
  const rows = s.rows;
  const factors = s.factors;
  const idf = s.idf;
  const ri = i * ROW_WIDTH;
  const rj = j * ROW_WIDTH;
  // Branch-light on purpose: pairs arrive in no predictable order, and mispredicted branches,
  // not memory, were what a score cost.
  let dot = 0;
  for (let w = 0; w < THEME_WORDS; w++) {
    let shared = (rows[ri + R_THEMES + w] as number) & (rows[rj + R_THEMES + w] as number);
    while (shared !== 0) {
      const low = shared & -shared;
      const t = (w << 5) + 31 - Math.clz32(low);
      const codeI = ((rows[ri + R_PRIORITY + (t >> 4)] as number) >>> (2 * (t & 15))) & 3;
      const codeJ = ((rows[rj + R_PRIORITY + (t >> 4)] as number) >>> (2 * (t & 15))) & 3;
      dot += (idf[t] as number) * ((factors[codeI] as number) * (factors[codeJ] as number));
      shared ^= low;
    }
  }
  const norm = (s.norms[i * NORMS_PER_ROW + N_THEME_NORM] as number) * (s.norms[j * NORMS_PER_ROW + N_THEME_NORM] as number);
  const themes = norm > 0 ? Math.min(1, dot / norm) : 0;

  // Divisors are stored as at least 1: with nothing to divide, the numerator is 0 as well.
  const packedI = rows[ri + R_PACKED] as number;
  const packedJ = rows[rj + R_PACKED] as number;
  const toJ = popcount((rows[ri + R_OFFERS] as number) & (rows[rj + R_NEEDS] as number));
  const toI = popcount((rows[rj + R_OFFERS] as number) & (rows[ri + R_NEEDS] as number));
  const servedJ = Math.min(1, toJ / ((packedJ >>> 16) & 0xf));
  const servedI = Math.min(1, toI / ((packedI >>> 16) & 0xf));
  const complementarity = (servedI + servedJ) / 2;

  const formats =
    popcount((rows[ri + R_FORMATS] as number) & (rows[rj + R_FORMATS] as number)) /
    Math.min((packedI >>> 20) & 0x1f, (packedJ >>> 20) & 0x1f);
  const funding =
    popcount((rows[ri + R_FUNDING] as number) & (rows[rj + R_FUNDING] as number)) /
    Math.min((packedI >>> 25) & 0x1f, (packedJ >>> 25) & 0x1f);

  const availability = availabilityValue(rows, ri, rj);
  const crossBorder = ((packedI ^ packedJ) & 0xffff) === 0 ? 0 : 1;
  const network = shareNetwork(s, i, j) ? 1 : 0;

  if (values !== null) {
    values[0] = themes;
    values[1] = text;
    values[2] = complementarity;
    values[3] = formats;
    values[4] = funding;
    values[5] = availability;
    values[6] = crossBorder;
    values[7] = network;
  }
  const total =
    (weights[0] as number) * themes +
    (weights[1] as number) * text +
    (weights[2] as number) * complementarity +
    (weights[3] as number) * formats +
    (weights[4] as number) * funding +
    (weights[5] as number) * availability +
    (weights[6] as number) * crossBorder +
    (weights[7] as number) * network;
  return total > 1 ? 1 : total < 0 ? 0 : total;
}

/** Overlapping days / the shorter window, in [0, 1]; a missing window is open (from the first day to the last). */
function availabilityValue(rows: Int32Array, ri: number, rj: number): number {
  const fromI = rows[ri + R_FROM] as number;
  const fromJ = rows[rj + R_FROM] as number;
  const toI = rows[ri + R_TO] as number;
  const toJ = rows[rj + R_TO] as number;
  const overlap = Math.max(0, Math.min(toI, toJ) - Math.max(fromI, fromJ) + 1);
  return Math.min(1, overlap / Math.min(toI - fromI + 1, toJ - fromJ + 1));
}

/** Whether the two availability windows share at least one day (a missing window is open). */
export function canMeet(s: EncodedProfiles, i: number, j: number): boolean {
  const rows = s.rows;
  const ri = i * ROW_WIDTH;
  const rj = j * ROW_WIDTH;
  return Math.max(rows[ri + R_FROM] as number, rows[rj + R_FROM] as number) <= Math.min(rows[ri + R_TO] as number, rows[rj + R_TO] as number);
}

/**
 * Whether both sides offer funding: two funders (an EUNIC cluster, a foundation) each look for
 * the producers and local partners they fund, not for another funder, however alike their themes
 * and words read. Such a pair is only ever a weaker match (cause `same-role`): the development
 * set labels one of its 17 compatible co-funder pairs (from one side), and its look-alike trap is
 * clusters proposed to one another instead of to the local partners they serve.
 */
export function sameRole(s: EncodedProfiles, i: number, j: number): boolean {
  return ((((s.rows[i * ROW_WIDTH + R_OFFERS] as number) & (s.rows[j * ROW_WIDTH + R_OFFERS] as number)) >>> FUNDING_RESOURCE_BIT) & 1) === 1;
}

/**
 * The rank of a pair in stored-score units, raised by tier: full matches (`full`: common ground,
 * not the same role, windows that meet, at or above the threshold) above weaker ones whose
 * windows meet, above those whose windows never meet.
 * Keys stay below 3 × (SCORE_SCALE + 1).
 */
export function tieredUnits(units: number, meets: boolean, full: boolean, threshold: number): number {
  if (!meets) return units;
  return full && units >= threshold ? units + 2 * TIER : units + TIER;
}
export const TIER = SCORE_SCALE + 1;
export const TIERED_SCALE = 3 * TIER;

/** Whether the two share anything a coordinator would name as common ground: a theme or a word of their texts. */
export function shareGround(s: EncodedProfiles, i: number, j: number, text: number): boolean {
  return text > 0 || shareTheme(s, i, j);
}

/** Whether the two have a theme in common (one AND per theme word). */
export function shareTheme(s: EncodedProfiles, i: number, j: number): boolean {
  const rows = s.rows;
  for (let w = 0; w < THEME_WORDS; w++) {
    if (((rows[i * ROW_WIDTH + R_THEMES + w] as number) & (rows[j * ROW_WIDTH + R_THEMES + w] as number)) !== 0) return true;
  }
  return false;
}

/**
 * What a full match needs besides common ground and the threshold: windows that meet, and not two
 * funders. Read from the rows before a score is computed, so the candidate loops check it first.
 */
export function mayBeFull(s: EncodedProfiles, i: number, j: number): boolean {
  return canMeet(s, i, j) && !sameRole(s, i, j);
}

const round4 = (x: number) => Math.round(x * SCORE_SCALE) / SCORE_SCALE;

// Reused by every explanation: JavaScript runs one at a time, and the batch explains ~10^6 pairs.
const scratchValues = new Float64Array(SCORE_PARTS.length);

/**
 * The pair's parts, rounded for storage. Both sides of a match share them (readonly by type; not
 * frozen, as freezing nine objects was a tenth of explaining a whole network).
 */
export function scoreParts(s: EncodedProfiles, weights: Float64Array, i: number, j: number): { score: number; parts: readonly Readonly<ScorePart>[] } {
  const total = scoreEncoded(s, weights, i, j, textSimilarity(s, i, j), scratchValues);
  const rounded = roundedWeights(weights);
  const parts: Readonly<ScorePart>[] = new Array<Readonly<ScorePart>>(SCORE_PARTS.length);
  for (let k = 0; k < SCORE_PARTS.length; k++) {
    const value = scratchValues[k] as number;
    parts[k] = { kind: SCORE_PARTS[k] as ScorePartKind, value: round4(value), weight: rounded[k] as number, contribution: round4(value * (weights[k] as number)) };
  }
  return { score: round4(total), parts };
}

const roundedWeightsOf = new WeakMap<Float64Array, Float64Array>();
function roundedWeights(weights: Float64Array): Float64Array {
  let rounded = roundedWeightsOf.get(weights);
  if (rounded === undefined) {
    rounded = weights.map(round4);
    roundedWeightsOf.set(weights, rounded);
  }
  return rounded;
}

/**
 * What the two sides of a pair share once one side is explained: the parts, the weaker-match
 * cause (both symmetric) and the reasons as built from that side (`from`, its position), without
 * the weaker-match reason.
 */
export interface PairExplanation {
  readonly from: number;
  readonly scored: { score: number; parts: readonly Readonly<ScorePart>[] };
  readonly weaker: WeakerCause | undefined;
  readonly reasons: readonly MatchReason[];
}

/**
 * Builds what is stored and shown for a pair already encoded at positions i and j of `s`, from
 * a's side, reusing the other side's explanation when given (its reasons mirrored, see
 * `mirrorReasons`); returns the proposal and what the other side can reuse.
 */
export function explainSide(
  s: EncodedProfiles,
  weights: Float64Array,
  a: MatchingProfile,
  b: MatchingProfile,
  i: number,
  j: number,
  threshold: number,
  other?: PairExplanation,
): { proposal: MatchProposal; shared: PairExplanation } {
  if (other !== undefined) {
    const reasons = mirrorReasons(a, b, other.reasons);
    return { proposal: proposalOf(a, b, other.scored, other.weaker, reasons), shared: other };
  }
  const scored = scoreParts(s, weights, i, j);
  const weaker = weakerCause(s, i, j, scored, threshold);
  const reasons = buildReasons(a, b, s, i, j);
  // The proposal gets its own list: a reader that sorts or extends it must not change what the
  // other side is mirrored from.
  return { proposal: proposalOf(a, b, scored, weaker, reasons.slice()), shared: { from: i, scored, weaker, reasons } };
}

function proposalOf(
  a: MatchingProfile,
  b: MatchingProfile,
  scored: { score: number; parts: readonly Readonly<ScorePart>[] },
  weaker: WeakerCause | undefined,
  base: MatchReason[],
): MatchProposal {
  const reasons: MatchReason[] = weaker === undefined ? base : [{ kind: 'weaker-match', cause: weaker }, ...base];
  const proposal: MatchProposal = { a: a.id, b: b.id, score: scored.score, parts: scored.parts, reasons, summary: summarise(a, b, reasons) };
  if (weaker !== undefined) proposal.weaker = true;
  return proposal;
}

/**
 * Why a pair is only a weaker match, or undefined for a full one. A full match shares a theme or
 * words, has windows that meet, is not two funders (`sameRole`), and reaches the threshold (`threshold` in stored-score units).
 */
export function weakerCause(
  s: EncodedProfiles,
  i: number,
  j: number,
  scored: { score: number; parts: readonly Readonly<ScorePart>[] },
  threshold: number,
): WeakerCause | undefined {
  // Themes first: one AND decides most pairs, before the texts are merged.
  if (!shareTheme(s, i, j) && textSimilarity(s, i, j) === 0) return 'nothing-in-common';
  if (!canMeet(s, i, j)) return 'windows-never-meet';
  if (sameRole(s, i, j)) return 'same-role';
  if (Math.round(scored.score * SCORE_SCALE) < threshold) return 'below-threshold';
  return undefined;
}

/**
 * What scoring needs besides the two profiles. A `MatchingIndex` is one (its idf counts the
 * profiles in scope); without one, every theme weighs the same and the defaults apply.
 */
export interface ScoringContext {
  readonly config?: MatchingConfigInput;
  readonly idf?: (themeId: ThemeId) => number;
  /** A text term's idf and whether it may be shared, among the profiles in scope (undefined: unknown there). */
  readonly textTerm?: TextWeighting['lookup'];
}

/**
 * Scores and explains one pair, whatever the hard filters say (use `checkHardFilters` for those):
 * for "why is X proposed to Y" and "why not". Same numbers as the index for the same context.
 */
export function scorePair(a: MatchingProfile, b: MatchingProfile, context: ScoringContext = {}): MatchProposal {
  const config = parsedConfig(context.config ?? DEFAULT_MATCHING_CONFIG);
  const idf = context.idf ? idfFromLookup(context.idf) : UNIFORM_IDF;
  const encoded = encodeProfiles([a, b], idf, config.priorityFactors, context.textTerm ? { lookup: context.textTerm } : { uniform: true });
  return explainSide(encoded, normalisedWeights(config), a, b, 0, 1, thresholdUnits(config)).proposal;
}

/*
 * Explaining many pairs against one index would otherwise validate the same settings each time.
 * Only frozen settings are remembered (the defaults, an index's): a mutable object could change.
 */
const parsedConfigs = new WeakMap<object, MatchingConfig>();
function parsedConfig(input: MatchingConfigInput): MatchingConfig {
  const cacheable = Object.isFrozen(input) && Object.isFrozen(input.weights ?? {}) && Object.isFrozen(input.priorityFactors ?? {});
  let parsed = cacheable ? parsedConfigs.get(input) : undefined;
  if (!parsed) {
    parsed = MatchingConfig.parse(input);
    if (cacheable) parsedConfigs.set(input, parsed);
  }
  return parsed;
}
