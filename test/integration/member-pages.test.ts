import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { CoordinatorStore, ProfileStore } from '@culturebridge/store';
import { call } from '../support/api-event.js';
import { bearer, createApi, profilesApiOptions } from '../support/profiles-api.js';
import { addNetworks, freshTable, type TestTable } from '../support/table.js';

/**
 * GET /networks/{id}/members answers one page at a time, with DynamoDB's own cursor: a network of
 * 10 000 answered everyone at once, slow and past Lambda's 6 MB response limit. On DynamoDB Local.
 */
let table: TestTable;
let api: ReturnType<typeof createApi>;
const X = 'eu4culture';
const Y = 'eunic-central-asia';
let coordinator: Record<string, string>;
let coordinatorOfBoth: Record<string, string>;
const ids: string[] = [];
const MEMBERS = 7;

beforeAll(async () => {
  table = await freshTable('member-pages');
  api = createApi(profilesApiOptions(table.doc, table.tableName));
  await addNetworks(table, [X, Y]);
  const profiles = new ProfileStore(table.doc, table.tableName);
  const now = new Date().toISOString();
  for (let i = 0; i < MEMBERS; i++) {
    const name = `City ${String(i).padStart(2, '0')}`;
    const input = validProfileInput({ name, networks: [X, Y], contact: { name, email: `culture${i}@city.example` } });
    ids.push((await profiles.create(input as never, { id: randomUUID(), status: 'active', now, membership: 'approved' })).id);
  }
  const coordinators = new CoordinatorStore(table.doc, table.tableName);
  await coordinators.add({ networkId: X, name: 'C', email: 'coordinator@eu4culture.example' });
  for (const networkId of [X, Y]) await coordinators.add({ networkId, name: 'B', email: 'coordinator@both.example' });
  coordinator = await bearer('coordinator@eu4culture.example', { networks: [X] });
  coordinatorOfBoth = await bearer('coordinator@both.example', { networks: [X, Y] });
});

const page = (query: string, headers = coordinator, network = X) => call(api, { method: 'GET', path: `/networks/${network}/members${query}`, headers });

describe('the members of a network, page by page', () => {
  it('follows the cursor through every member once, each page at most `limit` long, the last without a cursor', async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    for (let round = 0; round < MEMBERS + 2; round++) {
      const answer = await page(`?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(answer.status).toBe(200);
      const members = answer.body.members as { id: string; name: string; status: string }[];
      sizes.push(members.length);
      seen.push(...members.map((m) => m.id));
      expect(members.every((m) => m.status === 'active' && !('contact' in m))).toBe(true);
      cursor = answer.body.cursor as string | undefined;
      if (cursor === undefined) break;
    }
    expect(cursor).toBeUndefined();
    expect(sizes.slice(0, 2)).toEqual([3, 3]);
    expect(sizes.every((n) => n <= 3)).toBe(true);
    expect([...seen].sort()).toEqual([...ids].sort());
  });

  it('answers a sensible default page with no limit, and everyone of a small network in it', async () => {
    const answer = await page('');
    expect(answer.status).toBe(200);
    expect((answer.body.members as unknown[]).length).toBe(MEMBERS);
    expect(answer.body.cursor).toBeUndefined();
  });

  it('refuses a cursor that is not one it made, naming `cursor`, as RFC 9457 problem+json', async () => {
    const forged = Buffer.from(JSON.stringify({ GSI1PK: 'NETWORK#eu4culture', GSI1SK: 'PROFILE#x', PK: 'ADDRESS#y', SK: 'z' })).toString('base64url');
    for (const bad of ['not-a-cursor', '%%%', forged, Buffer.from('[]').toString('base64url')]) {
      const answer = await page(`?cursor=${encodeURIComponent(bad)}`);
      expect(answer.status, bad).toBe(400);
      expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((answer.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['cursor']);
    }
  });

  it("refuses a cursor of another network's list: it would start that list at a place the caller never reached", async () => {
    const first = await page('?limit=2', coordinatorOfBoth, Y);
    const cursor = String(first.body.cursor);
    expect((await page(`?limit=2&cursor=${encodeURIComponent(cursor)}`, coordinatorOfBoth, Y)).status).toBe(200);
    const elsewhere = await page(`?limit=2&cursor=${encodeURIComponent(cursor)}`, coordinatorOfBoth, X);
    expect(elsewhere.status).toBe(400);
    expect((elsewhere.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['cursor']);
  });

  it('refuses a limit that is not a whole number from 1 to the maximum, naming `limit`', async () => {
    for (const bad of ['0', '-1', '2.5', 'ten', '251', '']) {
      const answer = await page(`?limit=${bad}`);
      expect(answer.status, bad).toBe(400);
      expect((answer.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['limit']);
    }
    expect((await page('?limit=250')).status).toBe(200);
  });
});
