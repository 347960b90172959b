import { beforeAll, describe, expect, it } from 'vitest';
import { ProfileInput, type Profile, type ProfileInput as Input } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ENTITY, MatchStore, NotificationStore, ProfileStore, addressHash, batchWrite, keys, membershipItems } from '@culturebridge/store';
import { recomputeMatches, type RecomputeDeps } from '../../functions/compute-matches/recompute.js';
import { freshTable, type TestTable } from '../support/table.js';

let table: TestTable;
let profiles: ProfileStore;
let deps: RecomputeDeps;

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function create(n: number, overrides: Partial<Input>): Promise<Profile> {
  // Each city has its own contact address: profiles of one address never match each other.
  const contact = { name: `Contact ${n}`, email: `culture@city-${n}.example` };
  return profiles.create(ProfileInput.parse(validProfileInput({ name: `City ${n}`, contact, ...overrides })), { id: id(n), status: 'active', now: '2026-11-24T10:00:00.000Z', membership: 'approved' });
}

const openMatches = async (profileId: string) =>
  (await deps.matches.matchesOf(profileId)).filter((m) => m.state === 'proposed' || m.state === 'accepted').map((m) => m.partner);

beforeAll(async () => {
  table = await freshTable('compute-matches');
  profiles = new ProfileStore(table.doc, table.tableName);
  deps = { matches: new MatchStore(table.doc, table.tableName), doc: table.doc, tableName: table.tableName, now: () => new Date().toISOString(), config: { exposureCap: 2, topK: 2 } };
});

