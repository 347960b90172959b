import { en } from '../i18n/locales/en.js';
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

/** How a resource reads in "X offers a venue, Y needs one": the noun phrase and what refers back to it (from the English catalog). */
export const RESOURCE_PHRASES: Readonly<Record<Resource, { phrase: string; pronoun: string }>> = Object.fromEntries(
  Object.entries(en.messages.resourcePhrase).map(([id, phrase]) => [id, { phrase, pronoun: en.messages.resourcePronoun[id as Resource] }]),
) as Record<Resource, { phrase: string; pronoun: string }>;

/** Plural phrases for "both look for festivals and exchange visits". */
export const FORMAT_PHRASES: Readonly<Record<Format, string>> = en.messages.formatPhrase;

export const FUNDING_PHRASES: Readonly<Record<FundingInstrument, string>> = en.messages.fundingPhrase;

/** "a", "a and b", "a, b and c". */
export function listJoin(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] as string}`;
}
