
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import type { ProfileInput } from '@culturebridge/domain';
import type { DetailType } from '@culturebridge/events';
import { checkedInSchemaValidator } from '../../events/src/json-schema-validator.js';
import { ProfileStore, addressHash } from '@culturebridge/store';
import type { Platform } from '../../local/platform.js';
import { EMAIL_PATTERN, platformDocumentClient, sharedMemberApi, startTestPlatform } from '../support/platform.js';

const EMAIL = EMAIL_PATTERN;
let platform: Platform;

beforeAll(async () => {
  platform = await startTestPlatform('pipeline');
});
afterAll(async () => platform?.stop());

/** Each call acts as the owner of the profile it names (the members sign in as themselves). */
const api = (method: string, path: string, body?: unknown) => sharedMemberApi(platform).call(method, path, body);

/** Events published since `from`, as detail types with the pair or profile they concern. */
function eventsSince(from: number) {
  return platform.eventBridge.events.slice(from).map((e) => e.event);
}

function summary(events: ReturnType<typeof eventsSince>) {
  return events.map((e) => e['detail-type']);
}

const kutaisi = (overrides: Partial<ProfileInput> = {}) =>
  validProfileInput({ name: 'Kutaisi', country: 'GE', offers: ['venue'], needs: ['curatorial-support'], themes: [{ id: 'climate-environment', priority: 'high' }], ...overrides });
const gyumri = (overrides: Partial<ProfileInput> = {}) =>
  validProfileInput({ name: 'Gyumri', country: 'AM', region: 'Shirak', contact: { name: 'Anna', email: 'culture@gyumri.example' }, offers: ['curatorial-support'], needs: ['venue'], themes: [{ id: 'climate-environment', priority: 'high' }], languages: ['hy', 'en'], ...overrides });

