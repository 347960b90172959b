import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, DOMAIN_NAMESPACE, isLocale, LOCALES, localeData, type Locale } from '@culturebridge/domain';
import { WEB_MESSAGES } from './messages';

/** Where the reader's choice of language is remembered (localStorage), so it survives a new tab. */
export const LOCALE_STORAGE_KEY = 'culturebridge.locale';

/**
 * i18next for the web app: its own strings (`translation`) beside the domain's labels and reason
 * sentences (`domain`), the same catalogs the mails use. The language comes from the reader's
 * earlier choice, else from the browser's languages; English is the fallback, never Russian.
 * Plurals follow Intl.PluralRules (`key_one`, `key_few`, `key_many`, `key_other`).
 */
void i18next
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: WEB_MESSAGES[l], [DOMAIN_NAMESPACE]: localeData(l).messages }])),
    supportedLngs: [...LOCALES],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: DEFAULT_LOCALE,
    ns: ['translation', DOMAIN_NAMESPACE],
    defaultNS: 'translation',
    initAsync: false,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: LOCALE_STORAGE_KEY, caches: ['localStorage'] },
    react: { useSuspense: false },
  });

/** The page's language follows the reader's: screen readers pick their voice from `<html lang>`. */
function applyDocumentLanguage(lng: string) {
  document.documentElement.lang = currentLocale(lng);
}
applyDocumentLanguage(i18next.resolvedLanguage ?? DEFAULT_LOCALE);
i18next.on('languageChanged', applyDocumentLanguage);

/** The supported locale i18next resolved ("ka-GE" → "ka"), English when none. */
export function currentLocale(lng = i18next.resolvedLanguage): Locale {
  const primary = lng?.split('-')[0];
  return isLocale(primary) ? primary : DEFAULT_LOCALE;
}

export { i18next };
