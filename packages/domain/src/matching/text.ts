import { stemmer as armenian } from '@orama/stemmers/armenian';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as romanian } from '@orama/stemmers/romanian';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as ukrainian } from '@orama/stemmers/ukrainian';

/*
 * What members write (description and free tags), turned into terms for lexical retrieval.
 *
 * Stemming comes from @orama/stemmers (Snowball-derived, pure JavaScript, no data files, nothing
 * downloaded at run time). A text's language is not declared, so it is inferred per word from its
 * script and the profile's working languages: Latin words use English when the text reads as
 * English (it has English function words) or no other Latin-script working language has a
 * stemmer, else that language (Romanian); Cyrillic words use Ukrainian for Ukrainian letters, else
 * Russian or Ukrainian when the profile works in them; Armenian uses the Armenian stemmer. Where no
 * stemmer is bundled (Georgian, Azerbaijani, Kazakh, Uzbek, Kyrgyz, Tajik, Polish, German…) a word
 * becomes its character trigrams, which catch inflected forms of the same word without knowing the
 * language.
 */
type Stemmer = (word: string) => string;

/*
 * Stemmers for the product's languages that have one (DESIGN §5: en, ru, uk, ka, hy, az, ro, kk,
 * uz). Every stemmer adds 2-15 KB to each Lambda bundle that matches (compute-matches has a 250 KB
 * budget), so EU partners' languages (German, French…) use trigrams like Georgian does; their
 * members mostly write in English anyway.
 */
const STEMMERS: Readonly<Record<string, Stemmer>> = {
  en: english,
  ru: russian,
  uk: ukrainian,
  hy: armenian,
  ro: romanian,
};

const LATIN_STEMMED = ['ro'] as const;

/** Function words that carry nothing about a member's work; English and Russian/Ukrainian, the set's working languages. */
const STOPWORDS = new Set(
  (
    'the and for with that this from our are was were will have has had into their them they its also about which who ' +
    'what when where how all any can more most other some such than too very just not only own same both each few ' +
    'between through during before after above below over under again further then once here there why would could ' +
    'should being been does did doing want wants would like use used using make made new year years one two three ' +
    'и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня ' +
    'еще нет о из ему теперь когда даже ну ли если уже или ни быть был до вас нибудь опять уж вам ведь там потом себя ' +
    'ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтобы без будто чего раз тоже себе под будет ' +
    'та та й і що це як від до на за та але або ми ви вони який яка які для'
  ).split(' '),
);

const ENGLISH_MARKERS = new Set(['the', 'and', 'with', 'for', 'our', 'we', 'of', 'to', 'in', 'is']);

export interface TextSource {
  readonly description?: string;
  readonly freeTags?: readonly string[];
  readonly languages: readonly string[];
}

/** One term of a text: how often it occurs, and a word a person would recognise it by. */
export interface TextTerm {
  readonly term: string;
  readonly count: number;
  readonly surface: string;
}

/** A free tag counts as much as a word said this many times: a tag is a deliberate statement. */
export const TAG_BOOST = 2;

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
const UKRAINIAN_LETTERS = /[іїєґ]/u;

type Script = 'latin' | 'cyrillic' | 'armenian' | 'other';

/** The script of a word by its code points (faster than Unicode property regexes, which this ran per word). */
function scriptOf(word: string): Script {
  let script: Script | undefined;
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) continue;
    const here: Script = c < 0x250 ? 'latin' : c >= 0x400 && c < 0x530 ? 'cyrillic' : c >= 0x530 && c < 0x590 ? 'armenian' : 'other';
    if (script === undefined) script = here;
    else if (script !== here) return 'other';
  }
  return script ?? 'other';
}

function stem(language: string, word: string): string {
  return `${language}:${(STEMMERS[language] as Stemmer)(word)}`;
}

function latinLanguage(tokens: readonly string[], languages: readonly string[]): string | undefined {
  let markers = 0;
  for (const w of tokens) if (ENGLISH_MARKERS.has(w)) markers++;
  if (markers >= 2) return 'en';
  if (languages.includes('en') && !LATIN_STEMMED.some((l) => languages.includes(l))) return 'en';
  for (const l of languages) if ((LATIN_STEMMED as readonly string[]).includes(l)) return l;
  // No Latin-script language with a stemmer: English is the networks' lingua franca, but a
  // profile that works only in, say, Polish or Azerbaijani gets trigrams instead.
  return languages.includes('en') ? 'en' : undefined;
}

function cyrillicLanguage(word: string, languages: readonly string[]): string | undefined {
  if (UKRAINIAN_LETTERS.test(word) && languages.includes('uk')) return 'uk';
  if (languages.includes('ru')) return 'ru';
  if (languages.includes('uk')) return 'uk';
  return undefined;
}

function trigrams(word: string): string[] {
  const padded = `^${word}$`;
  const out: string[] = [];
  for (let k = 0; k + 3 <= padded.length; k++) out.push(`3:${padded.slice(k, k + 3)}`);
  return out;
}

/*
 * The terms of one (lower-cased, kept) word: its stem or trigrams, plus the parts of a hyphenated
 * word. Memoised per variant (Latin choice and Cyrillic languages, the only things besides the word
 * that change its terms) and word: networks reuse a small vocabulary, a stemmer call costs
 * microseconds, and one map per variant spares building a key string per word. Bounded so that a
 * long-lived Lambda does not grow without limit.
 */