describe('changes made through the API reach the bus as events, and matching answers them', () => {
  let k: string;
  let g: string;

  it('publishes ProfileSubmitted for each new profile and MatchProposed for the pair, all valid and free of personal data', async () => {
    const start = platform.eventBridge.events.length;
    k = (await api('POST', '/profiles', kutaisi())).body.id as string;
    g = (await api('POST', '/profiles', gyumri())).body.id as string;
    await platform.settle();

    const events = eventsSince(start);
    // Each profile asks to join its network, and is approved (memberApi plays the coordinator).
    expect(summary(events).sort()).toEqual(['MatchProposed', 'MembershipApproved', 'MembershipApproved', 'MembershipRequested', 'MembershipRequested', 'ProfileSubmitted', 'ProfileSubmitted']);
    const validate = checkedInSchemaValidator();
    for (const event of events) {
      expect(validate(event['detail-type'] as DetailType, event), event['detail-type']).toEqual([]);
      expect(JSON.stringify(event)).not.toMatch(EMAIL);
    }
    const proposed = events.find((e) => e['detail-type'] === 'MatchProposed');
    expect((proposed?.detail as { data: { profileIds: string[] } }).data.profileIds).toEqual([k, g].sort());

    const doc = platformDocumentClient(platform);
    const items = (await doc.send(new ScanCommand({ TableName: platform.tableName }))).Items ?? [];
    const matchItems = items.filter((i) => i.entity === 'Match');
    expect(matchItems.map((i) => [i.owner, i.partner, i.state]).sort()).toEqual([[g, k, 'proposed'], [k, g, 'proposed']].sort());
  });

  it('lists the match with its reasons for both sides, without the partner contact before both accepted', async () => {
    const { body } = await api('GET', `/profiles/${k}/matches`);
    const [match] = body.matches as { partner: { name: string }; summary: string; state: string; partnerContact?: unknown }[];
    expect(match?.partner.name).toBe('Gyumri');
    expect(match?.state).toBe('proposed');
    expect(match?.summary).toMatch(/Climate and environment/);
    expect(match?.summary).toMatch(/venue/);
    // Both wrote "Public art festival in the old town" and tagged "public art festival".
    expect(match?.summary).toMatch(/both list "public art festival"/);
    expect((match as unknown as { reasons: { kind: string }[] }).reasons.map((r) => r.kind)).toContain('shared-tags');
    expect(match?.partnerContact).toBeUndefined();
    expect((match as { weaker?: boolean }).weaker).toBe(false);
    expect(body.hints).toEqual([]);
    expect(JSON.stringify(body)).not.toMatch(EMAIL);
  });

  it('publishes nothing new when a profile is saved without a change that matters', async () => {
    const start = platform.eventBridge.events.length;
    const current = (await api('GET', `/profiles/${g}`)).body;
    await api('PUT', `/profiles/${g}`, { ...gyumri(), version: current.version });
    await platform.settle();
    expect(summary(eventsSince(start))).toEqual([]);
  });

  // Sharing nothing any more, the pair is still compatible: each keeps it as a weaker match, marked so.
  const sharingNothing = () => gyumri({ themes: [{ id: 'music', priority: 'low' }], freeTags: [], description: '', formats: ['research'], fundingInstruments: [] });

  it('keeps a pair that no longer shares a theme or words as a weaker match, marked in the API, with hints for the sparse side', async () => {
    const current = (await api('GET', `/profiles/${g}`)).body;
    expect((await api('PUT', `/profiles/${g}`, { ...sharingNothing(), version: current.version })).status).toBe(200);
    await platform.settle();
    const { body } = await api('GET', `/profiles/${g}/matches`);
    const [match] = body.matches as { weaker: boolean; summary: string; reasons: { kind: string; cause?: string }[] }[];
    expect(match?.weaker).toBe(true);
    expect(match?.reasons[0]).toEqual({ kind: 'weaker-match', cause: 'nothing-in-common' });
    expect(match?.summary).toMatch(/^A weaker match/);
    expect((body.hints as { kind: string }[]).map((h) => h.kind)).toEqual(['add-themes', 'add-description']);
    const fromKutaisi = (await api('GET', `/profiles/${k}/matches`)).body;
    expect((fromKutaisi.matches as { weaker: boolean }[])[0]?.weaker).toBe(true);
    expect(fromKutaisi.hints).toEqual([]);
  });

  it('withdraws exactly the pair that no longer qualifies after an update', async () => {
    const start = platform.eventBridge.events.length;
    const current = (await api('GET', `/profiles/${g}`)).body;
    const updated = await api('PUT', `/profiles/${g}`, { ...sharingNothing(), languages: ['hy'], version: current.version });
    expect(updated.status).toBe(200);
    await platform.settle();
    const events = eventsSince(start);
    expect(summary(events)).toEqual(['ProfileUpdated', 'MatchWithdrawn']);
    expect((events[0]?.detail as { data: { changedFields: string[] } }).data.changedFields).toEqual(['languages']);
    expect((events[1]?.detail as { data: { profileIds: string[] } }).data.profileIds).toEqual([k, g].sort());
    expect(((await api('GET', `/profiles/${k}/matches`)).body.matches as unknown[]).length).toBe(0);
  });

  it('proposes the pair again when it qualifies again; both accept; contacts are revealed only then', async () => {
    const current = (await api('GET', `/profiles/${g}`)).body;
    await api('PUT', `/profiles/${g}`, { ...gyumri(), version: current.version });
    await platform.settle();
    const start = platform.eventBridge.events.length;

    expect((await api('POST', `/matches/${k}/${g}/accept`)).body.state).toBe('accepted');
    expect(((await api('GET', `/profiles/${g}/matches`)).body.matches as { partnerContact?: unknown }[])[0]?.partnerContact).toBeUndefined();
    expect((await api('POST', `/matches/${g}/${k}/accept`)).body.state).toBe('confirmed');
    await platform.settle();
    expect(summary(eventsSince(start))).toEqual(['MatchAccepted', 'MatchConfirmed']);

    const { body } = await api('GET', `/profiles/${k}/matches`);
    expect((body.matches as { partnerContact?: { email: string } }[])[0]?.partnerContact?.email).toBe('culture@gyumri.example');
    const refused = await api('POST', `/matches/${k}/${g}/decline`);
    expect(refused.status).toBe(409);
    // The page says why from the state the problem names.
    expect(refused.body).toMatchObject({ type: '/problems/match-state', state: 'confirmed' });
  });

  it('erases a profile with its matches and publishes ProfileWithdrawn carrying the id only', async () => {
    const start = platform.eventBridge.events.length;
    expect((await api('DELETE', `/profiles/${k}`)).status).toBe(204);
    await platform.settle();
    const events = eventsSince(start);
    expect(summary(events).sort()).toEqual(['MatchWithdrawn', 'MembershipEnded', 'ProfileWithdrawn']);
    expect(events.find((e) => e['detail-type'] === 'ProfileWithdrawn')?.detail).toMatchObject({ data: { profileId: k } });
    expect(((await api('GET', `/profiles/${g}/matches`)).body.matches as unknown[]).length).toBe(0);
  });

  it('never proposes two profiles of one contact address to each other, though they would match', async () => {
    const start = platform.eventBridge.events.length;
    const owner = { name: 'Oksana', email: 'culture@one-owner.example' };
    // Gyumri's exact counterpart and Gyumri itself, both owned by one address.
    const first = (await api('POST', '/profiles', kutaisi({ name: 'Lviv', contact: owner }))).body.id as string;
    const second = (await api('POST', '/profiles', gyumri({ name: 'Lviv youth', contact: owner }))).body.id as string;
    await platform.settle();
    const proposed = eventsSince(start).filter((e) => e['detail-type'] === 'MatchProposed').map((e) => (e.detail as { data: { profileIds: string[] } }).data.profileIds);
    expect(proposed.some((ids) => ids.includes(first) && ids.includes(second))).toBe(false);
    // Each is still matched with others: the rule removes only the pair itself.
    expect(proposed.some((ids) => ids.includes(first))).toBe(true);
    expect(proposed.some((ids) => ids.includes(second))).toBe(true);
  });

  it('withdraws a live match when one side\'s confirmed contact change moves it to the other side\'s address, publishing no address', async () => {
    const mover = (await api('POST', '/profiles', kutaisi({ name: 'Chernivtsi', contact: { name: 'Olha', email: 'culture@chernivtsi.example' } }))).body.id as string;
    const partner = (await api('POST', '/profiles', gyumri({ name: 'Balti', contact: { name: 'Ion', email: 'culture@balti.example' } }))).body.id as string;
    await platform.settle();
    const pair = [mover, partner].sort().join('|');
    const proposed = platform.eventBridge.events.filter((e) => e.event['detail-type'] === 'MatchProposed' && (e.event.detail as { data: { matchId: string } }).data.matchId === pair);
    expect(proposed).toHaveLength(1);
    const current = (await api('GET', `/profiles/${mover}`)).body as { version: number };
    expect((await api('PUT', `/profiles/${mover}`, { ...kutaisi({ name: 'Chernivtsi', contact: { name: 'Ion', email: 'culture@balti.example' } }), version: current.version })).status).toBe(200);
    const start = platform.eventBridge.events.length;
    // The partner's address opens the change's link (the write POST /auth/verify makes).
    const profiles = new ProfileStore(platformDocumentClient(platform), platform.tableName);
    const waiting = await profiles.get(mover);
    expect(await profiles.confirm(mover, addressHash('culture@balti.example'), new Date().toISOString(), waiting?.pendingContact?.version)).toBe('confirmed');
    await platform.settle();
    const events = eventsSince(start);
    const updated = events.find((e) => e['detail-type'] === 'ProfileUpdated' && (e.detail as { data: { profile: { id: string } } }).data.profile.id === mover);
    expect((updated?.detail as { data: { changedFields: string[] } } | undefined)?.data.changedFields).toEqual(['contact']);
    expect(events.filter((e) => e['detail-type'] === 'MatchWithdrawn' && (e.detail as { data: { matchId: string } }).data.matchId === pair)).toHaveLength(1);
    expect(JSON.stringify(events)).not.toMatch(EMAIL);
  });

  it('delivered every event to its targets without dead letters', () => {
    expect(platform.eventBridge.deadLetters).toEqual([]);
  });
});
