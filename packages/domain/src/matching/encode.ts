import { THEMES, type ThemeId } from '../taxonomy.js';
import { FORMATS, FUNDING_INSTRUMENTS, PRIORITIES, RESOURCES, type Priority } from '../vocabulary.js';
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

/** One side is "fully served" when this many of its needs are met: nobody expects one partner to cover all. */
export const NEEDS_SATURATION = 2;

/*
 * Profiles as one 64-byte row each (one cache line): the batch run reads partners in scattered
 * order, and every field a score needs — plus the first language word the candidate filter reads
 * just before — arrives with a single miss. No objects or strings in the scoring loop; 100 000
 * profiles take 6.4 MB.
 */
export const ROW_WIDTH = 16;
export const R_THEMES = 0;
/** Priority codes (index into PRIORITIES + 1; 0 = theme absent), 2 bits per theme: themes 0-15 … */
export const R_PRIORITY_LOW = 1;
/** … and themes 16-30. */
export const R_PRIORITY_HIGH = 2;
export const R_OFFERS = 3;
export const R_NEEDS = 4;
export const R_FORMATS = 5;
export const R_FUNDING = 6;
/** Availability as day numbers (days since 1970-01-01), both ends included. */
export const R_FROM = 7;
export const R_TO = 8;
/**
 * Country (a small integer, only equality matters) in bits 0-15, then the counts the score
 * divides by, each at least 1 (an empty list shares nothing, so 0 / 1 = 0 is right):
 * min(needs, NEEDS_SATURATION) in bits 16-19, formats in 20-24, funding in 25-29.
 */
export const R_PACKED = 9;
/** The first word of the language bitmask (all of it for up to 31 distinct languages). */
export const R_LANGUAGES = 10;
/** sqrt of the sum of idf over the profile's themes (the affinity's normaliser), as a float64 at this index of `norms`. */
export const N_THEME_NORM = 7;
export const NORMS_PER_ROW = ROW_WIDTH / 2;

export interface EncodedProfiles {
  readonly count: number;
  /** Inverse document frequency per theme bit (ln(1 + N / df)), the same for every pair. */
  readonly idf: Float64Array;
  /** ROW_WIDTH integers per profile, at the R_* offsets. */
  readonly rows: Int32Array;
  /** The same memory as float64s, NORMS_PER_ROW per profile. */
  readonly norms: Float64Array;
  /** Priority factor by priority code: [0, high, medium, low]. */
  readonly factors: Float64Array;
  /** Language bitmasks, `languageWords` words per profile; only needed beyond 31 languages. */
  readonly languages: Int32Array;
  readonly languageWords: number;
}

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

/** The priority code (1 high, 2 medium, 3 low, 0 absent) of theme bit t in the row at `row`. */
export function priorityCode(rows: Int32Array, row: number, t: number): number {
  return t < 16 ? ((rows[row + R_PRIORITY_LOW] as number) >>> (2 * t)) & 3 : ((rows[row + R_PRIORITY_HIGH] as number) >>> (2 * (t - 16))) & 3;
}

export function priorityOfCode(code: number): Priority {
  return PRIORITIES[code - 1] as Priority;
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
  // A row has 16 bits for the country; ISO 3166-1 has 249 codes, so only misuse gets here.
  if (countryIds.size > 0xffff) throw new Error('matching supports at most 65 535 distinct countries');
  const languageWords = Math.max(1, Math.ceil(languageBits.size / 31));

  const buffer = new ArrayBuffer(n * ROW_WIDTH * 4);
  const rows = new Int32Array(buffer);
  const norms = new Float64Array(buffer);
  const languages = new Int32Array(n * languageWords);
  const factors = Float64Array.from([0, ...PRIORITIES.map((p) => priorityFactors[p])]);

  for (let i = 0; i < n; i++) {
    const p = profiles[i] as MatchingProfile;
    const row = i * ROW_WIDTH;
    let mask = 0;
    let low = 0;
    let high = 0;
    for (const t of p.themes) {
      const bit = THEME_BIT.get(t.id);
      if (bit === undefined) continue;
      mask |= 1 << bit;
      const code = PRIORITIES.indexOf(t.priority) + 1;
      if (bit < 16) low |= code << (2 * bit);
      else high |= code << (2 * (bit - 16));
    }
    rows[row + R_THEMES] = mask;
    rows[row + R_PRIORITY_LOW] = low;
    rows[row + R_PRIORITY_HIGH] = high;
    // Summed in bit order, not list order, so that equal profiles get bit-identical norms.
    let idfSum = 0;
    for (let bit = 0; bit < THEME_COUNT; bit++) if (mask & (1 << bit)) idfSum += idf[bit] as number;
    norms[i * NORMS_PER_ROW + N_THEME_NORM] = Math.sqrt(idfSum);

    const needs = maskOf(p.needs, RESOURCE_BIT);
    const formats = maskOf(p.formats, FORMAT_BIT);
    const funding = maskOf(p.fundingInstruments, FUNDING_BIT);
    rows[row + R_OFFERS] = maskOf(p.offers, RESOURCE_BIT);
    rows[row + R_NEEDS] = needs;
    rows[row + R_FORMATS] = formats;
    rows[row + R_FUNDING] = funding;
    rows[row + R_FROM] = p.availability ? dayNumber(p.availability.from) : NO_FROM;
    rows[row + R_TO] = p.availability ? dayNumber(p.availability.to) : NO_TO;
    rows[row + R_PACKED] =
      (countryIds.get(p.country) as number) |
      (Math.max(1, Math.min(popcount(needs), NEEDS_SATURATION)) << 16) |
      (Math.max(1, popcount(formats)) << 20) |
      (Math.max(1, popcount(funding)) << 25);
    for (const l of p.languages) {
      const bit = languageBits.get(l) as number;
      const word = i * languageWords + Math.floor(bit / 31);
      languages[word] = (languages[word] as number) | (1 << bit % 31);
    }
    rows[row + R_LANGUAGES] = languages[i * languageWords] as number;
  }
  return { count: n, idf, rows, norms, factors, languages, languageWords };
}
