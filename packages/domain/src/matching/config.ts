import * as z from 'zod';
import { SCORE_PARTS, type ScorePartKind } from './types.js';

/**
 * Defaults chosen so that themes and what members write lead (they are why a network exists),
 * complementarity follows (it turns shared interest into a project), and the rest break ties; the
 * values were compared on the development set (`npm run bench:quality`, both halves of the set).
 * A network can raise crossBorder when connecting countries is its point.
 */
export const DEFAULT_MATCHING_CONFIG = Object.freeze({
  weights: Object.freeze({
    themes: 0.31,
    text: 0.45,
    complementarity: 0.1,
    formats: 0.04,
    // Shared funding instruments looked alike more than they told partners apart on the
    // development set (bench/results/quality.md); still reported, at no weight, for networks to raise.
    funding: 0,
    availability: 0.04,
    // Most pairs of a network cross a border (92 % of the development set's), so it breaks ties
    // only; a network whose point is connecting countries can raise it.
    crossBorder: 0.01,
    network: 0.05,
  }),
  priorityFactors: Object.freeze({ high: 1, medium: 0.6, low: 0.3 }),
  threshold: 0.1,
  topK: 10,
  exposureCap: 20,
  minimumProposals: 3,
});

const weight = (part: ScorePartKind) =>
  z
    .number({ error: `weights.${part} must be a number` })
    .min(0, { error: `weights.${part} must not be negative` })
    .max(100, { error: `weights.${part} must be at most 100` })
    .default(DEFAULT_MATCHING_CONFIG.weights[part]);

const factor = (priority: 'high' | 'medium' | 'low') =>
  z
    .number({ error: `priorityFactors.${priority} must be a number` })
    .gt(0, { error: `priorityFactors.${priority} must be above 0` })
    // Above 1 the theme affinity could leave [0, 1].
    .max(1, { error: `priorityFactors.${priority} must be at most 1` })
    .default(DEFAULT_MATCHING_CONFIG.priorityFactors[priority]);

export const MatchingWeights = z
  .strictObject(Object.fromEntries(SCORE_PARTS.map((p) => [p, weight(p)])) as Record<ScorePartKind, ReturnType<typeof weight>>)
  .refine((w) => SCORE_PARTS.some((p) => w[p] > 0), { error: 'at least one weight must be above 0' });

export const PriorityFactors = z
  .strictObject({ high: factor('high'), medium: factor('medium'), low: factor('low') })
  .refine((f) => f.high >= f.medium && f.medium >= f.low, {
    error: 'priority factors must not rank a lower priority above a higher one (high ≥ medium ≥ low)',
  });

/** A network's matching settings; every field has a default, so `{}` is valid. */
export const MatchingConfig = z
  .strictObject({
    weights: MatchingWeights.default({ ...DEFAULT_MATCHING_CONFIG.weights }),
    priorityFactors: PriorityFactors.default({ ...DEFAULT_MATCHING_CONFIG.priorityFactors }),
    threshold: z
      .number({ error: 'threshold must be a number' })
      .min(0, { error: 'threshold must be between 0 and 1' })
      .max(1, { error: 'threshold must be between 0 and 1' })
      .default(DEFAULT_MATCHING_CONFIG.threshold),
    topK: z
      .number({ error: 'topK must be a number' })
      .int({ error: 'topK must be a whole number' })
      .min(1, { error: 'topK must be at least 1' })
      .max(100, { error: 'topK must be at most 100' })
      .default(DEFAULT_MATCHING_CONFIG.topK),
    exposureCap: z
      .number({ error: 'exposureCap must be a number' })
      .int({ error: 'exposureCap must be a whole number' })
      .min(1, { error: 'exposureCap must be at least 1' })
      .max(1000, { error: 'exposureCap must be at most 1000' })
      .default(DEFAULT_MATCHING_CONFIG.exposureCap),
    /** Members with fewer full matches get weaker ones up to this many, or topK if lower (as far as partners exist and caps allow). */
    minimumProposals: z
      .number({ error: 'minimumProposals must be a number' })
      .int({ error: 'minimumProposals must be a whole number' })
      .min(1, { error: 'minimumProposals must be at least 1' })
      .max(100, { error: 'minimumProposals must be at most 100' })
      .default(DEFAULT_MATCHING_CONFIG.minimumProposals),
  })

  // Every profile asks for topK partners; a cap below that would cut everyone's own list short.
  .refine((c) => c.exposureCap >= c.topK, { error: 'exposureCap must be at least topK', path: ['exposureCap'] });

/** What a network's settings may say (any field may be left out). */
export type MatchingConfigInput = z.input<typeof MatchingConfig>;
/** Settings with every default applied. */
export type MatchingConfig = z.output<typeof MatchingConfig>;

/** Validates a network's settings and applies defaults; throws a ZodError naming each bad field. */
export function parseMatchingConfig(input: unknown = {}): MatchingConfig {
  return MatchingConfig.parse(input);
}

/** Weights divided by their sum, in `SCORE_PARTS` order, so that the score stays within [0, 1]. */
export function normalisedWeights(config: MatchingConfig): Float64Array {
  const raw = SCORE_PARTS.map((p) => config.weights[p]);
  const sum = raw.reduce((s, w) => s + w, 0);
  return Float64Array.from(raw, (w) => w / sum);
}

/** Scores are stored with 4 decimals; ranking and the threshold use the same rounding. */
export const SCORE_SCALE = 10_000;

export function scoreUnits(score: number): number {
  return Math.round(score * SCORE_SCALE);
}

/** The smallest stored score that passes the threshold, in units (0.25 → 2500, robust to 0.29 × 10 000). */
export function thresholdUnits(config: MatchingConfig): number {
  return Math.ceil(config.threshold * SCORE_SCALE - 1e-6);
}

/** How many proposals a member gets at least, full or weaker: `minimumProposals`, never more than topK. */
export function minimumOf(config: MatchingConfig): number {
  return Math.min(config.minimumProposals, config.topK);
}
