import { stringify } from 'csv-stringify/sync';
import writeXlsxFile, { type Cell } from 'write-excel-file/node';

/**
 * A cell a spreadsheet would run as a formula (starts with = + - @, a tab or a carriage return)
 * gets a leading apostrophe, per OWASP's CSV injection advice: the value reads the same, nothing runs.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type ExportDelimiter = ',' | ';';

/**
 * CSV with a UTF-8 byte-order mark (so Excel reads UTF-8) and every cell made spreadsheet-safe.
 * `;` is what Excel expects where the list separator is `;` (most of continental Europe).
 */
export function safeCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[], delimiter: ExportDelimiter = ','): string {
  const cells = [header, ...rows].map((r) => r.map((c) => (typeof c === 'number' ? String(c) : spreadsheetSafe(c))));
  return '\uFEFF' + stringify(cells, { delimiter, record_delimiter: 'windows' });
}

/** A date cell's number format: the instant to the minute, as the CSVs write it; the spreadsheet shows it in its own format on request. */
const XLSX_DATE_TIME = 'yyyy-mm-dd hh:mm';

/**
 * An XLSX workbook of one sheet (a Date is a date cell, UTC as written), the header row bold and frozen. Every text cell is written with
 * `type: String` (a shared string, never a formula, whatever it starts with) and made
 * spreadsheet-safe too, for whoever copies it into a CSV or a formula bar.
 */
export async function safeXlsx(sheetName: string, header: readonly string[], rows: readonly (readonly (string | number | Date)[])[]): Promise<Uint8Array> {
  const text = (value: string, bold = false): Cell => ({ value: spreadsheetSafe(value), type: String, ...(bold ? { fontWeight: 'bold' as const } : {}) });
  const cell = (c: string | number | Date): Cell => (typeof c === 'number' ? { value: c, type: Number } : c instanceof Date ? { value: c, type: Date, format: XLSX_DATE_TIME } : text(c));
  const data: Cell[][] = [header.map((c) => text(c, true)), ...rows.map((row) => row.map(cell))];
  return new Uint8Array(await writeXlsxFile(data, { sheet: sheetName, stickyRowsCount: 1 }).toBuffer());
}
