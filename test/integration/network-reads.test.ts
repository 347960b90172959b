import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { pairKey, type MatchState } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { ActivityStore, CoordinatorStore, MatchStore, ProfileStore, sortedPair } from '@culturebridge/store';
import { call } from '../support/api-event.js';
import { bearer, createApi, profilesApiOptions } from '../support/profiles-api.js';
import { addNetworks, freshTable, type TestTable } from '../support/table.js';

/**
 * The dashboard's network reads cost what they answer, not the network's size: the activity feed
 * read every member's whole profile (10 000 profiles for a week's names). On DynamoDB Local, with
 * the store counting the read units DynamoDB reports.
 */
let table: TestTable;
let api: ReturnType<typeof createApi>;
let matches: MatchStore;
const X = 'eu4culture';
const MEMBERS = 120;
const ids: string[] = [];
let left: string;
let erased: string;
let coordinator: Record<string, string>;

beforeAll(async () => {
  table = await freshTable('network-reads');
  matches = new MatchStore(table.doc, table.tableName, { measureCapacity: true });
  api = createApi(profilesApiOptions(table.doc, table.tableName, { matches }));
  await addNetworks(table, [X]);
  const profiles = new ProfileStore(table.doc, table.tableName);
  const now = new Date().toISOString();
  const names = [...Array.from({ length: MEMBERS }, (_, i) => `City ${String(i).padStart(3, '0')}`), 'Left', 'Erased'];
  for (let i = 0; i < names.length; i += 20) {
    const created = await Promise.all(
      names.slice(i, i + 20).map((name) =>
        profiles.create(validProfileInput({ name, networks: [X], contact: { name, email: `${name.replace(' ', '-').toLowerCase()}@city.example` } }) as never, { id: randomUUID(), status: 'active', now, membership: 'approved' }),
      ),
    );
    ids.push(...created.map((p) => p.id));
  }
  erased = ids.pop() as string;
  left = ids.pop() as string;
  await profiles.setMembership(left, X, 'rejected', now);
  await profiles.erase(erased);
  await new CoordinatorStore(table.doc, table.tableName).add({ networkId: X, name: 'C', email: 'coordinator@eu4culture.example' });
  coordinator = await bearer('coordinator@eu4culture.example', { networks: [X] });
});

const get = (path: string) => call(api, { method: 'GET', path, headers: coordinator });

/**
 * Every page of `path` (its query in `query`), following the answers' `cursor`: their bodies, in
 * order. Each answer must be a 200, and the last one must have no cursor within 20 pages.
 */
