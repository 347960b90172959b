import { THEMES, type ThemeId } from '../taxonomy.js';
import { FORMATS, FUNDING_INSTRUMENTS, PRIORITIES, RESOURCES, type Priority } from '../vocabulary.js';
import type { MatchingConfig } from './config.js';
import { textTermCounts } from './text.js';
import { effectiveThemes } from './themes.js';
import type { MatchingProfile } from './types.js';

/*
 * Each vocabulary becomes a bitmask so that "what do these two share" is one AND. Resources,
 * formats and funding instruments fit one 32-bit word (bit 31 left free so masks stay positive
 * int32s); themes take as many 32-bit words as the taxonomy needs, so it can grow past 32.
 */
export const THEME_COUNT = THEMES.length;
for (const [name, size] of [
  ['resources', RESOURCES.length],
  ['formats', FORMATS.length],
  ['funding instruments', FUNDING_INSTRUMENTS.length],
] as const) {
  if (size > 31) throw new Error(`matching packs ${name} into 31-bit masks; ${size} need a wider encoding`);
}
/** 32-bit words of theme mask per profile: theme t is bit t & 31 of word t >> 5. */
export const THEME_WORDS = Math.ceil(THEME_COUNT / 32);
/** 32-bit words of priority codes, 2 bits per theme: theme t is at bits 2(t & 15) of word t >> 4. */
export const PRIORITY_WORDS = Math.ceil(THEME_COUNT / 16);

export const THEME_BIT = new Map<string, number>(THEMES.map((t, i) => [t.id, i]));
const RESOURCE_BIT = new Map<string, number>(RESOURCES.map((r, i) => [r, i]));
const FORMAT_BIT = new Map<string, number>(FORMATS.map((f, i) => [f, i]));
const FUNDING_BIT = new Map<string, number>(FUNDING_INSTRUMENTS.map((f, i) => [f, i]));

/** Availability sentinels for a missing window: open from the first day to the last. */
const NO_FROM = -0x3fffffff;
const NO_TO = 0x3fffffff;

/** One side is "fully served" when this many of its needs are met: nobody expects one partner to cover all. */
export const NEEDS_SATURATION = 2;

/*
 * Profiles as one row of int32s each (64 bytes while the taxonomy has up to 32 themes: one cache
 * line): the batch run reads partners in scattered order, and every field a score needs — plus
 * the first language word the candidate filter reads just before — arrives with a single miss.
 * No objects or strings in the scoring loop. Float64 norms sit at the end of the row.
 */
export const R_OFFERS = 0;
export const R_NEEDS = 1;
export const R_FORMATS = 2;
export const R_FUNDING = 3;
/** Availability as day numbers (days since 1970-01-01), both ends included. */
export const R_FROM = 4;
export const R_TO = 5;
/**
 * Country (a small integer, only equality matters) in bits 0-15, then the counts the score
 * divides by, each at least 1 (an empty list shares nothing, so 0 / 1 = 0 is right):
 * min(needs, NEEDS_SATURATION) in bits 16-19, formats in 20-24, funding in 25-29.
 */
export const R_PACKED = 6;
/** The first word of the language bitmask (all of it for up to 31 distinct languages). */
export const R_LANGUAGES = 7;
/** THEME_WORDS words of theme mask. */
export const R_THEMES = 8;
/** PRIORITY_WORDS words of priority codes (index into PRIORITIES + 1; 0 = theme absent). */
export const R_PRIORITY = R_THEMES + THEME_WORDS;
/**
 * The first word of the network bitmask (all of it for up to 31 distinct networks among the
 * encoded profiles; beyond that `networks` holds the rest, as for languages). It fills what was
 * padding while the taxonomy has up to 32 themes, so the row stays one cache line.
 */
