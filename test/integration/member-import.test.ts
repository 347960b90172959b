import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { parse } from 'csv-parse/sync';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { CoordinatorStore, NetworkStore } from '@culturebridge/store';
import type { Platform } from '../../local/platform.js';
import { localMails } from '../../local/ses-local.js';
import { localSession } from '../../local/sessions.js';
import { platformDocumentClient, startTestPlatform, submitProfile } from '../support/platform.js';

/**
 * Member list import through the API on the whole local platform (DynamoDB Local, the outbox,
 * matching, SES local), with small files in each format and encoding a coordinator may have.
 */
let platform: Platform;
const net = `imp-${randomUUID().slice(0, 8)}`;
const coordinatorEmail = `coordinator@${net}.example`;
let coordinator: string;

const HEADER = ['name', 'kind', 'country', 'region', 'contact_name', 'contact_email', 'themes', 'languages', 'offers', 'needs', 'open_to_outside_network'];
const member = (name: string, country: string, region: string, email: string) => [name, 'city', country, region, `Culture department of ${name}`, email, 'climate-environment:high|cultural-heritage:medium', 'en', 'venue', 'curatorial-support', 'no'];
const addr = (local: string) => `${local}@${net}.example`;

/** Bytes of `text` in a single-byte code page, from the code page's own decoding table. */
function encodeSingleByte(text: string, encoding: string): Buffer {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((c) => {
    const byte = table.get(c);
    if (byte === undefined) throw new Error(`${c} is not in ${encoding}`);
    return byte;
  }));
}

const lines = (rows: string[][], delimiter: string) => rows.map((r) => r.map((c) => (c.includes(delimiter) || c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter)).join('\r\n') + '\r\n';

const FILES = {
  /** Excel's "CSV UTF-8" in a `;` locale: a byte-order mark and semicolons. */
  utf8BomSemicolon: () =>
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines([HEADER, member('Ijevan', 'AM', 'Tavush', addr('ijevan')), member('Şəki', 'AZ', 'Şəki-Zaqatala', addr('shaki'))], ';'))]),
  /** Excel's "Unicode text": UTF-16LE with a byte-order mark and tabs. */
  utf16Tabs: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines([HEADER, member('Zugdidi', 'GE', 'Samegrelo', addr('zugdidi'))], '\t'), 'utf16le')]),
  xlsx: async () => Buffer.from(await writeXlsxFile([HEADER, member('Cahul', 'MD', 'Cahul', addr('cahul'))], { sheet: 'Members' }).toBuffer()),
  /** A legacy Windows-1251 file with a `sep=` line, as older Excel versions save "CSV". */
  windows1251: () => encodeSingleByte(`sep=,\r\n${lines([HEADER, member('Полтава', 'UA', 'Полтавська область', addr('poltava')), member('Вінниця', 'UA', 'Вінницька область', addr('vinnytsia'))], ',')}`, 'windows-1251'),
  threeBadRows: () =>
    Buffer.from(
      lines(
        [
          HEADER,
          member('Orhei', 'MD', 'Orhei', addr('orhei')),
          member('=HYPERLINK("http://evil.example","x")', 'MD', 'Nowhere', 'not-an-address'),
          member('Rivne', 'XX', 'Rivne', addr('rivne')),
          ['Sevan', 'village', 'AM', 'Gegharkunik', 'S', addr('sevan'), 'underwater-basket-weaving', 'en', '', '', 'no'],
        ],
        ',',
      ),
    ),
};

/**
 * A workbook of 25 MB of text in one cell, about 25 KB zipped. Built before the platform starts:
 * building it holds this process (and the in-process API server) for seconds, which between two
 * requests lets the server close an idle keep-alive connection as fetch reuses it (ECONNRESET).
 */
let bomb: Buffer;
beforeAll(async () => {
  bomb = Buffer.from(await writeXlsxFile([HEADER, member('x'.repeat(25 * 1024 * 1024), 'MD', 'Cahul', addr('bomb'))]).toBuffer());
});

