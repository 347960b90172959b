import { DEFAULT_MATCHING_CONFIG, MatchingConfig, normalisedWeights, SCORE_SCALE, type MatchingConfigInput } from './config.js';
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
  R_PRIORITY_HIGH,
  R_PRIORITY_LOW,
  R_THEMES,
  R_TO,
  ROW_WIDTH,
  UNIFORM_IDF,
  type EncodedProfiles,
} from './encode.js';
import { buildReasons, summarise } from './reasons.js';
import { SCORE_PARTS, type MatchingProfile, type MatchProposal, type ScorePart, type ScorePartKind } from './types.js';
import type { ThemeId } from '../taxonomy.js';

/*
 * The score of a pair, a weighted mean of six parts, each in [0, 1]:
 *
 *   themes           Σ_shared idf(t)·pa(t)·pb(t) / sqrt(Σ_A idf · Σ_B idf)
 *                    rarer shared themes weigh more (idf over the profiles in scope), the two
 *                    priorities multiply, and the normaliser does not depend on priorities, so two
 *                    profiles sharing one low-priority theme score 0.09, not 1 as cosine would say
 *   complementarity  (served(A) + served(B)) / 2, served(X) = min(1, needs of X the other offers / min(needs of X, 2))
 *   formats          shared formats / the smaller list (0 if either is empty)
 *   funding          shared funding instruments / the smaller list
 *   availability     overlapping days / the shorter window (0 if either has none)
 *   crossBorder      1 if the countries differ
 *
 *   score = Σ weight_k · part_k with the weights normalised to sum 1, clamped to [0, 1].
 *
 * Every operation is written so that swapping the two sides gives a bit-identical result
 * (products of both sides are formed first, then scaled), which the ranking relies on.
 */
export function scoreEncoded(
  s: EncodedProfiles,
  weights: Float64Array,
  i: number,
  j: number,
  values: Float64Array | null,
): number {
  const rows = s.rows;
  const factors = s.factors;
  const idf = s.idf;
  const ri = i * ROW_WIDTH;
  const rj = j * ROW_WIDTH;
  // Branch-light on purpose: pairs arrive in no predictable order, and mispredicted branches,
  // not memory, were what a score cost.
  let shared = (rows[ri + R_THEMES] as number) & (rows[rj + R_THEMES] as number);
  const lowI = rows[ri + R_PRIORITY_LOW] as number;
  const lowJ = rows[rj + R_PRIORITY_LOW] as number;
  const highI = rows[ri + R_PRIORITY_HIGH] as number;
  const highJ = rows[rj + R_PRIORITY_HIGH] as number;
  let dot = 0;
  while (shared !== 0) {
    const low = shared & -shared;
    const t = 31 - Math.clz32(low);
    // Shift counts are taken mod 32, so 2t addresses theme t in either word.
    const codeI = ((t < 16 ? lowI : highI) >>> (2 * t)) & 3;
    const codeJ = ((t < 16 ? lowJ : highJ) >>> (2 * t)) & 3;
    dot += (idf[t] as number) * ((factors[codeI] as number) * (factors[codeJ] as number));
    shared ^= low;
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

  const fromI = rows[ri + R_FROM] as number;
  const fromJ = rows[rj + R_FROM] as number;
  const toDayI = rows[ri + R_TO] as number;
  const toDayJ = rows[rj + R_TO] as number;
  // A missing window has from > to, so it overlaps nothing and its "length" is clamped to 1.
  const overlap = Math.max(0, Math.min(toDayI, toDayJ) - Math.max(fromI, fromJ) + 1);
  const availability = overlap / Math.max(1, Math.min(toDayI - fromI + 1, toDayJ - fromJ + 1));

  const crossBorder = ((packedI ^ packedJ) & 0xffff) === 0 ? 0 : 1;

  if (values !== null) {
    values[0] = themes;
    values[1] = complementarity;
    values[2] = formats;
    values[3] = funding;
    values[4] = availability;
    values[5] = crossBorder;
  }
  const total =
    (weights[0] as number) * themes +
    (weights[1] as number) * complementarity +
    (weights[2] as number) * formats +
    (weights[3] as number) * funding +
    (weights[4] as number) * availability +
    (weights[5] as number) * crossBorder;
  return total > 1 ? 1 : total < 0 ? 0 : total;
}

const round4 = (x: number) => Math.round(x * SCORE_SCALE) / SCORE_SCALE;

// Reused by every explanation: JavaScript runs one at a time, and the batch explains ~10^6 pairs.
const scratchValues = new Float64Array(SCORE_PARTS.length);

/** The pair's parts, rounded for storage and frozen so that both sides of a match can share them. */
export function scoreParts(s: EncodedProfiles, weights: Float64Array, i: number, j: number): { score: number; parts: readonly Readonly<ScorePart>[] } {
  const total = scoreEncoded(s, weights, i, j, scratchValues);
  const parts: Readonly<ScorePart>[] = [];
  for (let k = 0; k < SCORE_PARTS.length; k++) {
    const value = scratchValues[k] as number;
    const weight = weights[k] as number;
    parts.push(
      Object.freeze({ kind: SCORE_PARTS[k] as ScorePartKind, value: round4(value), weight: round4(weight), contribution: round4(value * weight) }),
    );
  }
  return { score: round4(total), parts: Object.freeze(parts) };
}

/**
 * Builds what is stored and shown for a pair already encoded at positions i and j of `s`, from
 * a's side. `scored` may carry the parts already made for the other side.
 */
export function explainEncoded(
  s: EncodedProfiles,
  weights: Float64Array,
  a: MatchingProfile,
  b: MatchingProfile,
  i: number,
  j: number,
  scored: { score: number; parts: readonly Readonly<ScorePart>[] } = scoreParts(s, weights, i, j),
): MatchProposal {
  const reasons = buildReasons(a, b, s, i, j);
  return { a: a.id, b: b.id, score: scored.score, parts: scored.parts, reasons, summary: summarise(a, b, reasons) };
}

/**
 * What scoring needs besides the two profiles. A `MatchingIndex` is one (its idf counts the
 * profiles in scope); without one, every theme weighs the same and the defaults apply.
 */
export interface ScoringContext {
  readonly config?: MatchingConfigInput;
  readonly idf?: (themeId: ThemeId) => number;
}

/**
 * Scores and explains one pair, whatever the hard filters say (use `checkHardFilters` for those):
 * for "why is X proposed to Y" and "why not". Same numbers as the index for the same context.
 */
export function scorePair(a: MatchingProfile, b: MatchingProfile, context: ScoringContext = {}): MatchProposal {
  const config = parsedConfig(context.config ?? DEFAULT_MATCHING_CONFIG);
  const idf = context.idf ? idfFromLookup(context.idf) : UNIFORM_IDF;
  const encoded = encodeProfiles([a, b], idf, config.priorityFactors);
  return explainEncoded(encoded, normalisedWeights(config), a, b, 0, 1);
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
