import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/**
 * A workbook written by hand, part by part, as Excel writes one (shared strings with rich-text runs,
 * an inline string, cached formula results, a date style, an error, a boolean, gaps between rows
 * and cells, and a second sheet), so reading it tests the reader against the file format rather
 * than against the library that wrote it.
 */
export function handWrittenWorkbook(): Uint8Array {
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const sheet = (rows: string) => `${xml}<worksheet xmlns="${main}" xmlns:r="${rel}"><dimension ref="A1:I6"/><sheetData>${rows}</sheetData></worksheet>`;
  const parts: Record<string, string> = {
    '[Content_Types].xml': `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    '_rels/.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    // The second sheet's part comes first in the workbook's list of relationships; the first sheet is the first <sheet>.
    'xl/workbook.xml': `${xml}<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="Members" sheetId="1" r:id="rId2"/><sheet name="Notes" sheetId="2" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId2" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="${rel}/styles" Target="styles.xml"/><Relationship Id="rId4" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/styles.xml': `${xml}<styleSheet xmlns="${main}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    'xl/sharedStrings.xml': `${xml}<sst xmlns="${main}" count="7" uniqueCount="7"><si><t>name</t></si><si><t>kind</t></si><si><t>founded</t></si><si><r><rPr><b/></rPr><t>Kuta</t></r><r><t xml:space="preserve">isi </t></r></si><si><t xml:space="preserve">  Poti  </t></si><si><t>contact_email</t></si><si><t>Other sheet</t></si></sst>`,
    'xl/worksheets/sheet1.xml': sheet(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1"><v>7</v></c><c r="D1" t="s"><v>2</v></c><c r="E1" t="s"><v>5</v></c><c r="F1" t="str"><v>error</v></c><c r="G1" t="str"><v>open</v></c><c r="I1" t="inlineStr"><is><t>last</t></is></c></row>' +
        // Rich text, a formula's cached text, a number, a date, an inline string, an error, a boolean, a gap, then a value.
        '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="str"><f>LOWER("CITY")</f><v>city</v></c><c r="C2"><v>42.5</v></c><c r="D2" s="1"><v>45991</v></c><c r="E2" t="inlineStr"><is><t>k@kutaisi.example</t></is></c><c r="F2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="G2" t="b"><v>1</v></c><c r="I2"><f>40+2</f><v>42</v></c></row>' +
        // Row 3 is missing; row 4 holds only styled empty cells.
        '<row r="4"><c r="A4" s="1"/><c r="B4" s="1"/></row>' +
        // Padded text is trimmed; a formula with no cached result reads as empty.
        '<row r="5"><c r="A5" t="s"><v>4</v></c><c r="B5"><f>NOW()</f></c><c r="C5" t="str"><v>  town </v></c></row>',
    ),
    'xl/worksheets/sheet2.xml': sheet('<row r="1"><c r="A1" t="s"><v>6</v></c></row>'),
  };
  return zipSync(Object.fromEntries(Object.entries(parts).map(([path, text]) => [path, strToU8(text)])));
}

/** What `handWrittenWorkbook` shows in a spreadsheet, row by row, as text. */
export const HAND_WRITTEN_SHEET = {
  header: ['name', 'kind', '7', 'founded', 'contact_email', 'error', 'open', '', 'last'],
  rows: [
    { rowNumber: 2, cells: ['Kutaisi', 'city', '42.5', '2025-11-30', 'k@kutaisi.example', '', 'true', '', '42'] },
    { rowNumber: 5, cells: ['Poti', '', 'town'] },
  ],
};

/** `handWrittenWorkbook` with its first sheet's part (xl/worksheets/sheet1.xml) replaced by `sheetXml`. */
export function withFirstSheet(sheetXml: string): Uint8Array {
  return zipSync({ ...unzipSync(handWrittenWorkbook()), 'xl/worksheets/sheet1.xml': strToU8(sheetXml) });
}

/**
 * `handWrittenWorkbook` with a chart sheet before its sheets, as a workbook whose first tab is a
 * chart is saved: workbook.xml lists the chart sheet first, its relationship is a chartsheet.
 */
export function chartSheetFirstWorkbook(): Uint8Array {
  const parts = unzipSync(handWrittenWorkbook());
  const text = (path: string) => strFromU8(parts[path]!);
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipSync({
    ...parts,
    'xl/workbook.xml': strToU8(text('xl/workbook.xml').replace('<sheets>', '<sheets><sheet name="Chart" sheetId="3" r:id="rId9"/>')),
    'xl/_rels/workbook.xml.rels': strToU8(text('xl/_rels/workbook.xml.rels').replace('</Relationships>', `<Relationship Id="rId9" Type="${rel}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`)),
    'xl/chartsheets/sheet1.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><drawing r:id="rId1"/></chartsheet>`),
  });
}
