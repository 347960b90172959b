import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { ProfileInput } from '@culturebridge/domain';
import { CoordinatorStore, ProfileStore } from '@culturebridge/store';
import type { Platform } from '../../local/platform.js';
import { callAs, platformDocumentClient, startTestPlatform, submitProfile } from '../support/platform.js';

// Members may ask to meet someone, and such requests are honoured first (#16): a participant asks
// through the API, and the rounds not yet held are planned again with the request in them.

let platform: Platform;
beforeAll(async () => {
  platform = await startTestPlatform('meeting-requests');
});
afterAll(async () => platform?.stop());

const as = (email: string, claims: { profiles?: string[]; networks?: string[] }, method: string, path: string, body?: unknown) => callAs(platform, email, claims, method, path, body);

type OwnRound = { round: number; partnerId?: string; requested?: boolean };

describe('a member asks to meet another participant', () => {
  it('is planned to meet them in the first round not yet held; asking twice changes nothing; a stranger is refused', async () => {
    const net = `net-${randomUUID().slice(0, 8)}`;
    const coordinator = `coordinator@${net}.example`;
    await new CoordinatorStore(platformDocumentClient(platform), platform.tableName).add({ networkId: net, name: 'Lela', email: coordinator, preference: { mode: 'off' } });
    const people = ['Kutaisi', 'Gyumri', 'Lviv', 'Soroca', 'Ganja', 'Poti'];
    const emails = people.map((p) => `culture@${p.toLowerCase()}-${net}.example`);
    const ids: string[] = [];
    for (const [i, name] of people.entries()) ids.push(await submitProfile(platform, validProfileInput({ name, networks: [net], mailFrequency: 'off', contact: { name, email: emails[i] as string } })));
    await platform.settle();

    const body = { name: 'Speed dating', date: '2099-05-12', startTime: '10:00', timeZone: 'Asia/Tbilisi', slotMinutes: 10, breakMinutes: 5, rounds: 2, tables: 3, participants: ids };
    // Sent twice at once (a double click, a retry after a lost reply): one meeting, the same answer.
    const [created, twice] = await Promise.all([1, 2].map(() => as(coordinator, { networks: [net] }, 'POST', `/networks/${net}/meetings`, body)));
    expect([created!.status, twice!.status]).toEqual([201, 201]);
    expect(twice!.body.id).toBe(created!.body.id);
    expect(((await as(coordinator, { networks: [net] }, 'GET', `/networks/${net}/meetings`)).body.meetings as unknown[]).length).toBe(1);
    const path = `/networks/${net}/meetings/${String(created!.body.id)}`;

    // A coordinator's requests: nobody asks to meet itself, and a request is listed once; a member
    // is listed once too. 400 naming each, nothing stored.
    const [first, second] = ids as [string, string];
    for (const [requests, participants, fields] of [
      [[{ from: first, to: first }], ids, [['requests[0].to', 'invalid']]],
      [[{ from: first, to: second }, { from: first, to: second }], ids, [['requests[1]', 'duplicate']]],
      [[], [...ids, first], [['participants', 'duplicate']]],
    ] as const) {
      const refused = await as(coordinator, { networks: [net] }, 'POST', `/networks/${net}/meetings`, { ...body, name: 'Refused', requests, participants });
      expect(refused.status).toBe(400);
      expect((refused.body.errors as { field: string; code: string }[]).map((e) => [e.field, e.code])).toEqual(fields);
      // What a client words "“…” is listed twice" with.
      if (fields[0]?.[1] === 'duplicate') expect((refused.body.errors as { params?: { value?: string } }[])[0]?.params?.value).toBeTruthy();
    }
    expect(((await as(coordinator, { networks: [net] }, 'GET', `/networks/${net}/meetings`)).body.meetings as unknown[]).length).toBe(1);

    // Kutaisi asks to meet someone it was not planned to meet.
    const [kutaisi] = ids as [string];
    const before = (await as(emails[0] as string, { profiles: [kutaisi] }, 'GET', `/profiles/${kutaisi}/meetings`)).body.meetings as { rounds: OwnRound[] }[];
    const planned = new Set(before[0]?.rounds.map((r) => r.partnerId));
    const wanted = ids.find((id) => id !== kutaisi && !planned.has(id)) as string;
    expect(wanted).toBeDefined();

    const asked = await as(emails[0] as string, { profiles: [kutaisi] }, 'POST', `${path}/requests`, { from: kutaisi, to: wanted });
    expect(asked.status).toBe(200);
    const rounds = asked.body.rounds as OwnRound[];
    expect(rounds[0]).toMatchObject({ round: 1, partnerId: wanted, requested: true });
    expect(asked.body).toMatchObject({ version: 2, requested: [wanted] });
    const timetable = await as(coordinator, { networks: [net] }, 'GET', path);
    expect(timetable.body.requests).toEqual([{ from: kutaisi, to: wanted }]);
    expect(timetable.body.unmetRequests).toEqual([]);

    // The same request again: nothing changes.
    const again = await as(emails[0] as string, { profiles: [kutaisi] }, 'POST', `${path}/requests`, { from: kutaisi, to: wanted });
    expect(again.body).toMatchObject({ version: 2 });

    // Not a participant, or itself: 400 naming `to`, nothing changed.
    for (const to of [randomUUID(), kutaisi]) {
      const refused = await as(emails[0] as string, { profiles: [kutaisi] }, 'POST', `${path}/requests`, { from: kutaisi, to });
      expect(refused.status).toBe(400);
      expect((refused.body.errors as { field: string; pointer: string }[]).map((e) => [e.field, e.pointer])).toEqual([['to', '#/to']]);
    }
    // Another member cannot ask in Kutaisi's name.
    const stranger = await as(emails[1] as string, { profiles: [ids[1] as string] }, 'POST', `${path}/requests`, { from: kutaisi, to: ids[2] });
    expect(stranger.status).toBe(404);
    expect((await as(coordinator, { networks: [net] }, 'GET', path)).body.version).toBe(2);
  });

  it('a coordinator\'s re-plan after someone leaves keeps the rounds already held, and plans the rest without them', async () => {
    const net = `net-${randomUUID().slice(0, 8)}`;
    const coordinator = `coordinator@${net}.example`;
    await new CoordinatorStore(platformDocumentClient(platform), platform.tableName).add({ networkId: net, name: 'Lela', email: coordinator, preference: { mode: 'off' } });
    const ids: string[] = [];
    for (const name of ['Kutaisi', 'Gyumri', 'Lviv', 'Soroca', 'Ganja', 'Poti']) {
      ids.push(await submitProfile(platform, validProfileInput({ name, networks: [net], mailFrequency: 'off', contact: { name, email: `culture@${name.toLowerCase()}-${net}.example` } })));
    }
    await platform.settle();
    // Started 20 minutes ago (UTC): with 10-minute slots and 5-minute breaks, rounds 1 and 2 have begun.
    const start = new Date(Date.now() - 20 * 60_000);
    const body = { name: 'Today', date: start.toISOString().slice(0, 10), startTime: start.toISOString().slice(11, 16), timeZone: 'UTC', slotMinutes: 10, breakMinutes: 5, rounds: 4, tables: 3, participants: ids };
    const created = await as(coordinator, { networks: [net] }, 'POST', `/networks/${net}/meetings`, body);
    expect(created.status).toBe(201);
    type Round = { round: number; meetings: { profileIds: string[] }[]; byes: { id: string }[] };
    const before = created.body.rounds as Round[];

    const leaving = ids[5] as string;
    const path = `/networks/${net}/meetings/${String(created.body.id)}`;
    const changed = await as(coordinator, { networks: [net] }, 'PUT', path, { ...body, participants: ids.slice(0, 5), version: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    // The same change sent again (a retry after a lost reply) finds its own success, not a 409.
    const retried = await as(coordinator, { networks: [net] }, 'PUT', path, { ...body, participants: ids.slice(0, 5), version: 1 });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(changed.body);
    const after = changed.body.rounds as Round[];
    // The two rounds held stay exactly as they were, the one who left included.
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    // The rest is planned without them; with five people, one sits out each round.
    for (const round of after.slice(2)) {
      expect(round.meetings.flatMap((m) => m.profileIds)).not.toContain(leaving);
      expect(round.meetings).toHaveLength(2);
      expect(round.byes).toHaveLength(1);
    }
    // A meeting under way keeps its start (its held rounds keep theirs), and no change may put a
    // round still to come in the past: 400 naming the field, nothing stored.
    const moved = await as(coordinator, { networks: [net] }, 'PUT', path, { ...body, participants: ids.slice(0, 5), startTime: '23:59', version: 2 });
    expect(moved.status).toBe(400);
    expect((moved.body.errors as { field: string; code: string }[]).map((e) => [e.field, e.code])).toEqual([['startTime', 'meeting_under_way']]);
    const squeezed = await as(coordinator, { networks: [net] }, 'PUT', path, { ...body, participants: ids.slice(0, 5), slotMinutes: 3, breakMinutes: 0, version: 2 });
    expect(squeezed.status).toBe(400);
    expect((squeezed.body.errors as { field: string; code: string }[]).map((e) => [e.field, e.code])).toEqual([['slotMinutes', 'meeting_under_way'], ['breakMinutes', 'meeting_under_way']]);
    // A new meeting whose rounds have all begun: refused too.
    const over = await as(coordinator, { networks: [net] }, 'POST', `/networks/${net}/meetings`, { ...body, rounds: 1 });
    expect(over.status).toBe(400);
    expect((over.body.errors as { field: string; code: string }[]).map((e) => e.code)).toEqual(['round_passed']);
    expect((await as(coordinator, { networks: [net] }, 'GET', path)).body.version).toBe(2);

    // Fewer rounds than were held: refused, naming rounds.
    const tooFew = await as(coordinator, { networks: [net] }, 'PUT', path, { ...body, rounds: 1, version: 2 });
    expect(tooFew.status).toBe(400);
    expect((tooFew.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['rounds']);
    // A day that has passed, or that no calendar carries: 400 naming date, nothing stored.
    for (const date of ['2020-01-01', '0001-01-01', '9999-12-31']) {
      const refused = await as(coordinator, { networks: [net] }, 'POST', `/networks/${net}/meetings`, { ...body, date });
      expect(refused.status, date).toBe(400);
      expect((refused.body.errors as { field: string }[]).map((e) => e.field), date).toEqual(['date']);
    }
    const listed = await as(coordinator, { networks: [net] }, 'GET', `/networks/${net}/meetings`);
    expect((listed.body.meetings as unknown[]).length).toBe(1);
    // A stale version: 409 about the meeting, not a profile.
    const stale = await as(coordinator, { networks: [net] }, 'PUT', path, { ...body, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ title: 'The meeting was changed by someone else', currentVersion: 2 });
    expect(String(stale.body.detail)).toMatch(/the stored meeting is at version 2/);
  });
  it('a participant whose new contact address waits for confirmation stays active and blocks nobody: members still ask, the coordinator still changes the meeting', async () => {
    const net = `net-${randomUUID().slice(0, 8)}`;
    const coordinator = `coordinator@${net}.example`;
    await new CoordinatorStore(platformDocumentClient(platform), platform.tableName).add({ networkId: net, name: 'Lela', email: coordinator, preference: { mode: 'off' } });
    const people = ['Kutaisi', 'Gyumri', 'Rivne', 'Soroca'];
    const emails = people.map((p) => `culture@${p.toLowerCase()}-${net}.example`);
    const ids: string[] = [];
    for (const [i, name] of people.entries()) ids.push(await submitProfile(platform, validProfileInput({ name, networks: [net], mailFrequency: 'off', contact: { name, email: emails[i] as string } })));
    await platform.settle();
    const body = { name: 'Speed dating', date: '2099-05-12', startTime: '10:00', timeZone: 'Asia/Tbilisi', slotMinutes: 10, breakMinutes: 5, rounds: 3, tables: 2, participants: ids };
    const created = await as(coordinator, { networks: [net] }, 'POST', `/networks/${net}/meetings`, body);
    expect(created.status).toBe(201);
    const path = `/networks/${net}/meetings/${String(created.body.id)}`;

    // Rivne asks for a new address: its profile stays active, with its old one, until the new one confirms.
    const rivne = ids[2] as string;
    const own = await as(emails[2] as string, { profiles: [rivne] }, 'GET', `/profiles/${rivne}`);
    const { id: _id, status: _status, memberships: _memberships, createdAt: _c, updatedAt: _u, ...profile } = own.body as Record<string, unknown>;
    const moved = await as(emails[2] as string, { profiles: [rivne] }, 'PUT', `/profiles/${rivne}`, { ...profile, contact: { name: 'Rivne', email: `new-${emails[2]}` } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.status).toBe('active');
    expect((await as(emails[2] as string, { profiles: [rivne] }, 'GET', `/profiles/${rivne}`)).body.pendingContact).toMatchObject({ email: `new-${emails[2]}` });

    const asked = await as(emails[0] as string, { profiles: [ids[0] as string] }, 'POST', `${path}/requests`, { from: ids[0], to: ids[3] });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const renamed = await as(coordinator, { networks: [net] }, 'PUT', `${path}`, { ...body, name: 'Speed dating, renamed', requests: [{ from: ids[0], to: ids[3] }], version: 2 });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.participants).toEqual(ids);
    // Adding someone who is not active is still refused: a member the coordinator listed who has not confirmed yet.
    const fifth = randomUUID();
    await new ProfileStore(platformDocumentClient(platform), platform.tableName).create(ProfileInput.parse(validProfileInput({ name: 'Lviv', networks: [net], mailFrequency: 'off', contact: { name: 'Lviv', email: `culture@lviv-${net}.example` } })), { id: fifth, status: 'pending', now: new Date().toISOString(), membership: 'approved' });
    const adding = await as(coordinator, { networks: [net] }, 'PUT', `${path}`, { ...body, name: 'Speed dating, renamed', participants: [...ids, fifth], requests: [{ from: ids[0], to: ids[3] }], version: 3 });
    expect(adding.status).toBe(400);
    expect((adding.body.errors as { field: string; code: string }[]).map((e) => [e.field, e.code])).toEqual([['participants[4]', 'not_active']]);

    // Soroca leaves the network (its membership revoked): the meeting cannot be planned with it any
    // more. A member asking is told it waits for the coordinator, not that its request names
    // `participants[3]`, a field it never sent; the coordinator is told which participant to take out.
    expect((await as(coordinator, { networks: [net] }, 'POST', `/networks/${net}/requests/${ids[3]}/reject`)).status).toBe(200);
    const waiting = await as(emails[0] as string, { profiles: [ids[0] as string] }, 'POST', `${path}/requests`, { from: ids[0], to: ids[1] });
    expect(waiting.status).toBe(409);
    expect(waiting.body.type).toBe('/problems/meeting-needs-coordinator');
    const refused = await as(coordinator, { networks: [net] }, 'PUT', `${path}`, { ...body, name: 'Speed dating, again', requests: [{ from: ids[0], to: ids[3] }], version: 3 });
    expect(refused.status).toBe(400);
    expect((refused.body.errors as { field: string; code: string }[]).map((e) => [e.field, e.code])).toEqual([['participants[3]', 'not_a_member']]);
  });
});
