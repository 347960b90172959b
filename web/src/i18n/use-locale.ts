import { useTranslation } from 'react-i18next';
import {
  countryNameIn,
  formatDate,
  formatList,
  languageNameIn,
  renderReasons,
  type Locale,
  type MatchReason,
  type OtherReason,
  type ReasonReader,
} from '@culturebridge/domain';
import { dateTimeFormat } from './date-time';
import { currentLocale } from './index';

const collators = new Map<Locale, Intl.Collator>();
/** Sorting as the reader's language sorts (Intl.Collator), e.g. Georgian and Cyrillic names. */
export function collator(locale: Locale): Intl.Collator {
  let c = collators.get(locale);
  if (!c) {
    c = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    collators.set(locale, c);
  }
  return c;
}


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

/**
 * The reader's locale and everything that formats for it: `t` for the app's strings, `d` for the
 * domain's (labels, reasons), country and language names (Intl.DisplayNames), lists, dates,
 * numbers and sorting (Intl).
 */
export function useLocale() {
  const { t, i18n } = useTranslation();
  const { t: d } = useTranslation('domain');
  const locale = currentLocale(i18n.resolvedLanguage);
  const dateTime = (iso: string | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }) =>
    dateTimeFormat(locale, options).format(typeof iso === 'string' ? new Date(iso) : iso);
  return {
    t,
    d,
    locale,
    country: (code: string) => countryNameIn(code, locale),
    language: (code: string) => languageNameIn(code, locale),
    list: (items: readonly string[]) => formatList(items, locale),
    number: (n: number) => numberFormat(locale).format(n),
    percent: (share: number) => numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share),
    dateTime,
    /** A calendar day (YYYY-MM-DD: a meeting's) as the reader's language writes it, with no time zone shift (domain formatDate). */
    day: (isoDate: string) => formatDate(isoDate, locale),
    /** The day of an instant (when a member asked, a match was proposed), in the reader's time zone. */
    date: (iso: string | Date) => dateTime(iso, { dateStyle: 'medium' }),
    compare: (a: string, b: string) => collator(locale).compare(a, b),
    reasons: (reasons: readonly (MatchReason | OtherReason)[], reader: Omit<ReasonReader, 'locale'>) => renderReasons(reasons, { ...reader, locale }),
  };
}

export type LocaleTools = ReturnType<typeof useLocale>;