export const R_NETWORKS = R_PRIORITY + PRIORITY_WORDS;
/** Two float64s at the end: the theme and the text norms (4 int32s), the row padded to even. */
export const ROW_WIDTH = Math.ceil((R_NETWORKS + 1) / 2) * 2 + 4;
export const NORMS_PER_ROW = ROW_WIDTH / 2;
/** sqrt of the sum of idf over the profile's themes (the affinity's normaliser), at this index of `norms`. */
export const N_THEME_NORM = NORMS_PER_ROW - 1;
/** The L2 norm of the profile's text vector, at this index of `norms`. */
export const N_TEXT_NORM = NORMS_PER_ROW - 2;

/**
 * The text of the profiles as sparse tf-idf vectors, terms numbered in term order so that every
 * index orders any two terms the same way (sums over shared terms then run in the same order, and
 * a pair scores bit-identically from both sides and in `scorePair`).
 */
export interface EncodedText {
  /** Term strings by id, ascending. */
  readonly terms: readonly string[];
  /** A word a person can check for each term (the first seen, as written). */
  readonly surfaces: readonly string[];
  /** Document frequency per term id. */
  readonly df: Int32Array;
  /** Whether a term may be shared at all: at least 2 holders and at most `maxDf`. */
  readonly sharable: Uint8Array;
  /** Per profile, its terms (CSR): ids ascending and their weights (1 + ln tf) × idf. */
  readonly offsets: Int32Array;
  readonly ids: Int32Array;
  readonly weights: Float64Array;
}

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
  /** Network bitmasks, `networkWords` words per profile; only needed beyond 31 networks. */
  readonly networks: Int32Array;
  readonly networkWords: number;
  readonly text: EncodedText;
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

/** Whether the two profiles are members of at least one common network. */
export function shareNetwork(s: EncodedProfiles, i: number, j: number): boolean {
  if (((s.rows[i * ROW_WIDTH + R_NETWORKS] as number) & (s.rows[j * ROW_WIDTH + R_NETWORKS] as number)) !== 0) return true;
  const words = s.networkWords;
  for (let w = 1; w < words; w++) {
    if (((s.networks[i * words + w] as number) & (s.networks[j * words + w] as number)) !== 0) return true;
  }
  return false;
}

/** Resource bit of funding: two profiles that both offer it fund others' work (see `sameRole`). */
export const FUNDING_RESOURCE_BIT = RESOURCE_BIT.get('funding') as number;

/** The priority code (1 high, 2 medium, 3 low, 0 absent) of theme bit t in the row at `row`. */
export function priorityCode(rows: Int32Array, row: number, t: number): number {
  return ((rows[row + R_PRIORITY + (t >> 4)] as number) >>> (2 * (t & 15))) & 3;
}

export function priorityOfCode(code: number): Priority {
  return PRIORITIES[code - 1] as Priority;
}

