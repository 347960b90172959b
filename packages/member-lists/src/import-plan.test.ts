import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { planImport } from './import-plan.js';
import { parseMemberFile } from './parse.js';

const HEADER = 'name;kind;country;contact_name;contact_email;themes;languages;description';

describe('a row with more cells than the header has columns', () => {
  // A ";" inside an unquoted description makes a cell the header has no column for: the description
  // was stored cut short at the ";" and the rest dropped, with no word in the preview.
  it('is a problem of its row, quoting the first cell left over, and nothing of it is imported', async () => {
    const sheet = await parseMemberFile(Buffer.from(`${HEADER}\nPoti;city;GE;Nino;culture@poti.example;youth;en;Festival of the sea; music and boats\n`));
    const plan = planImport(sheet, 'eu4culture');
    expect(plan.valid).toEqual([]);
    expect(plan.invalidRows).toBe(1);
    expect(plan.problems).toEqual([
      {
        rowNumber: 2,
        column: '(row)',
        value: 'music and boats',
        message: 'the row has 9 cells but the header only 8 columns; a value holding the delimiter must be in double quotes',
        code: 'extra_cells',
        params: { max: 8, value: 'music and boats' },
      },
    ]);
  });

  it('is reported with the row\'s other problems, in the same answer', async () => {
    const sheet = await parseMemberFile(Buffer.from(`${HEADER}\nPoti;town;GE;Nino;culture@poti.example;youth;en;a;b\n`));
    expect(planImport(sheet, 'eu4culture').problems.map((p) => [p.column, p.code])).toEqual([
      ['kind', 'unknown_value'],
      ['(row)', 'extra_cells'],
    ]);
  });

  it('counts a header cell left empty at its end as no column', async () => {
    const sheet = await parseMemberFile(Buffer.from(`${HEADER};;\nPoti;city;GE;Nino;culture@poti.example;youth;en;Festival;;boats\n`));
    expect(planImport(sheet, 'eu4culture').problems).toMatchObject([{ column: '(row)', code: 'extra_cells', params: { max: 8, value: 'boats' } }]);
  });

  it('is no problem in a workbook, which has no delimiter to cut a value at: a notes column with no header is left out', async () => {
    const workbook = await writeXlsxFile([HEADER.split(';'), ['Poti', 'city', 'GE', 'Nino', 'culture@poti.example', 'youth', 'en', 'Festival of the sea; music and boats', 'call back in May']]).toBuffer();
    const plan = planImport(await parseMemberFile(Buffer.from(workbook)), 'eu4culture');
    expect(plan.problems).toEqual([]);
    expect(plan.valid.map((row) => row.profile.description)).toEqual(['Festival of the sea; music and boats']);
  });

  it('is no problem when the cells past the header are empty (a spreadsheet saves trailing ";;")', async () => {
    const sheet = await parseMemberFile(Buffer.from(`${HEADER}\nPoti;city;GE;Nino;culture@poti.example;youth;en;Festival;;\n`));
    const plan = planImport(sheet, 'eu4culture');
    expect(plan.problems).toEqual([]);
    expect(plan.valid.map((r) => r.profile.description)).toEqual(['Festival']);
  });
});

describe('row numbers', () => {
  // A quoted cell with a line break (a description of two paragraphs) is one row in a spreadsheet,
  // but was counted as two lines, so every problem after it named the row below the one meant.
  it('count a row whose quoted cell holds line breaks once, as the spreadsheet the coordinator fixes it in shows it', async () => {
    const csv = [
      HEADER,
      'Poti;city;GE;Nino;culture@poti.example;youth;en;"Two paragraphs:\nthe sea,\nand boats"',
      '',
      'Gori;city;XX;Nino;culture@gori.example;youth;en;',
    ].join('\r\n');
    const plan = planImport(await parseMemberFile(Buffer.from(csv)), 'eu4culture');
    expect(plan.valid.map((r) => r.rowNumber)).toEqual([2]);
    expect(plan.problems.map((p) => [p.rowNumber, p.column])).toEqual([[4, 'country']]);
  });
});
