import i18next, { type TFunction } from 'i18next';
import { DOMAIN_NAMESPACE, LOCALES, localeData, type Locale } from '@culturebridge/domain';
import { WEB_MESSAGES } from './messages';

/**
 * The app's catalogs in a plain i18next instance, without a browser or React: what a test (or a
 * script) needs to word something exactly as the app does in a given locale.
 */
const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: WEB_MESSAGES[l], [DOMAIN_NAMESPACE]: localeData(l).messages }])),
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
});

export function catalogTools(locale: Locale): { t: TFunction; d: TFunction } {
  return { t: instance.getFixedT(locale), d: instance.getFixedT(locale, DOMAIN_NAMESPACE) };
}
