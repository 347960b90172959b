import { beforeAll, describe, expect, it } from 'vitest';
import { INVISIBLE_OR_CONTROL_TEXT, PROFILE_ONE_LINE_FIELDS, validProfileInput } from '@culturebridge/domain/test-fixtures';
import { ProfileInput } from '@culturebridge/domain';
import { CoordinatorStore, ProfileStore } from '@culturebridge/store';
import { createProfilesApi } from '../../functions/profiles-api/app.js';
import { call } from '../support/api-event.js';
import { bearer, createApi, profilesApiOptions, recordingMailer } from '../support/profiles-api.js';
import { addNetworks, freshTable, type TestTable } from '../support/table.js';

let table: TestTable;
let api: ReturnType<typeof createProfilesApi>;
const mailer = recordingMailer();

beforeAll(async () => {
  table = await freshTable('one-line-text');
  await addNetworks(table, ['eu4culture']);
  api = createProfilesApi(profilesApiOptions(table.doc, table.tableName, { mailer }));
});

function expectFieldProblem(result: Awaited<ReturnType<typeof call>>, field: string) {
  expect(result.status).toBe(400);
  expect(result.headers['content-type']).toBe('application/problem+json');
  expect(result.body.type).toBe('/problems/invalid-fields');
  expect((result.body.errors as { field: string }[]).map((e) => e.field)).toEqual([field]);
}

describe('one-line fields through the API: one line of visible text, or a 400 and nothing stored', () => {
  for (const { field, set } of PROFILE_ONE_LINE_FIELDS) {
    it(`POST /profiles refuses every invisible or control character class in ${field}`, async () => {
      const before = (await table.scanAll()).length;
      for (const { name, value } of INVISIBLE_OR_CONTROL_TEXT) {
        const result = await call(api, { method: 'POST', path: '/profiles', body: set(value) });
        expect(result.status, name).toBe(400);
        expectFieldProblem(result, field);
      }
      expect(await table.scanAll()).toHaveLength(before);
      expect(mailer.sent).toEqual([]);
    });
  }

  it('POST /networks/{id}/meetings refuses every invisible or control character class in the meeting name', async () => {
    const wholeApi = createApi(profilesApiOptions(table.doc, table.tableName, { mailer }));
    await new CoordinatorStore(table.doc, table.tableName).add({ networkId: 'eu4culture', name: 'C', email: 'coordinator@eu4culture.example' });
    const coordinator = await bearer('coordinator@eu4culture.example', { networks: ['eu4culture'] });
    // Two active members, so that the name is the body's only mistake (a 400 names every bad field,
    // participants who are not members too).
    const participants = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    const store = new ProfileStore(table.doc, table.tableName);
    for (const [i, id] of participants.entries()) {
      await store.create(ProfileInput.parse(validProfileInput({ name: `Member ${i}`, networks: ['eu4culture'], contact: { name: 'M', email: `m${i}@meeting-name.example` } })), { id, status: 'active', now: new Date().toISOString(), membership: 'approved' });
    }
    const meeting = (name: string) => ({ name, date: '2099-05-12', startTime: '10:00', timeZone: 'Asia/Tbilisi', slotMinutes: 10, breakMinutes: 5, rounds: 2, tables: 1, participants });
    const before = JSON.stringify(await table.scanAll());
    for (const { name, value } of INVISIBLE_OR_CONTROL_TEXT) {
      const result = await call(wholeApi, { method: 'POST', path: '/networks/eu4culture/meetings', body: meeting(value), headers: coordinator });
      expect(result.status, name).toBe(400);
      expectFieldProblem(result, 'name');
    }
    expect(JSON.stringify(await table.scanAll())).toBe(before);
  });

  it('PUT /profiles/{id} refuses them too and leaves the stored profile as it was', async () => {
    const input = validProfileInput();
    const created = await call(api, { method: 'POST', path: '/profiles', body: input, headers: await bearer(input.contact.email) });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    const owner = { authorization: `Bearer ${String(created.body.session)}` };
    const stored = JSON.stringify(await table.scanAll());
    for (const { field, set } of PROFILE_ONE_LINE_FIELDS) {
      for (const { name, value } of INVISIBLE_OR_CONTROL_TEXT) {
        const result = await call(api, { method: 'PUT', path: `/profiles/${id}`, body: { ...set(value), version: 1 }, headers: owner });
        expect(result.status, `${field}: ${name}`).toBe(400);
        expectFieldProblem(result, field);
      }
    }
    expect(JSON.stringify(await table.scanAll())).toBe(stored);
  });

  it('the description keeps its line breaks and refuses other control characters', async () => {
    const input = validProfileInput({ contact: { name: 'Ion', email: 'culture@soroca.example' }, description: 'Festival in June.\r\nVenue: the fortress.\n\nAsk us.' });
    const created = await call(api, { method: 'POST', path: '/profiles', body: input, headers: await bearer(input.contact.email) });
    expect(created.status).toBe(201);
    const owner = { authorization: `Bearer ${String(created.body.session)}` };
    const read = await call(api, { method: 'GET', path: `/profiles/${String(created.body.id)}`, headers: owner });
    expect(read.body.description).toBe('Festival in June.\nVenue: the fortress.\n\nAsk us.');

    const before = (await table.scanAll()).length;
    for (const bad of ['a\tb', 'a\u0000b', '\u001b[2J', 'a\u2028b', '\u200b\n\u3164', 'Festival \u202eenuJ ni\nVenue', 'a\u2066b\n\u2069c']) {
      expectFieldProblem(await call(api, { method: 'POST', path: '/profiles', body: validProfileInput({ description: bad }) }), 'description');
    }
    expect(await table.scanAll()).toHaveLength(before);
  });

  it('a name whose direction controls are closed inside it is stored as written (text pasted from a chat app)', async () => {
    const name = 'Gyumri \u2068\u05d2\u05d9\u05d5\u05de\u05e8\u05d9\u2069 \u202b\u05e2\u05d9\u05e8\u202c';
    const input = validProfileInput({ name, contact: { name: 'Ani', email: 'culture@gyumri-bidi.example' } });
    const created = await call(api, { method: 'POST', path: '/profiles', body: input, headers: await bearer(input.contact.email) });
    expect(created.status).toBe(201);
    const read = await call(api, { method: 'GET', path: `/profiles/${String(created.body.id)}`, headers: { authorization: `Bearer ${String(created.body.session)}` } });
    expect(read.body.name).toBe(name);
  });

  it('a name typed decomposed is stored NFC', async () => {
    const input = validProfileInput({ name: 'Ba\u0306lt\u0326i', contact: { name: 'Ana', email: 'culture@balti.example' } });
    const created = await call(api, { method: 'POST', path: '/profiles', body: input, headers: await bearer(input.contact.email) });
    const read = await call(api, { method: 'GET', path: `/profiles/${String(created.body.id)}`, headers: { authorization: `Bearer ${String(created.body.session)}` } });
    expect(read.body.name).toBe('B\u0103l\u021bi');
  });
});
