import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { pairKey } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { MatchStore, ProfileStore, sortedPair, type MatchItem } from '@culturebridge/store';
import { call, type ApiResult } from '../support/api-event.js';
import { bearer, createApi, profilesApiOptions } from '../support/profiles-api.js';
import { addNetworks, freshTable, type TestTable } from '../support/table.js';

/**
 * Answers carry no version (docs/api.md): an answer applies to the match as it is when it arrives.
 * Two opposite answers at the same moment (accept in one tab, decline in another, or each side
 * answering at once) on DynamoDB Local: each read the match before either wrote it, so one write
 * loses its condition. The loser must be decided again on the match as the winner left it, never
 * answered "changed meanwhile" for a version it never sent.
 */
const X = 'eu4culture';
let table: TestTable;
let matches: MatchStore;
let a: string;
let b: string;
const as: Record<'a' | 'b', Record<string, string>> = { a: {}, b: {} };

/**
 * A MatchStore whose first `readers` reads of a match wait for one another, so that every answer
 * has read the match before any writes: the race of two tabs, every time rather than by chance.
 * Later reads (a retry reading the match again) pass at once.
 */
class RacingMatchStore extends MatchStore {
  private waiting: (() => void)[] = [];
  private readers = 0;
  race(readers: number): void {
    this.readers = readers;
    this.waiting = [];
  }
  override async match(owner: string, partner: string): Promise<MatchItem | undefined> {
    const read = await super.match(owner, partner);
    if (this.readers > 0) {
      this.readers--;
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        if (this.readers === 0) for (const go of this.waiting) go();
      });
    }
    return read;
  }
}

let racing: RacingMatchStore;
let api: ReturnType<typeof createApi>;

beforeAll(async () => {
  table = await freshTable('answers');
  await addNetworks(table, [X]);
  racing = new RacingMatchStore(table.doc, table.tableName);
  api = createApi(profilesApiOptions(table.doc, table.tableName, { matches: racing }));
  matches = new MatchStore(table.doc, table.tableName);
  const profiles = new ProfileStore(table.doc, table.tableName);
  const now = new Date().toISOString();
  a = (await profiles.create(validProfileInput({ name: 'Kutaisi', contact: { name: 'A', email: 'culture@kutaisi.example' } }) as never, { id: randomUUID(), status: 'active', now, membership: 'approved' })).id;
  b = (await profiles.create(validProfileInput({ name: 'Gyumri', country: 'AM', contact: { name: 'B', email: 'culture@gyumri.example' } }) as never, { id: randomUUID(), status: 'active', now, membership: 'approved' })).id;
  as.a = await bearer('culture@kutaisi.example', { profiles: [a] });
  as.b = await bearer('culture@gyumri.example', { profiles: [b] });
});

/** The match of A and B afresh, proposed (version 1), or `state` at the next version. */
async function freshMatch(state: MatchItem['state'] = 'proposed', acceptedBy: string[] = []): Promise<void> {
  const stored = await matches.match(a, b);
  const now = new Date().toISOString();
  const item = { matchId: pairKey(a, b), profileIds: sortedPair(a, b), state, acceptedBy, score: 0.7, summary: 'Both care about climate', reasons: [], sharedNetworks: [X], version: (stored?.version ?? 0) + 1, proposedAt: now, updatedAt: now };
  expect(await matches.put(item, stored?.version)).toBe(true);
}

const answer = (who: 'a' | 'b', kind: 'accept' | 'decline') =>
  call(api, { method: 'POST', path: who === 'a' ? `/matches/${a}/${b}/${kind}` : `/matches/${b}/${a}/${kind}`, headers: as[who] });

/** Sends the answers at once, each having read the match before any of them writes. */
async function atOnce(...answers: [who: 'a' | 'b', kind: 'accept' | 'decline'][]): Promise<ApiResult[]> {
  racing.race(answers.length);
  return Promise.all(answers.map(([who, kind]) => answer(who, kind)));
}

const typeOf = (r: ApiResult) => (r.status === 200 ? 'ok' : String(r.body.type));

describe('answers to one match at the same moment (no version sent)', () => {
  it('accept by one side and decline by the other: applied one after the other, the match ends declined, and nobody is told "changed meanwhile"', async () => {
    await freshMatch();
    const [accepted, declined] = await atOnce(['a', 'accept'], ['b', 'decline']);
    // Whichever came first, the decline stands: accepted-then-declined is declined, and an accept
    // after a decline is refused for the match's state (which the answer names), not for a version.
    expect(declined?.status, JSON.stringify(declined?.body)).toBe(200);
    expect(declined?.body.state).toBe('declined');
    expect(typeOf(accepted as ApiResult)).toMatch(/^(ok|\/problems\/match-state)$/);
    if (accepted?.status === 409) expect(accepted.body.state).toBe('declined');
    expect((await matches.match(a, b))?.state).toBe('declined');
    expect((await matches.match(b, a))?.state).toBe('declined');
  });

  it('accept in one tab and decline in another, by the same member: one after the other, no version conflict', async () => {
    await freshMatch();
    const [accepted, declined] = await atOnce(['a', 'accept'], ['a', 'decline']);
    expect(declined?.status, JSON.stringify(declined?.body)).toBe(200);
    expect(typeOf(accepted as ApiResult)).toMatch(/^(ok|\/problems\/match-state)$/);
    expect((await matches.match(a, b))?.state).toBe('declined');
  });

  it('both sides accept at once: the match is confirmed, both are told so or accepted, at two versions', async () => {
    await freshMatch();
    const before = (await matches.match(a, b))?.version ?? 0;
    const results = await atOnce(['a', 'accept'], ['b', 'accept']);
    expect(results.map((r) => r.status), JSON.stringify(results.map((r) => r.body))).toEqual([200, 200]);
    expect(results.map((r) => r.body.state).sort()).toEqual(['accepted', 'confirmed']);
    const stored = await matches.match(a, b);
    expect(stored?.state).toBe('confirmed');
    expect(stored?.acceptedBy.sort()).toEqual([a, b].sort());
    expect(stored?.version).toBe(before + 2);
  });

  it('the same accept from two tabs at once: one write, and both answers say accepted', async () => {
    await freshMatch();
    const before = (await matches.match(a, b))?.version ?? 0;
    const results = await atOnce(['a', 'accept'], ['a', 'accept']);
    expect(results.map((r) => [r.status, r.body.state])).toEqual([[200, 'accepted'], [200, 'accepted']]);
    expect((await matches.match(a, b))?.version).toBe(before + 1);
  });
});
