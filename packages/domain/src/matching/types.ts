import type { Profile } from '../profile.js';
import type { ThemeId } from '../taxonomy.js';
import type { Format, FundingInstrument, Priority, Resource } from '../vocabulary.js';

/**
 * The profile attributes matching reads. The network GSI projects exactly these, so the matching
 * Lambda never reads contact data and a profile update re-reads only what can change a score.
 */
export const MATCHING_ATTRIBUTES = [
  'id',
  'name',
  'status',
  'networks',
  'country',
  'themes',
  'formats',
  'offers',
  'needs',
  'languages',
  'fundingInstruments',
  'availability',
  'openToOutsideNetwork',
  'freeTags',
  'description',
] as const satisfies readonly (keyof Profile)[];

export type MatchingAttribute = (typeof MATCHING_ATTRIBUTES)[number];

/** What members write; matching reads it, but a view without it (stored before text counted) still matches. */
export type TextAttribute = 'freeTags' | 'description';

/**
 * The matching-relevant projection of a profile; a Pick so it follows the profile schema, plus
 * `owner`: an opaque key of the contact address (never the address), equal for profiles whose
 * contact address is the same. Profiles with the same owner are never proposed to each other.
 */
export type MatchingProfile = Pick<Profile, Exclude<MatchingAttribute, TextAttribute>> & Partial<Pick<Profile, TextAttribute>> & { owner?: string };

/** Drops everything matching does not read (contact, timestamps…). */
export function toMatchingProfile(profile: MatchingProfile): MatchingProfile {
  const out: Partial<Record<MatchingAttribute | 'owner', unknown>> = {};
  for (const key of MATCHING_ATTRIBUTES) {
    if (profile[key] !== undefined) out[key] = profile[key];
  }
  if (profile.owner !== undefined) out.owner = profile.owner;
  return out as MatchingProfile;
}

/** The score's parts, in the order they are reported; keys match `MatchingConfig.weights`. */
export const SCORE_PARTS = ['themes', 'text', 'complementarity', 'formats', 'funding', 'availability', 'crossBorder', 'network'] as const;
/** Why a proposal is only a weaker match (see `weakerCause` in score.ts). */
export type WeakerCause = 'below-threshold' | 'windows-never-meet' | 'nothing-in-common' | 'same-role';

export type ScorePartKind = (typeof SCORE_PARTS)[number];

export interface ScorePart {
  kind: ScorePartKind;
  /** How well the pair does on this part alone, in [0, 1]. */
  value: number;
  /** The part's share of the score (configured weight divided by the sum of weights). */
  weight: number;
  /** value × weight; the contributions add up to the score (up to rounding). */
  contribution: number;
}

/** Structured reasons, stable ids only: labels may change, stored reasons must not. */
export type MatchReason =
  | { kind: 'shared-theme'; themeId: ThemeId; priorities: [Priority, Priority] }
  | { kind: 'offers'; from: string; to: string; resource: Resource }
  | { kind: 'shared-format'; format: Format }
  | { kind: 'shared-funding'; instrument: FundingInstrument }
  | { kind: 'availability-overlap'; from: string; to: string }
  | { kind: 'cross-border'; countries: [string, string] }
  | { kind: 'shared-network'; networkId: string }
  | { kind: 'both-open-to-outside' }
  | { kind: 'shared-language'; language: string }
  /** Words both texts use (description and free tags), as written in a's text; strongest first. */
  | { kind: 'shared-words'; words: string[] }
  /** Free tags both list, as written by a. */
  | { kind: 'shared-tags'; tags: string[] }
  /** Below the threshold, windows that never meet, nothing in common or two funders: proposed so that a member is not left with nothing. */
  | { kind: 'weaker-match'; cause: WeakerCause };

/** One match as one side sees it: `a` is the profile whose list it is in, `b` the proposed partner. */
export interface MatchProposal {
  a: string;
  b: string;
  /** In [0, 1], rounded to 4 decimals so that stored scores compare equal across runs. */
  score: number;
  /** Both sides of a match share one list, the parts being symmetric: read only. */
  parts: readonly Readonly<ScorePart>[];
  reasons: MatchReason[];
  /** What a coordinator would write, from a's side. */
  summary: string;
  /**
   * True for a weaker match (see `WeakerCause`), proposed only so that a member with compatible
   * partners is not left with nothing.
   */
  weaker?: boolean;
}
