// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import i18next from 'eslint-plugin-i18next';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'cdk.out/**', '**/dist/**', '.data/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // `import { z }` makes esbuild keep zod's whole namespace object, locales included (454 KB per
      // Lambda bundle); `import * as z` lets it keep only what is used (85 KB). See docs/decisions.md.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message: "Use `import * as z from 'zod'`: the named `z` defeats tree shaking and adds ~370 KB to every bundle.",
        },
      ],
    },
  },
  // A function is its own folder plus packages/: what two share is a package (e.g. @culturebridge/api,
  // @culturebridge/notifications), never one function's module reached from another's folder.
  {
    files: ['functions/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*-test-support.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*'], message: 'A function imports only its own folder and the packages: move what functions share into packages/ (e.g. @culturebridge/notifications).' }] }],
    },
  },
  // Its tests may also use the local runtime's and the test harness's helpers (local/, test/support/),
  // but not another function's modules.
  {
    files: ['functions/**/*.test.ts', 'functions/**/*-test-support.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./(?!\\.\\./)|(^|/)functions/', message: "A function's tests import only its own folder, the packages, local/ and test/support/: what two functions' tests share is a package or test/support/." },
          ],
        },
      ],
    },
  },
  // Every word a reader sees in the web app comes from the catalogs (web/src/i18n/locales, and the
  // domain's for vocabulary labels): JSX text, strings in JSX expressions and the attributes people
  // read or hear (labels, titles, alternatives) fail the lint when written in the code.
  {
    files: ['web/src/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'should-validate-template': true,
          'jsx-attributes': {
            include: ['aria-label', 'aria-description', 'title', 'alt', 'placeholder', 'label', 'legend', 'hint', 'buttonLabel', 'purpose', 'submitLabel', 'summary', 'caption'],
          },
          callees: { exclude: ['t', 'd', 'i18n(ext)?', 'href', 'navigate', 'encodeURIComponent', 'classList', 'querySelector', 'getElementById'] },
        },
      ],
    },
  },
);
