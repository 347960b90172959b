import { parse } from 'csv-parse/sync';
import { strFromU8 } from 'fflate';
import { readSheet, type CellValue } from 'read-excel-file/universal';
import { MEMBER_LIST_LIMITS, truncated } from '@culturebridge/domain';
import { decodeText, type TextEncodingName } from './decode.js';
import { UnreadableFile } from './errors.js';
import { rezipped, unpackWithin } from './unpacked-size.js';
import { MAX_COLUMNS, checkSheetExtent, firstWorksheet, isReadPart } from './worksheet-guard.js';

/** Files larger than this many data rows are refused whole: a coordinator splits them. */
export const MAX_ROWS = MEMBER_LIST_LIMITS.rows;
/** Bytes of an uploaded file (a 5 000-row list is about 1 MB as CSV). */
export const MAX_FILE_BYTES = MEMBER_LIST_LIMITS.fileBytes;
/**
 * Bytes a workbook may unpack to, all its parts together. A 5 000-row list with long descriptions
 * is under 15 MB of XML; reading holds a few times that in memory, and the function has 1 GB.
 */
export const MAX_UNPACKED_BYTES = 24 * 1024 * 1024;

export { MAX_COLUMNS } from './worksheet-guard.js';

export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface ParsedSheet {
  format: 'csv' | 'xlsx';
  encoding?: TextEncodingName;
  needsEncodingConfirmation: boolean;
  delimiter?: Delimiter;
  header: string[];
  /** Each data row with its 1-based line (CSV) or row number (XLSX) as a spreadsheet shows it. */
  rows: { rowNumber: number; cells: string[] }[];
}

export { UnreadableFile } from './errors.js';

