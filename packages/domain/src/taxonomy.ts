import { localeData } from './i18n/locale-data.js';
import { LOCALES } from './i18n/locales.js';

/**
 * The controlled theme vocabulary. Ids are stable forever: they are stored in profiles and
 * published in events, so a label may change but an id never does. Synonyms let the web form,
 * CSV import and free tags map what people type onto an id.
 */
export const THEME_GROUPS = {
  society: 'Society and rights',
  environment: 'Environment and place',
  economy: 'Creative economy and development',
  arts: 'Art forms',
  knowledge: 'Knowledge, media and learning',
} as const;

export type ThemeGroupId = keyof typeof THEME_GROUPS;

export interface Theme {
  readonly id: string;
  readonly label: string;
  readonly group: ThemeGroupId;
  readonly synonyms: readonly string[];
}

export const THEMES = [
  { id: 'gender-equality', label: 'Gender equality', group: 'society', synonyms: ['gender', 'women', 'equal opportunities', 'feminism'] },
  { id: 'climate-environment', label: 'Climate and environment', group: 'environment', synonyms: ['climate', 'climate change', 'environment', 'sustainability', 'green transition', 'ecology', 'cop29'] },
  { id: 'civil-society', label: 'Civil society', group: 'society', synonyms: ['ngo', 'ngos', 'community', 'volunteering', 'grassroots'] },
  { id: 'democracy-participation', label: 'Democracy and participation', group: 'society', synonyms: ['democracy', 'participation', 'citizen participation', 'democratic movements', 'participatory governance'] },
  { id: 'cultural-heritage', label: 'Cultural heritage', group: 'environment', synonyms: ['heritage', 'heritage innovation', 'museums', 'intangible heritage', 'monuments', 'unesco'] },
  { id: 'creative-industries', label: 'Creative industries', group: 'economy', synonyms: ['creative economy', 'cultural industries', 'ccis', 'design', 'decentralised development'] },
  { id: 'youth', label: 'Youth', group: 'society', synonyms: ['young people', 'children', 'students'] },
  { id: 'digital-culture', label: 'Digital culture', group: 'knowledge', synonyms: ['digital', 'digitisation', 'digitalization', 'new media', 'games', 'virtual reality'] },
  { id: 'education', label: 'Education', group: 'knowledge', synonyms: ['learning', 'arts education', 'capacity building', 'skills', 'training'] },
  { id: 'cultural-tourism', label: 'Cultural tourism', group: 'economy', synonyms: ['tourism', 'heritage tourism', 'visitors'] },
  { id: 'urban-regeneration', label: 'Urban regeneration', group: 'environment', synonyms: ['urban development', 'public space', 'placemaking', 'regional development'] },
  { id: 'inclusion-accessibility', label: 'Inclusion and accessibility', group: 'society', synonyms: ['inclusion', 'accessibility', 'disability', 'social inclusion', 'diversity'] },
  { id: 'media-literacy', label: 'Media literacy', group: 'knowledge', synonyms: ['disinformation', 'journalism', 'media'] },
  { id: 'performing-arts', label: 'Performing arts', group: 'arts', synonyms: ['theatre', 'theater', 'dance', 'circus'] },
  { id: 'visual-arts', label: 'Visual arts', group: 'arts', synonyms: ['fine arts', 'painting', 'photography', 'sculpture', 'contemporary art'] },
  { id: 'music', label: 'Music', group: 'arts', synonyms: ['concerts', 'folk music', 'jazz', 'classical music'] },
  { id: 'film', label: 'Film', group: 'arts', synonyms: ['cinema', 'documentary', 'audiovisual'] },
  { id: 'literature', label: 'Literature', group: 'arts', synonyms: ['books', 'reading', 'poetry', 'translation', 'publishing'] },
  { id: 'crafts', label: 'Crafts', group: 'arts', synonyms: ['arts and crafts', 'folk art', 'handicrafts', 'applied arts'] },
  { id: 'intercultural-dialogue', label: 'Intercultural dialogue', group: 'society', synonyms: ['cross-border cooperation', 'european cooperation', 'fair collaboration', 'cultural diplomacy', 'international cooperation'] },
  { id: 'minority-languages', label: 'Minority languages', group: 'knowledge', synonyms: ['regional languages', 'endangered languages', 'linguistic diversity'] },
  // Themes the seed networks name (DESIGN §9: Cahul's festivals, Lankaran's gastronomy, Poti's
  // maritime art residency and festival, Kutaisi's public art festival), added 2026-11-30 with the
  // synonyms they used to fall under (performing arts, creative industries, urban regeneration).
  { id: 'festivals', label: 'Festivals', group: 'arts', synonyms: ['festival', 'arts festival', 'city festival', 'festival management'] },
  { id: 'gastronomy', label: 'Gastronomy', group: 'economy', synonyms: ['food', 'cuisine', 'culinary heritage', 'food culture', 'creative city of gastronomy'] },
  { id: 'maritime-culture', label: 'Maritime culture', group: 'environment', synonyms: ['maritime', 'maritime heritage', 'maritime art', 'seafaring', 'coastal culture', 'port cities'] },
  { id: 'public-art', label: 'Public art', group: 'arts', synonyms: ['street art', 'murals', 'art in public space', 'public art festival'] },
] as const satisfies readonly Theme[];

