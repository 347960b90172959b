/*
 * Partner matching: a pure, deterministic function of the profiles in scope. Start with
 * `computeAllMatches` (a whole network, with fairness) or `buildMatchingIndex` + `topMatchesFor`
 * (one profile's ranking); `scorePair` and `checkHardFilters` explain any single pair.
 */
export { MATCHING_ATTRIBUTES, SCORE_PARTS, toMatchingProfile } from './types.js';
export type { MatchingAttribute, MatchingProfile, MatchProposal, MatchReason, ScorePart, ScorePartKind, WeakerCause } from './types.js';
export {
  DEFAULT_MATCHING_CONFIG,
  MatchingConfig,
  MatchingWeights,
  PriorityFactors,
  parseMatchingConfig,
  SCORE_SCALE,
  type MatchingConfigInput,
} from './config.js';
export { pairKey, parsePairKey, isDeclined, type DeclinedPairs } from './pair-key.js';
export { checkHardFilters, inScope, HARD_FILTERS, type HardFilter, type FilterVerdict } from './filters.js';
export { scorePair, type ScoringContext } from './score.js';
export { reasonsInIdOrder, summarise } from './reasons.js';
export { LANGUAGE_NAMES, languageName } from './labels.js';
export { buildMatchingIndex, type MatchingIndex } from './index-structure.js';
export { topMatchesFor, computeAllMatches, matchAll, CANDIDATE_POOL_FACTOR, type MatchQueryOptions, type MatchingRun } from './engine.js';
export { coverage } from './fairness.js';
export { isWeakerMatch, profileHints, hintsForMatches, describeHint, COMMON_WORKING_LANGUAGES, type ProfileHint } from './hints.js';
export { effectiveThemes } from './themes.js';
