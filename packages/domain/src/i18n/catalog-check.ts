import type { Messages } from './catalog.js';

/** i18next's plural suffixes (Intl.PluralRules categories). */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Every string of a catalog by its dotted key ("reason.formats"). */
export function flattenMessages(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flattenMessages(value, path)) out.set(k, v);
  }
  return out;
}

/** The `{{name}}` placeholders of a string (i18next interpolation; a format after a comma ignored). */
export function placeholders(text: string): Set<string> {
  // The name and what follows it share no character, and no brace is inside: the overlapping
  // `([^},\s]+)[^}]*` backtracked cubically over a long unclosed `{{`.
  return new Set([...text.matchAll(/\{\{\s*([^{}\s,]+)(?:[\s,][^{}]*)?\}\}/g)].map((m) => m[1] as string));
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((x) => b.has(x));

/**
 * Checks a locale's catalog against the reference (English): every key present, none extra, the
 * placeholders of each string the same, and each plural key having exactly the categories
 * `Intl.PluralRules` gives the locale (e.g. Russian one/few/many/other where English has one/other).
 * Returns the problems, one line each; empty when the catalog is complete.
 */
export function checkCatalog(reference: Messages, candidate: Messages, locale: string): string[] {
  const ref = flattenMessages(reference);
  const got = flattenMessages(candidate);
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
  const problems: string[] = [];

  // Plural bases of the reference: keys whose _other form exists. Their placeholders are the union of the forms'.
  const pluralBases = new Map<string, Set<string>>();
  for (const [key, text] of ref) {
    const base = key.replace(PLURAL_SUFFIX, '');
    if (base !== key && ref.has(`${base}_other`)) {
      const set = pluralBases.get(base) ?? new Set<string>();
      for (const p of placeholders(text)) set.add(p);
      pluralBases.set(base, set);
    }
  }

  const expected = new Map<string, Set<string>>();
  for (const [key, text] of ref) {
    const base = key.replace(PLURAL_SUFFIX, '');
    if (pluralBases.has(base)) continue;
    expected.set(key, placeholders(text));
  }
  for (const [base, names] of pluralBases) {
    for (const category of categories) expected.set(`${base}_${category}`, names);
  }

  for (const [key, names] of expected) {
    const text = got.get(key);
    if (text === undefined) {
      problems.push(`${locale}: missing ${key}`);
      continue;
    }
    if (text.trim() === '') problems.push(`${locale}: ${key} is empty`);
    const base = key.replace(PLURAL_SUFFIX, '');
    const found = placeholders(text);
    // A plural form may leave out the count ("one file" for {{count}}), never add a placeholder.
    const ok = pluralBases.has(base) ? [...found].every((p) => names.has(p)) && [...names].filter((p) => p !== 'count').every((p) => found.has(p)) : sameSet(found, names);
    if (!ok) problems.push(`${locale}: ${key} has placeholders {${[...found].sort().join(', ')}}, expected {${[...names].sort().join(', ')}}`);
  }
  for (const key of got.keys()) {
    if (!expected.has(key)) problems.push(`${locale}: extra key ${key}`);
  }
  if (locale === 'ro') {
    // Romanian counts from 20 on (the "other" category) with "de": "20 de membri", not "20 membri".
    for (const [key, text] of got) {
      if (!key.endsWith('_other')) continue;
      const next = /\{\{\s*(?:count|n)\s*\}\}\s+([\p{L}]+)/u.exec(text)?.[1];
      if (next !== undefined && !RO_AFTER_COUNT.has(next)) problems.push(`ro: ${key}: from 20 on, a count takes "de" before what it counts ("20 de membri")`);
    }
  }
  return problems;
}

/** Words a Romanian count may be followed by without "de": "de" itself, and prepositions ("încă 20 în panou"). */
const RO_AFTER_COUNT = new Set(['de', 'în', 'din', 'la', 'pe', 'cu', 'pentru', 'până']);
