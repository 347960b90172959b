import { memoise } from '../memoise.js';
import { hasMessage, translator } from './translate.js';
import type { Locale } from './locales.js';

/**
 * Labels of the controlled vocabularies in a locale; an id without a label reads as the id itself.
 * Country and language names come from the runtime's CLDR data (Intl.DisplayNames), so they need no
 * catalog: "Georgia" in English is "Грузия" in Russian and "საქართველო" in Georgian.
 */
const label = (group: string) => (id: string, locale: Locale) => translator(locale)(`${group}.${id}`, { defaultValue: id });

export const themeLabel = label('theme');
export const themeGroupLabel = label('themeGroup');
export const formatLabel = label('format');
export const resourceLabel = label('resource');
export const fundingLabel = label('funding');
export const kindLabel = label('kind');
export const priorityLabel = label('priority');

const regionNames = memoise((locale: Locale) => new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' }));
const languageNames = memoise((locale: Locale) => new Intl.DisplayNames([locale, 'en'], { type: 'language', fallback: 'code' }));
// Browsers ship CLDR data for their own UI languages only: Chromium has none for Georgian and
// Armenian, and no region names or date patterns for Azerbaijani, Kazakh and Uzbek. So the names
// that matter most (the networks' countries and languages) and the list word "and" are in the
// catalogs too, and a date falls back to the numeric DD.MM.YYYY used in all these countries.
// Chromium's English itself lacks some 50 offered languages (Abkhaz, Avar, Chechen, Ossetian…):
// the catalogs carry CLDR's names of those in every locale (scripts/language-names.ts).
// Chromium also lists Kazakh for Intl.ListFormat with only the root pattern ("a, b": no "and"),
// which no language writes, so that counts as no data.
const hasData = memoise((locale: Locale) => ({
  lists: Intl.ListFormat.supportedLocalesOf([locale]).length > 0 && new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(['a', 'b']) !== 'a, b',
  dates: Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0,
}));
const lists = memoise((locale: Locale) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }));
const dates = memoise((locale: Locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }));

/** An ISO 3166-1 alpha-2 code's country name in the locale ("GE" → "Georgia" / "Грузия" / "საქართველო"). */
export function countryNameIn(code: string, locale: Locale): string {
  return nameIn('country', code, locale, regionNames);
}

/** An ISO 639-1 code's language name in the locale ("ka" → "Georgian" / "ქართული"). */
export function languageNameIn(code: string, locale: Locale): string {
  return nameIn('language', code, locale, languageNames);
}

/**
 * The catalog's `<group>.<code>` when it has one, else CLDR's name in the locale, else in English,
 * else the code itself (an invalid one makes Intl throw). Chromium lists Azerbaijani, Kazakh and
 * Uzbek as supported but has no region or language names for them, so Intl.DisplayNames([locale,
 * 'en']) stops at the locale and answers the code ("AF", "af") instead of falling back to English.
 */
function nameIn(group: 'country' | 'language', code: string, locale: Locale, names: (locale: Locale) => Intl.DisplayNames): string {
  if (hasMessage(locale, `${group}.${code}`)) return translator(locale)(`${group}.${code}`);
  const named = (inLocale: Locale) => {
    const name = names(inLocale).of(code);
    return name && name.toLowerCase() !== code.toLowerCase() ? name : undefined;
  };
  try {
    return named(locale) ?? (locale === 'en' ? undefined : named('en')) ?? code;
  } catch {
    return code;
  }
}

/** "a", "a and b", "a, b and c" in the locale's words (Intl.ListFormat, else the catalog's "and"). */
export function formatList(items: readonly string[], locale: Locale): string {
  if (hasData(locale).lists) return lists(locale).format(items);
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${translator(locale)('listAnd')} ${items[items.length - 1] as string}`;
}

/** A calendar date (YYYY-MM-DD) in the locale's long form, e.g. "1 March 2027" / "1 марта 2027 г."; DD.MM.YYYY where the runtime lacks the locale's patterns. */
export function formatDate(isoDate: string, locale: Locale): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  const long = hasData(locale).dates ? dates(locale).format(date) : '';
  // A runtime without the locale's month names writes "2027 M03 1".
  return long && !/\bM\d\d\b/.test(long) ? long : `${isoDate.slice(8, 10)}.${isoDate.slice(5, 7)}.${isoDate.slice(0, 4)}`;
}
