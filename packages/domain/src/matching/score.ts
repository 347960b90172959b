import { DEFAULT_MATCHING_CONFIG, MatchingConfig, normalisedWeights, SCORE_SCALE, type MatchingConfigInput } from './config.js';
import { encodeProfiles, idfFromLookup, popcount, THEME_COUNT, UNIFORM_IDF, type EncodedProfiles } from './encode.js';
import { buildReasons, summarise } from './reasons.js';
import { SCORE_PARTS, type MatchingProfile, type MatchProposal, type ScorePart } from './types.js';
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
  let shared = (s.themeMask[i] as number) & (s.themeMask[j] as number);
  let dot = 0;
  const bi = i * THEME_COUNT;
  const bj = j * THEME_COUNT;
  while (shared !== 0) {
    const low = shared & -shared;
    const t = 31 - Math.clz32(low);
    dot += (s.idf[t] as number) * ((s.priority[bi + t] as number) * (s.priority[bj + t] as number));
    shared ^= low;
  }
  const norm = (s.themeNorm[i] as number) * (s.themeNorm[j] as number);
  const themes = norm > 0 ? Math.min(1, dot / norm) : 0;

  const toJ = popcount((s.offers[i] as number) & (s.needs[j] as number));
  const toI = popcount((s.offers[j] as number) & (s.needs[i] as number));
  const servedJ = toJ === 0 ? 0 : Math.min(1, toJ / (s.needsCap[j] as number));
  const servedI = toI === 0 ? 0 : Math.min(1, toI / (s.needsCap[i] as number));
  const complementarity = (servedI + servedJ) / 2;

  const sharedFormats = popcount((s.formats[i] as number) & (s.formats[j] as number));
  const formats =
    sharedFormats === 0 ? 0 : sharedFormats / Math.min(s.formatCount[i] as number, s.formatCount[j] as number);

  const sharedFunding = popcount((s.funding[i] as number) & (s.funding[j] as number));
  const funding =
    sharedFunding === 0 ? 0 : sharedFunding / Math.min(s.fundingCount[i] as number, s.fundingCount[j] as number);

  const fromI = s.availableFrom[i] as number;
  const fromJ = s.availableFrom[j] as number;
  const toDayI = s.availableTo[i] as number;
  const toDayJ = s.availableTo[j] as number;
  const start = fromI > fromJ ? fromI : fromJ;
  const end = toDayI < toDayJ ? toDayI : toDayJ;
  const availability = end < start ? 0 : (end - start + 1) / Math.min(toDayI - fromI + 1, toDayJ - fromJ + 1);

  const crossBorder = s.country[i] === s.country[j] ? 0 : 1;

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

/** Builds what is stored and shown for a pair already encoded at positions i and j of `s`. */
export function explainEncoded(
  s: EncodedProfiles,
  weights: Float64Array,
  config: MatchingConfig,
  a: MatchingProfile,
  b: MatchingProfile,
  i: number,
  j: number,
): MatchProposal {
  const values = new Float64Array(SCORE_PARTS.length);
  const total = scoreEncoded(s, weights, i, j, values);
  const parts: ScorePart[] = SCORE_PARTS.map((kind, k) => ({
    kind,
    value: round4(values[k] as number),
    weight: round4(weights[k] as number),
    contribution: round4((values[k] as number) * (weights[k] as number)),
  }));
  const reasons = buildReasons(a, b, s.idf, config.priorityFactors);
  return { a: a.id, b: b.id, score: round4(total), parts, reasons, summary: summarise(a, b, reasons) };
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
  const config = MatchingConfig.parse(context.config ?? DEFAULT_MATCHING_CONFIG);
  const idf = context.idf ? idfFromLookup(context.idf) : UNIFORM_IDF;
  const encoded = encodeProfiles([a, b], idf, config.priorityFactors);
  return explainEncoded(encoded, normalisedWeights(config), config, a, b, 0, 1);
}
