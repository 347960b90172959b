import { describe, expect, it } from 'vitest';
import { normaliseTerm, resolveTheme, THEMES } from '../taxonomy.js';
import { checkCatalog } from './catalog-check.js';
import { localeData } from './locale-data.js';
import { LOCALES, matchLocale } from './locales.js';
import { countryNameIn, languageNameIn, themeLabel } from './labels.js';
import { COUNTRY_CODES, LANGUAGE_CODES, REGION_COUNTRY_CODES, REGION_LANGUAGE_CODES } from '../vocabulary.js';

/** The themes #14 adds; their labels and synonyms are here before the taxonomy has them. */
const UPCOMING_THEMES = ['festivals', 'gastronomy', 'maritime-culture', 'public-art'];

describe('domain catalogs', () => {
  it.each(LOCALES.filter((l) => l !== 'en'))('%s has every English key, no other, the same placeholders and its plural forms', (locale) => {
    expect(checkCatalog(localeData('en').messages, localeData(locale).messages, locale)).toEqual([]);
  });

  it('the check catches a missing key, an extra key, a changed placeholder and a missing plural form', () => {
    const en = { a: 'Hello {{name}}', n_one: '{{count}} match', n_other: '{{count}} matches' };
    expect(checkCatalog(en, { a: 'Привет {{nom}}', b: 'лишний', n_one: '{{count}} пара', n_other: '{{count}} пары' }, 'ru')).toEqual([
      'ru: a has placeholders {nom}, expected {name}',
      'ru: missing n_few',
      'ru: missing n_many',
      'ru: extra key b',
    ]);
  });

  it('the check asks Romanian to put "de" between a count from 20 on and what it counts', () => {
    const en = { n_one: '{{count}} match', n_other: '{{count}} matches', m_one: '{{n}} more in the dashboard', m_other: '{{n}} more in the dashboard' };
    const ro = (other: string, more: string) => ({ n_one: '{{count}} potrivire', n_few: '{{count}} potriviri', n_other: other, m_one: '{{n}} în panou', m_few: '{{n}} în panou', m_other: more });
    expect(checkCatalog(en, ro('{{count}} de potriviri', 'încă {{n}} în panou'), 'ro')).toEqual([]);
    expect(checkCatalog(en, ro('{{count}} potriviri', 'încă {{n}} în panou'), 'ro')).toEqual(['ro: n_other: from 20 on, a count takes "de" before what it counts ("20 de membri")']);
  });

  it('every taxonomy theme, and each theme #14 adds, has a label in every locale', () => {
    for (const locale of LOCALES) {
      for (const id of [...THEMES.map((t) => t.id), ...UPCOMING_THEMES]) {
        expect(themeLabel(id, locale), `${locale} ${id}`).not.toBe(id);
      }
    }
  });

  it.each(LOCALES)('%s names exactly the region\'s countries, and the region\'s languages and offered ones only', (locale) => {
    const { messages } = localeData(locale);
    expect(Object.keys(messages.country as Record<string, string>).sort()).toEqual([...REGION_COUNTRY_CODES].sort());
    // Besides the region's, the languages Chromium cannot name even in English (scripts/language-names.ts).
    const languages = Object.keys(messages.language as Record<string, string>);
    expect(REGION_LANGUAGE_CODES.filter((code) => !languages.includes(code))).toEqual([]);
    expect(languages.filter((code) => !LANGUAGE_CODES.has(code))).toEqual([]);
  });

  it.each(LOCALES)('%s names every offered country and language, never by its bare code (mails, CSV exports)', (locale) => {
    const bare = (codes: Iterable<string>, name: (code: string, locale: (typeof LOCALES)[number]) => string) => [...codes].filter((code) => name(code, locale).toLowerCase() === code.toLowerCase());
    expect(bare(COUNTRY_CODES, countryNameIn)).toEqual([]);
    expect(bare(LANGUAGE_CODES, languageNameIn)).toEqual([]);
  });

  it('English labels of the taxonomy and of the catalog agree', () => {
    for (const theme of THEMES) expect(themeLabel(theme.id, 'en')).toBe(theme.label);
  });
});

describe('resolveTheme in every language', () => {
  const nonEnglish = LOCALES.filter((l) => l !== 'en');

  it.each(nonEnglish)('%s: every theme has at least three synonyms of its own (besides its label), each resolving to it', (locale) => {
    const { synonyms, messages } = localeData(locale);
    const labels = messages.theme as Record<string, string>;
    for (const id of [...THEMES.map((t) => t.id), ...UPCOMING_THEMES]) {
      const own = new Set((synonyms[id] ?? []).map(normaliseTerm).filter((s) => s !== normaliseTerm(labels[id] ?? '')));
      expect(own.size, `${locale} ${id}`).toBeGreaterThanOrEqual(3);
      const inTaxonomy = THEMES.some((t) => t.id === id);
      for (const term of [labels[id] as string, ...(synonyms[id] ?? [])]) {
        // A theme the taxonomy does not have yet must not collide with another theme's words either.
        expect(resolveTheme(term), `${locale} "${term}"`).toBe(inTaxonomy ? id : undefined);
      }
    }
  });

  it('maps free tags as people type them in ru, uk, ka, hy and az onto one id', () => {
    expect(resolveTheme('  Изменение климата ')).toBe('climate-environment');
    expect(resolveTheme('зміна клімату')).toBe('climate-environment');
    expect(resolveTheme('კლიმატის ცვლილება')).toBe('climate-environment');
    expect(resolveTheme('Կլիմայի փոփոխություն')).toBe('climate-environment');
    expect(resolveTheme('İqlim dəyişikliyi')).toBe('climate-environment');
    expect(resolveTheme('МОЛОДЁЖЬ')).toBe('youth');
    expect(resolveTheme('молодежь')).toBe('youth');
    expect(resolveTheme("пам’ятки")).toBe('cultural-heritage');
    expect(resolveTheme('İNKLÜZİYA')).toBe('inclusion-accessibility');
    expect(resolveTheme('iqlim-dəyişikliyi')).toBe('climate-environment');
    expect(resolveTheme('something else')).toBeUndefined();
  });
});

describe('matchLocale', () => {
  it('takes the first supported language of the browser, by its primary subtag', () => {
    expect(matchLocale(['ka-GE', 'en'])).toBe('ka');
    expect(matchLocale(['de-DE', 'hy-AM', 'ru'])).toBe('hy');
    expect(matchLocale(['uz-Latn-UZ'])).toBe('uz');
    expect(matchLocale(['UK'])).toBe('uk');
  });

  it('falls back to English, never Russian; Cyrillic Uzbek is not offered', () => {
    expect(matchLocale(['de', 'fr'])).toBe('en');
    expect(matchLocale([])).toBe('en');
    expect(matchLocale(['uz-Cyrl', 'ru'])).toBe('ru');
    expect(matchLocale(['uz-Cyrl'])).toBe('en');
  });
});
