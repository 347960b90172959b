import { Parser } from 'saxen';
import { strFromU8 } from 'fflate';
import { MEMBER_LIST_LIMITS } from '@culturebridge/domain';
import { UnreadableFile } from './errors.js';

/** Columns a header may have: a member list has 16 known ones, and unknown ones are listed back. */
export const MAX_COLUMNS = 200;
/**
 * Rows a worksheet may reach, counting blank ones: the members (MAX_ROWS) and as many blank or
 * formatted rows between and below them, which a spreadsheet keeps and the import skips.
 */
export const MAX_SHEET_ROWS = 2 * MEMBER_LIST_LIMITS.rows;
/** Columns a worksheet may reach, counting empty ones: the header's limit, twice over. */
export const MAX_SHEET_COLUMNS = 2 * MAX_COLUMNS;
/**
 * Cells the reader may lay out: a full list (a header and MAX_ROWS members) at the widest header.
 * read-excel-file builds the sheet densely, (last row) × (last column) values, so this bounds
 * what reading holds (about 8 MB of empty slots) whatever the file says.
 */
export const MAX_SHEET_CELLS = (MEMBER_LIST_LIMITS.rows + 1) * MAX_COLUMNS;

const TRANSITIONAL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships/';
const WORKSHEET_TYPES = new Set([`${TRANSITIONAL}worksheet`, `${STRICT}worksheet`]);

/** The parts read-excel-file unzips (its filterZipArchiveEntry): the rest are images, printer settings and the like. */
export const isReadPart = (name: string) => name.endsWith('.xml') || name.endsWith('.xml.rels');

const unreadable = (detail: string) => new UnreadableFile(`The file is not a readable XLSX workbook: ${detail}`);

/**
 * Calls `onTag` for each start tag of `xml`, with its name and attributes as read-excel-file sees
 * them: the same tokenizer (saxen, without namespaces), a prefix dropped from each name
 * (`x:row` is `row`, `x:r` is `r`), entities decoded. Throws UnreadableFile where the XML is
 * malformed (the reader stops there too).
 */
function eachStartTag(xml: string, onTag: (name: string, attributes: () => Record<string, string>) => void): void {
  const parser = new Parser();
  parser.on('error', () => {
    throw unreadable('one of its parts is not well-formed XML.');
  });
  parser.on('openTag', (elementName, getAttributes, decodeEntities) => {
    onTag(withoutPrefix(elementName), () => {
      // As the reader does, in place: a prefixed name overwrites the plain one before or after it.
      const attributes = getAttributes();
      for (const name in attributes) attributes[withoutPrefix(name, true)] = decodeEntities(attributes[name]!);
      return attributes;
    });
  });
  parser.parse(xml);
}

/** read-excel-file's trimXmlnsPrefix: what follows the first colon, but `xmlns:…` stays whole for an attribute. */
function withoutPrefix(name: string, isAttribute = false): string {
  for (let i = 0; i < name.length; i++) {
    if (name[i] === ':' && !(isAttribute && i === 5 && name.startsWith('xmlns'))) return name.slice(i + 1);
  }
  return name;
}

/**
 * The worksheet read-excel-file reads when asked for sheet `index` (1-based, counting the
 * workbook's named `<sheet>` elements), chosen as a spreadsheet opens a workbook: the first sheet
 * in the workbook's order that is a worksheet (a chart sheet, the first in some workbooks, has no
 * cells). Paths as the reader resolves them (`xl/` + the relationship's target, or the target
 * without its leading `/`). `others` are the other worksheets' parts, which need not be read.
 * Throws UnreadableFile when the workbook lists no worksheet or a part is missing.
 */