/** idf per theme bit over the given (active) profiles; a theme nobody has gets 0, it can never be shared. */
export function themeIdf(profiles: readonly MatchingProfile[]): Float64Array {
  const df = new Int32Array(THEME_COUNT);
  for (const p of profiles) {
    for (const t of effectiveThemes(p)) {
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

/**
 * How text terms are weighed: BM25's idf, ln(1 + (N − df + 0.5) / (df + 0.5)), over the profiles
 * in scope; `lookup` (an index's) replaces it when a pair is scored on its own.
 */
export interface TextWeighting {
  readonly lookup?: (term: string) => { idf: number; sharable: boolean } | undefined;
  /** Without a population (a pair scored on its own): every term weighs 1, any term both hold is shared. */
  readonly uniform?: boolean;
}

/**
 * A term held by more than this share of the profiles (and by more than MIN_COMMON_DF of them,
 * but never more than MAX_COMMON_DF) is not counted as shared: "culture" says nothing, and its
 * posting list would make every query walk a large part of the network (the query cost is the sum
 * of the posting lengths of a profile's terms). It still counts in the norm.
 */
export const MAX_DF_SHARE = 0.01;
export const MIN_COMMON_DF = 50;
export const MAX_COMMON_DF = 250;

export function encodeText(profiles: readonly MatchingProfile[], weighting: TextWeighting = {}): EncodedText {
  const n = profiles.length;
  // Terms are numbered as first seen (one map lookup per occurrence, no per-profile term objects
  // kept), then renumbered in term order once all are known.
  const seenIds = new Map<string, number>();
  const seenTerms: string[] = [];
  const seenSurfaces: string[] = [];
  let seenDf = new Int32Array(1024);
  const offsets = new Int32Array(n + 1);
  let ids = new Int32Array(Math.max(16, n * 16));
  let counts = new Float64Array(ids.length);
  let at = 0;
  for (let i = 0; i < n; i++) {
    for (const [term, { count, surface }] of textTermCounts(profiles[i] as MatchingProfile)) {
      let id = seenIds.get(term);
      if (id === undefined) {
        id = seenTerms.length;
        seenIds.set(term, id);
        seenTerms.push(term);
        seenSurfaces.push(surface);
        if (id === seenDf.length) seenDf = grown(seenDf, new Int32Array(2 * id));
      }
      seenDf[id]! += 1;
      if (at === ids.length) {
        ids = grown(ids, new Int32Array(2 * at));
        counts = grown(counts, new Float64Array(2 * at));
      }
      ids[at] = id;
      counts[at++] = count;
    }
    offsets[i + 1] = at;
  }
  const order = Array.from(seenTerms, (_, k) => k).sort((x, y) => {
    const tx = seenTerms[x] as string;
    const ty = seenTerms[y] as string;
    return tx < ty ? -1 : tx > ty ? 1 : 0;
  });
  const rank = new Int32Array(order.length);
  order.forEach((k, r) => (rank[k] = r));
  const terms = order.map((k) => seenTerms[k] as string);
  const surfaces = order.map((k) => seenSurfaces[k] as string);
  const df = Int32Array.from(order, (k) => seenDf[k] as number);

  const maxDf = Math.max(MIN_COMMON_DF, Math.min(MAX_COMMON_DF, Math.floor(n * MAX_DF_SHARE)));
  const idf = new Float64Array(terms.length);
  const sharable = new Uint8Array(terms.length);
  terms.forEach((term, k) => {
    const looked = weighting.lookup?.(term);
    if (weighting.lookup) {
      idf[k] = looked?.idf ?? 0;
      sharable[k] = looked?.sharable ? 1 : 0;
    } else if (weighting.uniform) {
      idf[k] = 1;
      sharable[k] = (df[k] as number) >= 2 ? 1 : 0;
    } else {
      const d = df[k] as number;
      idf[k] = Math.log(1 + (n - d + 0.5) / (d + 0.5));
      sharable[k] = d >= 2 && d <= maxDf ? 1 : 0;
    }
  });
  const total = offsets[n] as number;
  const outIds = new Int32Array(total);
  const weights = new Float64Array(total);
  for (let i = 0; i < n; i++) {
    const begin = offsets[i] as number;
    const end = offsets[i + 1] as number;
    // Insertion sort by term id: a profile has a few dozen terms.
    for (let k = begin; k < end; k++) {
      const id = rank[ids[k] as number] as number;
      const count = counts[k] as number;
      let m = k;
      while (m > begin && (outIds[m - 1] as number) > id) {
        outIds[m] = outIds[m - 1] as number;
        weights[m] = weights[m - 1] as number;
        m--;
      }
      outIds[m] = id;
      weights[m] = count;
    }
    for (let k = begin; k < end; k++) weights[k] = (1 + Math.log(weights[k] as number)) * (idf[outIds[k] as number] as number);
  }
  return { terms, surfaces, df, sharable, offsets, ids: outIds, weights };
}

function grown<T extends Int32Array | Float64Array>(from: T, into: T): T {
  into.set(from);
  return into;
}

export function encodeProfiles(
  profiles: readonly MatchingProfile[],
  idf: Float64Array,
  priorityFactors: MatchingConfig['priorityFactors'],
  weighting: TextWeighting = {},
): EncodedProfiles {
  const n = profiles.length;
  const countryIds = new Map<string, number>();
  const languageBits = new Map<string, number>();
  const networkBits = new Map<string, number>();
  for (const p of profiles) {
    if (!countryIds.has(p.country)) countryIds.set(p.country, countryIds.size);
    for (const l of p.languages) if (!languageBits.has(l)) languageBits.set(l, languageBits.size);
    for (const net of p.networks) if (!networkBits.has(net)) networkBits.set(net, networkBits.size);
  }
  // A row has 16 bits for the country; ISO 3166-1 has 249 codes, so only misuse gets here.
  if (countryIds.size > 0xffff) throw new Error('matching supports at most 65 535 distinct countries');
  const languageWords = Math.max(1, Math.ceil(languageBits.size / 31));

  const buffer = new ArrayBuffer(n * ROW_WIDTH * 4);
  const rows = new Int32Array(buffer);
  const norms = new Float64Array(buffer);
  const languages = new Int32Array(n * languageWords);
  const networkWords = Math.max(1, Math.ceil(networkBits.size / 31));
  const networks = new Int32Array(n * networkWords);
  const factors = Float64Array.from([0, ...PRIORITIES.map((p) => priorityFactors[p])]);
  const text = encodeText(profiles, weighting);

  for (let i = 0; i < n; i++) {
    const p = profiles[i] as MatchingProfile;
    const row = i * ROW_WIDTH;
    for (const t of effectiveThemes(p)) {
      const bit = THEME_BIT.get(t.id);
      if (bit === undefined) continue;
      rows[row + R_THEMES + (bit >> 5)] = (rows[row + R_THEMES + (bit >> 5)] as number) | (1 << (bit & 31));
      const code = PRIORITIES.indexOf(t.priority) + 1;
      rows[row + R_PRIORITY + (bit >> 4)] = (rows[row + R_PRIORITY + (bit >> 4)] as number) | (code << (2 * (bit & 15)));
    }
    // Summed in bit order, not list order, so that equal profiles get bit-identical norms.
    let idfSum = 0;
    for (let bit = 0; bit < THEME_COUNT; bit++) {
      if (((rows[row + R_THEMES + (bit >> 5)] as number) >>> (bit & 31)) & 1) idfSum += idf[bit] as number;
    }
    norms[i * NORMS_PER_ROW + N_THEME_NORM] = Math.sqrt(idfSum);
    let textSum = 0;
    for (let k = text.offsets[i] as number; k < (text.offsets[i + 1] as number); k++) textSum += (text.weights[k] as number) ** 2;
    norms[i * NORMS_PER_ROW + N_TEXT_NORM] = Math.sqrt(textSum);

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
    for (const net of p.networks) {
      const bit = networkBits.get(net) as number;
      const word = i * networkWords + Math.floor(bit / 31);
      networks[word] = (networks[word] as number) | (1 << bit % 31);
    }
    rows[row + R_NETWORKS] = networks[i * networkWords] as number;
  }
  return { count: n, idf, rows, norms, factors, languages, languageWords, networks, networkWords, text };
}

/**
 * Cosine of the two profiles' text vectors over the sharable terms they have in common, in [0, 1].
 * Terms are merged in id order, the order the index's accumulation uses, so both agree bit for bit.
 */
export function textSimilarity(s: EncodedProfiles, i: number, j: number): number {
  const { offsets, ids, weights, sharable } = s.text;
  let a = offsets[i] as number;
  let b = offsets[j] as number;
  const aEnd = offsets[i + 1] as number;
  const bEnd = offsets[j + 1] as number;
  let dot = 0;
  while (a < aEnd && b < bEnd) {
    const x = ids[a] as number;
    const y = ids[b] as number;
    if (x < y) a++;
    else if (y < x) b++;
    else {
      if (sharable[x] === 1) dot += (weights[a] as number) * (weights[b] as number);
      a++;
      b++;
    }
  }
  return textCosine(s, i, j, dot);
}

/** The cosine from a dot product of i's and j's text vectors. */
export function textCosine(s: EncodedProfiles, i: number, j: number, dot: number): number {
  const norm = (s.norms[i * NORMS_PER_ROW + N_TEXT_NORM] as number) * (s.norms[j * NORMS_PER_ROW + N_TEXT_NORM] as number);
  return norm > 0 && dot > 0 ? Math.min(1, dot / norm) : 0;
}
