import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

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

/** An XLSX workbook of one sheet; text cells are stored as text (never formulas), made spreadsheet-safe too. */
export async function safeXlsx(sheetName: string, header: readonly string[], rows: readonly (readonly (string | number)[])[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...header]).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((c) => (typeof c === 'number' ? c : spreadsheetSafe(c))));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