export type ThemeId = (typeof THEMES)[number]['id'];

export const THEME_IDS = THEMES.map((t) => t.id) as unknown as readonly [ThemeId, ...ThemeId[]];

const byId = new Map<string, Theme>(THEMES.map((t) => [t.id, t]));

let bySynonym: Map<string, ThemeId> | undefined;

/**
 * Every term that names a theme, folded: ids, English labels and synonyms, then the labels and
 * synonyms in every language the product speaks, so "климат", "კლიმატი" or "iqlim" map onto the
 * same id. A locale entry for an id the taxonomy does not have is not resolved; English terms win
 * over a locale's identical spelling. Built on the first lookup, as it reads every locale's catalog
 * (a Lambda bundle carries none of them: locale-data.ts).
 */
function synonymIndex(): Map<string, ThemeId> {
  if (bySynonym) return bySynonym;
  const index = new Map<string, ThemeId>();
  for (const theme of THEMES) {
    for (const term of [theme.id, theme.label, ...theme.synonyms]) index.set(normaliseTerm(term), theme.id);
  }
  for (const locale of LOCALES) {
    const data = localeData(locale);
    const labels = (data.messages.theme ?? {}) as Readonly<Record<string, unknown>>;
    for (const id of Object.keys({ ...labels, ...data.synonyms })) {
      if (!byId.has(id)) continue;
      const label = labels[id];
      for (const term of [...(typeof label === 'string' ? [label] : []), ...(data.synonyms[id] ?? [])]) {
        const key = normaliseTerm(term);
        if (!index.has(key)) index.set(key, id as ThemeId);
      }
    }
  }
  bySynonym = index;
  return index;
}

/**
 * Folds what people type so that spellings of one word meet: Unicode NFC, lower case (without the
 * dot Azerbaijani "İ" leaves), "ё" as "е", every apostrophe (Ukrainian, Uzbek ʻ ʼ) as ', and
 * runs of spaces, hyphens and underscores as one space.
 */
export function normaliseTerm(term: string): string {
  return term
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/\u0307/g, '')
    .replace(/ё/g, 'е')
    .replace(/[\u2018\u2019\u02BB\u02BC`]/g, "'")
    .replace(/[\s_-]+/g, ' ');
}

export function isThemeId(value: string): value is ThemeId {
  return byId.has(value);
}

export function themeById(id: ThemeId): Theme {
  const theme = byId.get(id);
  if (!theme) throw new Error(`unknown theme id ${id}`);
  return theme;
}

/** Maps what a person typed ("Climate change", "heritage") to a theme id, or undefined if unmapped. */
export function resolveTheme(term: string): ThemeId | undefined {
  return synonymIndex().get(normaliseTerm(term));
}