describe('compute-matches on DynamoDB Local', () => {
  it('never proposes a popular profile beyond its exposure cap, and writes both copies of each match', async () => {
    // A popular city everybody matches best with (it offers what they all need).
    await create(0, { offers: ['venue', 'funding'], needs: [], themes: [{ id: 'youth', priority: 'high' }] });
    for (let n = 1; n <= 4; n++) {
      await create(n, { offers: [], needs: ['venue', 'funding'], themes: [{ id: 'youth', priority: 'high' }] });
      await recomputeMatches(id(n), `test-${n}`, deps);
    }
    expect(await openMatches(id(0))).toHaveLength(2);
    // The later members were proposed to each other instead of to the capped city.
    expect(await openMatches(id(4))).not.toContain(id(0));
    expect((await openMatches(id(4))).length).toBeGreaterThan(0);
    for (const partner of await openMatches(id(0))) expect(await openMatches(partner)).toContain(id(0));
  });

  it('writes nothing when recomputed again without a change (redelivery)', async () => {
    const before = (await table.scanAll()).filter((i) => i.entity === 'Match').map((i) => `${i.PK}|${i.SK}|${i.version}`).sort();
    for (let n = 0; n <= 4; n++) await recomputeMatches(id(n), 'redelivered', deps);
    const after = (await table.scanAll()).filter((i) => i.entity === 'Match').map((i) => `${i.PK}|${i.SK}|${i.version}`).sort();
    expect(after).toEqual(before);
  });

  it('loses no update when two profiles are recomputed at the same moment', async () => {
    // Closed to outside partners: the other tests' profiles are open and would be compatible.
    await create(10, { networks: ['race'], openToOutsideNetwork: false, offers: ['venue'], needs: [], themes: [{ id: 'music', priority: 'high' }] });
    await create(11, { networks: ['race'], openToOutsideNetwork: false, offers: [], needs: ['venue'], themes: [{ id: 'music', priority: 'high' }] });
    await Promise.all([recomputeMatches(id(10), 'a', deps), recomputeMatches(id(11), 'b', deps)]);
    const items = (await table.scanAll()).filter((i) => i.entity === 'Match' && String(i.matchId).includes(id(10)));
    expect(items.map((i) => [i.owner, i.state, i.version])).toEqual(expect.arrayContaining([[id(10), 'proposed', 1], [id(11), 'proposed', 1]]));
    expect(items).toHaveLength(2);
  });

  it('holds the exposure cap when many profiles are recomputed at the same moment', async () => {
    // Everyone's best partner is one city; with a cap of 2 only two of them may be proposed to it.
    await create(70, { networks: ['crowd'], offers: ['venue', 'funding'], needs: [], themes: [{ id: 'performing-arts', priority: 'high' }] });
    const crowd = [71, 72, 73, 74, 75, 76];
    for (const n of crowd) await create(n, { networks: ['crowd'], offers: [], needs: ['venue', 'funding'], themes: [{ id: 'performing-arts', priority: 'high' }] });
    await Promise.all(crowd.map((n) => recomputeMatches(id(n), `crowd-${n}`, { ...deps, maxAttempts: 20 })));
    const popular = await openMatches(id(70));
    expect(popular.length).toBeGreaterThan(0);
    expect(popular.length).toBeLessThanOrEqual(2);
    for (const n of crowd) expect((await openMatches(id(n))).length).toBeLessThanOrEqual(2);
  });

  it('recomputes the former partners of an erased profile, so they get replacements', async () => {
    const tight = { ...deps, config: { exposureCap: 1, topK: 1 } };
    const theme = { themes: [{ id: 'literature' as const, priority: 'high' as const }], networks: ['erasure'] };
    const popular = await create(50, { ...theme, offers: ['venue', 'funding'], needs: ['artists'] });
    const b = await create(51, { ...theme, offers: ['artists'], needs: ['venue', 'funding'] });
    const c = await create(52, { ...theme, offers: ['artists'], needs: ['venue'] });
    for (const p of [popular, b, c]) await recomputeMatches(p.id, 'before', tight);
    expect(await openMatches(b.id)).toEqual([popular.id]);
    // Both at their cap of one: c has nobody.
    expect(await openMatches(c.id)).toEqual([]);

    await profiles.erase(popular.id);
    // What the ProfileWithdrawn of the erasure makes compute-matches do.
    const result = await recomputeMatches(popular.id, 'erased', tight);
    expect(result.partnersRecomputed).toBe(1);
    expect(await openMatches(b.id)).toEqual([c.id]);
    expect(await openMatches(c.id)).toEqual([b.id]);
    // The note of former partners is gone once used; the erased partition holds nothing.
    expect((await table.scanAll()).filter((i) => String(i.PK) === `PROFILE#${popular.id}`)).toEqual([]);
  });

  it('finishes when two profiles matched with each other are both erased before their recomputes run', async () => {
    // Found by `npm run reliability`: each erased profile's note named the other, and the recomputes
    // of former partners recursed into each other without end.
    const theme = { themes: [{ id: 'crafts' as const, priority: 'high' as const }], networks: ['both-gone'], openToOutsideNetwork: false };
    const a = await create(60, { ...theme, offers: ['venue'], needs: ['artists'] });
    const b = await create(61, { ...theme, offers: ['artists'], needs: ['venue'] });
    const c = await create(62, { ...theme, offers: ['artists'], needs: ['venue'] });
    for (const p of [a, b, c]) await recomputeMatches(p.id, 'before', deps);
    expect(await openMatches(a.id)).toContain(b.id);
    // Erased at the same moment, each erasure read the other's match before it was removed: each
    // note names the other (written here as two concurrent erasures leave them).
    await Promise.all([profiles.erase(a.id), profiles.erase(b.id)]);
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { ...keys.formerPartners(a.id), entity: ENTITY.formerPartners, partners: [b.id, c.id] } }));
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { ...keys.formerPartners(b.id), entity: ENTITY.formerPartners, partners: [a.id] } }));
    const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the recomputes of the erasures did not finish within 10 s')), 10_000));
    await Promise.race([Promise.all([recomputeMatches(a.id, 'erased-a', deps), recomputeMatches(b.id, 'erased-b', deps)]), deadline]);
    // Both partitions are empty, and the one left standing has no match with either.
    for (const gone of [a, b]) expect((await table.scanAll()).filter((i) => String(i.PK) === `PROFILE#${gone.id}`)).toEqual([]);
    expect((await deps.matches.matchesOf(c.id)).map((m) => m.partner).filter((p) => p === a.id || p === b.id)).toEqual([]);
  });

  it('erasure also removes the member\'s entries waiting for its digest (they name its matches)', async () => {
    const gone = await create(80, { networks: ['digest-gone'], themes: [{ id: 'music', priority: 'high' }] });
    const stays = await create(81, { networks: ['digest-gone'], themes: [{ id: 'music', priority: 'high' }] });
    const notifications = new NotificationStore(table.doc, table.tableName);
    const notice = { matchId: `${gone.id}|${stays.id}`, profileIds: [gone.id, stays.id] as [string, string], names: ['City 80', 'City 81'] as [string, string], state: 'proposed' as const, summary: 's', score: 0.5, sharedNetworks: ['digest-gone'], version: 1 };
    for (const recipientId of [gone.id, stays.id]) {
      expect(await notifications.addDigestEntry({ recipientRole: 'member', recipientId, entryKey: `${notice.matchId}#v1`, notice, occurredAt: '2026-11-30T09:00:00.000Z' })).toBe(true);
    }
    await profiles.erase(gone.id);
    const pending = (await notifications.pendingDigestEntries()).filter((e) => e.notice.matchId === notice.matchId);
    expect(pending.map((e) => e.recipientId)).toEqual([stays.id]);
  });

  it('stores a match\'s reasons in the order of its pair (lower id first), whichever side was recomputed', async () => {
    // id(91) > id(90): recomputing the higher id explains the pair from its side; the stored
    // priorities must still follow profileIds, as every reader (web app, mails) renders them.
    const low = await create(90, { networks: ['orient'], openToOutsideNetwork: false, offers: ['venue'], needs: [], themes: [{ id: 'festivals', priority: 'low' }] });
    const high = await create(91, { networks: ['orient'], openToOutsideNetwork: false, offers: [], needs: ['venue'], themes: [{ id: 'festivals', priority: 'high' }] });
    await recomputeMatches(high.id, 'orient', deps);
    const [stored] = await deps.matches.matchesOf(low.id);
    expect(stored?.profileIds).toEqual([low.id, high.id]);
    expect(stored?.reasons).toContainEqual({ kind: 'shared-theme', themeId: 'festivals', priorities: ['low', 'high'] });
    // The English sentence names each side, so it reads right in either order.
    expect(stored?.summary).toContain('Festivals: high priority for City 91, low for City 90');
  });

  it('never proposes to a profile that was erased, even while the index still lists it', async () => {
    const a = await create(20, { networks: ['ghosts'], offers: ['venue'], needs: [], themes: [{ id: 'film', priority: 'high' }] });
    const b = await create(21, { networks: ['ghosts'], offers: [], needs: ['venue'], themes: [{ id: 'film', priority: 'high' }] });
    const staleMembership = membershipItems(b);
    await profiles.erase(b.id);
    // What an eventually consistent index read can still return a moment after the erasure.
    await batchWrite(table.doc, table.tableName, staleMembership);
    await expect(recomputeMatches(a.id, 'after-erase', { ...deps, sleep: async () => undefined })).rejects.toThrow(/race/);
    expect((await table.scanAll()).filter((i) => i.entity === 'Match' && String(i.matchId).includes(b.id))).toEqual([]);
  });

  it('never proposes two profiles of one contact address to each other, whatever the case of the address', async () => {
    const own = { name: 'Ion', email: 'culture@soroca.example' };
    await create(30, { networks: ['own'], openToOutsideNetwork: false, contact: own, offers: ['venue'], needs: [], themes: [{ id: 'music', priority: 'high' }] });
    await create(31, { networks: ['own'], openToOutsideNetwork: false, contact: { ...own, email: 'Culture@Soroca.EXAMPLE' }, offers: [], needs: ['venue'], themes: [{ id: 'music', priority: 'high' }] });
    await create(32, { networks: ['own'], openToOutsideNetwork: false, offers: [], needs: ['venue'], themes: [{ id: 'music', priority: 'high' }] });
    for (const n of [30, 31, 32]) await recomputeMatches(id(n), `own-${n}`, deps);
    expect((await openMatches(id(30))).sort()).toEqual([id(32)]);
    expect((await openMatches(id(31))).sort()).toEqual([id(32)]);
    expect((await openMatches(id(32))).sort()).toEqual([id(30), id(31)].sort());
    expect((await table.scanAll()).filter((i) => i.entity === 'Match' && String(i.matchId).includes(id(30)) && String(i.matchId).includes(id(31)))).toEqual([]);
  });

  it('withdraws a live match when one side moves to the other side\'s address', async () => {
    const a = await create(40, { networks: ['moved'], openToOutsideNetwork: false, offers: ['venue'], needs: [], themes: [{ id: 'film', priority: 'high' }] });
    await create(41, { networks: ['moved'], openToOutsideNetwork: false, offers: [], needs: ['venue'], themes: [{ id: 'film', priority: 'high' }] });
    await recomputeMatches(id(40), 'before-move', deps);
    expect(await openMatches(id(41))).toEqual([id(40)]);
    const { id: _id, version, status: _s, createdAt: _c, updatedAt: _u, ...data } = a;
    const moved = await profiles.update(id(40), version, { ...data, contact: { name: 'Contact 41', email: 'culture@city-41.example' } }, new Date().toISOString());
    if (moved.outcome !== 'ok') throw new Error(moved.outcome);
    // A new address waits until confirmed; confirm it with the change's link, as that address would.
    expect(moved.value.pendingContact?.email).toBe('culture@city-41.example');
    expect(await profiles.confirm(id(40), addressHash('culture@city-41.example'), new Date().toISOString(), moved.value.pendingContact?.version)).toBe('confirmed');
    await recomputeMatches(id(40), 'after-move', deps);
    expect(await openMatches(id(41))).toEqual([]);
  });
});
