import { memoise } from '../memoise.js';
import type { Messages } from './catalog.js';
import { localeData } from './locale-data.js';
import { DEFAULT_LOCALE, type Locale } from './locales.js';

/** The i18next namespace of the domain's strings; the web app loads it beside its own. */
export const DOMAIN_NAMESPACE = 'domain';

/** A string's `{{placeholder}}` values, `count` for a plural, `defaultValue` for a missing key. */
export type TranslateOptions = Readonly<Record<string, unknown>>;
/** A `t` bound to a locale: the string at a dotted key, formatted. */
export type Translate = (key: string, options?: TranslateOptions) => string;
/** Where a formatter finds a locale's strings (the catalogs in production, literals in a test). */
export type MessagesOf = (locale: Locale) => Messages;

/*
 * The domain's strings are formatted here as i18next formats them, without i18next. i18next is
 * 48 KB minified, in every Lambda bundle that renders a word (mails, reasons), against a budget of
 * 250 KB per bundle (issue #18, test/infra/bundle.test.ts); the domain's catalogs use a small part of
 * it: dotted keys ("reason.formats"), `{{name}}` interpolation (values as given: mails escape HTML
 * themselves, React escapes what it renders), plural suffixes from Intl.PluralRules (`_one`,
 * `_few`, `_many`, `_other`; `_zero` for 0 when a catalog has it) and English for a missing key.
 * No nesting (`$t(…)`), context, formatters or `{{- x}}`. translate.test.ts checks that the catalogs
 * use nothing else and that this gives i18next's output for every key of every locale (with values
 * and counts 0, 1, 2, 5, 21), so the two cannot drift. The web app keeps i18next and react-i18next
 * for its own strings and loads these catalogs into them as the `domain` namespace.
 */

/** The string at `parts[from…]`; like i18next, a key may itself hold a dot ("contact.name"). */
function find(node: Messages, parts: readonly string[], from: number): string | undefined {
  let key = '';
  for (let i = from; i < parts.length; i++) {
    key = i === from ? (parts[i] as string) : `${key}.${parts[i] as string}`;
    if (!Object.hasOwn(node, key)) continue;
    const value = node[key];
    if (i === parts.length - 1) {
      // i18next takes an empty string for a missing one.
      if (typeof value === 'string' && value !== '') return value;
    } else if (typeof value === 'object') {
      const found = find(value, parts, i + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

const pluralRules = memoise((locale: Locale) => new Intl.PluralRules(locale));
function pluralCategory(locale: Locale, count: number): string {
  return pluralRules(locale).select(count);
}

/** The keys i18next tries in one locale, first to last: `_zero` (for 0), the count's category, the key itself, `_other`. */
function candidates(key: string, locale: Locale, count: unknown): string[] {
  if (count === undefined || typeof count === 'string') return [key];
  const category = pluralCategory(locale, count as number);
  return [...(count === 0 ? [`${key}_zero`] : []), `${key}_${category}`, key, ...(category === 'other' ? [] : [`${key}_other`])];
}

/** The unformatted string for `key` in `locale`, else in English; undefined when neither has it. */
export function findMessage(messagesOf: MessagesOf, locale: Locale, key: string, count?: unknown): string | undefined {
  const parts = key.split('.');
  for (const code of locale === DEFAULT_LOCALE ? [locale] : [locale, DEFAULT_LOCALE]) {
    const messages = messagesOf(code);
    for (const candidate of candidates(parts[parts.length - 1] as string, code, count)) {
      const found = find(messages, [...parts.slice(0, -1), candidate], 0);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * `{{name}}` → the option's value (String() of it, null as ''). A placeholder without a value stays
 * as written, or is emptied when the option is present but undefined; inserted values are not
 * scanned again, as with i18next's `skipOnVariables`.
 */
function interpolate(text: string, options: TranslateOptions): string {
  if (!text.includes('{{')) return text;
  // No brace or line break inside a placeholder (`(.+?)` crossed no line break either): `(.+?)` was tried from every `{{` up to the end of the line (quadratic).
  return text.replace(/\{\{([^{}\n]+)\}\}/g, (placeholder, raw: string) => {
    const name = raw.trim();
    if (!Object.hasOwn(options, name)) return placeholder;
    const value = options[name];
    return value === undefined || value === null ? '' : String(value);
  });
}

/** `key` in `locale` formatted with `options`: the locale's string, else English, else `defaultValue`, else the key. */
export function formatMessage(messagesOf: MessagesOf, locale: Locale, key: string, options: TranslateOptions = {}): string {
  const found = findMessage(messagesOf, locale, key, options.count);
  const text = found ?? (typeof options.defaultValue === 'string' ? options.defaultValue : key);
  return interpolate(text, options);
}

const catalogMessages: MessagesOf = (locale) => localeData(locale).messages;

/** A `t` bound to a locale and the domain's catalogs; a catalog is read on the first string it gives. */
export const translator: (locale: Locale) => Translate = memoise(
  (locale: Locale): Translate =>
    (key, options) =>
      formatMessage(catalogMessages, locale, key, options),
);

/** Whether a string exists for the key in the locale or, failing that, in English. */
export function hasMessage(locale: Locale, key: string): boolean {
  return findMessage(catalogMessages, locale, key) !== undefined;
}