async function pagesOf(path: string, query: string, read: (path: string) => ReturnType<typeof get> = get): Promise<Record<string, unknown>[]> {
  const bodies: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const answer = await read(`${path}?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(answer.status).toBe(200);
    bodies.push(answer.body);
    cursor = answer.body.cursor as string | undefined;
  } while (cursor !== undefined && bodies.length < 20);
  expect(cursor).toBeUndefined();
  return bodies;
}

/** Each query sent to `path` is a 400 problem naming exactly those fields (RFC 9457). */
async function refusedNaming(path: string, cases: readonly [string, string[]][]): Promise<void> {
  for (const [query, fields] of cases) {
    const answer = await get(`${path}?${query}`);
    expect(answer.status, query).toBe(400);
    expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((answer.body.errors as { field: string }[]).map((e) => e.field), query).toEqual(fields);
  }
}

describe("a network's activity", () => {
  it('names the members its entries name, reading their membership items only, not the whole network', async () => {
    const activity = new ActivityStore(table.doc, table.tableName);
    const at = new Date().toISOString();
    const entry = (profileIds: string[], n: number) => ({ eventId: `e-${n}`, type: 'MatchProposed' as const, occurredAt: at, networkId: X, profileIds });
    await activity.record(entry([ids[0] as string, ids[1] as string], 1));
    await activity.record(entry([left, erased], 2));

    const before = matches.consumedReadUnits;
    const answer = await get(`/networks/${X}/activity`);
    expect(answer.status).toBe(200);
    const names = (answer.body.thisWeek as { eventId: string; names: (string | null)[] }[]).map((e) => [e.eventId, e.names]).sort();
    // A member who left the network, and one erased, are named by nobody, as before.
    expect(names).toEqual([
      ['e-1', ['City 000', 'City 001']],
      ['e-2', [null, null]],
    ]);
    // Four membership items (at most 1 KB each, eventually consistent); the network index of 120 members read ~15.
    expect(matches.consumedReadUnits - before).toBeLessThanOrEqual(2);
  });
});

describe("a network's matches, page by page", () => {
  // The route answered every match of the network at once: 25 000 matches of 10 000 members are
  // about 9 MB of JSON, past Lambda's 6 MB response limit.
  const listed = new Set<string>();
  beforeAll(async () => {
    const at = new Date().toISOString();
    const pair = async (a: string, b: string, state: MatchState, score: number) => {
      await matches.put({ matchId: pairKey(a, b), profileIds: sortedPair(a, b), state, acceptedBy: [], score, summary: 'x', reasons: [], sharedNetworks: [X], version: 1, proposedAt: at, updatedAt: at }, undefined);
      return pairKey(a, b);
    };
    // Seven pairs of members (a member with several partners: one projection item holds several).
    for (const [i, j] of [[0, 1], [0, 2], [0, 3], [4, 5], [6, 7], [8, 9], [2, 3]] as const) listed.add(await pair(ids[i] as string, ids[j] as string, 'proposed', 50 + i + j));
    // Not listed: a withdrawn pair, and a pair with the member who left.
    await pair(ids[10] as string, ids[11] as string, 'withdrawn', 90);
    await pair(ids[12] as string, left, 'proposed', 90);
  });

  it('follows the cursor through every live match between members once, each page at most `limit` long', async () => {
    const seen: string[] = [];
    const pages = await pagesOf(`/networks/${X}/matches`, 'limit=3');
    for (const body of pages) {
      const page = body.matches as { matchId: string; names: string[] }[];
      expect(page.length).toBeLessThanOrEqual(3);
      seen.push(...page.map((m) => m.matchId));
      expect(page.every((m) => m.names.every((n) => n.startsWith('City ')))).toBe(true);
    }
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect([...seen].sort()).toEqual([...listed].sort());
  });

  it('answers every match of a small network in one default page, best first as before', async () => {
    const answer = await get(`/networks/${X}/matches`);
    const page = answer.body.matches as { matchId: string; score: number }[];
    expect(answer.body.cursor).toBeUndefined();
    expect(page.map((m) => m.matchId).sort()).toEqual([...listed].sort());
    expect(page.map((m) => m.score)).toEqual([...page.map((m) => m.score)].sort((a, b) => b - a));
  });

  it('with names=omit answers the pairs without names and reads only the projection, leaving the non-member pair to the client', async () => {
    // Each page named its members by a BatchGetItem of their membership items (half a unit each):
    // the dashboard, which reads every page and every member anyway, paid 12 times the projection.
    const seen: { matchId: string; names?: unknown }[] = [];
    let omitted = 0;
    const measured = async (path: string) => {
      const start = matches.consumedReadUnits;
      const answer = await get(path);
      omitted += matches.consumedReadUnits - start;
      return answer;
    };
    for (const body of await pagesOf(`/networks/${X}/matches`, 'limit=3&names=omit', measured)) seen.push(...(body.matches as { matchId: string; names?: unknown }[]));
    // The same pages of the projection, read by the store alone.
    let projection = 0;
    let after: [string, string] | undefined;
    do {
      const start = matches.consumedReadUnits;
      const page = await matches.networkMatchesPage(X, { limit: 3, ...(after ? { after } : {}) });
      projection += matches.consumedReadUnits - start;
      after = page.last;
    } while (after !== undefined);
    expect(projection).toBeGreaterThan(0);
    expect(omitted).toBe(projection);
    expect(seen.every((m) => m.names === undefined)).toBe(true);
    // The pair with the member who left is the client's to drop (it has read the members); withdrawn pairs stay out.
    const withLeft = pairKey(ids[12] as string, left);
    expect(seen.map((m) => m.matchId).sort()).toEqual([...listed, withLeft].sort());
    const byDefault = await get(`/networks/${X}/matches`);
    expect((byDefault.body.matches as { matchId: string }[]).map((m) => m.matchId)).not.toContain(withLeft);
  });

  it('refuses a bad limit, a cursor not made for this list or a names other than omit, naming each (RFC 9457)', async () => {
    const memberCursor = String((await get(`/networks/${X}/members?limit=1`)).body.cursor);
    const cases: [string, string[]][] = [
      ['limit=0', ['limit']],
      ['limit=x', ['limit']],
      ['cursor=garbage', ['cursor']],
      [`cursor=${encodeURIComponent(memberCursor)}`, ['cursor']],
      ['names=none', ['names']],
      ['names=', ['names']],
      ['limit=0&names=OMIT', ['limit', 'names']],
    ];
    await refusedNaming(`/networks/${X}/matches`, cases);
  });
});

describe("a network's activity, page by page", () => {
  // The route answered two weeks of entries at once, however many there were: a network of
  // thousands, matched again, writes tens of thousands of entries a week.
  const Y = 'activity-pages';
  let both: Record<string, string>;
  const expected: string[] = [];
  let thisWeekFrom = '';
  beforeAll(async () => {
    await addNetworks(table, [Y]);
    await new CoordinatorStore(table.doc, table.tableName).add({ networkId: Y, name: 'C', email: 'coordinator@eu4culture.example' });
    both = await bearer('coordinator@eu4culture.example', { networks: [X, Y] });
    const activity = new ActivityStore(table.doc, table.tableName);
    const now = Date.now();
    const monday = Date.parse((await call(api, { method: 'GET', path: `/networks/${Y}/activity`, headers: both })).body.thisWeekFrom as string);
    thisWeekFrom = new Date(monday).toISOString();
    // Seven this week (up to now) and six last week, two of them at the same instant; one before last week, not listed.
    const times = [
      ...Array.from({ length: 7 }, (_, i) => monday + Math.floor(((now - monday) * (7 - i)) / 8)),
      ...Array.from({ length: 5 }, (_, i) => monday - 3_600_000 - i * 86_400_000),
      monday - 3_600_000 - 4 * 86_400_000,
    ];
    for (const [n, time] of times.entries()) {
      const eventId = randomUUID();
      await activity.record({ eventId, type: 'MatchProposed', occurredAt: new Date(time).toISOString(), networkId: Y, profileIds: [ids[n % 10] as string, ids[(n + 1) % 10] as string] });
      expected.push(`${new Date(time).toISOString()}#${eventId}`);
    }
    await activity.record({ eventId: randomUUID(), type: 'MatchProposed', occurredAt: new Date(monday - 8 * 86_400_000).toISOString(), networkId: Y, profileIds: [ids[0] as string] });
    expected.sort().reverse();
  });

  const getY = (path: string) => call(api, { method: 'GET', path, headers: both });
  type Entry = { eventId: string; occurredAt: string; names: (string | null)[] };

  it('follows the cursor through both weeks once, newest first across pages, each page at most `limit` long', async () => {
    const seen: string[] = [];
    const weeks: string[] = [];
    const pages = await pagesOf(`/networks/${Y}/activity`, 'limit=3', getY);
    for (const body of pages) {
      const thisWeek = body.thisWeek as Entry[];
      const lastWeek = body.lastWeek as Entry[];
      expect(thisWeek.length + lastWeek.length).toBeLessThanOrEqual(3);
      for (const e of [...thisWeek, ...lastWeek]) {
        seen.push(`${e.occurredAt}#${e.eventId}`);
        // Members of the other network: not named here.
        expect(e.names).toEqual([null, null]);
      }
      weeks.push(...thisWeek.map(() => 'this'), ...lastWeek.map(() => 'last'));
      expect(thisWeek.every((e) => e.occurredAt >= thisWeekFrom) && lastWeek.every((e) => e.occurredAt < thisWeekFrom)).toBe(true);
    }
    expect(pages.length).toBeGreaterThanOrEqual(5);
    // Every entry of the two weeks once, in the order of one answer: newest first, this week before last.
    expect(seen).toEqual(expected);
    expect(weeks).toEqual([...Array(7).fill('this'), ...Array(6).fill('last')]);
  });

  it('answers both weeks of a quiet network in one default page, as before', async () => {
    const answer = await getY(`/networks/${Y}/activity`);
    expect(answer.body.cursor).toBeUndefined();
    expect([...(answer.body.thisWeek as Entry[]), ...(answer.body.lastWeek as Entry[])].map((e) => `${e.occurredAt}#${e.eventId}`)).toEqual(expected);
  });

  it("refuses a bad limit, and a cursor of another network, of another list or made up, naming each (RFC 9457)", async () => {
    const otherNetwork = String((await getY(`/networks/${Y}/activity?limit=1`)).body.cursor);
    const membersCursor = String((await get(`/networks/${X}/members?limit=1`)).body.cursor);
    const matchesCursor = String((await get(`/networks/${X}/matches?limit=1`)).body.cursor);
    const madeUp = (content: unknown) => encodeURIComponent(Buffer.from(JSON.stringify(content)).toString('base64url'));
    const cases: [string, string[]][] = [
      ['limit=0', ['limit']],
      ['limit=501', ['limit']],
      ['limit=x', ['limit']],
      ['cursor=garbage', ['cursor']],
      [`cursor=${encodeURIComponent(otherNetwork)}`, ['cursor']],
      [`cursor=${encodeURIComponent(membersCursor)}`, ['cursor']],
      [`cursor=${encodeURIComponent(matchesCursor)}`, ['cursor']],
      // The shape, but not a time, or a key part holding the sort key's separator.
      [`cursor=${madeUp({ l: `activity:${X}`, a: ['yesterday', randomUUID()] })}`, ['cursor']],
      [`cursor=${madeUp({ l: `activity:${X}`, a: [new Date().toISOString(), 'x#y'] })}`, ['cursor']],
      [`limit=-1&cursor=${encodeURIComponent(otherNetwork)}`, ['limit', 'cursor']],
    ];
    await refusedNaming(`/networks/${X}/activity`, cases);
    // The cursor continues the network it came from.
    expect((await getY(`/networks/${Y}/activity?cursor=${encodeURIComponent(otherNetwork)}`)).status).toBe(200);
  });
});

