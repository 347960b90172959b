import { COUNTRY_CODES, LANGUAGE_CODES } from '@culturebridge/domain';
import type { LocaleTools } from '../i18n/use-locale';

/**
 * Choices in the reader's language: country and language names from the browser's CLDR data
 * (Intl.DisplayNames), sorted as that language sorts (Intl.Collator). Vocabulary labels come from
 * the domain's catalogs (`d('theme.music')`), the same the mails use.
 */
export function countryOptions({ country, compare }: Pick<LocaleTools, 'country' | 'compare'>) {
  return [...COUNTRY_CODES].map((code) => ({ code, name: country(code) })).sort((a, b) => compare(a.name, b.name));
}

export function languageOptions({ language, compare }: Pick<LocaleTools, 'language' | 'compare'>) {
  return [...LANGUAGE_CODES].map((code) => ({ code, name: language(code) })).sort((a, b) => compare(a.name, b.name));
}

/** The networks' usual working languages, offered as one-click chips; any other is one select away. */
export const COMMON_LANGUAGES = ['en', 'ru', 'fr', 'de', 'hy', 'az', 'ka', 'ro', 'uk', 'kk', 'uz', 'tk'] as const;
