import { COUNTRY_CODES, LANGUAGE_CODES, REGION_COUNTRY_CODES, REGION_LANGUAGE_CODES } from '@culturebridge/domain';
import type { LocaleTools } from '../i18n/use-locale';

export interface Choice {
  code: string;
  name: string;
}

/**
 * `codes` named by `name`, split into the region's (`region`) and the rest, each sorted by `compare`.
 * Sorted as one list, a locale whose names Chromium lacks (Georgian, Armenian: the catalogs name the
 * region's and the rare ones Chromium cannot name at all, the rest fall back to English) put some
 * 235 English names first, as its collator sorts Latin before its own script; the names a member
 * looks for came last.
 */
export function regionFirst(codes: Iterable<string>, region: readonly string[], name: (code: string) => string, compare: (a: string, b: string) => number): { region: Choice[]; other: Choice[] } {
  const sorted = (list: string[]) => list.map((code) => ({ code, name: name(code) })).sort((a, b) => compare(a.name, b.name));
  const all = [...codes];
  return { region: sorted(all.filter((c) => region.includes(c))), other: sorted(all.filter((c) => !region.includes(c))) };
}

/**
 * Choices in the reader's language: country and language names from the catalogs (the region's)
 * and the browser's CLDR data (Intl.DisplayNames), the region's first, each part sorted as that
 * language sorts (Intl.Collator). Vocabulary labels come from the domain's catalogs
 * (`d('theme.music')`), the same the mails use.
 */
export function countryChoices({ country, compare }: Pick<LocaleTools, 'country' | 'compare'>) {
  return regionFirst(COUNTRY_CODES, REGION_COUNTRY_CODES, country, compare);
}

/** Languages as `countryChoices`, without those in `except` (already chosen). */
export function languageChoices({ language, compare }: Pick<LocaleTools, 'language' | 'compare'>, except: readonly string[] = []) {
  return regionFirst([...LANGUAGE_CODES].filter((c) => !except.includes(c)), REGION_LANGUAGE_CODES, language, compare);
}

/** The networks' usual working languages, offered as one-click chips; any other is one select away. */
export const COMMON_LANGUAGES = ['en', 'ru', 'fr', 'de', 'hy', 'az', 'ka', 'ro', 'uk', 'kk', 'uz', 'tk'] as const;