describe("a network's meetings, page by page", () => {
  // The route read every meeting of the network whole (each with its timetable) and answered them
  // all at once: nothing bounds how many meetings a network plans over the years.
  const planned: { id: string; date: string }[] = [];
  beforeAll(async () => {
    const days = ['2099-05-12', '2099-01-03', '2099-05-12', '2098-11-30', '2099-02-14', '2099-03-01', '2098-12-24'];
    for (const [n, date] of days.entries()) {
      const body = { name: `Speed dating ${n}`, date, startTime: n === 2 ? '09:00' : '10:00', timeZone: 'Asia/Tbilisi', slotMinutes: 10, breakMinutes: 5, rounds: 2, tables: 2, participants: ids.slice(0, 4) };
      const created = await call(api, { method: 'POST', path: `/networks/${X}/meetings`, body, headers: coordinator });
      expect(created.status).toBe(201);
      planned.push({ id: String(created.body.id), date });
    }
    // A cancelled one is listed nowhere.
    const cancelled = planned.pop() as { id: string };
    expect((await call(api, { method: 'DELETE', path: `/networks/${X}/meetings/${cancelled.id}`, headers: coordinator })).status).toBe(204);
  });

  type Listed = { id: string; date: string; startTime: string; participants: number };

  it('follows the cursor through every meeting once, each page at most `limit` long and by date', async () => {
    const seen: Listed[] = [];
    const pages = await pagesOf(`/networks/${X}/meetings`, 'limit=2');
    for (const body of pages) {
      const page = body.meetings as Listed[];
      expect(page.length).toBeLessThanOrEqual(2);
      expect(page).toEqual([...page].sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime) || a.id.localeCompare(b.id)));
      expect(page.every((m) => m.participants === 4)).toBe(true);
      seen.push(...page);
    }
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(seen.map((m) => m.id).sort()).toEqual(planned.map((m) => m.id).sort());
  });

  it('answers a few meetings in one default page, by date as before', async () => {
    const answer = await get(`/networks/${X}/meetings`);
    expect(answer.body.cursor).toBeUndefined();
    const listed = answer.body.meetings as Listed[];
    expect(listed.map((m) => `${m.date} ${m.startTime}`)).toEqual(['2098-11-30 10:00', '2099-01-03 10:00', '2099-02-14 10:00', '2099-03-01 10:00', '2099-05-12 09:00', '2099-05-12 10:00']);
  });

  it('refuses a bad limit, and a cursor of another list or made up, naming each (RFC 9457)', async () => {
    const membersCursor = String((await get(`/networks/${X}/members?limit=1`)).body.cursor);
    const meetingsCursor = String((await get(`/networks/${X}/meetings?limit=1`)).body.cursor);
    const fromOtherNetwork = Buffer.from(JSON.stringify({ l: 'meetings:activity-pages', a: [planned[0]?.id] })).toString('base64url');
    const cases: [string, string[]][] = [
      ['limit=0', ['limit']],
      ['limit=501', ['limit']],
      ['limit=2.5', ['limit']],
      ['cursor=garbage', ['cursor']],
      [`cursor=${encodeURIComponent(membersCursor)}`, ['cursor']],
      [`cursor=${fromOtherNetwork}`, ['cursor']],
      [`limit=x&cursor=${encodeURIComponent(membersCursor)}`, ['limit', 'cursor']],
    ];
    await refusedNaming(`/networks/${X}/meetings`, cases);
    // A meetings cursor is no members cursor either.
    expect((await get(`/networks/${X}/members?cursor=${encodeURIComponent(meetingsCursor)}`)).status).toBe(400);
  });
});

