import { memoise } from '../memoise.js';
import { translator } from '../i18n/translate.js';
import type { Format, FundingInstrument, Resource } from '../vocabulary.js';

/** English names of the working languages common in the networks; other codes are shown as they are. */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  fr: 'French',
  de: 'German',
  ru: 'Russian',
  uk: 'Ukrainian',
  ka: 'Georgian',
  hy: 'Armenian',
  az: 'Azerbaijani',
  ro: 'Romanian',
  kk: 'Kazakh',
  uz: 'Uzbek',
  tk: 'Turkmen',
  tr: 'Turkish',
  pl: 'Polish',
  it: 'Italian',
  es: 'Spanish',
  cs: 'Czech',
  da: 'Danish',
};

export function languageName(code: string): string {
  return Object.hasOwn(LANGUAGE_NAMES, code) ? (LANGUAGE_NAMES[code] as string) : code;
}

/*
 * The English summary's phrases come from the English catalog (packages/domain/locales/en.json),
 * read on first use like every catalog, so the summary and the English reason sentences agree.
 * Each is looked up once per id: the batch run writes ~10^5 sentences, and a catalog lookup per
 * phrase was a tenth of it.
 */
const phrases = <Id extends string>(prefix: string) => memoise((id: Id) => translator('en')(`${prefix}.${id}`));
/** How a resource reads in "X offers a venue, Y needs one": the noun phrase… */
export const resourcePhraseOf: (id: Resource) => string = phrases<Resource>('resourcePhrase');
/** …and what refers back to it ("one"). */
export const resourcePronounOf: (id: Resource) => string = phrases<Resource>('resourcePronoun');

/** A format's plural phrase, for "both look for festivals and exchange visits". */
export const formatPhrase: (id: Format) => string = phrases<Format>('formatPhrase');

export const fundingPhrase: (id: FundingInstrument) => string = phrases<FundingInstrument>('fundingPhrase');

/** "a", "a and b", "a, b and c". */
export function listJoin(items: readonly string[]): string {
  const last = items.length - 1;
  if (last <= 0) return items[0] ?? '';
  let out = items[0] as string;
  for (let k = 1; k < last; k++) out += `, ${items[k] as string}`;
  return `${out} and ${items[last] as string}`;
}
