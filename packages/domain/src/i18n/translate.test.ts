import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Messages } from './catalog.js';
import { flattenMessages, placeholders } from './catalog-check.js';
import { localeData } from './locale-data.js';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales.js';
import { formatMessage, hasMessage, translator, type MessagesOf, type TranslateOptions } from './translate.js';

/** i18next as the web app and, before, the Lambdas configured it for the domain's strings. */
function i18nextFor(messagesOf: MessagesOf, locales: readonly Locale[] = LOCALES) {
  const instance = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(locales.map((l) => [l, { domain: messagesOf(l) }])),
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...locales],
    ns: ['domain'],
    defaultNS: 'domain',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return (locale: Locale, key: string, options: TranslateOptions = {}) => instance.t(key, { ...options, lng: locale }) as string;
}

const catalogs: MessagesOf = (locale) => localeData(locale).messages;
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const COUNTS = [0, 1, 2, 5, 21];

describe('the domain catalogs use only what the server formatter formats', () => {
  it.each(LOCALES)('%s: plain {{name}} placeholders, no nesting, formats, unescaped values or namespaces', (locale) => {
    for (const [key, text] of flattenMessages(localeData(locale).messages)) {
      expect(text, `${locale} ${key}`).not.toContain('$t(');
      expect(key, `${locale} ${key}`).not.toContain(':');
      for (const [, inner] of text.matchAll(/\{\{(.*?)\}\}/g)) expect(inner, `${locale} ${key}`).toMatch(/^[A-Za-z_]\w*$/);
    }
  });
});

describe('formatMessage gives what i18next gives', () => {
  const t = i18nextFor(catalogs);
  // Each base key once (plural forms share one), with a value for every placeholder any form has.
  const bases = new Map<string, Set<string>>();
  for (const [key, text] of flattenMessages(localeData(DEFAULT_LOCALE).messages)) {
    const base = key.replace(PLURAL_SUFFIX, '');
    const names = bases.get(base) ?? new Set<string>();
    for (const name of placeholders(text)) names.add(name);
    bases.set(base, names);
  }

  it.each(LOCALES)('%s: every key, with values and counts 0, 1, 2, 5, 21, and without values', (locale) => {
    expect(bases.size).toBeGreaterThan(200);
    for (const [key, names] of bases) {
      // Values that look like placeholders or nesting must come out as they went in.
      const values = Object.fromEntries([...names].map((name, i) => [name, i === 0 ? `Gori {{${name}}} $t(mail.hello)` : `‹${name}›`]));
      const cases: TranslateOptions[] = [{}, values, ...COUNTS.map((count) => ({ ...values, count }))];
      for (const options of cases) {
        expect(formatMessage(catalogs, locale, key, options), `${locale} ${key} ${JSON.stringify(options)}`).toBe(t(locale, key, options));
      }
    }
  });

  it('falls back to English, then the default value, then the key; plural forms, _zero and keys holding dots as i18next does', () => {
    const en: Messages = {
      only: 'English only {{x}}',
      empty: 'English for an empty one',
      n_one: '{{count}} file',
      n_other: '{{count}} files',
      z_zero: 'no file',
      z_one: 'one file',
      z_other: '{{count}} files',
      plain: 'no plural form',
      group: { 'a.b': 'dotted {{v}}', c: { d: 'deep' } },
      tree: { leaf: 'leaf' },
    };
    const ru: Messages = { empty: '', n_one: '{{count}} файл', n_few: '{{count}} файла', n_other: '{{count}} файлов', tree: { leaf: 'лист' } };
    const fake: MessagesOf = (locale) => (locale === 'ru' ? ru : en);
    const reference = i18nextFor(fake, ['en', 'ru']);
    const cases: [string, TranslateOptions][] = [
      ['only', { x: 1 }],
      ['only', {}],
      ['only', { x: undefined }],
      ['only', { x: null }],
      ['only', { x: ['a', 'b'] }],
      ['empty', {}],
      ['missing', {}],
      ['missing', { defaultValue: 'Default {{x}}', x: 'value' }],
      ['missing', { defaultValue: '' }],
      ['tree', {}],
      ['tree', { defaultValue: 'instead of an object' }],
      ['tree.leaf', {}],
      ['tree.leaf.more', {}],
      ['group.a.b', { v: 'x' }],
      ['group.c.d', {}],
      ['plain', { count: 3 }],
      ...[0, 1, 2, 5, 11, 21, 1.5].flatMap((count): [string, TranslateOptions][] => [
        ['n', { count }],
        ['z', { count }],
      ]),
      ['n', { count: '2' }],
    ];
    for (const locale of ['en', 'ru'] as const) {
      for (const [key, options] of cases) expect(formatMessage(fake, locale, key, options), `${locale} ${key} ${JSON.stringify(options)}`).toBe(reference(locale, key, options));
    }
  });
});

describe('translator and hasMessage', () => {
  it('read the catalogs: a Georgian label, a Russian plural, English where a key is missing', () => {
    expect(translator('ka')('theme.music')).toBe((localeData('ka').messages.theme as Messages).music);
    expect(translator('ru')('reason.languages', { count: 3, languages: 'a, b, c' })).toMatch(/^Общие языки/);
    expect(translator('uz')('no.such.key', { defaultValue: 'fallback' })).toBe('fallback');
    expect(hasMessage('hy', 'country.GE')).toBe(true);
    expect(hasMessage('hy', 'country.XX')).toBe(false);
    // An object is not a message (i18next would have answered its key).
    expect(hasMessage('en', 'reason.weaker')).toBe(false);
  });
});

describe('placeholders are found in linear time', () => {
  // A text the formatter is given (a default value) or the catalog check reads: the old patterns were
  // tried from every `{{` to the end of the line (quadratic) or over overlapping runs (cubic).
  const unclosed = `${'{{'.repeat(50_000)}${'a'.repeat(100_000)}`;
  const unclosedSpaced = `${'{{ a '.repeat(20_000)}`;

  it.each([
    ['many unclosed {{', unclosed],
    ['many unclosed {{ with spaces', unclosedSpaced],
  ])('formatMessage looks through %s', (_name, text) => {
    expect(formatMessage(() => ({}), 'en', 'missing', { defaultValue: text, a: 'x' })).toBe(text);
  });

  it('reads a placeholder within one line, as the old pattern did', () => {
    expect(formatMessage(() => ({}), 'en', 'missing', { defaultValue: 'Dear {{a\n}} and {{a}}', a: 'x' })).toBe('Dear {{a\n}} and x');
  });

  it.each([
    ['many unclosed {{', unclosed],
    ['many unclosed {{ with spaces', unclosedSpaced],
    ['{{ before a long name', `{{${'a'.repeat(100_000)}`],
  ])('placeholders looks through %s', (_name, text) => {
    expect(placeholders(text)).toEqual(new Set());
  });

  it('still reads names, with spaces and a format', () => {
    expect(placeholders('{{name}}, {{ count }} and {{when, datetime}}')).toEqual(new Set(['name', 'count', 'when']));
    expect(formatMessage(() => ({}), 'en', 'k', { defaultValue: 'Hi {{ name }} {{other}}', name: 'Ana' })).toBe('Hi Ana {{other}}');
  });
});
