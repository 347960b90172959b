import { ESLint } from 'eslint';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { checkCatalog, guessLanguageTestCases, LOCALES } from './catalogs-test-support';
import { WEB_MESSAGES } from './messages';
import { guessTextLanguage } from './member-text';

describe('web app catalogs', () => {
  it.each(LOCALES.filter((l) => l !== 'en'))('%s has every English key, no other, the same placeholders and its plural forms', (locale) => {
    expect(checkCatalog(WEB_MESSAGES.en, WEB_MESSAGES[locale], locale)).toEqual([]);
  });

  it('no locale is a copy of English (each was translated, not just filled in)', () => {
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      expect(WEB_MESSAGES[locale].app, locale).not.toEqual(WEB_MESSAGES.en.app);
    }
  });

  // Language names come from Intl in the nominative ("українська", "қазақ тілі"): a sentence that
  // would decline them ("отримують українська", "қазақ тілі тілін") names them in brackets instead.
  it.each(LOCALES.filter((l) => l !== 'en'))('%s names the page\'s language in brackets, undeclined, where the import says which language invitations get', (locale) => {
    const text = (WEB_MESSAGES[locale].memberImport as Record<string, string>).inviteLanguage ?? '';
    expect(text).toContain('({{language}})');
    expect(text.split('{{language}}')).toHaveLength(2);
  });

  // "Import 1 members", "1 problems", "1 members": a count of one is ordinary on the import page (a
  // list of one row, one bad row) and in a young network's members table.
  it.each([
    ['en', 'memberImport.import', {}, 'Import 1 member', 'Import 2 members'],
    ['en', 'memberImport.problemsCaption', {}, 'Rows that will not be imported: 1 problem', 'Rows that will not be imported: 2 problems'],
    ['en', 'filters.allCount', { total: '1' }, '1 member', '2 members'],
    ['en', 'dashboard.showAll', {}, 'Show 1 match', 'Show all 2 matches'],
    ['ru', 'memberImport.import', {}, 'Импортировать участников: 1', 'Импортировать участников: 2'],
  ] as const)('%s %s says one thing for a count of 1, another for 2', async (locale, key, values, one, two) => {
    const t = i18next.createInstance();
    await t.init({ lng: locale, resources: { [locale]: { translation: WEB_MESSAGES[locale] } }, interpolation: { escapeValue: false } });
    expect(t.t(key, { count: 1, ...values })).toBe(one);
    expect(t.t(key, { count: 2, ...('total' in values ? { total: '2' } : {}) })).toBe(two);
  });

  it('marks member-written text with the language its script and letters tell, "und" when they tell nothing', () => {
    for (const [text, lang] of guessLanguageTestCases) expect(guessTextLanguage(text), text).toBe(lang);
  });
});

// ESLint loads typescript-eslint and the whole config first: seconds on a loaded machine, not a hang.
describe('the lint rule against hard-coded text in web/src', { timeout: 60_000 }, () => {
  const eslint = new ESLint();
  const lint = async (code: string) => (await eslint.lintText(code, { filePath: 'web/src/components/Example.tsx' }))[0]?.messages.map((m) => m.ruleId) ?? [];

  it('fails on text, text in expressions and readable attributes written in the code', async () => {
    expect(await lint('export function A() {\n  return <p>Hello there</p>;\n}\n')).toContain('i18next/no-literal-string');
    expect(await lint("export function A({ ok }: { ok: boolean }) {\n  return <p>{ok ? 'Saved' : 'Not saved'}</p>;\n}\n")).toContain('i18next/no-literal-string');
    expect(await lint('export function A() {\n  return <button aria-label="Close the window" />;\n}\n')).toContain('i18next/no-literal-string');
  });

  it('passes text from the catalogs and technical attributes', async () => {
    const ok = "import { useTranslation } from 'react-i18next';\nexport function A() {\n  const { t } = useTranslation();\n  return <p className=\"lead\" id=\"intro\">{t('app.footer')}</p>;\n}\n";
    expect(await lint(ok)).not.toContain('i18next/no-literal-string');
  });
});
