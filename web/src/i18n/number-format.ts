import type { Locale } from '@culturebridge/domain';

/**
 * A locale Chromium always has that writes numbers as `locale` does (CLDR: group and decimal
 * separators, when a four-digit number is grouped, the percent sign): Georgian and Armenian
 * "4000,5" and "40 000" as Polish, Azerbaijani "4.000,5" as Indonesian, Kazakh and Uzbek "4 000,5"
 * as Ukrainian.
 */
const NUMBERS_AS: Partial<Record<Locale, string>> = { ka: 'pl', hy: 'pl', az: 'id', kk: 'uk', uz: 'uk' };

/**
 * Intl.NumberFormat in the reader's locale. Chromium has no number symbols for Georgian and
 * Armenian, and lists Azerbaijani, Kazakh and Uzbek with the root's only ("4,000.5", which no
 * language but English writes): then the locale in NUMBERS_AS. Digits and signs only; units and
 * currencies would come out in that locale's words.
 */
export function numberFormat(locale: Locale, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const lacksData = locale !== 'en' && (Intl.NumberFormat.supportedLocalesOf([locale]).length === 0 || new Intl.NumberFormat(locale).format(1000.5) === '1,000.5');
  return new Intl.NumberFormat(lacksData ? (NUMBERS_AS[locale] ?? locale) : locale, options);
}
