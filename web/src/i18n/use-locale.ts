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
import { numberFormat } from './number-format';

export { numberFormat };

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
