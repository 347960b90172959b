import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { flattenMessages as flat, LOCALES, placeholders } from '@culturebridge/domain';
import { catalogTools } from './catalog-tools';
import { WEB_MESSAGES } from './messages';

/** Counts whose plural categories differ in the app's languages: Russian 21 is "one", 22 "few", 25 "many"; Romanian 21 "other". */
const COUNTS = [1, 2, 5, 21, 22, 25];
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const WEB_SRC = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The keys the app's code calls with `count` (`t('key', { count: …, … })`, values nested one level deep, as `${…}`): each must choose a plural form. */
const countedKeys = [
  ...new Set(
    sources(WEB_SRC).flatMap((file) =>
      // A lookahead, so that a call inside another's values is found too; `count` must be the call's own (outside nested braces).
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.-]+)'\s*,\s*(?=\{((?:[^{}]|\{[^{}]*\})*)\})/g)].filter((m) => /\bcount\b/.test((m[2] ?? '').replace(/\{[^{}]*\}/g, ''))).map((m) => m[1] as string),
    ),
  ),
].sort();

const pluralBases = (locale: (typeof LOCALES)[number]) => new Set([...flat(WEB_MESSAGES[locale]).keys()].filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, '')));

/** A value for every placeholder of a key's English forms, so a rendering leaves none unfilled. */
function valuesFor(key: string): Record<string, string> {
  const names = [...flat(WEB_MESSAGES.en)].filter(([k]) => k.replace(PLURAL_SUFFIX, '') === key).flatMap(([, text]) => [...placeholders(text)]);
  return Object.fromEntries(names.filter((n) => n !== 'count').map((n) => [n, `‹${n}›`]));
}

describe('every string that shows a count has the plural forms of its language', () => {
  it('the code calls with a count exactly the plural keys of the English catalog', () => {
    expect(countedKeys.length).toBeGreaterThan(10);
    expect(countedKeys).toEqual([...pluralBases('en')].sort());
  });

  it.each(LOCALES)('%s renders each counted string with the plural category Intl.PluralRules gives each count', (locale) => {
    const rules = new Intl.PluralRules(locale);
    const strings = flat(WEB_MESSAGES[locale]);
    const { t } = catalogTools(locale);
    const problems: string[] = [];
    for (const key of countedKeys) {
      const values = valuesFor(key);
      for (const count of COUNTS) {
        const category = rules.select(count);
        const form = strings.get(`${key}_${category}`);
        if (form === undefined) {
          problems.push(`${key}: no ${category} form (for ${count})`);
          continue;
        }
        const rendered = t(key, { ...values, count });
        const expected = Object.entries({ ...values, count: String(count) }).reduce((text, [name, value]) => text.replaceAll(new RegExp(`\\{\\{\\s*${name}\\s*\\}\\}`, 'g'), value), form);
        if (rendered !== expected) problems.push(`${key} for ${count}: "${rendered}", not its ${category} form "${expected}"`);
        if (rendered.includes('{{')) problems.push(`${key} for ${count}: a placeholder left: "${rendered}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  // Russian, Ukrainian and Romanian change the noun after a number with the number ("21 участник",
  // "25 участников", "20 de membri"): a plain string there may show a count only as a label
  // ("Участников: 21"), never before a word. Units ("5 МБ") do not change.
  it.each(['ru', 'uk', 'ro'] as const)('%s puts a number before a word only in a plural key', (locale) => {
    const numberBeforeWord = /\{\{\s*(n|count|total|rounds|slotMinutes|tables|participants|done|shown|used|active|pending|confirmed|waiting|max|limit)\s*\}\}\s*(?!MB\b|МБ)\p{L}/u;
    const plain = [...flat(WEB_MESSAGES[locale])].filter(([key, text]) => !PLURAL_SUFFIX.test(key) && numberBeforeWord.test(text));
    expect(plain.map(([key]) => key)).toEqual([]);
  });

  // The numerals the issue named: "21 участников" is "21 участник", and Romanian counts from 20 on take "de".
  it.each([
    ['ru', 'graph.descMembers', ['1 участник на круге', '2 участника на круге', '5 участников на круге', '21 участник на круге', '22 участника на круге', '25 участников на круге']],
    ['ru', 'graph.descMatches', ['1 совпадение между ними', '2 совпадения между ними', '5 совпадений между ними', '21 совпадение между ними', '22 совпадения между ними', '25 совпадений между ними']],
    ['uk', 'heatMap.descThemes', ['1 тема', '2 теми', '5 тем', '21 тема', '22 теми', '25 тем']],
    ['uk', 'heatMap.descMembers', ['1 учасник', '2 учасники', '5 учасників', '21 учасник', '22 учасники', '25 учасників']],
    ['ro', 'heatMap.descMembers', ['1 membru', '2 membri', '5 membri', '21 de membri', '22 de membri', '25 de membri']],
    ['en', 'graph.descAlone', ['1 member has no live match.', '2 members have no live match.', '5 members have no live match.', '21 members have no live match.', '22 members have no live match.', '25 members have no live match.']],
  ] as const)('%s %s names 1, 2, 5, 21, 22 and 25 of them in the right form', (locale, key, expected) => {
    const { t } = catalogTools(locale);
    expect(COUNTS.map((count) => t(key, { count, n: String(count) }))).toEqual(expected);
  });

  it('a sentence with two counts pluralises each on its own: "1 member on a circle and 21 matches between them"', () => {
    const { t } = catalogTools('en');
    const part = (key: string, count: number) => t(key, { count, n: String(count) });
    expect(t('graph.desc', { members: part('graph.descMembers', 1), matches: part('graph.descMatches', 21), alone: part('graph.descAlone', 1), range: '' })).toBe(
      '1 member on a circle and 21 matches between them; thicker lines mean higher scores. 1 member has no live match. The table of all matches below lists the same pairs.',
    );
    expect(catalogTools('ru').t('heatMap.desc', { members: catalogTools('ru').t('heatMap.descMembers', { count: 21, n: '21' }), themes: catalogTools('ru').t('heatMap.descThemes', { count: 22, n: '22' }), high: 'В', medium: 'С', low: 'Н' })).toContain('(21 участник, 22 темы)');
  });
});
