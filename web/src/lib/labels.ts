import {
  COUNTRY_CODES,
  LANGUAGE_CODES,
  THEMES,
  type Format,
  type FundingInstrument,
  type MatchState,
  type Priority,
  type ProfileKind,
  type Resource,
  type ThemeId,
} from '@culturebridge/domain';

/** What people read for the controlled vocabularies; `satisfies` breaks the build when a value is added without a label. */

export const KIND_LABELS = { city: 'City', cluster: 'Cluster of cultural institutes', organisation: 'Organisation' } as const satisfies Record<ProfileKind, string>;

export const PRIORITY_LABELS = { high: 'High', medium: 'Medium', low: 'Low' } as const satisfies Record<Priority, string>;

export const FORMAT_LABELS = {
  'artist-residency': 'Artist residency',
  festival: 'Festival',
  'co-production': 'Co-production',
  'exchange-visit': 'Exchange visit',
  training: 'Training',
  conference: 'Conference',
  'joint-funding-application': 'Joint funding application',
  research: 'Research',
  exhibition: 'Exhibition',
  workshop: 'Workshop',
  'networking-meeting': 'Networking meeting',
  'online-collaboration': 'Online collaboration',
} as const satisfies Record<Format, string>;

export const RESOURCE_LABELS = {
  venue: 'Venue',
  expertise: 'Expertise',
  audience: 'Audience',
  funding: 'Funding',
  'production-capacity': 'Production capacity',
  mentoring: 'Mentoring',
  translation: 'Translation',
  accommodation: 'Accommodation',
  equipment: 'Equipment',
  artists: 'Artists',
  'curatorial-support': 'Curatorial support',
  promotion: 'Promotion',
  'local-partners': 'Local partners',
  'research-data': 'Research data',
} as const satisfies Record<Resource, string>;

export const FUNDING_LABELS = {
  'creative-europe': 'Creative Europe',
  'eu4culture-grant': 'EU4Culture grant',
  'european-spaces-of-culture': 'European Spaces of Culture',
  'eunic-cluster-fund': 'EUNIC cluster fund',
  'horizon-europe': 'Horizon Europe',
  'erasmus-plus': 'Erasmus+',
  interreg: 'Interreg',
  'national-culture-fund': 'National culture fund',
  'municipal-budget': 'Municipal budget',
  'private-foundation': 'Private foundation',
} as const satisfies Record<FundingInstrument, string>;

export const STATE_LABELS = {
  proposed: 'Proposed',
  accepted: 'Accepted by one side',
  confirmed: 'Confirmed by both',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
} as const satisfies Record<MatchState, string>;

const themeLabels = new Map<string, string>(THEMES.map((t) => [t.id, t.label]));

export function themeLabel(id: ThemeId | string): string {
  return themeLabels.get(id) ?? id;
}

// The browser knows every country's and language's name; the domain only keeps the codes.
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

export function countryName(code: string): string {
  return regionNames.of(code) ?? code;
}

export function languageLabel(code: string): string {
  const name = languageNames.of(code);
  return name && name !== code ? name : code;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en');

export const COUNTRY_OPTIONS = [...COUNTRY_CODES].map((code) => ({ code, name: countryName(code) })).sort(byName);

export const LANGUAGE_OPTIONS = [...LANGUAGE_CODES].map((code) => ({ code, name: languageLabel(code) })).sort(byName);

/** The networks' usual working languages, offered as one-click chips; any other is one select away. */
export const COMMON_LANGUAGES = ['en', 'ru', 'fr', 'de', 'hy', 'az', 'ka', 'ro', 'uk', 'kk', 'uz', 'tk'] as const;
