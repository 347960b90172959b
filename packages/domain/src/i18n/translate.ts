import i18next, { type TFunction } from 'i18next';
import { LOCALE_DATA } from './locale-data.js';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales.js';

/** The i18next namespace of the domain's strings; the web app loads it beside its own. */
export const DOMAIN_NAMESPACE = 'domain';

/**
 * One i18next instance for the domain's strings, initialised synchronously (the resources are in
 * memory), so Lambdas and the web app render the same words from the same catalogs. English is the
 * fallback for a missing string, never Russian.
 */
const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(LOCALES.map((locale) => [locale, { [DOMAIN_NAMESPACE]: LOCALE_DATA[locale].messages }])),
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  ns: [DOMAIN_NAMESPACE],
  defaultNS: DOMAIN_NAMESPACE,
  initAsync: false,
  // Mails escape HTML themselves and React escapes what it renders: escaping here would double it.
  interpolation: { escapeValue: false },
});

const translators = new Map<Locale, TFunction>();

/** A `t` bound to a locale and the domain namespace. */
export function translator(locale: Locale): TFunction {
  let t = translators.get(locale);
  if (!t) {
    t = instance.getFixedT(locale, DOMAIN_NAMESPACE);
    translators.set(locale, t);
  }
  return t;
}

/** Whether a key exists in the locale or, failing that, in English. */
export function hasMessage(locale: Locale, key: string): boolean {
  return instance.exists(key, { lng: locale, ns: DOMAIN_NAMESPACE });
}
