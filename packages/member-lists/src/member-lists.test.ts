import { beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeText } from './decode.js';
import fs from 'node:fs';
import writeXlsxFile from 'write-excel-file/node';
import { MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES, UnreadableFile, parseMemberFile } from './parse.js';
import { MAX_ROW_PROBLEMS } from './columns.js';
import { MAX_REPORTED_PROBLEMS, errorReportCsv, planImport } from './import-plan.js';
import { safeXlsx, spreadsheetSafe } from './spreadsheet-safe.js';
import { memberExportFile } from './member-export.js';
import { readSheet } from 'read-excel-file/node';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { HAND_WRITTEN_SHEET, chartSheetFirstWorkbook, handWrittenWorkbook, withFirstSheet } from './workbook-fixture.test-support.js';
import { MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS } from './worksheet-guard.js';

const HEADER = 'name,kind,country,contact_name,contact_email,themes,languages';

describe('member lists', () => {
  it('decodes by byte-order mark, then as UTF-8, and only then guesses a legacy code page to be confirmed', () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: 'a', encoding: 'utf-8', needsConfirmation: false });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Şəki', 'utf16le')]))).toEqual({ text: 'Şəki', encoding: 'utf-16le', needsConfirmation: false });
    expect(decodeText(Buffer.from('Şəki'))).toMatchObject({ text: 'Şəki', needsConfirmation: false });
    // "Łódź" in Windows-1250 is not UTF-8; confirmed, it reads right.
    const lodz = Uint8Array.from([0xa3, 0xf3, 0x64, 0x9f]);
    expect(decodeText(lodz).needsConfirmation).toBe(true);
    expect(decodeText(lodz, 'windows-1250')).toEqual({ text: 'Łódź', encoding: 'windows-1250', needsConfirmation: false });
    expect(() => decodeText(lodz, 'koi8-r')).toThrow(RangeError);
  });

  it('reads , ; and tab, and a leading sep= line, counting rows as a spreadsheet does', async () => {
    for (const d of [',', ';', '\t']) {
      const sheet = await parseMemberFile(Buffer.from(`${HEADER.replaceAll(',', d)}\nPoti${d}city${d}GE${d}P${d}p@poti.example${d}youth${d}en\n`));
      expect(sheet.delimiter).toBe(d);
      expect(sheet.rows).toEqual([{ rowNumber: 2, cells: ['Poti', 'city', 'GE', 'P', 'p@poti.example', 'youth', 'en'] }]);
    }
    const withSep = await parseMemberFile(Buffer.from(`sep=;\n${HEADER}\n\nPoti,city\n`.replace(/,/g, ';')));
    expect(withSep.rows[0]?.rowNumber).toBe(4);
  });

  it('skips a CSV row of empty cells (a blank spreadsheet row saved as ",,,,"), as it skips a blank XLSX row', async () => {
    const file = Buffer.from(`${HEADER}\nPoti,city,GE,P,p@poti.example,youth,en\n,,,,,,\n , ,  , \n,,,\nSevan,city,AM,S,s@sevan.example,youth,hy\n`);
    const sheet = await parseMemberFile(file);
    expect(sheet.rows.map((r) => [r.rowNumber, r.cells[0]])).toEqual([
      [2, 'Poti'],
      [6, 'Sevan'],
    ]);
    const plan = planImport(sheet, 'net');
    expect(plan.problems).toEqual([]);
    expect(plan.invalidRows).toBe(0);
    // Excel pads blank rows to the header's width; they count neither as members nor against MAX_ROWS.
    const padded = Array.from({ length: MAX_ROWS + 10 }, () => ',,,,,,').join('\n');
    await expect(parseMemberFile(Buffer.from(`${HEADER}\nPoti,city,GE,P,p@poti.example,youth,en\n${padded}\n`))).resolves.toMatchObject({ rows: [{ rowNumber: 2 }] });
  });

  it('names where a file is not valid CSV without echoing its bytes (a PNG renamed .csv): a detail quotes at most 60 characters', async () => {
    const binary = Buffer.concat([Buffer.from('name,kind\nPoti,city\n'), Buffer.alloc(500, 0x01), Buffer.from('IDAT"x\n')]);
    const refused = await parseMemberFile(binary).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UnreadableFile);
    const message = (refused as Error).message;
    expect(message).toMatch(/^The file is not valid CSV: .*line 3\b/);
    expect(message).not.toMatch(/\p{Cc}/u);
    expect(message.length).toBeLessThan(200);
  });

  it(`refuses more than ${MAX_ROWS} rows and a file with no header as unreadable`, async () => {
    const rows = Array.from({ length: MAX_ROWS + 1 }, (_, i) => `City ${i},city,GE,C,c${i}@x.example,youth,en`).join('\n');
    await expect(parseMemberFile(Buffer.from(`${HEADER}\n${rows}\n`))).rejects.toThrow(UnreadableFile);
    await expect(parseMemberFile(Buffer.from(''))).rejects.toThrow(UnreadableFile);
  });

  it('reads a mail language from a locale column (or its aliases), else the default, and names a bad one', async () => {
    const file = Buffer.from(`${HEADER},Mail language\nA,city,GE,A,a@x.example,youth,en,UK\nB,city,GE,B,b@x.example,youth,en,\nC,city,GE,C,c@x.example,youth,en,de\n`);
    const plan = planImport(await parseMemberFile(file), 'net', 'ka');
    expect(plan.unknownColumns).toEqual([]);
    expect(plan.valid.map((r) => r.profile.locale)).toEqual(['uk', 'ka']);
    expect(plan.problems.map((p) => [p.rowNumber, p.column, p.value, p.code, p.params])).toEqual([[4, 'locale', 'de', 'unknown_value', { value: 'de' }]]);
    // Without a default, a row with no language has none, and reads as English.
    expect(planImport(await parseMemberFile(file), 'net').valid.map((r) => r.profile.locale)).toEqual(['uk', undefined]);
  });

  // Built once, before the tests (each holds 24 MB of text while it is written and deflated).
  const bombs = new Map<string, Buffer>();
  beforeAll(async () => {
    const huge = 'x'.repeat(MAX_UNPACKED_BYTES + 1);
    // As a streaming writer saves it: sizes in data descriptors after each part.
    bombs.set('sizes after each part (written by write-excel-file)', Buffer.from(await writeXlsxFile([['name', 'kind'], [huge, 'city']]).toBuffer()));
    // As most writers save it: sizes in each local header.
    bombs.set('sizes in each local header', Buffer.from(zipSync({ ...unzipSync(handWrittenWorkbook()), 'xl/sharedStrings.xml': strToU8(`<sst><si><t>${huge}</t></si></sst>`) })));
  });
  it.each(['sizes after each part (written by write-excel-file)', 'sizes in each local header'])('refuses a workbook that unpacks to more than MAX_UNPACKED_BYTES before reading it (a 40 KB file of 30 MB), %s', async (how) => {
    const bomb = bombs.get(how)!;
    expect(bomb.length).toBeLessThan(100_000);
    const refused = await parseMemberFile(bomb).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UnreadableFile);
    expect((refused as Error).message).toMatch(/unpacks to more than 24 MB/);
    // The same file declaring every part as 1 000 bytes, packed and unpacked, in every size field
    // (local headers, data descriptors, central directory). With sizes after each part, the walk
    // ignores them all and counts as it inflates: refused for its size. With sizes in the local
    // headers, the walk takes 1 000 packed bytes as each part it finds, and finds no workbook in
    // what it counted: refused as unreadable. Either way what was not counted is never read.
    const lying = Buffer.from(bomb);
    for (let at = 0; at + 30 < lying.length; at++) {
      const sizes = { 0x04034b50: [18, 22], 0x08074b50: [8, 12], 0x02014b50: [20, 24] }[lying.readUInt32LE(at)] ?? [];
      for (const offset of sizes) lying.writeUInt32LE(1000, at + offset);
    }
    await expect(parseMemberFile(lying)).rejects.toThrow(how.startsWith('sizes after') ? /unpacks to more than 24 MB/ : /not a readable XLSX workbook/);
    // The same file whose end record claims no entries at all (the parts are there all the same).
    const uncounted = Buffer.from(bomb);
    const end = uncounted.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    uncounted.writeUInt16LE(0, end + 8);
    uncounted.writeUInt16LE(0, end + 10);
    await expect(parseMemberFile(uncounted)).rejects.toThrow(/unpacks to more than 24 MB/);
  });

  // A worksheet holding `sheetData`, in the default namespace or with a prefix; its header row, with `more` cells after "name".
  const sheetXml = (sheetData: string, prefix = '') =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<${prefix}worksheet xmlns${prefix ? `:${prefix.slice(0, -1)}` : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${prefix}sheetData>${sheetData}</${prefix}sheetData></${prefix}worksheet>`;
  const nameHeader = (more = '', p = '') => `<${p}row ${p}r="1"><${p}c ${p}r="A1" t="inlineStr"><${p}is><${p}t>name</${p}t></${p}is></${p}c>${more}</${p}row>`;
  const denseSheets = new Map<string, Uint8Array>();
  beforeAll(() => {
    // Each measured, read as it was: a 1 456-byte upload ran out of memory after about 11 s, ...
    denseSheets.set('an empty row 200 000 000', withFirstSheet(sheetXml(`${nameHeader()}<row r="200000000"/>`)));
    // ... 1 512 bytes reached 1.2 GB and ran out, ...
    denseSheets.set('one value at XFD1048576', withFirstSheet(sheetXml(`${nameHeader()}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`)));
    // ... 787 bytes took 18.8 s and 2 GB, then a RangeError, ...
    denseSheets.set('one cell at ZZZZZZ1', withFirstSheet(sheetXml(nameHeader('<c r="ZZZZZZ1"><v>1</v></c>'))));
    // ... and 21 MB of XML in a 1.8 MB upload took 14.5 s and 949 MB of heap.
    denseSheets.set('400 000 rows of one value in column GR', withFirstSheet(sheetXml(nameHeader() + Array.from({ length: 400_000 }, (_, k) => `<row r="${k + 2}"><c r="GR${k + 2}"><v>1</v></c></row>`).join(''))));
  });
  it.each([
    ['an empty row 200 000 000', /reaches row 200000000;/],
    ['one value at XFD1048576', /reaches row 1048576;/],
    ['one cell at ZZZZZZ1', /reaches column 321272406;/],
    ['400 000 rows of one value in column GR', /spans \d+ rows by 200 columns/],
  ])('refuses, before reading it, a worksheet the reader would lay out densely past its limits: %s', async (name, message) => {
    const file = denseSheets.get(name)!;
    expect(file.length).toBeLessThan(MAX_FILE_BYTES);
    const refused = await parseMemberFile(file).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UnreadableFile);
    expect(refused).toMatchObject({ code: 'unreadable_file', message: expect.stringMatching(message) });
  });

  it(`reads a worksheet up to ${MAX_SHEET_ROWS} rows and ${MAX_SHEET_COLUMNS} columns within ${MAX_SHEET_CELLS} cells, whatever prefix its tags have, and refuses one past them or with a cell it cannot place`, async () => {
    const refusal = async (xml: string) => ((await parseMemberFile(withFirstSheet(xml)).catch((error: unknown) => error)) as Error).message;
    // Within the limits: blank formatted rows below the members, a cell far right, read as written.
    await expect(parseMemberFile(withFirstSheet(sheetXml(`${nameHeader()}<row r="2"><c r="A2" t="inlineStr"><is><t>Poti</t></is></c></row><row r="${MAX_SHEET_ROWS}" s="1" customFormat="1"/>`)))).resolves.toMatchObject({ header: ['name'], rows: [{ rowNumber: 2, cells: ['Poti'] }] });
    // Column OJ is the 400th.
    await expect(parseMemberFile(withFirstSheet(sheetXml(nameHeader('<c r="OJ1" s="1"/>'))))).resolves.toMatchObject({ header: ['name'] });
    // One past each limit, with and without a prefix (x:row, x:c, x:r).
    for (const p of ['', 'x:']) {
      expect(await refusal(sheetXml(`${nameHeader('', p)}<${p}row ${p}r="${MAX_SHEET_ROWS + 1}"/>`, p))).toMatch(`reaches row ${MAX_SHEET_ROWS + 1};`);
      // Column OK is the 401st.
      expect(await refusal(sheetXml(nameHeader(`<${p}c ${p}r="OK1"><${p}v>1</${p}v></${p}c>`, p), p))).toMatch(`reaches column ${MAX_SHEET_COLUMNS + 1};`);
      // 6 000 rows by 200 columns (GR): each within its limit, together past the cells.
      expect(await refusal(sheetXml(`${nameHeader('', p)}<${p}row ${p}r="6000"><${p}c ${p}r="GR6000"><${p}v>1</${p}v></${p}c></${p}row>`, p))).toMatch(/spans 6000 rows by 200 columns/);
    }
    // Rows without r count on from the last: 10 001 of them reach past the rows.
    expect(await refusal(sheetXml(nameHeader() + '<row/>'.repeat(MAX_SHEET_ROWS)))).toMatch(`reaches row ${MAX_SHEET_ROWS + 1};`);
    // A row number in an entity, as the reader decodes it.
    expect(await refusal(sheetXml(`${nameHeader()}<row r="&#50;00000000"/>`))).toMatch('reaches row 200000000;');
    // A cell with no position: the reader fails with a TypeError; the coordinator is told what to do.
    expect(await refusal(sheetXml(nameHeader() + '<row r="2"><c t="inlineStr"><is><t>Poti</t></is></c></row>'))).toMatch(/a cell has no position .* save it again/);
  });

  it('refuses a zip that is not a workbook as unreadable, not a crash', async () => {
    await expect(parseMemberFile(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64)]))).rejects.toThrow(UnreadableFile);
  });

  it('reads the parts the size check counted, whatever sizes the headers declare', async () => {
    // read-excel-file's own ZIP reader sizes its buffer by the local header: told 10 bytes, it
    // would read 10 bytes of the sheet; told 4 GB, it would allocate 4 GB. It never sees this file.
    for (const declared of [10, 0xfffffff0]) {
      const file = Buffer.from(handWrittenWorkbook());
      for (let at = 0; at + 30 < file.length; at++) {
        if (file.readUInt32LE(at) === 0x04034b50 && file.toString('latin1', at + 30, at + 30 + file.readUInt16LE(at + 26)) === 'xl/worksheets/sheet1.xml') file.writeUInt32LE(declared, at + 22);
      }
      expect(file.equals(Buffer.from(handWrittenWorkbook())), 'the header was found').toBe(false);
      await expect(parseMemberFile(file)).resolves.toMatchObject(HAND_WRITTEN_SHEET);
    }
    // A part whose data stops before its declared end is unreadable.
    const whole = Buffer.from(handWrittenWorkbook());
    await expect(parseMemberFile(whole.subarray(0, Math.floor(whole.length / 2)))).rejects.toThrow(UnreadableFile);
  });

  /** Where the local header of `name` begins in `zip`, and where its data begins. */
  const localEntry = (zip: Buffer, name: string) => {
    for (let at = 0; at + 30 < zip.length; at++) {
      if (zip.readUInt32LE(at) === 0x04034b50 && zip.toString('latin1', at + 30, at + 30 + zip.readUInt16LE(at + 26)) === name) return { at, data: at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28) };
    }
    throw new Error(`no local header for ${name}`);
  };
  /** Where the central directory's entry for `name` begins in `zip`. */
  const directoryEntry = (zip: Buffer, name: string) => {
    for (let at = 0; at + 46 < zip.length; at++) {
      if (zip.readUInt32LE(at) === 0x02014b50 && zip.toString('latin1', at + 46, at + 46 + zip.readUInt16LE(at + 28)) === name) return at;
    }
    throw new Error(`no central directory entry for ${name}`);
  };

  it('reads the parts walked from the local headers, never an entry the central directory points to inside another part', async () => {
    // A complete entry (local header and data) for another first sheet, as a ZIP file of it alone begins ...
    const hiddenSheet = 'xl/worksheets/sheet1.xml';
    const alone = Buffer.from(zipSync({ [hiddenSheet]: strToU8(sheetXml(nameHeader().replace('>name<', '>hidden<'))) }, { level: 0 }));
    const hiddenEntry = alone.subarray(0, alone.readUInt32LE(alone.length - 22 + 16));
    // ... stored as the data of a part of known size, and the directory's entry for the sheet pointed at it.
    const file = Buffer.from(zipSync({ ...unzipSync(handWrittenWorkbook()), 'xl/media/cover.bin': hiddenEntry }, { level: 0 }));
    const hiddenAt = localEntry(file, 'xl/media/cover.bin').data;
    const listed = directoryEntry(file, hiddenSheet);
    file.writeUInt32LE(hiddenAt, listed + 42);
    for (const [field, header] of [[16, 14], [20, 18], [24, 22]]) file.writeUInt32LE(hiddenEntry.readUInt32LE(header!), listed + field!);
    // A reader of the central directory (fflate's unzip, read-excel-file's own) reads the hidden sheet ...
    expect(strFromU8(unzipSync(file)[hiddenSheet]!)).toContain('>hidden<');
    // ... this one reads the sheet the walk counted.
    await expect(parseMemberFile(file)).resolves.toMatchObject(HAND_WRITTEN_SHEET);
  });

  it('reads a workbook with parts the reader never reads (an image, a part named __proto__), counting them all the same', async () => {
    const parts = unzipSync(handWrittenWorkbook());
    // fflate's zipSync cannot write a part named "__proto__": written as "__proto_x", then renamed in both headers.
    const file = Buffer.from(zipSync({ ...parts, 'xl/media/image1.png': new Uint8Array(2000).fill(7), __proto_x: strToU8('{}') }));
    const renamed = (at: number) => file.write('__proto__', at, 'latin1');
    renamed(localEntry(file, '__proto_x').at + 30);
    renamed(directoryEntry(file, '__proto_x') + 46);
    await expect(parseMemberFile(file)).resolves.toMatchObject(HAND_WRITTEN_SHEET);
    // A part the reader never reads still counts toward the limit.
    const bomb = zipSync({ ...parts, 'xl/media/image1.png': new Uint8Array(MAX_UNPACKED_BYTES + 1) });
    await expect(parseMemberFile(bomb)).rejects.toThrow(/unpacks to more than 24 MB/);
  });

  it('reads the first worksheet when the first sheet is a chart sheet, as a spreadsheet opens it', async () => {
    await expect(parseMemberFile(chartSheetFirstWorkbook())).resolves.toMatchObject(HAND_WRITTEN_SHEET);
  });

  it('says in plain words that a file is not a readable workbook, never in the libraries\' own (a row out of order, an unknown compression)', async () => {
    const outOfOrder = await parseMemberFile(withFirstSheet(sheetXml(`${nameHeader()}<row r="3"/><row r="2"/>`))).catch((error: unknown) => error);
    expect(outOfOrder).toMatchObject({ code: 'unreadable_file', message: 'The file is not a readable XLSX workbook. Open it in a spreadsheet program and save it again as an Excel workbook (.xlsx), or save it as CSV.' });
    const compressed = Buffer.from(handWrittenWorkbook());
    compressed.writeUInt16LE(99, localEntry(compressed, 'xl/workbook.xml').at + 8);
    const unknown = (await parseMemberFile(compressed).catch((error: unknown) => error)) as UnreadableFile;
    expect(unknown).toBeInstanceOf(UnreadableFile);
    expect(unknown.message).toMatch(/^The file is not a readable XLSX workbook: its ZIP structure is damaged/);
    for (const message of [(outOfOrder as Error).message, unknown.message]) expect(message).not.toMatch(/<row|Out-of-place|99|compression type|not a function/);
  });

  it('reads a workbook in this thread and from memory: no worker thread, no file opened', async () => {
    const workers: unknown[] = [];
    const onWorker = (worker: unknown) => workers.push(worker);
    process.on('worker', onWorker);
    const opened = [vi.spyOn(fs, 'createReadStream'), vi.spyOn(fs, 'createWriteStream'), vi.spyOn(fs, 'open'), vi.spyOn(fs, 'openSync'), vi.spyOn(fs.promises, 'open')];
    try {
      await expect(parseMemberFile(handWrittenWorkbook())).resolves.toMatchObject(HAND_WRITTEN_SHEET);
      // A part over 512 KB is where fflate's asynchronous unzip would start a worker for a compressed part.
      const long = 'Kutaisi '.repeat(100_000).trim();
      const big = await safeXlsx('Members', ['name'], [[long]]);
      await expect(parseMemberFile(big)).resolves.toMatchObject({ rows: [{ rowNumber: 2, cells: [long] }] });
    } finally {
      process.off('worker', onWorker);
      for (const spy of opened) spy.mockRestore();
    }
    expect(workers).toEqual([]);
    for (const spy of opened) expect(spy).not.toHaveBeenCalled();
  });

  it('quotes at most 100 characters of a bad cell in a problem, and keeps its message short (a 2 MB cell)', async () => {
    const huge = 'k'.repeat(2_000_000);
    const plan = planImport(await parseMemberFile(Buffer.from(`${HEADER}\nA,${huge},GE,A,a@x.example,youth,en\n`)), 'net');
    expect(plan.problems.map((p) => p.column)).toEqual(['kind']);
    const [problem] = plan.problems;
    expect(problem?.value).toBe(`${'k'.repeat(100)}…`);
    expect(problem?.message.length).toBeLessThan(300);
    expect(errorReportCsv(plan.problems).length).toBeLessThan(600);
  });

  it(`refuses a header of more than ${MAX_COLUMNS} columns, and quotes at most 100 characters of an unknown one`, async () => {
    const wide = Array.from({ length: MAX_COLUMNS + 1 }, (_, k) => `c${k}`).join(',');
    await expect(parseMemberFile(Buffer.from(`${wide}\n`))).rejects.toThrow(/has 201 columns/);
    await expect(parseMemberFile(await safeXlsx('Members', wide.split(','), [['x']]))).rejects.toThrow(/has 201 columns/);
    const plan = planImport(await parseMemberFile(Buffer.from(`${HEADER},${'u'.repeat(5000)}\nA,city,GE,A,a@x.example,youth,en,x\n`)), 'net');
    expect(plan.unknownColumns).toEqual([`${'u'.repeat(100)}…`]);
  });

  it('keeps the answer bounded for a file of hopeless rows: 20 problems a row, 5 000 lines of report and a count of the rest', async () => {
    const badRow = (k: number) => `A${k},village,XX,A,not-an-address,${Array.from({ length: 40 }, (_, t) => `bogus-${t}`).join('|')},${Array.from({ length: 10 }, () => 'zz').join('|')}`;
    const plan = planImport(await parseMemberFile(Buffer.from(`${HEADER}\n${Array.from({ length: 400 }, (_, k) => badRow(k)).join('\n')}\n`)), 'net');
    expect(plan.invalidRows).toBe(400);
    expect(plan.problems).toHaveLength(400 * MAX_ROW_PROBLEMS);
    const report = errorReportCsv(plan.problems);
    const lines = report.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + MAX_REPORTED_PROBLEMS + 1);
    expect(lines.at(-1)).toContain(`Problems not listed: ${400 * MAX_ROW_PROBLEMS - MAX_REPORTED_PROBLEMS}.`);
  });

  it('writes the error report in the coordinator\'s language: header, each problem from its code, and the count of the rest', async () => {
    const plan = planImport(await parseMemberFile(Buffer.from(`${HEADER}\nA,city,XX,A,not-an-address,youth,en\n`)), 'net');
    const rows = (locale?: 'ru' | 'ka') => errorReportCsv(plan.problems, locale).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(rows()[0]).toBe('Row,Column,Value,Problem');
    expect(rows().slice(1)).toEqual(['2,country,XX,“XX” is not a country code.', '2,contact_email,not-an-address,Enter an e-mail address such as culture@city.example.']);
    expect(rows('ru')).toEqual(['Строка,Столбец,Значение,Ошибка', '2,country,XX,«XX» не код страны.', '2,contact_email,not-an-address,Введите адрес вида culture@city.example.']);
    expect(rows('ka')[0]).toBe('სტრიქონი,სვეტი,მნიშვნელობა,პრობლემა');
    const many = Array.from({ length: MAX_REPORTED_PROBLEMS + 3 }, () => plan.problems[0]!);
    expect(errorReportCsv(many, 'ru').trimEnd().split('\r\n').at(-1)).toBe(',,,Не перечислено ошибок: 3. Исправьте эти и проверьте файл снова.');
  });

  it('names a problem of the whole row (a cell past the header) in the coordinator\'s language, not as "(row)"', async () => {
    const plan = planImport(await parseMemberFile(Buffer.from(`${HEADER}\nA,city,AM,A,a@a.example,youth,en,boats\n`)), 'net');
    const rows = (locale?: 'uk') => errorReportCsv(plan.problems, locale).replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1).map((line) => line.split(',').slice(0, 3).join(','));
    expect(rows()).toEqual(['2,(whole row),boats']);
    expect(rows('uk')).toEqual(['2,(увесь рядок),boats']);
  });

  it('imports names through the shared text rule: invisible characters at the edges go, an unclosed override is a problem', async () => {
    const plan = planImport(await parseMemberFile(Buffer.from(`${HEADER}\nРівне\u200b,city,UA,\ufeffR,r@rivne.example,youth,uk\nPoti \u202eitop,city,GE,P,p@poti.example,youth,en\n`)), 'net');
    expect(plan.valid.map((r) => [r.profile.name, r.profile.contact.name])).toEqual([['Рівне', 'R']]);
    expect(plan.problems).toMatchObject([{ rowNumber: 3, column: 'name', code: 'control_character' }]);
  });

  it('names a column the header repeats, by name or alias, and reads no row from such a file', async () => {
    const twice = planImport(await parseMemberFile(Buffer.from(`name,${HEADER}\nA,A,city,GE,A,a@x.example,youth,en\n`)), 'net');
    expect(twice.duplicateColumns).toEqual([{ header: 'name', column: 'name', firstHeader: 'name' }]);
    expect(twice).toMatchObject({ valid: [], invalidRows: 1, unknownColumns: [] });
    const aliased = planImport(await parseMemberFile(Buffer.from(`${HEADER},Email\nA,city,GE,A,a@x.example,youth,en,b@x.example\n`)), 'net');
    expect(aliased.duplicateColumns).toEqual([{ header: 'Email', column: 'contact_email', firstHeader: 'contact_email' }]);
    expect(planImport(await parseMemberFile(Buffer.from(`${HEADER}\nA,city,GE,A,a@x.example,youth,en\n`)), 'net').duplicateColumns).toEqual([]);
  });

  it('names missing columns and a repeated address', async () => {
    const plan = planImport(await parseMemberFile(Buffer.from(`${HEADER}\nA,city,GE,A,a@x.example,youth,en\nB,city,GE,B,A@X.example,youth,en\n`)), 'net');
    expect(plan.problems).toEqual([{ rowNumber: 3, column: 'contact_email', value: 'a@x.example', message: 'this address is already listed in row 2', code: 'duplicate', params: { value: 'a@x.example' } }]);
    expect(planImport(await parseMemberFile(Buffer.from('name,email\nA,a@x.example\n')), 'net').missingColumns).toEqual(['kind', 'country', 'contact_name', 'themes', 'languages']);
  });

  it('reads the first sheet of a workbook as text: rich text, formula results, numbers, dates, errors and gaps as a spreadsheet shows them', async () => {
    const sheet = await parseMemberFile(handWrittenWorkbook());
    expect(sheet).toEqual({ format: 'xlsx', needsEncodingConfirmation: false, ...HAND_WRITTEN_SHEET });
  });

  it('names a zip that is not a workbook, and a workbook with no sheet, as unreadable', async () => {
    const parts = unzipSync(handWrittenWorkbook());
    const withoutSheets = { ...parts, 'xl/workbook.xml': new TextEncoder().encode('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>') };
    await expect(parseMemberFile(zipSync(withoutSheets))).rejects.toThrow(UnreadableFile);
    const { 'xl/workbook.xml': _workbook, ...notAWorkbook } = parts;
    await expect(parseMemberFile(zipSync(notAWorkbook))).rejects.toThrow(UnreadableFile);
    await expect(parseMemberFile(zipSync({ 'notes.txt': new TextEncoder().encode('hello') }))).rejects.toThrow(UnreadableFile);
  });

  it('writes an XLSX export whose cells are text, never formulas, and reads back as written', async () => {
    const bytes = await safeXlsx('Members', ['name', 'rounds'], [['=HYPERLINK("http://evil.example","x")', 3], ['+1', 0], ['Kutaisi', 12]]);
    const parts = unzipSync(bytes);
    const sheetXml = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    expect(sheetXml).not.toMatch(/<f[ >]/);
    // Text is a shared or inline string cell; numbers are numbers.
    expect(sheetXml).not.toMatch(/<c [^>]*t="str"/);
    // The header row stays in view.
    expect(sheetXml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(strFromU8(parts['xl/workbook.xml']!)).toContain('name="Members"');
    const read = await parseMemberFile(bytes);
    expect(read.header).toEqual(['name', 'rounds']);
    expect(read.rows).toEqual([
      { rowNumber: 2, cells: ['\'=HYPERLINK("http://evil.example","x")', '3'] },
      { rowNumber: 3, cells: ["'+1", '0'] },
      { rowNumber: 4, cells: ['Kutaisi', '12'] },
    ]);
  });

  it('quotes values a spreadsheet would run as formulas', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', 'Kutaisi'].map(spreadsheetSafe)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", 'Kutaisi']);
  });

  it('writes a member\'s last activity in the XLSX export as a date cell (UTC, to the minute), which the spreadsheet sorts and formats as a date, not as text', async () => {
    const row = { name: 'Kutaisi', kind: 'city', country: 'GE', region: '', contactName: 'A', contactEmail: 'a@kutaisi.example', status: 'active', membership: 'approved', confirmedPartners: [], openProposals: 2, lastActivity: '2026-11-30T09:05:41.123Z' };
    const xlsx = await memberExportFile([row], 'xlsx', ',', 'uk');
    const sheet = await readSheet(Buffer.from(xlsx.body));
    expect(sheet[0]?.at(-1)).toBe('Остання активність (UTC)');
    // A date cell holds days as a fraction: read back, it is that minute give or take a millisecond.
    const lastActivity: unknown = sheet[1]?.at(-1);
    expect(lastActivity).toBeInstanceOf(Date);
    expect(Math.round((lastActivity as Date).getTime() / 60_000)).toBe(Date.parse('2026-11-30T09:05:00Z') / 60_000);
    const csv = new TextDecoder().decode((await memberExportFile([row], 'csv', ';', 'uk')).body);
    expect(csv.trimEnd().split('\r\n')[1]?.split(';').at(-1)).toBe('2026-11-30 09:05');
  });
});
