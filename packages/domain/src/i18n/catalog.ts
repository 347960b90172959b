/**
 * A locale's strings: nested objects of i18next-format strings (`{{name}}` placeholders, plural
 * forms as `key_one` / `key_few` / `key_many` / `key_other` per Intl.PluralRules), kept in
 * `packages/domain/locales/<locale>.json` (read by `localeData`). English is the reference every
 * other locale is checked against (`catalog-check.ts`). Besides the labels, some groups are words
 * inside a sentence: `priorityWord` ("both give Music high priority"), `formatPhrase` ("both look
 * for festivals and workshops"), `resourcePhrase` ("Kutaisi offers a venue") and `resourcePronoun`
 * ("Gori needs one"), `fundingPhrase` ("both consider Creative Europe"); `country` and `language`
 * hold the names the runtime's CLDR data may lack (Chromium ships no Georgian or Armenian data, and
 * no name at all for some 50 languages, written by `scripts/language-names.ts`), any other code
 * comes from Intl.DisplayNames.
 */
export interface Messages {
  readonly [key: string]: string | Messages;
}

export interface LocaleData {
  readonly messages: Messages;
  /**
   * Words people type for a theme in this language, keyed by theme id (lower case; matched after
   * `normaliseTerm`). English synonyms live in the taxonomy itself. Entries for theme ids the
   * taxonomy does not (yet) have are kept but not resolved.
   */
  readonly synonyms: Readonly<Record<string, readonly string[]>>;
}
