import type { Translate } from './i18n/translate.js';

/** What an import, or its preview (a dry run), counted per outcome: members. */
export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  kept: number;
  invalid: number;
}

/** How a member list was read: `format` ("csv", "xlsx"), `encoding` and `delimiter` when a CSV has them, data rows. */
export interface ImportFileShape {
  format: string;
  encoding?: string | null;
  delimiter?: string | null;
  rows: number;
}

/**
 * The column a row problem names when no one column holds it: a non-empty cell past the header's
 * last column (`extra_cells`). The API's answers keep this value; a reader sees problemColumnText.
 */
export const WHOLE_ROW_COLUMN = '(row)';

/** A problem's column as a report shows it: a column as the file's header names it, the whole row in the reader's words. */
export function problemColumnText(column: string, t: Translate): string {
  return column === WHOLE_ROW_COLUMN ? t('memberReport.wholeRow') : column;
}

/*
 * The import report's sentences, for the import page and for `npm run members -- import` alike,
 * worded from the domain's `memberReport` strings through `t`: the domain's `translator(locale)`,
 * or the web app's i18next `t` with the `domain:` namespace.
 */

/** The preview's first line: `CSV, utf-8, separated by ";": 2 rows. Would create 1, update 0, …`. */
export function importPreviewLine(file: ImportFileShape, summary: ImportSummary, t: Translate): string {
  const delimiter = !file.delimiter ? '' : `, ${file.delimiter === '\t' ? t('memberReport.byTabs') : t('memberReport.byChar', { char: file.delimiter })}`;
  return `${file.format.toUpperCase()}${file.encoding ? `, ${file.encoding}` : ''}${delimiter}${t('memberReport.counts', { rows: file.rows, ...summary })}`;
}

/** What an import did: the counts, and that new members were invited when it created any. */
export function importResultLine(summary: ImportSummary, t: Translate): string {
  return `${t('memberReport.importedText', { ...summary })}${summary.created > 0 ? ` ${t('memberReport.importedInvited')}` : ''}`;
}