const TERMS_CACHE_LIMIT = 200_000;
const termsCache = new Map<string, Map<string, readonly string[]>>();
let termsCached = 0;
function termsOfVariant(variant: string): Map<string, readonly string[]> {
  let memo = termsCache.get(variant);
  if (memo === undefined) termsCache.set(variant, (memo = new Map()));
  return memo;
}
function wordTerms(word: string, latin: string | undefined, languages: readonly string[], memo: Map<string, readonly string[]>): readonly string[] {
  const cached = memo.get(word);
  if (cached !== undefined) return cached;
  const parts = word.includes('-') ? [word, ...word.split('-').filter((p) => p.length >= 3 && !STOPWORDS.has(p))] : [word];
  const out: string[] = [];
  for (const part of parts) {
    const script = scriptOf(part);
    const language = script === 'latin' ? latin : script === 'cyrillic' ? cyrillicLanguage(part, languages) : script === 'armenian' ? 'hy' : undefined;
    if (language !== undefined) out.push(stem(language, part));
    else out.push(...trigrams(part));
  }
  if (termsCached >= TERMS_CACHE_LIMIT) {
    for (const m of termsCache.values()) m.clear();
    termsCached = 0;
  }
  memo.set(word, out);
  termsCached++;
  return out;
}

/** The word as a term source: lower case, apostrophes dropped; undefined for short words, function words and numbers. */
function keep(lower: string): string | undefined {
  let w = lower;
  if (w.includes("'") || w.includes('’')) w = w.replace(/[’']/g, '');
  if (w.length < 3 || STOPWORDS.has(w)) return undefined;
  let digits = true;
  for (let k = 0; k < w.length && digits; k++) {
    const c = w.charCodeAt(k);
    digits = c >= 0x30 && c <= 0x39;
  }
  return digits ? undefined : w;
}

/** A token as written, lower-cased and as kept (see `keep`); the same for every profile, so memoised. */
interface Token {
  readonly lower: string;
  readonly kept: string | undefined;
}
const TOKEN_CACHE_LIMIT = 200_000;
const tokenCache = new Map<string, Token>();
function tokenOf(surface: string): Token {
  let token = tokenCache.get(surface);
  if (token === undefined) {
    const lower = surface.toLowerCase();
    token = { lower, kept: keep(lower) };
    if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
    tokenCache.set(surface, token);
  }
  return token;
}

/**
 * The terms of a profile's description and free tags, sorted by term: stems ("en:cinema"),
 * trigrams ("3:abc") and, for each free tag of several words, the tag as a whole
 * ("#en:wine en:heritag"), which a partner shares only by listing the same interest. `surface` is
 * the first word (or tag) seen for the term, as written, for reasons a person can check.
 */
export function analyseText(source: TextSource): TextTerm[] {
  const out: TextTerm[] = [];
  for (const [term, { count, surface }] of textTermCounts(source)) out.push({ term, count, surface });
  return out.sort((x, y) => (x.term < y.term ? -1 : x.term > y.term ? 1 : 0));
}

/** `analyseText` unsorted, as a map from term to count and surface: for callers that order terms themselves. */
export function textTermCounts(source: TextSource): Map<string, { count: number; surface: string }> {
  const counts = new Map<string, { count: number; surface: string }>();
  const description = source.description ?? '';
  const tags = source.freeTags ?? [];
  if (description === '' && tags.length === 0) return counts;
  const add = (term: string, by: number, surface: string) => {
    const seen = counts.get(term);
    if (seen) seen.count += by;
    else counts.set(term, { count: by, surface });
  };
  const languages = source.languages;
  const descriptionTokens = description.match(WORD) ?? [];
  const tagTokens = tags.map((tag) => tag.match(WORD) ?? []);
  // Function words tell the language, so they are counted before `keep` drops them.
  const lowered: string[] = [];
  for (const t of descriptionTokens) lowered.push(tokenOf(t).lower);
  for (const list of tagTokens) for (const t of list) lowered.push(tokenOf(t).lower);
  const latin = latinLanguage(lowered, languages);
  const memo = termsOfVariant(`${latin ?? ''}|${languages.includes('uk') ? 'u' : ''}${languages.includes('ru') ? 'r' : ''}`);
  for (const surface of descriptionTokens) {
    const word = tokenOf(surface).kept;
    if (word === undefined) continue;
    for (const term of wordTerms(word, latin, languages, memo)) add(term, 1, surface);
  }
  tags.forEach((tag, k) => {
    const stems: string[] = [];
    for (const token of tagTokens[k] as string[]) {
      const word = tokenOf(token).kept;
      if (word === undefined) continue;
      const terms = wordTerms(word, latin, languages, memo);
      for (const term of terms) add(term, TAG_BOOST, token);
      stems.push(terms[0] as string);
    }
    if (stems.length > 1) add(`#${stems.join(' ')}`, TAG_BOOST, tag.trim());
  });
  return counts;
}

/** Whether a term stands for a whole free tag rather than a word. */
export function isTagTerm(term: string): boolean {
  return term.startsWith('#');
}

/** Whether a term is a character trigram (a word of a language without a stemmer). */
export function isTrigram(term: string): boolean {
  return term.startsWith('3:');
}