beforeAll(async () => {
  platform = await startTestPlatform('member-import');
  const doc = platformDocumentClient(platform);
  await new NetworkStore(doc, platform.tableName).put({ id: net, name: 'Import network' }, new Date().toISOString());
  await new CoordinatorStore(doc, platform.tableName).add({ networkId: net, name: 'Coordinator', email: coordinatorEmail });
  coordinator = await localSession(platform.sessionKeyFile, coordinatorEmail, { networks: [net] });
});
afterAll(async () => platform?.stop());

interface ImportAnswer {
  status: number;
  contentType: string | null;
  body: {
    summary?: { created: number; updated: number; unchanged: number; kept: number; invalid: number };
    problems?: { rowNumber: number; column: string; value: string; message: string; code: string }[];
    preview?: { rowNumber: number; name: string; outcome: string }[];
    encoding?: string | null;
    delimiter?: string | null;
    format?: string;
    needsEncodingConfirmation?: boolean;
    errorReportCsv?: string;
    errors?: { field: string; detail: string }[];
    duplicateColumns?: { header: string; column: string; firstHeader: string }[];
  };
}

async function importFile(file: Buffer, options: { dryRun?: boolean; encoding?: string; locale?: string } = {}): Promise<ImportAnswer> {
  const response = await fetch(`${platform.apiUrl}/networks/${net}/imports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator}` },
    body: JSON.stringify({ file: file.toString('base64'), dryRun: false, ...options }),
  });
  return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as ImportAnswer['body'] };
}

/** The table without rate counters and tokens (bookkeeping of sign-in, not member data). */
async function memberData() {
  const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
  const items = (await platformDocumentClient(platform).send(new ScanCommand({ TableName: platform.tableName, ConsistentRead: true }))).Items ?? [];
  return items.filter((i) => i.entity === 'Profile' || i.entity === 'Membership' || i.entity === 'Address').sort((a, b) => `${a.PK}${a.SK}`.localeCompare(`${b.PK}${b.SK}`));
}

/** The stored profiles with these names (id order follows the names). */
async function profilesNamed(names: readonly string[]) {
  const profiles = (await memberData()).filter((i) => i.entity === 'Profile');
  return names.map((n) => profiles.find((p) => p.name === n)).filter((p): p is NonNullable<typeof p> => p !== undefined) as { id: string; name: string }[];
}

const mailsTo = async (address: string) => (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(address));
/** Detail types of the events whose detail names one of these profile ids. */
const eventsAbout = (ids: readonly string[]) => platform.eventBridge.events.filter((e) => ids.some((id) => JSON.stringify(e.event.detail).includes(id))).map((e) => String(e.event['detail-type']));
const proposedFor = (name: string) => platform.eventBridge.events.filter((e) => e.event['detail-type'] === 'MatchProposed' && JSON.stringify(e.event.detail).includes(name));

