import { stemmer as armenian } from '@orama/stemmers/armenian';
import { stemmer as bulgarian } from '@orama/stemmers/bulgarian';
import { stemmer as danish } from '@orama/stemmers/danish';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as lithuanian } from '@orama/stemmers/lithuanian';
import { stemmer as romanian } from '@orama/stemmers/romanian';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as turkish } from '@orama/stemmers/turkish';
import { stemmer as ukrainian } from '@orama/stemmers/ukrainian';

/*
 * What members write (description and free tags), turned into terms for lexical retrieval.
 *
 * Stemming comes from @orama/stemmers (Snowball-derived, pure JavaScript, no data files, nothing
 * downloaded at run time). A text's language is not declared, so it is inferred per word from its
 * script and the profile's working languages: Latin words use English when the text reads as
 * English (it has English function words) or no other Latin-script working language has a
 * stemmer, else that language; Cyrillic words use Ukrainian for Ukrainian letters, else Russian or
 * Bulgarian when the profile works in them; Armenian uses the Armenian stemmer. Where no stemmer
 * exists (Georgian, Azerbaijani, Kazakh, Uzbek, Kyrgyz, Tajik, Polish…) a word becomes its
 * character trigrams, which catch inflected forms of the same word without knowing the language.
 */
type Stemmer = (word: string) => string;

const STEMMERS: Readonly<Record<string, Stemmer>> = {
  en: english,
  ru: russian,
  uk: ukrainian,
  hy: armenian,
  ro: romanian,
  bg: bulgarian,
  de: german,
  fr: french,
  it: italian,
  es: spanish,
  lt: lithuanian,
  tr: turkish,
  da: danish,
};

const LATIN_STEMMED = ['ro', 'de', 'fr', 'it', 'es', 'lt', 'tr', 'da'] as const;

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
const LATIN = /^[\p{Script=Latin}\p{N}'’-]+$/u;
const CYRILLIC = /^[\p{Script=Cyrillic}'’-]+$/u;
const ARMENIAN = /^[\p{Script=Armenian}'’-]+$/u;
const UKRAINIAN_LETTERS = /[іїєґ]/u;

const stemCache = new Map<string, string>();
function stem(language: string, word: string): string {
  const key = `${language}:${word}`;
  let out = stemCache.get(key);
  if (out === undefined) {
    out = `${language}:${(STEMMERS[language] as Stemmer)(word)}`;
    // Bounded so that a long-lived Lambda does not grow without limit on odd input.
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(key, out);
  }
  return out;
}

function latinLanguage(words: readonly string[], languages: readonly string[]): string | undefined {
  let markers = 0;
  for (const w of words) if (ENGLISH_MARKERS.has(w)) markers++;
  if (markers >= 2 || languages.includes('en')) {
    if (markers >= 2 || !LATIN_STEMMED.some((l) => languages.includes(l))) return 'en';
  }
  for (const l of languages) if ((LATIN_STEMMED as readonly string[]).includes(l)) return l;
  // No Latin-script language with a stemmer: English is the networks' lingua franca, but a
  // profile that works only in, say, Polish or Azerbaijani gets trigrams instead.
  return languages.includes('en') ? 'en' : undefined;
}

function cyrillicLanguage(word: string, languages: readonly string[]): string | undefined {
  if (UKRAINIAN_LETTERS.test(word) && languages.includes('uk')) return 'uk';
  if (languages.includes('ru')) return 'ru';
  if (languages.includes('uk')) return 'uk';
  if (languages.includes('bg')) return 'bg';
  return undefined;
}

function trigrams(word: string): string[] {
  const padded = `^${word}$`;
  const out: string[] = [];
  for (let k = 0; k + 3 <= padded.length; k++) out.push(`3:${padded.slice(k, k + 3)}`);
  return out;
}

/** The terms of one word: its stem (or trigrams), plus the parts of a hyphenated word. */
function wordTerms(word: string, latin: string | undefined, languages: readonly string[]): string[] {
  const parts = word.includes('-') ? [word, ...word.split('-').filter((p) => p.length >= 3 && !STOPWORDS.has(p))] : [word];
  const out: string[] = [];
  for (const part of parts) {
    let language: string | undefined;
    if (LATIN.test(part)) language = latin;
    else if (CYRILLIC.test(part)) language = cyrillicLanguage(part, languages);
    else if (ARMENIAN.test(part)) language = 'hy';
    if (language !== undefined) out.push(stem(language, part));
    else out.push(...trigrams(part));
  }
  return out;
}

function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const w = match[0].replace(/[’']/g, '');
    if (w.length < 3 || STOPWORDS.has(w) || /^\p{N}+$/u.test(w)) continue;
    out.push(w);
  }
  return out;
}

/**
 * The terms of a profile's description and free tags, sorted by term: stems ("en:cinema"),
 * trigrams ("3:abc") and, for each free tag, the tag as a whole ("#en:wine en:heritag"), which a
 * partner shares only by listing the same interest. `surface` is the first word (or tag) seen for
 * the term, as written, for reasons a person can check.
 */
export function analyseText(source: TextSource): TextTerm[] {
  const counts = new Map<string, { count: number; surface: string }>();
  const add = (term: string, by: number, surface: string) => {
    const seen = counts.get(term);
    if (seen) seen.count += by;
    else counts.set(term, { count: by, surface });
  };
  const description = source.description ?? '';
  const tags = source.freeTags ?? [];
  // Function words tell the language, so they are counted before `words` drops them.
  const raw = [description, ...tags].join(' ').toLowerCase().match(WORD) ?? [];
  const latin = latinLanguage(raw, source.languages);
  const surfaces = (text: string) => [...text.matchAll(WORD)].map((m) => m[0]);
  for (const surface of surfaces(description)) {
    const [word] = words(surface);
    if (word === undefined) continue;
    for (const term of wordTerms(word, latin, source.languages)) add(term, 1, surface);
  }
  for (const tag of tags) {
    const tagWords = words(tag);
    if (tagWords.length === 0) continue;
    const stems: string[] = [];
    for (const word of tagWords) {
      const terms = wordTerms(word, latin, source.languages);
      for (const term of terms) add(term, TAG_BOOST, word);
      stems.push(terms[0] as string);
    }
    if (tagWords.length > 1) add(`#${stems.join(' ')}`, TAG_BOOST, tag.trim());
  }
  return [...counts]
    .map(([term, { count, surface }]) => ({ term, count, surface }))
    .sort((x, y) => (x.term < y.term ? -1 : x.term > y.term ? 1 : 0));
}

/** Whether a term stands for a whole free tag rather than a word. */
export function isTagTerm(term: string): boolean {
  return term.startsWith('#');
}

/** Whether a term is a character trigram (a word of a language without a stemmer). */
export function isTrigram(term: string): boolean {
  return term.startsWith('3:');
}
