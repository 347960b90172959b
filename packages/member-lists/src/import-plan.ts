import { DEFAULT_LOCALE, problemColumnText, translator, type Locale, type ProfileData } from '@culturebridge/domain';
import { MEMBER_COLUMNS, mapHeader, quotedCell, validateRow, type DuplicateColumn, type RowProblem } from './columns.js';
import type { ParsedSheet } from './parse.js';
import { safeCsv } from './spreadsheet-safe.js';

export interface ImportRow {
  rowNumber: number;
  profile: ProfileData;
}

/** What a file holds before anything is written: valid rows, and every problem with row and column. */
export interface ImportPlan {
  format: ParsedSheet['format'];
  encoding?: ParsedSheet['encoding'];
  needsEncodingConfirmation: boolean;
  delimiter?: ParsedSheet['delimiter'];
  header: string[];
  unknownColumns: string[];
  missingColumns: string[];
  /** Fields the header names twice: like a missing column, no row is read and nothing can be imported. */
  duplicateColumns: DuplicateColumn[];
  rows: number;
  valid: ImportRow[];
  problems: RowProblem[];
  /** Rows with at least one problem. */
  invalidRows: number;
}

/**
 * Validates every row with the profile schema (as the form and the API do), for the network being
 * imported into. A contact address listed twice is a problem on its second row: the import is an
 * upsert by address, so a second row would silently overwrite the first. `defaultLocale` is the
 * mail language of a row whose `locale` cell is empty (the importing coordinator's language).
 */
export function planImport(sheet: ParsedSheet, networkId: string, defaultLocale?: Locale): ImportPlan {
  const { columns, unknown, missing, duplicate } = mapHeader(sheet.header);
  const unusableHeader = missing.length > 0 || duplicate.length > 0;
  const valid: ImportRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  let invalidRows = 0;
  // A header saved with trailing empty cells ("…,locale,,") names no column there either.
  // Only a CSV row's extra cells are a value cut at a delimiter it held unquoted; a workbook's cell
  // past the header is a column nobody named (a coordinator's notes), left out like unknown ones.
  const width = sheet.format === 'csv' ? sheet.header.findLastIndex((name) => name.trim() !== '') + 1 : Infinity;
  if (!unusableHeader) {
    for (const row of sheet.rows) {
      const result = validateRow(row, columns, networkId, defaultLocale, width);
      if (!result.ok) {
        problems.push(...result.problems);
        invalidRows++;
        continue;
      }
      const email = result.profile.contact.email;
      const first = seen.get(email);
      if (first !== undefined) {
        problems.push({ rowNumber: row.rowNumber, column: 'contact_email', value: quotedCell(email), message: `this address is already listed in row ${first}`, code: 'duplicate', params: { value: quotedCell(email) } });
        invalidRows++;
        continue;
      }
      seen.set(email, row.rowNumber);
      valid.push({ rowNumber: row.rowNumber, profile: result.profile });
    }
  }
  return {
    format: sheet.format,
    ...(sheet.encoding ? { encoding: sheet.encoding } : {}),
    needsEncodingConfirmation: sheet.needsEncodingConfirmation,
    ...(sheet.delimiter ? { delimiter: sheet.delimiter } : {}),
    header: sheet.header,
    unknownColumns: unknown,
    missingColumns: missing,
    duplicateColumns: duplicate,
    rows: sheet.rows.length,
    valid,
    problems,
    invalidRows: unusableHeader ? sheet.rows.length : invalidRows,
  };
}

/** Problems the error report lists one by one; a last line counts the rest (the report travels inside the answer, at most 6 MB on Lambda). */
export const MAX_REPORTED_PROBLEMS = 5000;

/**
 * The error report a coordinator downloads, in `locale` (the page's language): a header, one line
 * per problem (the first MAX_REPORTED_PROBLEMS; each message from its code, as the page words it,
 * the English detail for a code the catalogs lack) and a count of the rest; safe to open in a
 * spreadsheet. Column names stay as the file has them. `listDelimiter` is the list's own: a list
 * saved with `;` (Excel where the list separator is `;`) gets its report with `;`, which that Excel
 * opens in columns; any other gets `,`.
 */
export function errorReportCsv(problems: readonly RowProblem[], locale: Locale = DEFAULT_LOCALE, listDelimiter?: ParsedSheet['delimiter']): string {
  const delimiter = listDelimiter === ';' ? ';' : ',';
  const t = translator(locale);
  const lines: (string | number)[][] = problems.slice(0, MAX_REPORTED_PROBLEMS).map((p) => [p.rowNumber, problemColumnText(p.column, t), p.value, problemText(p, locale)]);
  const more = problems.length - MAX_REPORTED_PROBLEMS;
  if (more > 0) lines.push(['', '', '', t('memberReport.more', { n: more })]);
  return safeCsv([t('memberReport.row'), t('memberReport.column'), t('memberReport.value'), t('memberReport.problem')], lines, delimiter);
}

/**
 * One problem of a row in `locale`, as a sentence: worded from its code as the import page words it,
 * the English detail for a code the catalogs lack. What the error report and the command print.
 */
export function problemText(problem: Pick<RowProblem, 'code' | 'params' | 'message'>, locale: Locale): string {
  return capitalised(translator(locale)(`fieldError.${problem.code}`, { ...problem.params, defaultValue: problem.message }));
}

/** The catalogs write problems in lower case, to read inside a sentence; alone in a cell they start one. */
const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** The template offered for download: the header and one example row. */
export function templateCsv(networkId: string): string {
  const example: Record<(typeof MEMBER_COLUMNS)[number], string> = {
    name: 'Kutaisi',
    kind: 'city',
    country: 'GE',
    region: 'Imereti',
    contact_name: 'Culture department',
    contact_email: 'culture@kutaisi.example',
    themes: 'climate-environment:high|visual-arts:medium',
    languages: 'ka|en',
    formats: 'festival|artist-residency',
    offers: 'venue|audience',
    needs: 'curatorial-support',
    funding_instruments: '',
    free_tags: 'public art festival',
    open_to_outside_network: 'yes',
    description: `Member of ${networkId}`,
    locale: 'ka',
  };
  return safeCsv(MEMBER_COLUMNS, [MEMBER_COLUMNS.map((c) => example[c])]);
}
