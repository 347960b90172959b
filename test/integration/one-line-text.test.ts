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

/**
 * The whole API, a coordinator of eu4culture (`email`) and two active members (`participants`), so
 * that in a meeting body the name is the only mistake (a 400 names every bad field, participants who
 * are not members too).
 */
async function meetingSetup(email: string, participants: string[]) {
  const wholeApi = createApi(profilesApiOptions(table.doc, table.tableName, { mailer }));
  await new CoordinatorStore(table.doc, table.tableName).add({ networkId: 'eu4culture', name: 'C', email });
  const coordinator = await bearer(email, { networks: ['eu4culture'] });
  const store = new ProfileStore(table.doc, table.tableName);
  for (const id of participants) {
    await store.create(ProfileInput.parse(validProfileInput({ name: `Member ${id.slice(0, 4)}`, networks: ['eu4culture'], contact: { name: 'M', email: `m${id.slice(0, 4)}@meeting-name.example` } })), { id, status: 'active', now: new Date().toISOString(), membership: 'approved' });
  }
  return { wholeApi, coordinator, participants };
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
    const { wholeApi, coordinator, participants } = await meetingSetup('coordinator@eu4culture.example', ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222']);
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

// Rule 5 (no personal data in events) against what members and coordinators write: the public text
// of a profile (name, region, free tags, description) and a meeting's name are published in events,
// to the bus and to partners' webhooks; an e-mail address typed into them is refused, naming the field.
function expectAddressProblem(result: Awaited<ReturnType<typeof call>>, field: string) {
  expect(result.status).toBe(400);
  expect(result.headers['content-type']).toBe('application/problem+json');
  const errors = result.body.errors as { field: string; code: string }[];
  expect(errors.map((e) => [e.field, e.code])).toEqual([[field, 'email_in_text']]);
}

describe('e-mail addresses in public text: a 400 naming the field, nothing stored', () => {
  it.each([
    ['name', { name: 'Telavi (nino@telavi.example)' }],
    ['region', { region: 'Kakheti, write to office@kakheti.example' }],
    ['freeTags[1]', { freeTags: ['wine', 'Nino.Beridze@Telavi.Example'] }],
    ['description', { description: 'We restore frescoes.\nWrite to Nino Beridze, nino.beridze@telavi.example.' }],
  ])('POST /profiles refuses one in %s', async (field, patch) => {
    const before = (await table.scanAll()).length;
    const result = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput({ networks: ['eu4culture'], ...patch }) });
    expectAddressProblem(result, field);
    expect(await table.scanAll()).toHaveLength(before);
    expect(mailer.sent).toEqual([]);
  });

  it('keeps text with an @ that is no address (a handle, a time, "Art@Home")', async () => {
    const result = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput({ networks: ['eu4culture'], name: 'Art@Home', description: 'Find us as @telavi_culture, every day @ 10:00.' }) });
    expect(result.status).toBe(201);
  });

  it('POST /networks/{id}/meetings refuses one in the meeting name', async () => {
    const { wholeApi, coordinator, participants } = await meetingSetup('second-coordinator@eu4culture.example', ['33333333-3333-4333-8333-333333333333', '44444444-4444-4444-8444-444444444444']);
    const before = JSON.stringify(await table.scanAll());
    const body = { name: 'Speed dating (questions: ana@eu4culture.example)', date: '2099-05-12', startTime: '10:00', timeZone: 'Asia/Tbilisi', slotMinutes: 10, breakMinutes: 5, rounds: 2, tables: 1, participants };
    const result = await call(wholeApi, { method: 'POST', path: '/networks/eu4culture/meetings', body, headers: coordinator });
    expectAddressProblem(result, 'name');
    expect(JSON.stringify(await table.scanAll())).toBe(before);
  });
});
