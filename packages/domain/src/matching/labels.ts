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
 */
const english = (key: string) => translator('en')(key);

/** How a resource reads in "X offers a venue, Y needs one": the noun phrase and what refers back to it. */
export const resourcePhrase = (id: Resource) => ({ phrase: english(`resourcePhrase.${id}`), pronoun: english(`resourcePronoun.${id}`) });

/** A format's plural phrase, for "both look for festivals and exchange visits". */
export const formatPhrase = (id: Format) => english(`formatPhrase.${id}`);

export const fundingPhrase = (id: FundingInstrument) => english(`fundingPhrase.${id}`);

/** "a", "a and b", "a, b and c". */
export function listJoin(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] as string}`;
}
