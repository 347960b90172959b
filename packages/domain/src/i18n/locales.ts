import * as z from 'zod';
import { quoted } from '../text.js';

/**
 * The languages the product speaks (BCP 47 tags; `uz` is Uzbek in Latin script, the official one).
 * English is the fallback for any missing string and any unsupported language, never Russian:
 * members choose their language, and many would not choose Russian.
 */
export const LOCALES = ['en', 'ru', 'uk', 'ka', 'hy', 'az', 'ro', 'kk', 'uz'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** Each locale's name in its own language, for the language switcher. */
export const LOCALE_NATIVE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  ru: 'Русский',
  uk: 'Українська',
  ka: 'ქართული',
  hy: 'Հայերեն',
  az: 'Azərbaycan',
  ro: 'Română',
  kk: 'Қазақ',
  uz: 'Oʻzbek',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export const LocaleSchema = z.enum(LOCALES, {
  error: (issue) =>
    issue.input === undefined
      ? 'locale is required'
      : `${quoted(issue.input)} is not a language CultureBridge speaks; use one of: ${LOCALES.join(', ')}`,
});

/**
 * The first supported locale among a browser's preferred languages (`navigator.languages`, BCP 47
 * tags such as "ka-GE", "uz-Latn-UZ"), by primary language subtag; English when none is supported.
 * Uzbek in Cyrillic script ("uz-Cyrl") is not offered, so it falls through to the next preference.
 */
export function matchLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const [language, script] = tag.toLowerCase().split(/[-_]/);
    if (language === 'uz' && script === 'cyrl') continue;
    if (isLocale(language)) return language;
  }
  return DEFAULT_LOCALE;
}
