import { beforeAll, describe, expect, it } from 'vitest';
import { ProfileInput, type Profile, type ProfileInput as Input } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { MatchStore, ProfileStore, backfillNetworkMatches } from '@culturebridge/store';
import { recomputeMatches, type RecomputeDeps } from '../../functions/compute-matches/recompute.js';
import { freshTable, type TestTable } from '../support/table.js';

// The network's match projection (keys.networkMatch): written with the match, deleted with it, and
// read with one Query instead of one per member.
let table: TestTable;
let profiles: ProfileStore;
let deps: RecomputeDeps;

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
// Each city has its own contact address: profiles of one address never match each other.
const create = (n: number, overrides: Partial<Input>): Promise<Profile> =>
  profiles.create(ProfileInput.parse(validProfileInput({ name: `City ${n}`, contact: { name: 'Culture office', email: `culture@city-${n}.example` }, ...overrides })), { id: id(n), status: 'active', now: '2026-11-24T10:00:00.000Z', membership: 'approved' });
const projected = async (networkId: string) => (await deps.matches.networkMatches(networkId)).map((m) => `${m.matchId}:${m.state}:v${m.version}`).sort();
const ownCopies = async (profileId: string) => (await deps.matches.matchesOf(profileId)).map((m) => `${m.matchId}:${m.state}:v${m.version}`).sort();

beforeAll(async () => {
  table = await freshTable('network-matches');
  profiles = new ProfileStore(table.doc, table.tableName);
  deps = { matches: new MatchStore(table.doc, table.tableName), doc: table.doc, tableName: table.tableName, now: () => new Date().toISOString() };
});

describe('network match projection on DynamoDB Local', () => {
  it('holds every match of the network at the version of its profile copies, in each shared network', async () => {
    await create(1, { networks: ['north', 'south'], offers: ['venue'], needs: [], themes: [{ id: 'music', priority: 'high' }] });
    await create(2, { networks: ['north', 'south'], offers: [], needs: ['venue'], themes: [{ id: 'music', priority: 'high' }] });
    await create(3, { networks: ['north'], offers: [], needs: ['venue'], themes: [{ id: 'music', priority: 'high' }] });
    for (const n of [1, 2, 3]) await recomputeMatches(id(n), `t-${n}`, deps);

    const north = await projected('north');
    expect(north.length).toBeGreaterThanOrEqual(2);
    // Exactly the published profile copies' matches, with the same state and version.
    const own = [...new Set([...(await ownCopies(id(1))), ...(await ownCopies(id(2))), ...(await ownCopies(id(3)))])].sort();
    expect(north).toEqual(own);
    // The pair that shares both networks is in both; the one that shares only north is only there.
    expect(await projected('south')).toEqual(own.filter((m) => !m.includes(id(3))));
  });

  it('drops a network copy when the pair no longer shares that network, and all copies when a profile is erased', async () => {
    const one = (await profiles.get(id(1)))!;
    const data = ProfileInput.parse(validProfileInput({ name: 'City 1', contact: { name: 'Culture office', email: 'culture@city-1.example' }, networks: ['north'], offers: ['venue'], needs: [], themes: [{ id: 'music', priority: 'high' }] }));
    expect((await profiles.update(id(1), one.version, data, '2026-11-24T11:00:00.000Z')).outcome).toBe('ok');
    await recomputeMatches(id(1), 'left-south', deps);
    expect((await projected('south')).filter((m) => m.includes(id(1)))).toEqual([]);
    expect((await projected('north')).filter((m) => m.includes(id(1))).length).toBeGreaterThan(0);

    await profiles.erase(id(1));
    await recomputeMatches(id(2), 'after-erasure', deps);
    const left = (await table.scanAll()).filter((i) => String(i.PK).startsWith('NETMATCHES#') && JSON.stringify(i).includes(id(1)));
    expect(left.filter((i) => Object.keys(i).some((k) => k.startsWith('M#')) && (String(i.SK).includes(id(1)) || `M#${id(1)}` in i))).toEqual([]);
  });

  it('backfills the network copies of matches stored before the projection existed, once', async () => {
    const before = await projected('north');
    expect(before.length).toBeGreaterThan(0);
    const copies = (await table.scanAll()).filter((i) => String(i.PK).startsWith('NETMATCHES#'));
    const entries = copies.flatMap((i) => Object.keys(i).filter((k) => k.startsWith('M#'))).length;
    for (const item of copies) await table.doc.send(new DeleteCommand({ TableName: table.tableName, Key: { PK: item.PK, SK: item.SK } }));
    expect(await projected('north')).toEqual([]);

    expect(await backfillNetworkMatches(table.doc, table.tableName)).toBe(entries);
    expect(await projected('north')).toEqual(before);
    expect(await backfillNetworkMatches(table.doc, table.tableName)).toBe(0);
  });
});
