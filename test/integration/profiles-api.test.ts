import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { CoordinatorStore, MeetingStore, decodeMembershipView } from '@culturebridge/store';
import type { Meeting } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { createProfilesApi } from '../../functions/profiles-api/app.js';
import { call } from '../support/api-event.js';
import { bearer, profilesApiOptions, recordingMailer } from '../support/profiles-api.js';
import { addNetworks, freshTable, type TestTable } from '../support/table.js';

let table: TestTable;
let api: ReturnType<typeof createProfilesApi>;
const contact = validProfileInput().contact.email;

beforeAll(async () => {
  table = await freshTable('profiles-api');
  api = createProfilesApi(profilesApiOptions(table.doc, table.tableName));
  await addNetworks(table, ['eu4culture', 'eunic-caucasus']);
});

/** Submits as the signed-in contact address (so the profile is active) and returns its id and the owner's headers. */
async function createOwned(input = validProfileInput()) {
  const created = await call(api, { method: 'POST', path: '/profiles', body: input, headers: await bearer(input.contact.email) });
  expect(created.status).toBe(201);
  return { id: created.body.id as string, created, owner: { authorization: `Bearer ${String(created.body.session)}` } };
}

describe('profiles API on DynamoDB Local', () => {
  it('creates, reads, refuses a stale update, updates and erases a profile', async () => {
    const { id, created, owner } = await createOwned();
    expect(created.body).toMatchObject({ version: 1, status: 'active' });
    expect(created.headers.location).toBe(`/profiles/${id}`);

    const read = await call(api, { method: 'GET', path: `/profiles/${id}`, headers: owner });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, version: 1, status: 'active', name: 'Kutaisi', networks: ['eu4culture'], contact: { email: contact } });
    expect(read.headers.etag).toBe('"1"');

    const renamed = await call(api, { method: 'PUT', path: `/profiles/${id}`, body: { ...validProfileInput({ name: 'Kutaisi City Hall' }), version: 1 }, headers: owner });
    expect(renamed.status).toBe(200);
    expect(renamed.body.version).toBe(2);

    const stale = await call(api, { method: 'PUT', path: `/profiles/${id}`, body: { ...validProfileInput({ name: 'Overwritten' }), version: 1 }, headers: owner });
    expect(stale.status).toBe(409);
    expect(stale.headers['content-type']).toBe('application/problem+json');
    expect(stale.body).toMatchObject({ status: 409, currentVersion: 2, type: '/problems/version-conflict' });
    const afterStale = await call(api, { method: 'GET', path: `/profiles/${id}`, headers: owner });
    expect(afterStale.body).toMatchObject({ name: 'Kutaisi City Hall', version: 2 });

    const erased = await call(api, { method: 'DELETE', path: `/profiles/${id}`, headers: owner });
    expect(erased.status).toBe(204);
    expect((await call(api, { method: 'GET', path: `/profiles/${id}`, headers: owner })).status).toBe(404);
    // The owner's retry (a double click, a lost reply) recognises its own erasure.
    expect((await call(api, { method: 'DELETE', path: `/profiles/${id}`, headers: owner })).status).toBe(204);
    // The profile, its memberships and the address item that made it findable at sign-in: all gone.
    // What is left is what lets that retry answer 204: the owner's address hash, for a day.
    expect((await table.scanAll()).filter((i) => String(i.PK).includes(id) || String(i.SK).includes(id))).toEqual([
      { PK: `ERASED#${id}`, SK: 'ERASED', entity: 'Erasure', by: expect.stringMatching(/^[0-9a-f]{64}$/), expiresAt: expect.any(Number) },
    ]);
  });

  it('takes an erased member out of its meetings: its partners sit out the rounds to come, and no pair keeps words naming it', async () => {
    const tag = randomUUID().slice(0, 8);
    const [leaving, staying, third] = await Promise.all(['Goris', 'Sisian', 'Kapan'].map(async (name) => (await createOwned(validProfileInput({ name, contact: { name, email: `${name.toLowerCase()}-${tag}@example.org` } })))));
    const meetings = new MeetingStore(table.doc, table.tableName);
    const ids = [leaving!.id, staying!.id, third!.id];
    const round = (n: number, startsAt: string) => ({ round: n, startsAt, endsAt: startsAt, byes: [ids[2]!], meetings: [{ table: 1, profileIds: [ids[0]!, ids[1]!] as [string, string], requested: false, score: 0.4, reasons: [{ kind: 'cross-border' }], summary: 'Goris offers a venue, Sisian needs one' }] });
    const meeting: Meeting = {
      id: `m-${tag}`, networkId: 'eu4culture', name: 'Syunik meeting', date: '2099-05-12', startTime: '10:00', timeZone: 'UTC', slotMinutes: 10, breakMinutes: 5, rounds: 2, tables: 1,
      participants: ids, requests: [], unmetRequests: [], version: 1, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
      schedule: [round(1, '2020-01-01T10:00:00.000Z'), round(2, '2099-05-12T10:15:00.000Z')],
    };
    expect(await meetings.create(meeting)).toBe(true);

    expect((await call(api, { method: 'DELETE', path: `/profiles/${ids[0]}`, headers: leaving!.owner })).status).toBe(204);
    const after = await meetings.get('eu4culture', meeting.id);
    expect(after?.participants).toEqual([ids[1], ids[2]]);
    expect(after?.version).toBe(2);
    expect(after?.schedule[0]?.meetings).toEqual([expect.objectContaining({ profileIds: [ids[0], ids[1]], reasons: [], summary: '' })]);
    expect(after?.schedule[1]).toMatchObject({ meetings: [], byes: [ids[2], ids[1]] });
    expect(JSON.stringify(after)).not.toContain('Goris');
  });

  it('shows a network\'s coordinators nothing of a submission its contact has not confirmed: not listed, not readable, not answerable', async () => {
    const email = `unconfirmed-${randomUUID().slice(0, 8)}@telavi.example`;
    const submitted = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput({ name: 'Telavi', contact: { name: 'T', email } }) });
    expect(submitted.body.status).toBe('pending');
    const id = String(submitted.body.id);
    const coordinatorEmail = `coordinator-${randomUUID().slice(0, 8)}@eu4culture.example`;
    await new CoordinatorStore(table.doc, table.tableName).add({ networkId: 'eu4culture', name: 'Lela', email: coordinatorEmail });
    const coordinator = await bearer(coordinatorEmail, { networks: ['eu4culture'] });
    const listed = async () => {
      const answer = await call(api, { method: 'GET', path: '/networks/eu4culture/requests', headers: coordinator });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return (answer.body.requests as { id: string }[]).map((r) => r.id);
    };
    expect(await listed()).not.toContain(id);
    expect((await call(api, { method: 'GET', path: `/profiles/${id}`, headers: coordinator })).status).toBe(404);
    expect((await call(api, { method: 'POST', path: `/networks/eu4culture/requests/${id}/approve`, headers: coordinator })).status).toBe(404);
    // Once its contact confirms, it asks to join like any member.
    const owner = await bearer(email, { profiles: [id] });
    expect((await call(api, { method: 'POST', path: `/profiles/${id}/confirm`, headers: owner })).status).toBe(200);
    expect(await listed()).toContain(id);
    expect((await call(api, { method: 'GET', path: `/profiles/${id}`, headers: coordinator })).body).toMatchObject({ contact: { email } });
  });

  it('recognises a repeated submission as its own earlier success: parallel or retried, one profile and one mail', async () => {
    const mailer = recordingMailer();
    const own = createProfilesApi(profilesApiOptions(table.doc, table.tableName, { mailer }));
    const email = `once-${randomUUID().slice(0, 8)}@batumi.example`;
    const input = validProfileInput({ name: 'Batumi', country: 'GE', contact: { name: 'B', email } });
    const answers = await Promise.all([1, 2, 3].map(() => call(own, { method: 'POST', path: '/profiles', body: input })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    // The reply was lost; the client sends it again later.
    const retried = await call(own, { method: 'POST', path: '/profiles', body: input });
    expect(retried).toMatchObject({ status: 201, body: { id: answers[0]?.body.id, status: 'pending' } });
    expect(retried.headers.location).toBe(`/profiles/${String(answers[0]?.body.id)}`);
    const stored = (await table.scanAll()).filter((i) => i.entity === 'Profile' && (i.contact as { email: string }).email === email);
    expect(stored).toHaveLength(1);
    expect(mailer.sent.filter((m) => m.to === email)).toHaveLength(1);
    // Past its day the memory no longer answers, even before DynamoDB's TTL has deleted it: the same
    // submission then makes a profile of its own.
    const memory = (await table.scanAll()).find((i) => i.entity === 'Submission' && i.profileId === answers[0]?.body.id);
    expect(memory).toMatchObject({ expiresAt: expect.any(Number) });
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { ...memory, expiresAt: Math.floor(Date.now() / 1000) - 60 } }));
    const later = await call(own, { method: 'POST', path: '/profiles', body: input });
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(answers[0]?.body.id);
    // Something else from the same address is a profile of its own.
    const other = await call(own, { method: 'POST', path: '/profiles', body: { ...input, name: 'Batumi Art Centre' } });
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(answers[0]?.body.id);
  });

  it('recognises a retried update as its own earlier success, and still refuses a stale one that differs', async () => {
    const { id, owner } = await createOwned(validProfileInput({ contact: { name: 'R', email: `retry-${randomUUID().slice(0, 8)}@kutaisi.example` } }));
    const body = { ...validProfileInput({ name: 'Kutaisi Culture Office' }), contact: (await call(api, { method: 'GET', path: `/profiles/${id}`, headers: owner })).body.contact, version: 1 };
    // The reply to the first was lost; the client sends the same again.
    const first = await call(api, { method: 'PUT', path: `/profiles/${id}`, body, headers: owner });
    const retried = await call(api, { method: 'PUT', path: `/profiles/${id}`, body, headers: owner });
    expect([first.status, retried.status]).toEqual([200, 200]);
    expect(retried.body).toEqual(first.body);
    expect((await call(api, { method: 'GET', path: `/profiles/${id}`, headers: owner })).body).toMatchObject({ name: 'Kutaisi Culture Office', version: 2 });
    const other = await call(api, { method: 'PUT', path: `/profiles/${id}`, body: { ...body, name: 'Another name' }, headers: owner });
    expect(other.status).toBe(409);
  });

  it('stores the language the member chose, returns it to the owner only, and refuses one it does not speak', async () => {
    const { id, owner } = await createOwned(validProfileInput({ locale: 'uk' }));
    expect((await call(api, { method: 'GET', path: `/profiles/${id}`, headers: owner })).body.locale).toBe('uk');
    const changed = await call(api, { method: 'PUT', path: `/profiles/${id}`, body: { ...validProfileInput({ locale: 'ka' }), version: 1 }, headers: owner });
    expect(changed.status).toBe(200);
    expect((await call(api, { method: 'GET', path: `/profiles/${id}`, headers: owner })).body.locale).toBe('ka');
    // The membership index (what matching and partners' views read) carries no preference.
    expect(JSON.stringify((await table.scanAll()).filter((i) => String(i.PK).includes(id) && String(i.SK) !== 'PROFILE'))).not.toContain('"ka"');

    const refused = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput({ name: 'Chisinau', locale: 'de' as 'en', contact: { name: 'X', email: 'x@chisinau.example' } }), headers: await bearer('x@chisinau.example') });
    expect(refused.status).toBe(400);
    expect((refused.body.errors as { field: string; detail: string }[]).map((e) => [e.field, e.detail])).toEqual([
      ['locale', '"de" is not a language CultureBridge speaks; use one of: en, ru, uk, ka, hy, az, ro, kk, uz'],
    ]);
  });

  it('keeps one membership item per network and the open scope, with no personal data, in step with updates and approvals', async () => {
    const { id, owner } = await createOwned(validProfileInput({ networks: ['eu4culture', 'eunic-caucasus'], openToOutsideNetwork: true }));
    const memberships = async () =>
      (await table.scanAll()).filter((i) => i.PK === `PROFILE#${id}` && i.entity === 'Membership');
    // Naming a network asks to join it: indexed where coordinators look, not where matching reads.
    expect((await memberships()).map((m) => m.GSI1PK).sort()).toEqual(['REQUESTS#eu4culture', 'REQUESTS#eunic-caucasus']);
    expect(JSON.stringify(await memberships())).not.toContain('@');

    await new CoordinatorStore(table.doc, table.tableName).add({ networkId: 'eu4culture', name: 'C', email: 'coordinator@eu4culture.example' });
    const coordinatorEmail = `coordinator-${randomUUID().slice(0, 8)}@eu4culture.example`;
    await new CoordinatorStore(table.doc, table.tableName).add({ networkId: 'eu4culture', name: 'Lela', email: coordinatorEmail });
    const coordinator = await bearer(coordinatorEmail, { networks: ['eu4culture'] });
    const approved = await call(api, { method: 'POST', path: `/networks/eu4culture/requests/${id}/approve`, headers: coordinator });
    expect(approved.body).toEqual({ profileId: id, networkId: 'eu4culture', membership: 'approved', changed: true });
    expect((await memberships()).map((m) => m.GSI1PK).sort()).toEqual(['NETWORK#eu4culture', 'NETWORK#~open', 'REQUESTS#eunic-caucasus']);
    expect(decodeMembershipView(String((await memberships())[0]?.view))).toMatchObject({ version: 2, networks: ['eu4culture'] });

    await call(api, { method: 'PUT', path: `/profiles/${id}`, body: { ...validProfileInput({ networks: ['eunic-caucasus'], openToOutsideNetwork: false }), version: 2 }, headers: owner });
    const after = await memberships();
    expect(after.map((m) => m.GSI1PK)).toEqual(['REQUESTS#eunic-caucasus']);
    expect(decodeMembershipView(String(after[0]?.view))).toMatchObject({ version: 3, networks: [], openToOutsideNetwork: false });
  });

  it('refuses a profile naming a network that does not exist with a 400 naming networks[i], and stores nothing', async () => {
    const before = await table.scanAll();
    const created = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput({ networks: ['eu4culture', 'eu4cultur'] }) });
    expect(created.status).toBe(400);
    expect(created.headers['content-type']).toBe('application/problem+json');
    expect(created.body.errors).toEqual([{ field: 'networks[1]', pointer: '#/networks/1', code: 'unknown_network', params: { value: 'eu4cultur' }, detail: expect.stringContaining('"eu4cultur" is not a network') }]);
    expect(await table.scanAll()).toEqual(before);

    const { id, owner } = await createOwned();
    const stored = await table.scanAll();
    const updated = await call(api, { method: 'PUT', path: `/profiles/${id}`, body: { ...validProfileInput({ networks: ['nowhere-network'] }), version: 1 }, headers: owner });
    expect(updated.status).toBe(400);
    expect(updated.body.errors).toEqual([expect.objectContaining({ field: 'networks[0]' })]);
    expect(await table.scanAll()).toEqual(stored);
  });

  it('names an unknown network in the same 400 as the other bad fields (one answer names every bad field), and stores nothing', async () => {
    const before = await table.scanAll();
    const created = await call(api, { method: 'POST', path: '/profiles', body: { ...validProfileInput({ networks: ['eu4culture', 'eu4cultur', 'Not A Slug'] }), offers: 'venue' } });
    expect(created.status).toBe(400);
    expect(created.headers['content-type']).toBe('application/problem+json');
    const errors = created.body.errors as { field: string; code: string }[];
    // networks[2] is named once, for its form; only a well-formed id is looked up.
    expect(errors.map(({ field, code }) => `${field} ${code}`).sort()).toEqual(['networks[1] unknown_network', 'networks[2] invalid_format', 'offers wrong_type']);
    expect(created.body.detail).toContain('3 fields are invalid');
    expect(await table.scanAll()).toEqual(before);

    const { id, owner } = await createOwned();
    const stored = await table.scanAll();
    const updated = await call(api, { method: 'PUT', path: `/profiles/${id}`, body: { ...validProfileInput({ networks: ['nowhere-network'] }), version: 'one' }, headers: owner });
    expect(updated.status).toBe(400);
    expect((updated.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['networks[0]', 'version']);
    expect(await table.scanAll()).toEqual(stored);
  });

  it('answers a POST with many mistakes with one 400 naming each field, and stores nothing', async () => {
    const before = (await table.scanAll()).length;
    const { name: _name, ...rest } = validProfileInput();
    const response = await call(api, {
      method: 'POST',
      path: '/profiles',
      body: { ...rest, country: 'ZZ', themes: [{ id: 'underwater-basket-weaving', priority: 'high' }], languages: 42, nickname: 'K' },
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    const fields = (response.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['country', 'languages', 'name', 'nickname', 'themes[0].id']);
    expect(response.body.detail).toBe('5 fields are invalid: name, country, themes[0].id, languages, nickname.');
    // A stable code per field, so a client can say it in its reader's language; detail stays English.
    expect((response.body.errors as { field: string; code: string; params?: unknown }[]).map(({ field, code, params }) => ({ field, code, params }))).toEqual([
      { field: 'name', code: 'required', params: undefined },
      { field: 'country', code: 'unknown_country', params: { value: 'ZZ' } },
      { field: 'themes[0].id', code: 'unknown_value', params: { value: 'underwater-basket-weaving' } },
      { field: 'languages', code: 'wrong_type', params: undefined },
      { field: 'nickname', code: 'unknown_field', params: { key: 'nickname' } },
    ]);
    expect((await table.scanAll()).length).toBe(before);
  });

  it('refuses a body over 64 KB with 413, a body that is not sent as JSON with 415 and one that does not parse with 400, storing nothing', async () => {
    const before = (await table.scanAll()).length;
    const huge = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput({ description: 'x'.repeat(100 * 1024) }) });
    expect(huge.status).toBe(413);
    // The limit is a member of its own, so that the web app can name it in the reader's language.
    expect(huge.body.maxBytes).toBe(64 * 1024);
    const text = await call(api, { method: 'POST', path: '/profiles', rawBody: 'name=Kutaisi', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    const broken = await call(api, { method: 'POST', path: '/profiles', rawBody: '{"name": ' });
    // RFC 9110 §15.5.16: 415 is for a media type the route does not take; a body that does not
    // parse as the type it declares is the client's bad request, named as the body.
    expect(broken.status).toBe(400);
    expect(broken.body.errors).toEqual([expect.objectContaining({ field: '(body)', code: 'invalid', detail: 'the body is not valid JSON: check quotes, commas and brackets' })]);
    expect(text.body.title).toBe('Unsupported media type');
    expect(text.body.errors).toEqual([expect.objectContaining({ field: 'Content-Type', code: 'unknown_value', params: { value: 'text/plain' } })]);
    // Valid JSON nested thousands of levels deep is not "not JSON": it is a 400 that says what is wrong.
    const deep = await call(api, { method: 'POST', path: '/profiles', rawBody: `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}` });
    expect(deep.status).toBe(400);
    expect(deep.body.detail).toBe('The body nests objects or arrays too deeply; no field of this API nests more than a few levels.');
    expect((await table.scanAll()).length).toBe(before);
  });

  it('answers unknown ids, malformed ids and unknown routes with 404 problems, and adds security and CORS headers', async () => {
    const unknownId = randomUUID();
    const unknown = await call(api, { method: 'GET', path: `/profiles/${unknownId}`, headers: { origin: 'http://localhost:5173', ...(await bearer(contact, { profiles: [unknownId] })) } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(unknown.headers['x-content-type-options']).toBe('nosniff');
    expect((await call(api, { method: 'GET', path: '/profiles/..%2F..', headers: await bearer(contact) })).status).toBe(404);
    expect((await call(api, { method: 'GET', path: '/nowhere' })).status).toBe(404);
  });

  it('refuses an update without a version and one of a profile that does not exist', async () => {
    const { id, owner } = await createOwned();
    const missingVersion = await call(api, { method: 'PUT', path: `/profiles/${id}`, body: validProfileInput(), headers: owner });
    expect(missingVersion.status).toBe(400);
    expect(missingVersion.body.errors).toEqual([expect.objectContaining({ field: 'version' })]);
    const ghost = await call(api, { method: 'PUT', path: `/profiles/${randomUUID()}`, body: { ...validProfileInput(), version: 1 }, headers: owner });
    expect(ghost.status).toBe(404);
  });
});