/** What a coordinator reads when the workbook reader fails on a file the checks let through. */
const UNREADABLE_WORKBOOK = 'The file is not a readable XLSX workbook. Open it in a spreadsheet program and save it again as an Excel workbook (.xlsx), or save it as CSV.';

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The delimiter the header line uses most, outside quotes. */
function detectDelimiter(firstLine: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const c of firstLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c as Delimiter)) counts.set(c as Delimiter, (counts.get(c as Delimiter) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[1] ? ([...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',') : ',';
}

function parseCsv(bytes: Uint8Array, confirmedEncoding: string | undefined): ParsedSheet {
  const decoded = decodeText(bytes, confirmedEncoding);
  let text = decoded.text;
  let lineOffset = 0;
  let delimiter: Delimiter | undefined;
  // Excel's `sep=;` first line names the delimiter; it is not part of the data.
  const sep = /^sep=(.)\r?\n/i.exec(text);
  if (sep) {
    const named = sep[1] as Delimiter;
    if (!(DELIMITERS as readonly string[]).includes(named)) throw new UnreadableFile(`The first line names the delimiter "${named}"; use , ; or a tab.`);
    delimiter = named;
    text = text.slice(sep[0].length);
    lineOffset = 1;
  }
  delimiter ??= detectDelimiter(text.split(/\r?\n/, 1)[0] ?? '');
  let records: { record: string[]; info: { records: number; empty_lines: number } }[];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as typeof records;
  } catch (error) {
    // csv-parse quotes the whole offending field ("…, value is …"): for a binary file renamed .csv
    // that is kilobytes of escaped bytes. Where it went wrong is enough.
    throw new UnreadableFile(`The file is not valid CSV: ${truncated((error as Error).message.replace(/, value is [\s\S]*$/, ''), 120)}.`);
  }
  // A blank spreadsheet row saved as CSV is a line of delimiters (",,,,"): skipped, as a blank
  // XLSX row is, rather than listed as a member with every field missing.
  const [head, ...data] = records.filter((r) => r.record.some((cell) => cell !== ''));
  if (!head) throw new UnreadableFile('The file is empty: expected a header line and one member per line.');
  return {
    format: 'csv',
    encoding: decoded.encoding,
    needsEncodingConfirmation: decoded.needsConfirmation,
    delimiter,
    header: head.record,
    // The row a spreadsheet shows it in: records so far (this one included) and the blank lines
    // skipped before it. Not the line it ends on: a quoted cell with line breaks is one row there.
    rows: data.map((r) => ({ rowNumber: r.info.records + r.info.empty_lines + lineOffset, cells: r.record })),
  };
}

/**
 * A cell's value as text. read-excel-file gives a formula's cached result, rich text's runs joined,
 * strings trimmed, and null for an empty cell, an error (#N/A) or a formula with no cached result.
 */
function cellText(value: CellValue | null): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

/**
 * The workbook the reader is given, and which of its sheets to read. Before anything is parsed: a
 * 40 KB workbook can unpack to gigabytes, and a 1 KB worksheet can lay out to gigabytes (see
 * worksheet-guard.ts). The reader then gets the parts that were counted, rezipped, never the
 * uploaded file (see unpacked-size.ts): the parts it reads, and of the worksheets only the one
 * checked. Synchronous, so the unpacked parts (up to MAX_UNPACKED_BYTES) are not held while the
 * sheet is read. Throws UnreadableFile.
 */
function checkedWorkbook(bytes: Uint8Array): { zip: ArrayBuffer; sheet: number } {
  const parts = unpackWithin(bytes, MAX_UNPACKED_BYTES, isReadPart);
  const { index, path, others } = firstWorksheet(parts);
  checkSheetExtent(strFromU8(parts[path]!));
  for (const other of others) delete parts[other];
  return { zip: rezipped(parts), sheet: index };
}

async function parseXlsx(bytes: Uint8Array): Promise<ParsedSheet> {
  const { zip, sheet: index } = checkedWorkbook(bytes);
  let sheet: (CellValue | null)[][];
  try {
    // The universal build reads from memory with fflate (the Node build streams through unzipper
    // and loads graceful-fs, which patches fs). Its parts are stored, so fflate never starts a
    // worker to inflate one.
    sheet = await readSheet(zip, index);
  } catch (error) {
    // The reader's own words name its internals ("readFiles(...).then is not a function"), not
    // what a coordinator can do; they stay out of the answer.
    throw new UnreadableFile(UNREADABLE_WORKBOOK, 'unreadable_file', undefined, { cause: error });
  }
  const rows: { rowNumber: number; cells: string[] }[] = [];
  sheet.forEach((row, index) => {
    const cells = row.map(cellText);
    // Rows are padded to the widest; a row ends at its last value, as a spreadsheet shows it.
    while (cells.length > 0 && cells.at(-1) === '') cells.pop();
    if (cells.length > 0) rows.push({ rowNumber: index + 1, cells });
  });
  const [head, ...data] = rows;
  if (!head) throw new UnreadableFile('The worksheet is empty: expected a header row and one member per row.');
  return { format: 'xlsx', needsEncodingConfirmation: false, header: head.cells, rows: data };
}

/**
 * Reads a member list: XLSX (by its ZIP signature) or delimited text (CSV with , ; or tab, an
 * optional `sep=` line, UTF-8 ± BOM, UTF-16, or a legacy code page to be confirmed).
 * Throws UnreadableFile for a file that is not a member list at all, or has more than MAX_ROWS rows.
 */
export async function parseMemberFile(bytes: Uint8Array, confirmedEncoding?: string): Promise<ParsedSheet> {
  if (bytes.length > MAX_FILE_BYTES) {
    throw new UnreadableFile(`The file has ${bytes.length} bytes; at most ${MAX_FILE_BYTES} are accepted.`, 'file_too_large', { max: MAX_FILE_BYTES, value: String(bytes.length) });
  }
  const sheet = isZip(bytes) ? await parseXlsx(bytes) : parseCsv(bytes, confirmedEncoding);
  if (sheet.rows.length > MAX_ROWS) {
    throw new UnreadableFile(`The file has ${sheet.rows.length} members; at most ${MAX_ROWS} can be imported at once. Split it.`, 'too_many_rows', { max: MAX_ROWS, value: String(sheet.rows.length) });
  }
  if (sheet.header.length > MAX_COLUMNS) throw new UnreadableFile(`The header has ${sheet.header.length} columns; a member list has at most ${MAX_COLUMNS}. Download the template to see them.`);
  return sheet;
}
