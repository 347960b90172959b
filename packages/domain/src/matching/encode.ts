import { THEMES, type ThemeId } from '../taxonomy.js';
import { FORMATS, FUNDING_INSTRUMENTS, RESOURCES } from '../vocabulary.js';
import type { MatchingConfig } from './config.js';
import type { MatchingProfile } from './types.js';

/*
 * Each vocabulary becomes a bitmask in one 32-bit word so that "what do these two share" is one
 * AND. Bit 31 is left free so masks stay positive int32s (no sign surprises in `x & -x`).
 */
export const THEME_COUNT = THEMES.length;
for (const [name, size] of [
  ['themes', THEME_COUNT],
  ['resources', RESOURCES.length],
  ['formats', FORMATS.length],
  ['funding instruments', FUNDING_INSTRUMENTS.length],
] as const) {
  if (size > 31) throw new Error(`matching packs ${name} into 31-bit masks; ${size} need a wider encoding`);
}

export const THEME_BIT = new Map<string, number>(THEMES.map((t, i) => [t.id, i]));
const RESOURCE_BIT = new Map<string, number>(RESOURCES.map((r, i) => [r, i]));
const FORMAT_BIT = new Map<string, number>(FORMATS.map((f, i) => [f, i]));
const FUNDING_BIT = new Map<string, number>(FUNDING_INSTRUMENTS.map((f, i) => [f, i]));

/** Availability sentinels chosen so that a missing window never overlaps anything. */
const NO_FROM = 0x3fffffff;
const NO_TO = -0x3fffffff;

/**
 * Profiles as flat typed arrays indexed by position: no objects or strings in the scoring loop,
 * and memory for 100 000 profiles stays in the tens of megabytes.
 */
export interface EncodedProfiles {
  readonly count: number;
  /** Inverse document frequency per theme bit (ln(1 + N / df)), the same for every pair. */
  readonly idf: Float64Array;
  readonly themeMask: Int32Array;
  /** Priority factor per (profile, theme bit), 0 where the profile lacks the theme. */
  readonly priority: Float64Array;
  /** sqrt of the sum of idf over the profile's themes: the affinity's normaliser. */
  readonly themeNorm: Float64Array;
  readonly offers: Int32Array;
  readonly needs: Int32Array;
  /** min(number of needs, 2): meeting two needs counts as meeting a side in full. */
  readonly needsCap: Uint8Array;
  readonly formats: Int32Array;
  readonly formatCount: Uint8Array;
  readonly funding: Int32Array;
  readonly fundingCount: Uint8Array;
  readonly availableFrom: Int32Array;
  readonly availableTo: Int32Array;
  readonly country: Int32Array;
  /** Working languages as bitmasks of `languageWords` words per profile. */
  readonly languages: Int32Array;
  readonly languageWords: number;
}

/** One side is "fully served" when this many of its needs are met: nobody expects one partner to cover all. */
export const NEEDS_SATURATION = 2;

export function maskOf(values: readonly string[], bits: ReadonlyMap<string, number>): number {
  let mask = 0;
  for (const v of values) {
    const bit = bits.get(v);
    if (bit !== undefined) mask |= 1 << bit;
  }
  return mask;
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

export function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);
}

export function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** idf per theme bit over the given (active) profiles; a theme nobody has gets 0, it can never be shared. */
export function themeIdf(profiles: readonly MatchingProfile[]): Float64Array {
  const df = new Int32Array(THEME_COUNT);
  for (const p of profiles) {
    for (const t of p.themes) {
      const bit = THEME_BIT.get(t.id);
      if (bit !== undefined) df[bit]! += 1;
    }
  }
  const n = profiles.length;
  return Float64Array.from(df, (d) => (d === 0 ? 0 : Math.log(1 + n / d)));
}

/** Without a population to count over (a pair scored on its own), every theme weighs the same. */
export const UNIFORM_IDF: Float64Array = new Float64Array(THEME_COUNT).fill(1);

export function idfFromLookup(idf: (themeId: ThemeId) => number): Float64Array {
  return Float64Array.from(THEMES, (t) => idf(t.id));
}

export function encodeProfiles(
  profiles: readonly MatchingProfile[],
  idf: Float64Array,
  priorityFactors: MatchingConfig['priorityFactors'],
): EncodedProfiles {
  const n = profiles.length;
  const countryIds = new Map<string, number>();
  const languageBits = new Map<string, number>();
  for (const p of profiles) {
    if (!countryIds.has(p.country)) countryIds.set(p.country, countryIds.size);
    for (const l of p.languages) if (!languageBits.has(l)) languageBits.set(l, languageBits.size);
  }
  const languageWords = Math.max(1, Math.ceil(languageBits.size / 31));

  const out = {
    count: n,
    idf,
    themeMask: new Int32Array(n),
    priority: new Float64Array(n * THEME_COUNT),
    themeNorm: new Float64Array(n),
    offers: new Int32Array(n),
    needs: new Int32Array(n),
    needsCap: new Uint8Array(n),
    formats: new Int32Array(n),
    formatCount: new Uint8Array(n),
    funding: new Int32Array(n),
    fundingCount: new Uint8Array(n),
    availableFrom: new Int32Array(n).fill(NO_FROM),
    availableTo: new Int32Array(n).fill(NO_TO),
    country: new Int32Array(n),
    languages: new Int32Array(n * languageWords),
    languageWords,
  } satisfies EncodedProfiles;

  for (let i = 0; i < n; i++) {
    const p = profiles[i] as MatchingProfile;
    let mask = 0;
    for (const t of p.themes) {
      const bit = THEME_BIT.get(t.id);
      if (bit === undefined) continue;
      mask |= 1 << bit;
      out.priority[i * THEME_COUNT + bit] = priorityFactors[t.priority];
    }
    out.themeMask[i] = mask;
    // Summed in bit order, not list order, so that equal profiles get bit-identical norms.
    let idfSum = 0;
    for (let bit = 0; bit < THEME_COUNT; bit++) if (mask & (1 << bit)) idfSum += idf[bit] as number;
    out.themeNorm[i] = Math.sqrt(idfSum);

    out.offers[i] = maskOf(p.offers, RESOURCE_BIT);
    out.needs[i] = maskOf(p.needs, RESOURCE_BIT);
    out.needsCap[i] = Math.min(popcount(out.needs[i]), NEEDS_SATURATION);
    out.formats[i] = maskOf(p.formats, FORMAT_BIT);
    out.formatCount[i] = popcount(out.formats[i]);
    out.funding[i] = maskOf(p.fundingInstruments, FUNDING_BIT);
    out.fundingCount[i] = popcount(out.funding[i]);
    if (p.availability) {
      out.availableFrom[i] = dayNumber(p.availability.from);
      out.availableTo[i] = dayNumber(p.availability.to);
    }
    out.country[i] = countryIds.get(p.country) as number;
    for (const l of p.languages) {
      const bit = languageBits.get(l) as number;
      const word = i * languageWords + Math.floor(bit / 31);
      out.languages[word] = (out.languages[word] as number) | (1 << bit % 31);
    }
  }
  return out;
}
