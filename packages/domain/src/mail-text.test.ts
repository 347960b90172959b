import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from './i18n/locales.js';
import { MAIL_TEXT, mailText } from './mail-text.js';

/** The entries that take numbers (counts, minutes); every other function takes names. */
const NUMERIC = /^(digest\.counts\.|digest\.more$|signIn\.validity$)/;
const COUNTS = [0, 1, 2, 3, 5, 11, 21, 22, 25, 101, 1440, 10080];
const NAMES = ['Gyumri', 'Kutaisi', 'EU4Culture', '2026-11-25'];

/** Every entry of a MAIL_TEXT-shaped object as [path, output], functions called with sample values. */
function render(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  if (typeof node === 'function') {
    const fn = node as (...args: unknown[]) => string;
    return NUMERIC.test(path) ? COUNTS.map((n) => [`${path}(${n})`, fn(n)]) : [[`${path}(…)`, fn(...NAMES.slice(0, fn.length))]];
  }
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => render(value, path ? `${path}.${key}` : key));
}

const english = render(MAIL_TEXT);
/** mailText(locale) rendered as MAIL_TEXT is (its extra lines, weakerMatch and scoreLine, left out). */
const inLocale = (locale: Locale) => {
  const { weakerMatch: _w, scoreLine: _s, ...text } = mailText(locale);
  return render(text);
};

describe('mail text', () => {
  it('reads in English from the catalog exactly as MAIL_TEXT says it', () => {
    expect(inLocale('en')).toEqual(english);
  });

  // The brand, and subjects that only put their parts together (the same pattern in every locale).
  const SAME_IN_EVERY_LOCALE = new Set(['common.product', 'coordinatorMatch.subject(…)', 'digest.subject(…)']);

  it.each(LOCALES.filter((l) => l !== 'en'))('leaves nothing in English in %s', (locale) => {
    const rendered = new Map(inLocale(locale));
    const untranslated = english.filter(([path, text]) => !SAME_IN_EVERY_LOCALE.has(path) && rendered.get(path) === text).map(([path]) => path);
    expect(untranslated).toEqual([]);
    expect([...rendered.keys()]).toEqual(english.map(([path]) => path));
  });

  it('counts with the plural forms of the language', () => {
    const ru = mailText('ru').digest.counts;
    expect([1, 2, 5, 21].map((n) => ru.new(n))).toEqual(['1 новое совпадение', '2 новых совпадения', '5 новых совпадений', '21 новое совпадение']);
    const uk = mailText('uk').digest.counts;
    expect([1, 3, 11, 22].map((n) => uk.waiting(n))).toEqual(['1 збіг чекає на відповідь', '3 збіги чекають на відповідь', '11 збігів чекають на відповідь', '22 збіги чекають на відповідь']);
    const ro = mailText('ro').digest.counts;
    expect([1, 2, 20].map((n) => ro.expired(n))).toEqual(['1 potrivire expirată', '2 potriviri expirate', '20 de potriviri expirate']);
    expect(mailText('az').digest.more(3)).toBe('… və paneldə daha 3.');
  });
});
