/**
 * A locale's strings: nested objects of i18next-format strings (`{{name}}` placeholders, plural
 * forms as `key_one` / `key_few` / `key_many` / `key_other` per Intl.PluralRules). English is the
 * reference every other locale is checked against (`catalog-check.ts`).
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
