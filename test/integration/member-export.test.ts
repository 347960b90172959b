import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from 'read-excel-file/node';
import { parse } from 'csv-parse/sync';
import { localeData } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { CoordinatorStore, NetworkStore } from '@culturebridge/store';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.js';
import { LOCAL_CONFIGURATION_SET, LOCAL_SENDER, type Platform } from '../../local/platform.js';
import { localMails } from '../../local/ses-local.js';
import { localSession } from '../../local/sessions.js';
import { platformDocumentClient, sharedMemberApi, startTestPlatform, submitProfile } from '../support/platform.js';

/**
 * The member export (API and command line) and the import command, on the local platform. The
 * command runs as an operator would run it against AWS (TABLE_NAME and the stack's settings), with
 * the SDK's endpoint variables pointing it at DynamoDB Local and SES local.
 */
let platform: Platform;
const net = `exp-${randomUUID().slice(0, 8)}`;
let coordinator: string;
const dir = mkdtempSync(join(tmpdir(), 'members-cli-'));
const run = promisify(execFile);

/** The command as an operator runs it, in the terminal language `lang` (LANG; C: none, so English). */
function cli(...args: string[]) {
  return cliIn('C.UTF-8', ...args);
}

function cliIn(lang: string, ...args: string[]) {
  return run('npx', ['tsx', 'scripts/members.ts', ...args], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      LANG: lang,
      LC_ALL: '',
      LC_MESSAGES: '',
      TABLE_NAME: platform.tableName,
      DYNAMODB_ENDPOINT: platform.dynamodbEndpoint,
      AWS_ENDPOINT_URL_SESV2: platform.ses.endpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      SENDER_EMAIL: LOCAL_SENDER,
      CONFIGURATION_SET: LOCAL_CONFIGURATION_SET,
      APP_BASE_URL: platform.apiUrl,
    },
  });
}

const kutaisi = validProfileInput({ name: 'Kutaisi', country: 'GE', networks: [], openToOutsideNetwork: false, contact: { name: 'K', email: `k@${net}.example` }, offers: ['venue'], needs: ['curatorial-support'], themes: [{ id: 'climate-environment', priority: 'high' }] });
const gyumri = validProfileInput({ name: '=Gyumri', country: 'AM', networks: [], openToOutsideNetwork: false, contact: { name: 'G', email: `g@${net}.example` }, offers: ['curatorial-support'], needs: ['venue'], themes: [{ id: 'climate-environment', priority: 'high' }], languages: ['hy', 'en'] });

beforeAll(async () => {
  platform = await startTestPlatform('member-export');
  const doc = platformDocumentClient(platform);
  await new NetworkStore(doc, platform.tableName).put({ id: net, name: 'Export network' }, new Date().toISOString());
  await new CoordinatorStore(doc, platform.tableName).add({ networkId: net, name: 'C', email: `c@${net}.example` });
  coordinator = await localSession(platform.sessionKeyFile, `c@${net}.example`, { networks: [net] });
  const k = await submitProfile(platform, { ...kutaisi, networks: [net] });
  const g = await submitProfile(platform, { ...gyumri, networks: [net] });
  await platform.settle();
  const api = sharedMemberApi(platform);
  expect((await api.call('POST', `/matches/${k}/${g}/accept`)).body.state).toBe('accepted');
  expect((await api.call('POST', `/matches/${g}/${k}/accept`)).body.state).toBe('confirmed');
});
afterAll(async () => platform?.stop());

