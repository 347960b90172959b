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

/** How a resource reads in "X offers a venue, Y needs one": the noun phrase and what refers back to it. */
export const RESOURCE_PHRASES: Readonly<Record<Resource, { phrase: string; pronoun: 'one' | 'it' | 'them' }>> = {
  venue: { phrase: 'a venue', pronoun: 'one' },
  expertise: { phrase: 'expertise', pronoun: 'it' },
  audience: { phrase: 'an audience', pronoun: 'one' },
  funding: { phrase: 'funding', pronoun: 'it' },
  'production-capacity': { phrase: 'production capacity', pronoun: 'it' },
  mentoring: { phrase: 'mentoring', pronoun: 'it' },
  translation: { phrase: 'translation', pronoun: 'it' },
  accommodation: { phrase: 'accommodation', pronoun: 'it' },
  equipment: { phrase: 'equipment', pronoun: 'it' },
  artists: { phrase: 'artists', pronoun: 'them' },
  'curatorial-support': { phrase: 'curatorial support', pronoun: 'it' },
  promotion: { phrase: 'promotion', pronoun: 'it' },
  'local-partners': { phrase: 'local partners', pronoun: 'them' },
  'research-data': { phrase: 'research data', pronoun: 'it' },
};

/** Plural phrases for "both look for festivals and exchange visits". */
export const FORMAT_PHRASES: Readonly<Record<Format, string>> = {
  'artist-residency': 'artist residencies',
  festival: 'festivals',
  'co-production': 'co-productions',
  'exchange-visit': 'exchange visits',
  training: 'training',
  conference: 'conferences',
  'joint-funding-application': 'joint funding applications',
  research: 'research',
  exhibition: 'exhibitions',
  workshop: 'workshops',
  'networking-meeting': 'networking meetings',
  'online-collaboration': 'online collaboration',
};

export const FUNDING_PHRASES: Readonly<Record<FundingInstrument, string>> = {
  'creative-europe': 'Creative Europe',
  'eu4culture-grant': 'EU4Culture grants',
  'european-spaces-of-culture': 'European Spaces of Culture',
  'eunic-cluster-fund': 'the EUNIC cluster fund',
  'horizon-europe': 'Horizon Europe',
  'erasmus-plus': 'Erasmus+',
  interreg: 'Interreg',
  'national-culture-fund': 'national culture funds',
  'municipal-budget': 'municipal budgets',
  'private-foundation': 'private foundations',
};

/** "a", "a and b", "a, b and c". */
export function listJoin(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] as string}`;
}