describe('member list import', () => {
  it('previews each format and encoding as a dry run that writes and mails nothing', async () => {
    const before = await memberData();
    const bom = await importFile(FILES.utf8BomSemicolon(), { dryRun: true });
    expect(bom.status).toBe(200);
    expect(bom.body).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ';', needsEncodingConfirmation: false, summary: { created: 2, updated: 0, unchanged: 0, kept: 0, invalid: 0 }, problems: [] });
    expect(bom.body.preview).toEqual([{ rowNumber: 2, name: 'Ijevan', outcome: 'created' }, { rowNumber: 3, name: 'Şəki', outcome: 'created' }]);
    const utf16 = await importFile(FILES.utf16Tabs(), { dryRun: true });
    expect(utf16.body).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', preview: [{ rowNumber: 2, name: 'Zugdidi', outcome: 'created' }] });
    const xlsx = await importFile(await FILES.xlsx(), { dryRun: true });
    expect(xlsx.body).toMatchObject({ format: 'xlsx', preview: [{ rowNumber: 2, name: 'Cahul', outcome: 'created' }] });
    // A legacy file is decoded with the guessed code page for the preview, and says it needs confirming.
    const legacy = await importFile(FILES.windows1251(), { dryRun: true });
    expect(legacy.body).toMatchObject({ encoding: 'windows-1251', delimiter: ',', needsEncodingConfirmation: true });
    expect(legacy.body.preview).toEqual([{ rowNumber: 3, name: 'Полтава', outcome: 'created' }, { rowNumber: 4, name: 'Вінниця', outcome: 'created' }]);

    expect(await memberData()).toEqual(before);
    expect(await mailsTo(addr('ijevan'))).toEqual([]);
  });

  it('asks whether it is a preview: a body without dryRun is a 400 naming it, and nothing is stored or mailed', async () => {
    const before = await memberData();
    const response = await fetch(`${platform.apiUrl}/networks/${net}/imports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator}` },
      body: JSON.stringify({ file: Buffer.from(lines([HEADER, member('Telavi', 'GE', 'Kakheti', addr('telavi'))], ',')).toString('base64') }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ImportAnswer['body']).errors?.map((e) => e.field)).toEqual(['dryRun']);
    expect(await memberData()).toEqual(before);
    expect(await mailsTo(addr('telavi'))).toEqual([]);
  });

  it('refuses a header that names a column twice (name,name; email beside contact_email) as a 400 naming the repeated header; the preview names it; nothing is stored or mailed', async () => {
    const before = await memberData();
    const file = Buffer.from(lines([[...HEADER, 'Email'], [...member('Sighnaghi', 'GE', 'Kakheti', addr('sighnaghi')), addr('other')]], ','));
    const refused = await importFile(file);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toMatchObject([{ field: 'file', code: 'duplicate', params: { value: 'Email' }, detail: 'the header names the column contact_email twice ("contact_email" and "Email"); keep one' }]);
    const preview = await importFile(file, { dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ duplicateColumns: [{ header: 'Email', column: 'contact_email', firstHeader: 'contact_email' }], unknownColumns: [], preview: [] });
    expect(await memberData()).toEqual(before);
    expect(await mailsTo(addr('sighnaghi'))).toEqual([]);
  });

  it('refuses a workbook it cannot read as a 400 problem naming the file, storing and mailing nothing: a zip bomb, a zip of no workbook, a cut-off workbook', async () => {
    const before = await memberData();
    const workbook = await FILES.xlsx();
    const notAWorkbook = Buffer.from(zipSync({ 'notes.txt': strToU8('hello') }));
    for (const [file, detail] of [
      [bomb, /unpacks to more than 24 MB/],
      [notAWorkbook, /not a readable XLSX workbook/],
      [workbook.subarray(0, Math.floor(workbook.length / 2)), /not a readable XLSX workbook/],
    ] as const) {
      const response = await fetch(`${platform.apiUrl}/networks/${net}/imports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator}` },
        body: JSON.stringify({ file: file.toString('base64'), dryRun: false }),
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const errors = ((await response.json()) as { errors: { field: string; code: string; detail: string }[] }).errors;
      expect(errors).toEqual([expect.objectContaining({ field: 'file', code: 'unreadable_file', detail: expect.stringMatching(detail) })]);
    }
    expect(await memberData()).toEqual(before);
    expect(await mailsTo(addr('cahul'))).toEqual([]);
  });

  it('refuses a small workbook whose worksheet the reader would lay out densely (row 200 000 000, a value at XFD1048576, a cell with no position) or cannot read (rows out of order, answered in plain words) as a 400 problem naming the file, storing and mailing nothing', async () => {
    const before = await memberData();
    const parts = unzipSync(await FILES.xlsx());
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    const withRows = (rows: string) => Buffer.from(zipSync({ ...parts, 'xl/worksheets/sheet1.xml': strToU8(sheet.replace('</sheetData>', `${rows}</sheetData>`)) }));
    for (const [file, detail] of [
      [withRows('<row r="200000000"/>'), /reaches row 200000000;/],
      [withRows('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'), /reaches row 1048576;/],
      [withRows('<row r="3"><c t="inlineStr"><is><t>Ungheni</t></is></c></row>'), /a cell has no position/],
      [withRows('<row r="5"/><row r="4"/>'), /^The file is not a readable XLSX workbook\. Open it in a spreadsheet program and save it again as an Excel workbook \(\.xlsx\), or save it as CSV\.$/],
    ] as const) {
      expect(file.length).toBeLessThan(10_000);
      const answer = await importFile(file);
      expect(answer.status).toBe(400);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'file', code: 'unreadable_file', detail: expect.stringMatching(detail) })]);
    }
    expect(await memberData()).toEqual(before);
    expect(await mailsTo(addr('cahul'))).toEqual([]);
  });

  it('names each bad row with its row, column, value and message, and offers a report safe to open in a spreadsheet', async () => {
    const answer = await importFile(FILES.threeBadRows(), { dryRun: true });
    expect(answer.body.summary).toEqual({ created: 1, updated: 0, unchanged: 0, kept: 0, invalid: 3 });
    // Each with the API's code, so the page says it in the coordinator's language.
    expect(answer.body.problems?.map((p) => [p.rowNumber, p.column, p.value, p.code])).toEqual([
      [3, 'contact_email', 'not-an-address', 'invalid_email'],
      [4, 'country', 'XX', 'unknown_country'],
      [5, 'kind', 'village', 'unknown_value'],
      [5, 'themes', 'underwater-basket-weaving', 'unknown_value'],
    ]);
    expect(answer.body.problems?.[1]?.message).toMatch(/not an ISO 3166-1/);
    const report = parse(answer.body.errorReportCsv?.replace(/^\uFEFF/, '') ?? '', { columns: true }) as Record<string, string>[];
    expect(report).toHaveLength(4);
    expect(report[1]).toEqual({ Row: '4', Column: 'country', Value: 'XX', Problem: '“XX” is not a country code.' });
    // In the page's language when the request names it, as the page shows the problems.
    const russian = await importFile(FILES.threeBadRows(), { dryRun: true, locale: 'ru' });
    const inRussian = parse(russian.body.errorReportCsv?.replace(/^\uFEFF/, '') ?? '', { columns: true }) as Record<string, string>[];
    expect(inRussian[1]).toEqual({ Строка: '4', Столбец: 'country', Значение: 'XX', Ошибка: '«XX» не код страны.' });
    // The name cell of row 3 is not in the report; values that would run as formulas are quoted.
    const withFormula = await importFile(Buffer.from(lines([HEADER, ['Orhei', 'city', '=1+1', '', 'O', addr('orhei2'), 'youth', 'en', '', '', 'no']], ',')), { dryRun: true });
    expect(withFormula.body.errorReportCsv).toContain("'=1+1");
    expect(withFormula.body.errorReportCsv).not.toMatch(/[,;]=1\+1/);
    // A list saved with ";" (Excel where the list separator is ";") gets its report with ";" too,
    // or that Excel opens the report as one column.
    const semicolons = await importFile(Buffer.from(lines([HEADER, ['Orhei', 'city', 'XX', '', 'O', addr('orhei3'), 'youth', 'en', '', '', 'no']], ';')), { dryRun: true });
    expect(semicolons.body.delimiter).toBe(';');
    expect(semicolons.body.errorReportCsv?.replace(/^\uFEFF/, '').split('\r\n').slice(0, 2)).toEqual(['Row;Column;Value;Problem', '2;country;XX;“XX” is not a country code.']);
  });

  it('imports and invites; a second import changes nothing; nobody is matched before confirming', async () => {
    // An approved, active member the imported ones would match with.
    await submitProfile(platform, validProfileInput({ name: 'Gyumri', country: 'AM', networks: [net], openToOutsideNetwork: false, contact: { name: 'G', email: addr('gyumri') }, offers: ['curatorial-support'], needs: ['venue'], themes: [{ id: 'climate-environment', priority: 'high' }], languages: ['hy', 'en'] }));
    const files = [FILES.utf8BomSemicolon(), FILES.utf16Tabs(), await FILES.xlsx(), FILES.threeBadRows()];
    const first = await Promise.all(files.map((f) => importFile(f)));
    expect(first.map((a) => a.body.summary)).toEqual([
      { created: 2, updated: 0, unchanged: 0, kept: 0, invalid: 0 },
      { created: 1, updated: 0, unchanged: 0, kept: 0, invalid: 0 },
      { created: 1, updated: 0, unchanged: 0, kept: 0, invalid: 0 },
      { created: 1, updated: 0, unchanged: 0, kept: 0, invalid: 3 },
    ]);
    // The legacy file is refused until its encoding is confirmed, and stores nothing meanwhile.
    const stored = await memberData();
    const unconfirmed = await importFile(FILES.windows1251());
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.errors?.map((e) => e.field)).toEqual(['encoding']);
    expect(await memberData()).toEqual(stored);
    expect((await importFile(FILES.windows1251(), { encoding: 'windows-1251' })).body.summary).toEqual({ created: 2, updated: 0, unchanged: 0, kept: 0, invalid: 0 });

    // Each invitation names the network that listed the member and the profile it made.
    const invited = { ijevan: 'Ijevan', shaki: 'Şəki', zugdidi: 'Zugdidi', cahul: 'Cahul', orhei: 'Orhei', poltava: 'Полтава', vinnytsia: 'Вінниця' };
    for (const [local, name] of Object.entries(invited)) {
      const mails = await mailsTo(addr(local));
      expect(mails.map((m) => m.subject), local).toEqual([`CultureBridge · Import network: confirm the profile ${name}`]);
      expect(mails[0]?.body.text, local).toContain(`If ${name} is not your organisation, ignore this mail`);
    }
    await platform.settle();
    for (const name of ['Ijevan', 'Zugdidi', 'Cahul', 'Orhei', 'Полтава']) expect(proposedFor(name), name).toEqual([]);
    // Nor shown to partner systems: no event names or describes an imported member before it confirms.
    const importedIds = (await profilesNamed(['Ijevan', 'Zugdidi', 'Cahul', 'Orhei', 'Полтава'])).map((p) => p.id);
    expect(importedIds).toHaveLength(5);
    expect(eventsAbout(importedIds)).toEqual([]);
    const members = await fetch(`${platform.apiUrl}/networks/${net}/members`, { headers: { authorization: `Bearer ${coordinator}` } }).then((r) => r.json() as Promise<{ members: { name: string; status: string }[] }>);
    expect(members.members.find((m) => m.name === 'Ijevan')?.status).toBe('pending');

    // Importing the same lists again changes nothing, writes nothing and mails nobody.
    const before = await memberData();
    const second = await Promise.all([...files, FILES.windows1251()].map((f, i) => importFile(f, i === 4 ? { encoding: 'windows-1251' } : {})));
    expect(second.map((a) => a.body.summary?.created ?? -1)).toEqual([0, 0, 0, 0, 0]);
    expect(second.map((a) => a.body.summary?.updated ?? -1)).toEqual([0, 0, 0, 0, 0]);
    expect(second.map((a) => a.body.summary?.unchanged)).toEqual([2, 1, 1, 1, 2]);
    expect(await memberData()).toEqual(before);
    expect(await mailsTo(addr('ijevan'))).toHaveLength(1);

    // The member opens the invitation: confirmed, and only now matched.
    const link = /#\/sign-in\?token=([A-Za-z0-9_-]{43})/.exec((await mailsTo(addr('ijevan')))[0]?.body.text ?? '')?.[1];
    const verified = await fetch(`${platform.apiUrl}/auth/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link }) });
    expect(((await verified.json()) as { confirmed: string[] }).confirmed).toHaveLength(1);
    await platform.settle();
    expect(proposedFor('Ijevan').length).toBeGreaterThan(0);
    const [ijevan] = importedIds;
    expect(eventsAbout([ijevan as string]).filter((t) => !t.startsWith('Match'))).toEqual(['ProfileSubmitted', 'MembershipApproved']);
  });

  it('invites each new member in the language its row names, else in the one the import names, and keeps it as the member\'s mail language', async () => {
    const header = [...HEADER, 'locale'];
    const file = Buffer.from(
      lines([header, [...member('Kalush', 'UA', 'Ivano-Frankivsk', addr('kalush')), 'uk'], [...member('Poti', 'GE', 'Samegrelo', addr('poti')), ''], [...member('Goris', 'AM', 'Syunik', addr('goris')), 'xx']], ','),
    );
    const preview = await importFile(file, { dryRun: true, locale: 'ka' });
    expect(preview.body.problems?.map((p) => [p.rowNumber, p.column, p.value])).toEqual([[4, 'locale', 'xx']]);
    expect(preview.body.problems?.[0]?.message).toMatch(/not a language CultureBridge speaks/);

    const answer = await importFile(file, { locale: 'ka' });
    expect(answer.body.summary).toEqual({ created: 2, updated: 0, unchanged: 0, kept: 0, invalid: 1 });
    expect((await mailsTo(addr('kalush'))).map((m) => m.subject)).toEqual(['CultureBridge · Import network: підтвердьте профіль «Kalush»']);
    expect((await mailsTo(addr('poti'))).map((m) => m.subject)).toEqual(['CultureBridge · Import network: დაადასტურეთ პროფილი: Poti']);
    expect(await mailsTo(addr('goris'))).toEqual([]);
    const stored = (await memberData()).filter((i) => i.entity === 'Profile');
    expect(stored.find((p) => p.name === 'Kalush')?.locale).toBe('uk');
    expect(stored.find((p) => p.name === 'Poti')?.locale).toBe('ka');

    // A member's own choice stands: importing the list again with another language changes nothing.
    const again = await importFile(file, { locale: 'ro' });
    expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: 2, kept: 0, invalid: 1 });

    // An unknown default is the request's mistake: 400 naming it, nothing stored.
    const before = await memberData();
    const bad = await importFile(Buffer.from(lines([HEADER, member('Cahul2', 'MD', 'Cahul', addr('cahul2'))], ',')), { locale: 'klingon' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field)).toEqual(['locale']);
    expect(await memberData()).toEqual(before);
  });

  it('imports a list sent twice at once (a retry while the first call runs, two tabs) once: one profile and one invitation per address', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => member(`Twice ${i}`, 'GE', 'Imereti', addr(`twice-${i}`)));
    const file = Buffer.from(lines([HEADER, ...rows], ','));
    const answers = await Promise.all([importFile(file), importFile(file), importFile(file)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const created = answers.reduce((sum, a) => sum + (a.body.summary?.created ?? 0), 0);
    const unchanged = answers.reduce((sum, a) => sum + (a.body.summary?.unchanged ?? 0), 0);
    expect(created).toBe(40);
    expect(created + unchanged).toBe(120);
    const names = (await memberData()).filter((i) => i.entity === 'Profile' && String(i.name).startsWith('Twice ')).map((i) => String(i.name));
    expect(names).toHaveLength(40);
    expect(new Set(names).size).toBe(40);
    for (const i of [0, 17, 39]) expect(await mailsTo(addr(`twice-${i}`)), `twice-${i}`).toHaveLength(1);

    // The list changed, sent twice at once again: each listed member is updated once, never a 500.
    const changed = Buffer.from(lines([HEADER, ...rows.map((r) => r.map((c) => (c === 'Imereti' ? 'Racha' : c)))], ','));
    const again = await Promise.all([importFile(changed), importFile(changed)]);
    expect(again.map((a) => a.status)).toEqual([200, 200]);
    expect(again.reduce((sum, a) => sum + (a.body.summary?.updated ?? 0), 0)).toBe(40);
    expect(again.reduce((sum, a) => sum + (a.body.summary?.unchanged ?? 0), 0)).toBe(40);
  });

  it('keeps a profile its member wrote on the form, even before confirming it: the list does not rewrite it', async () => {
    // Submitted from the form without a session: pending until its contact confirms.
    const submitted = await fetch(`${platform.apiUrl}/profiles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(validProfileInput({ name: 'Dilijan', country: 'AM', region: 'Tavush', networks: [net], contact: { name: 'D', email: addr('dilijan') }, languages: ['hy', 'en'], mailFrequency: 'weekly', locale: 'hy' })),
    });
    expect(((await submitted.json()) as { status: string }).status).toBe('pending');
    const before = (await memberData()).find((i) => i.entity === 'Profile' && i.name === 'Dilijan');
    const answer = await importFile(Buffer.from(lines([[...HEADER, 'locale'], [...member('Dilijan rewritten', 'AM', 'Lori', addr('dilijan')), 'ro']], ',')), { locale: 'ka' });
    expect(answer.body.summary).toEqual({ created: 0, updated: 0, unchanged: 0, kept: 1, invalid: 0 });
    const after = (await memberData()).find((i) => i.entity === 'Profile' && i.contact?.email === addr('dilijan'));
    expect(after).toEqual(before);
  });

  it('never changes a profile its member confirmed, in this network or another: the list\'s row is kept out, only a request to join is approved', async () => {
    const other = `imp2-${randomUUID().slice(0, 8)}`;
    const doc = platformDocumentClient(platform);
    await new NetworkStore(doc, platform.tableName).put({ id: other, name: 'Another network' }, new Date().toISOString());
    // A member of another network, and a member of this one that wrote its own profile.
    const elsewhereId = await submitProfile(platform, validProfileInput({ name: 'Sisian', country: 'AM', networks: [other], contact: { name: 'S', email: addr('sisian') }, languages: ['hy', 'en'] }));
    // Submitted signed in, so active, and asking to join (nobody approved it yet).
    const ozurgeti = await localSession(platform.sessionKeyFile, addr('ozurgeti'), { profiles: [] });
    const submitted = await fetch(`${platform.apiUrl}/profiles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ozurgeti}` },
      body: JSON.stringify(validProfileInput({ name: 'Ozurgeti', country: 'GE', networks: [net], contact: { name: 'O', email: addr('ozurgeti') }, languages: ['ka', 'en'] })),
    });
    const ownId = ((await submitted.json()) as { id: string }).id;
    const profileItems = async () => (await memberData()).filter((i) => i.entity === 'Profile' && (i.id === elsewhereId || i.id === ownId));
    const before = await profileItems();
    const eventsBefore = eventsAbout([elsewhereId, ownId]).length;
    const file = Buffer.from(lines([HEADER, member('Taken over', 'AM', 'Syunik', addr('sisian')), member('Ozurgeti rewritten', 'GE', 'Guria', addr('ozurgeti'))], ','));

    const preview = await importFile(file, { dryRun: true });
    expect(preview.body.summary).toEqual({ created: 0, updated: 0, unchanged: 0, kept: 2, invalid: 0 });
    expect(preview.body.preview?.map((r) => r.outcome)).toEqual(['kept', 'kept']);
    const answer = await importFile(file);
    expect(answer.body.summary).toEqual({ created: 0, updated: 0, unchanged: 0, kept: 2, invalid: 0 });
    await platform.settle();
    // Data, networks and status as the members left them; nothing published, nobody mailed.
    const after = await profileItems();
    const data = (items: typeof before) => items.map((p) => [p.name, p.region, p.themes, p.networks, p.status, p.contact]);
    expect(data(after)).toEqual(data(before));
    const byId = (items: typeof before, id: string) => items.find((p) => p.id === id);
    expect(byId(after, elsewhereId)).toEqual(byId(before, elsewhereId));
    // Listing a member that asked to join is the coordinator vouching for it.
    expect(byId(before, ownId)?.memberships).toEqual({ [net]: 'requested' });
    expect(byId(after, ownId)?.memberships).toEqual({ [net]: 'approved' });
    expect(eventsAbout([elsewhereId, ownId]).slice(eventsBefore).filter((t) => t === 'ProfileUpdated')).toEqual([]);
    expect(await mailsTo(addr('sisian'))).toEqual([]);
    const asCoordinator = await fetch(`${platform.apiUrl}/profiles/${elsewhereId}`, { headers: { authorization: `Bearer ${coordinator}` } });
    expect(asCoordinator.status).toBe(404);
  });
});
