import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { ActivityStore, CoordinatorStore, MatchStore, ProfileStore } from '@culturebridge/store';
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
