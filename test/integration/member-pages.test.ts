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
const asking: string[] = [];
const rejected: string[] = [];

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
  // Five asking to join X (and members of Y), five taken out of X: the dashboard's other two lists.
  for (let i = 0; i < 10; i++) {
    const name = `Town ${String(i).padStart(2, '0')}`;
    const input = validProfileInput({ name, networks: [X], contact: { name, email: `culture${i}@town.example` } });
    const id = (await profiles.create(input as never, { id: randomUUID(), status: 'active', now, membership: i < 5 ? 'requested' : 'approved' })).id;
    if (i < 5) asking.push(id);
    else {
      await profiles.setMembership(id, X, 'rejected', now);
      rejected.push(id);
    }
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

describe("a network's join requests and those it rejected, page by page", () => {
  const everyPage = async (list: 'requests' | 'rejected', limit: number) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const answer = await call(api, { method: 'GET', path: `/networks/${X}/${list}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, headers: coordinator });
      expect(answer.status, list).toBe(200);
      const page = answer.body[list] as { id: string }[];
      expect(page.length).toBeLessThanOrEqual(limit);
      seen.push(...page.map((p) => p.id));
      cursor = answer.body.cursor as string | undefined;
      pages++;
    } while (cursor !== undefined && pages < 20);
    expect(cursor).toBeUndefined();
    return { seen: seen.sort(), pages };
  };

  it('follows the cursor through everyone asking to join, and everyone rejected, once', async () => {
    expect(await everyPage('requests', 2)).toEqual({ seen: [...asking].sort(), pages: 3 });
    expect(await everyPage('rejected', 2)).toEqual({ seen: [...rejected].sort(), pages: 3 });
  });

  it("refuses a bad limit, or another list's cursor, naming it", async () => {
    const membersCursor = String((await page('?limit=1')).body.cursor);
    for (const list of ['requests', 'rejected']) {
      for (const [query, field] of [['limit=0', 'limit'], [`cursor=${encodeURIComponent(membersCursor)}`, 'cursor']] as const) {
        const answer = await call(api, { method: 'GET', path: `/networks/${X}/${list}?${query}`, headers: coordinator });
        expect(answer.status, `${list} ${query}`).toBe(400);
        expect((answer.body.errors as { field: string }[]).map((e) => e.field)).toEqual([field]);
      }
    }
  });
});
