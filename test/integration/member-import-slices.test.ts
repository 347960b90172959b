import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_LIST_LIMITS } from '@culturebridge/domain';
import { CoordinatorStore, NetworkStore } from '@culturebridge/store';
import type { Platform } from '../../local/platform.js';
import { localMails } from '../../local/ses-local.js';
import { localSession } from '../../local/sessions.js';
import { platformDocumentClient, startTestPlatform } from '../support/platform.js';

/**
 * A member list larger than one call's time slice: the import answers where to continue, and the
 * client sends the same file again from there until every row is done. A slice of 0 ms here (read
 * by member-lists at cold start) makes each call take exactly one row, so the continuation is seen
 * on a three-row file instead of a 5 000-row one.
 */
let platform: Platform;
const net = `slc-${randomUUID().slice(0, 8)}`;
let coordinator: string;
const addr = (local: string) => `${local}@${net}.example`;

beforeAll(async () => {
  process.env.IMPORT_SLICE_MS = '0';
  platform = await startTestPlatform('member-import-slices');
  const doc = platformDocumentClient(platform);
  await new NetworkStore(doc, platform.tableName).put({ id: net, name: 'Slices network' }, new Date().toISOString());
  await new CoordinatorStore(doc, platform.tableName).add({ networkId: net, name: 'Coordinator', email: `coordinator@${net}.example` });
  coordinator = await localSession(platform.sessionKeyFile, `coordinator@${net}.example`, { networks: [net] });
});
afterAll(async () => {
  delete process.env.IMPORT_SLICE_MS;
  await platform?.stop();
});

const HEADER = 'name,kind,country,contact_name,contact_email,themes,languages';
const FILE = Buffer.from(
  [HEADER, `Ijevan,city,AM,I,${addr('ijevan')},youth,en`, `Broken,village,AM,B,not-an-address,youth,en`, `Sheki,city,AZ,S,${addr('sheki')},youth,en`, `Cahul,city,MD,C,${addr('cahul')},youth,en`].join('\n') + '\n',
);

interface Answer {
  status: number;
  body: {
    summary?: { created: number; updated: number; unchanged: number; kept: number; invalid: number };
    progress?: { done: number; total: number };
    continueFromRow?: number;
    errors?: { field: string; code: string; params?: { max?: number } }[];
  };
}

async function importFile(options: { dryRun?: boolean; fromRow?: number; file?: Buffer } = {}): Promise<Answer> {
  const { file = FILE, ...rest } = options;
  const response = await fetch(`${platform.apiUrl}/networks/${net}/imports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator}` },
    body: JSON.stringify({ file: file.toString('base64'), dryRun: false, ...rest }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const profileNames = async () => {
  const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
  const items = (await platformDocumentClient(platform).send(new ScanCommand({ TableName: platform.tableName, ConsistentRead: true }))).Items ?? [];
  return items.filter((i) => i.entity === 'Profile').map((i) => String(i.name)).sort();
};
const mailsTo = async (address: string) => (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(address));

describe('a member list imported in slices', () => {
  it('answers where to continue until every row is done; each row is imported and invited once, and a repeated call changes nothing', async () => {
    // A preview reads the whole file, whatever the slice.
    const preview = await importFile({ dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body.summary).toEqual({ created: 3, updated: 0, unchanged: 0, kept: 0, invalid: 1 });
    expect(preview.body.progress).toEqual({ done: 3, total: 3 });
    expect(preview.body.continueFromRow).toBeUndefined();

    const first = await importFile();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ summary: { created: 1, updated: 0, unchanged: 0, kept: 0, invalid: 1 }, progress: { done: 1, total: 3 }, continueFromRow: 4 });
    expect(await profileNames()).toEqual(['Ijevan']);

    const second = await importFile({ fromRow: 4 });
    expect(second.body).toMatchObject({ summary: { created: 1 }, progress: { done: 2, total: 3 }, continueFromRow: 5 });
    const last = await importFile({ fromRow: 5 });
    expect(last.body).toMatchObject({ summary: { created: 1 }, progress: { done: 3, total: 3 } });
    expect(last.body.continueFromRow).toBeUndefined();
    expect(await profileNames()).toEqual(['Cahul', 'Ijevan', 'Sheki']);

    // A call repeated after a lost answer finds its own rows done.
    const again = await importFile({ fromRow: 4 });
    expect(again.body).toMatchObject({ summary: { created: 0, unchanged: 1 }, continueFromRow: 5 });
    expect(await profileNames()).toEqual(['Cahul', 'Ijevan', 'Sheki']);
    for (const local of ['ijevan', 'sheki', 'cahul']) expect(await mailsTo(addr(local)), local).toHaveLength(1);
  });

  it('refuses fromRow on a preview, and names a file over a limit by its own code with the limit', async () => {
    const preview = await importFile({ dryRun: true, fromRow: 3 });
    expect(preview.status).toBe(400);
    expect(preview.body.errors?.map((e) => e.field)).toEqual(['fromRow']);
    // Past the file's last valid row (5): not an import that is done, but a row this file lacks.
    const past = await importFile({ fromRow: 99_999 });
    expect(past.status).toBe(400);
    expect(past.body.errors).toMatchObject([{ field: 'fromRow', code: 'too_big', params: { max: 5 } }]);

    const rows = Array.from({ length: MEMBER_LIST_LIMITS.rows + 1 }, (_, i) => `City ${i},city,GE,C,c${i}@${net}.example,youth,en`);
    const tooMany = await importFile({ dryRun: true, file: Buffer.from(`${HEADER}\n${rows.join('\n')}\n`) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toMatchObject([{ field: 'file', code: 'too_many_rows', params: { max: MEMBER_LIST_LIMITS.rows } }]);

    const tooLarge = await importFile({ dryRun: true, file: Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.alloc(MEMBER_LIST_LIMITS.fileBytes, 0x20)]) });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.errors).toMatchObject([{ field: 'file', code: 'file_too_large', params: { max: MEMBER_LIST_LIMITS.fileBytes } }]);
    expect(await profileNames()).toEqual(['Cahul', 'Ijevan', 'Sheki']);
  });
});
