import { memoise } from '../memoise.js';
import { readCatalogFile } from '#locale-files';
import type { LocaleData } from './catalog.js';
import type { Locale } from './locales.js';

/**
 * A locale's strings and synonyms: `packages/domain/locales/<locale>.json`, read on first use and
 * kept. The catalogs are data, not code, so that a Lambda bundle carries none of them (nine
 * catalogs were 212 KB of a 250 KB budget, issue #18): Node reads the file beside the bundle (or in
 * the source tree), the web app has them all bundled (`#locale-files`, package.json).
 */
export const localeData: (locale: Locale) => LocaleData = memoise((locale: Locale) => readCatalogFile(locale) as LocaleData);
