import { readFileSync, writeFileSync } from 'node:fs';
import { LANGUAGE_CODES, LOCALES, REGION_LANGUAGE_CODES, type Locale } from '@culturebridge/domain';

/**
 * Writes CLDR's names of the given ISO 639-1 codes into every domain catalog (`language.<code>` in
 * packages/domain/locales/<locale>.json), for languages a browser cannot name itself (Chromium's
 * English lacks Abkhaz, Avar, Chechen, Ossetian and some 50 more; the browser test "never by a bare
 * code" finds them). The names come from this Node's ICU, which carries the full CLDR (the version is
 * printed); where CLDR has no name in a locale, its English name is written and listed, for
 * docs/translations.md. Without arguments it refreshes every such name already in the catalogs.
 * The region's languages (REGION_LANGUAGE_CODES) are the team's own words and are never touched.
 *
 *   npx tsx scripts/language-names.ts [code ...]
 */
const file = (locale: Locale) => new URL(`../packages/domain/locales/${locale}.json`, import.meta.url);
type Catalog = { messages: { language: Record<string, string> } & Record<string, unknown> } & Record<string, unknown>;
const read = (locale: Locale) => JSON.parse(readFileSync(file(locale), 'utf8')) as Catalog;

const region = new Set<string>(REGION_LANGUAGE_CODES);
const asked = process.argv.slice(2);
const codes = (asked.length > 0 ? asked : Object.keys(read('en').messages.language)).filter((c) => !region.has(c));
const unknown = codes.filter((c) => !LANGUAGE_CODES.has(c));
if (unknown.length > 0) throw new Error(`not offered (LANGUAGE_CODES): ${unknown.join(' ')}`);

const cldrName = (code: string, locale: Locale) => {
  const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
  return name && name.toLowerCase() !== code ? name : undefined;
};
const englishOnly: string[] = [];
for (const locale of LOCALES) {
  const catalog = read(locale);
  const names = { ...catalog.messages.language };
  for (const code of codes) {
    const name = cldrName(code, locale) ?? cldrName(code, 'en');
    if (name === undefined) throw new Error(`CLDR names ${code} in no language`);
    if (locale !== 'en' && cldrName(code, locale) === undefined) englishOnly.push(`${locale}:${code}`);
    names[code] = name;
  }
  // The region's languages first, as written by the team, then the rest by code.
  const ordered = Object.fromEntries([...Object.entries(names).filter(([c]) => region.has(c)), ...Object.entries(names).filter(([c]) => !region.has(c)).sort(([a], [b]) => a.localeCompare(b))]);
  catalog.messages.language = ordered;
  writeFileSync(file(locale), `${JSON.stringify(catalog, null, 2)}\n`);
}
console.log(`CLDR ${process.versions.cldr ?? '?'}: ${codes.length} names in ${LOCALES.length} catalogs; English where CLDR has none: ${englishOnly.join(' ') || 'none'}`);