export function firstWorksheet(parts: Record<string, Uint8Array>): { index: number; path: string; others: string[] } {
  const workbook = parts['xl/workbook.xml'];
  const relationships = parts['xl/_rels/workbook.xml.rels'];
  if (!workbook || !relationships) throw unreadable('it has no workbook part (xl/workbook.xml and its relationships).');
  const worksheets = new Map<string, string>();
  eachStartTag(strFromU8(relationships), (name, attributes) => {
    if (name !== 'Relationship') return;
    const { Id, Type, Target } = attributes();
    if (Type === undefined || !WORKSHEET_TYPES.has(Type)) return;
    if (Target === undefined) throw unreadable('a worksheet relationship has no target.');
    // The reader keeps these in a plain object: a missing Id is the key "undefined", and
    // "__proto__" cannot be a key.
    if (Id !== '__proto__') worksheets.set(String(Id), Target.startsWith('/') ? Target.slice(1) : `xl/${Target}`);
  });
  // Each named sheet's relationship id; one without an id matches none, as in the reader.
  const sheetIds: (string | undefined)[] = [];
  eachStartTag(strFromU8(workbook), (name, attributes) => {
    if (name !== 'sheet') return;
    const { name: sheetName, id } = attributes();
    if (sheetName) sheetIds.push(id);
  });
  const at = sheetIds.findIndex((id) => id !== undefined && worksheets.has(id));
  if (at === -1) throw unreadable('it has no worksheet.');
  const path = worksheets.get(sheetIds[at]!)!;
  if (!parts[path]) throw unreadable('its first worksheet is missing.');
  return { index: at + 1, path, others: [...worksheets.values()].filter((other) => other !== path) };
}

/**
 * read-excel-file's parseCellAddress: letters (each its char code − 64, so any non-digit counts)
 * then `Number` of the rest. `[row, column]`, or undefined where the reader throws.
 */
function cellAddress(address: string): [number, number] | undefined {
  let column = 0;
  for (let i = 0; i < address.length; i++) {
    const code = address.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      const row = Number(address.slice(i));
      return Number.isNaN(row) ? undefined : [row, column];
    }
    column = column * 26 + code - 64;
  }
  return undefined;
}

/**
 * Refuses a worksheet the reader would lay out past MAX_SHEET_ROWS rows, MAX_SHEET_COLUMNS
 * columns or MAX_SHEET_CELLS cells, before it is read. read-excel-file fills every gap: an empty
 * row for each missing one up to `<row r>`, empty cells up to each cell's column, each row padded
 * to the widest; a 1 KB sheet naming row 200 000 000 or cell XFD1048576 takes gigabytes. This
 * reads only the `r` of each `<row>` and `<c>` (any prefix), as the reader reads them, and counts
 * a `<row>` without one as the next row. A `<c>` without `r` (which the reader cannot place) is
 * refused too. Throws UnreadableFile (`unreadable_file`) saying which limit and how to fix it.
 */
export function checkSheetExtent(xml: string): void {
  let rows = 0;
  let lastRow = 0;
  let lastColumn = 0;
  const reach = (row: number, column: number) => {
    if (!(row <= MAX_SHEET_ROWS)) throw new UnreadableFile(`The worksheet reaches row ${row}; a list of at most ${MEMBER_LIST_LIMITS.rows} members is read from its first ${MAX_SHEET_ROWS} rows. Delete the rows below the members, or split the list.`);
    if (!(column <= MAX_SHEET_COLUMNS)) throw new UnreadableFile(`The worksheet reaches column ${column}; a member list has at most ${MAX_COLUMNS} columns, and at most ${MAX_SHEET_COLUMNS} are read. Delete the columns right of the members.`);
    lastRow = Math.max(lastRow, row);
    lastColumn = Math.max(lastColumn, column);
    if (lastRow * lastColumn > MAX_SHEET_CELLS) {
      throw new UnreadableFile(`The worksheet spans ${lastRow} rows by ${lastColumn} columns; at most ${MAX_SHEET_CELLS} cells are read (${MEMBER_LIST_LIMITS.rows + 1} rows of ${MAX_COLUMNS}). Delete the empty rows and columns around the members.`);
    }
  };
  eachStartTag(xml, (name, attributes) => {
    if (name === 'row') {
      const { r } = attributes();
      rows += 1;
      // The reader lays out a row without `r` after the last; its cells may name another.
      const row = r ? Number(r) : Math.max(rows, lastRow + 1);
      if (Number.isNaN(row)) throw unreadable('a row has a position (r attribute) that is not a number. Open the file in a spreadsheet program and save it again.');
      reach(row, 0);
    } else if (name === 'c') {
      const { r } = attributes();
      const address = r === undefined ? undefined : cellAddress(r);
      if (!address) throw unreadable('a cell has no position (its r attribute is missing or not a cell address). Open the file in a spreadsheet program and save it again.');
      reach(address[0], address[1]);
    }
  });
}
