export { checkCatalog, LOCALES } from '@culturebridge/domain';

export const guessLanguageTestCases: readonly [string, string][] = [
  ['ქუთაისი', 'ka'],
  ['Գյումրի', 'hy'],
  ['Вінниця', 'uk'],
  ['Полтава', 'ru'],
  ['Қарағанды', 'kk'],
  ['Lənkəran', 'az'],
  ['Ștefan Vodă', 'ro'],
  ['Oʻzbekiston', 'uz'],
  ['Kutaisi', 'und'],
];