async function exported(query: string): Promise<{ status: number; type: string; bytes: Buffer }> {
  const response = await fetch(`${platform.apiUrl}/networks/${net}/export${query}`, { headers: { authorization: `Bearer ${coordinator}` } });
  return { status: response.status, type: response.headers.get('content-type') ?? '', bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('member export', () => {
  it('lists members with status, confirmed partners, open proposals and last activity, as CSV with , or ; and as XLSX', async () => {
    const csv = await exported('?format=csv&delimiter=%3B');
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(csv.bytes.toString('utf8').slice(1), { columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(rows.map((r) => [r.Name, r.Kind, r.Country, r.Status, r.Membership, r['Confirmed partners'], r['Open proposals']])).toEqual([
      // A name a spreadsheet would run as a formula is written so that it does not.
      ["'=Gyumri", 'City', 'Armenia', 'active', 'approved', 'Kutaisi', '0'],
      ['Kutaisi', 'City', 'Georgia', 'active', 'approved', "'=Gyumri", '0'],
    ]);
    expect(rows[1]?.['Contact e-mail']).toBe(`k@${net}.example`);
    // A time every spreadsheet reads as a date and shows in its own format (an ISO instant stays text).
    expect(rows[1]?.['Last activity (UTC)']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    // In the coordinator's language (the page sends its own): headers and words, the country by name.
    const ka = parse((await exported('?format=csv&delimiter=%3B&locale=ka')).bytes.toString('utf8').slice(1), { delimiter: ';' }) as string[][];
    const kaWords = localeData('ka').messages as { memberExport: Record<string, string | Record<string, string>>; kind: Record<string, string> };
    expect(ka[0]?.slice(0, 3)).toEqual([kaWords.memberExport.name, kaWords.memberExport.kind, kaWords.memberExport.country]);
    expect(ka[2]?.slice(0, 3)).toEqual(['Kutaisi', kaWords.kind.city, 'საქართველო']);
    expect(ka[2]?.slice(6, 8)).toEqual(['აქტიური', 'დამტკიცებული']);

    const xlsx = await exported('?format=xlsx&locale=ru');
    expect(xlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheet = await readSheet(xlsx.bytes);
    expect(sheet[0]).toContain('Подтверждённые партнёры');
    expect(sheet[2]?.slice(0, 3)).toEqual(['Kutaisi', 'Город', 'Грузия']);

    const bad = await exported('?format=pdf&delimiter=%7C&locale=xx');
    expect(bad.status).toBe(400);
    expect((JSON.parse(bad.bytes.toString()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['format', 'delimiter', 'locale']);
  });

  it('imports from the command line with a progress bar, a dry run writing nothing, and exports from it', async () => {
    const file = join(dir, 'members.csv');
    writeFileSync(file, `name;kind;country;contact_name;contact_email;themes;languages\nCahul;city;MD;C;cahul@${net}.example;youth:high;ro|en\nOrhei;town;MD;O;orhei@${net}.example;youth;ro\n`);
    const dry = await cli('import', '--network', net, '--dry-run', file);
    // The web page's words: the preview's summary, each problem as the page and the error report word it.
    expect(dry.stdout).toContain('CSV, utf-8, separated by ";": 2 rows. Would create 1, update 0, leave 0 unchanged, keep 0 as their members\'; 1 invalid.');
    expect(dry.stdout).toContain('Row 3, kind "town": “town” is not one of the choices.\n');
    expect(dry.stdout).toContain('Dry run: nothing was written.');
    // The list is separated by ";", so is its error report (the Excel that wrote it opens it in columns).
    expect(readFileSync(join(dir, 'members-errors.csv'), 'utf8')).toMatch(/^\uFEFFRow;Column;Value;Problem\r\n/);
    expect((await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(`cahul@${net}.example`))).toEqual([]);

    // --locale: the report's language, and the invitations' where the list names none.
    const refused = (await cli('import', '--network', net, '--locale', 'xx', file).catch((error: unknown) => error)) as { code?: number; stderr?: string };
    expect(refused).toMatchObject({ code: 2 });
    expect(refused.stderr).toContain('--locale must be one of en, ru, uk');
    const real = await cliIn('uk_UA.UTF-8', 'import', '--network', net, '--locale', 'ro', file);
    expect(real.stdout).toContain('CSV, utf-8, separat prin „;”: rânduri: 2. Se vor crea: 1, actualiza: 0, neschimbate: 0, rămân ale membrilor: 0; invalide: 1.');
    expect(real.stdout).toMatch(/^Rând 3, kind "town": /m);
    expect(real.stdout).toContain('Creați: 1, actualizați: 0, neschimbați: 0, rămași ai membrilor: 0, invalizi: 1. Membrii noi au primit o invitație să își confirme profilul.');
    expect(real.stdout).not.toMatch(/created|Створено/);
    // The progress bar counts in the report's language too.
    expect(real.stderr).toMatch(/1\/1 rânduri/);
    expect(readFileSync(join(dir, 'members-errors.csv'), 'utf8')).toMatch(/^\uFEFFRând;Coloană;Valoare;Problemă\r\n.*town/s);
    expect((await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(`cahul@${net}.example`)).map((m) => m.subject)).toEqual([
      'CultureBridge · Export network: confirmați profilul Cahul',
    ]);
    // A file it cannot read, and a network it does not know, are said in the report's language.
    const garbage = join(dir, 'garbage.xlsx');
    writeFileSync(garbage, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    const unreadable = (await cliIn('uk_UA.UTF-8', 'import', '--network', net, garbage).catch((error: unknown) => error)) as { code?: number; stderr?: string };
    expect(unreadable).toMatchObject({ code: 1 });
    expect(unreadable.stderr).toContain('Файл не читається як CSV або XLSX.');
    const unknown = (await cliIn('uk_UA.UTF-8', 'export', '--network', 'no-such-network').catch((error: unknown) => error)) as { code?: number; stderr?: string };
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.stderr).toContain('«no-such-network»');
    // Without --locale, the terminal's language (LANG); the invitations stay English then.
    expect((await cliIn('uk_UA.UTF-8', 'import', '--network', net, file)).stdout).toContain('Створено: 0, оновлено: 0, без змін: 1, лишилося як в учасника: 0, з помилками: 1.');
    expect((await cli('import', '--network', net, file)).stdout).toContain('Created 0, updated 0, unchanged 1, kept as their members\' 0, invalid 1.');

    const out = join(dir, 'members.xlsx');
    await cli('export', '--network', net, '--format', 'xlsx', '--out', out);
    const sheet = await readSheet(readFileSync(out));
    expect(sheet.slice(1).map((row) => row[0])).toEqual(["'=Gyumri", 'Cahul', 'Kutaisi']);
    // The terminal's language, as the import's report (English here).
    expect(sheet[0]?.[6]).toBe('Status');
    expect(sheet[2]?.[6]).toBe('pending');
    await cliIn('uk_UA.UTF-8', 'export', '--network', net, '--format', 'xlsx', '--out', out);
    expect((await readSheet(readFileSync(out)))[0]?.[6]).toBe('Статус');
  });
});