describe('crafted cursors on every paged list', () => {
  // A cursor is checked for its shape, then rebuilt into a start key: any value of that shape must
  // be one DynamoDB takes, or be refused as a 400; a client's cursor is never a 5xx. The activity
  // route queried `SK >= last week's Monday` from any time the cursor held, and DynamoDB refused a
  // start key before it ("outside query boundaries"): a 500, also for a dashboard's honest cursor
  // once Monday has moved the window.
  const made = (list: string, parts: string[]) => encodeURIComponent(Buffer.from(JSON.stringify({ l: list, a: parts })).toString('base64url'));
  const uuids = ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF', randomUUID()];

  it('a cursor before the activity window is the end of the list: 200, no entries, no cursor', async () => {
    const first = await get(`/networks/${X}/activity?limit=1`);
    const lastWeekFrom = String(first.body.lastWeekFrom);
    for (const time of ['2000-01-01T00:00:00Z', new Date(Date.parse(lastWeekFrom) - 1).toISOString(), '2026-01-01T00:00:00.000000001Z']) {
      const answer = await get(`/networks/${X}/activity?cursor=${made(`activity:${X}`, [time, randomUUID()])}`);
      expect(answer.status, time).toBe(200);
      expect([answer.body.thisWeek, answer.body.lastWeek, answer.body.cursor], time).toEqual([[], [], undefined]);
    }
  });

  it('any activity cursor of the right shape answers 200 or 400, never 5xx', async () => {
    const lastWeekFrom = String((await get(`/networks/${X}/activity?limit=1`)).body.lastWeekFrom);
    const times = [lastWeekFrom, lastWeekFrom.replace('.000Z', 'Z'), new Date().toISOString(), '2099-12-31T23:59:59.999999999Z', '9999-12-31T23:59:59Z'];
    const eventIds = [...uuids, 'x', 'e'.repeat(100), '\ud800', '\u0000', '😀'.repeat(50), ' '];
    for (const time of times) {
      for (const eventId of eventIds) {
        const answer = await get(`/networks/${X}/activity?limit=2&cursor=${made(`activity:${X}`, [time, eventId])}`);
        expect([200, 400], `${time} ${JSON.stringify(eventId)}`).toContain(answer.status);
      }
    }
  });

  it('any members, requests, rejected, matches or meetings cursor of the right shape answers 200 or 400, never 5xx', async () => {
    for (const list of ['members', 'requests', 'rejected', 'meetings']) {
      for (const id of uuids) {
        const answer = await get(`/networks/${X}/${list}?limit=2&cursor=${made(`${list}:${X}`, [id])}`);
        expect([200, 400], `${list} ${id}`).toContain(answer.status);
      }
    }
    for (const a of uuids) {
      for (const b of uuids) {
        const answer = await get(`/networks/${X}/matches?limit=2&cursor=${made(`matches:${X}`, [a, b])}`);
        expect([200, 400], `matches ${a} ${b}`).toContain(answer.status);
      }
    }
  });
});
