import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { CoordinatorStore } from '@culturebridge/store';
import type { Platform } from '../../local/platform.js';
import { localMails } from '../../local/ses-local.js';
import { callAs, EMAIL_PATTERN, platformDocumentClient, startTestPlatform, submitProfile } from '../support/platform.js';

// A coordinator cancels a planned meeting: DELETE keeps a cancelled record (so a retry recognises its
// own success and the participants are told once), the meeting disappears from every list, and
// partners hear MeetingCancelled from the stream.

const BASE_URL = 'https://app.culturebridge.example';
let platform: Platform;
beforeAll(async () => {
  platform = await startTestPlatform('meeting-cancel', { appBaseUrl: BASE_URL });
});
afterAll(async () => platform?.stop());

const mailsTo = async (address: string) => (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(address));

const as = (email: string, claims: { profiles?: string[]; networks?: string[] }, method: string, path: string, body?: unknown) => callAs(platform, email, claims, method, path, body);

async function network() {
  const net = `net-${randomUUID().slice(0, 8)}`;
  const coordinator = `coordinator@${net}.example`;
  await new CoordinatorStore(platformDocumentClient(platform), platform.tableName).add({ networkId: net, name: 'Lela', email: coordinator, preference: { mode: 'off' } });
  return { net, coordinator };
}

describe('a coordinator cancels a meeting', () => {
  it('tells each participant once, in their language; the meeting leaves every list and answers 410; a retry is a 204 again; MeetingCancelled carries no personal data', async () => {
    const { net, coordinator } = await network();
    const people = [
      ['Kutaisi', 'nino', 'en'],
      ['Gyumri', 'anna', 'ru'],
      ['Lviv', 'oksana', 'en'],
    ] as const;
    const ids: string[] = [];
    for (const [name, contact, locale] of people) {
      ids.push(await submitProfile(platform, validProfileInput({ name, locale, networks: [net], mailFrequency: 'off', contact: { name: contact, email: `${contact}@${net}.example` } })));
    }
    await platform.settle();

    const body = { name: 'Speed dating, day 1', date: '2099-05-12', startTime: '10:00', timeZone: 'Asia/Tbilisi', slotMinutes: 10, breakMinutes: 5, rounds: 3, tables: 2, participants: ids };
    const created = await as(coordinator, { networks: [net] }, 'POST', `/networks/${net}/meetings`, body);
    expect(created.status).toBe(201);
    const path = `/networks/${net}/meetings/${String(created.body.id)}`;
    await platform.settle();
    expect(await mailsTo(`nino@${net}.example`)).toHaveLength(1);

    // Moved to a day that has begun, its rounds would count as held and never be cancellable: refused.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const backwards = await as(coordinator, { networks: [net] }, 'PUT', path, { ...body, date: yesterday, version: 1 });
    expect(backwards.status).toBe(400);
    expect((backwards.body.errors as { field: string; code: string }[]).map((e) => [e.field, e.code])).toEqual([['date', 'round_passed']]);

    // Another network's coordinator cannot cancel it.
    const other = await network();
    expect((await as(other.coordinator, { networks: [other.net] }, 'DELETE', path)).status).toBe(404);

    // Sent twice at once (a double click, a retry after a lost reply): both are its own success.
    const answers = await Promise.all([1, 2].map(() => as(coordinator, { networks: [net] }, 'DELETE', path)));
    expect(answers.map((a) => a.status)).toEqual([204, 204]);
    await platform.settle();

    const nino = await mailsTo(`nino@${net}.example`);
    expect(nino.map((m) => m.subject)).toEqual(['CultureBridge: your schedule for Speed dating, day 1', 'CultureBridge: Speed dating, day 1 is cancelled']);
    const cancelled = nino[1];
    for (const part of [cancelled?.body.text, cancelled?.body.html]) {
      expect(part).toContain('Hello nino');
      expect(part).toContain('May 12, 2099');
      expect(part).toContain('10:00');
      expect(part).toContain(`${BASE_URL}/#/profiles/${ids[0]}/meetings`);
      expect(part).not.toContain(`anna@${net}.example`);
    }
    const anna = await mailsTo(`anna@${net}.example`);
    expect(anna).toHaveLength(2);
    expect(anna[1]?.subject).toBe('CultureBridge: встреча «Speed dating, day 1» отменена');
    expect(await mailsTo(`oksana@${net}.example`)).toHaveLength(2);

    // Gone from every list and view: 410 naming the cancellation, for reading, changing and downloading.
    const listed = await as(coordinator, { networks: [net] }, 'GET', `/networks/${net}/meetings`);
    expect(listed.body.meetings).toEqual([]);
    const own = await as(`nino@${net}.example`, { profiles: [ids[0] as string] }, 'GET', `/profiles/${ids[0]}/meetings`);
    expect(own.body.meetings).toEqual([]);
    for (const [method, suffix, sent] of [
      ['GET', '', undefined],
      ['PUT', '', { ...body, version: 2 }],
      ['GET', '/calendar', undefined],
      ['GET', '/csv', undefined],
    ] as const) {
      const gone = await as(coordinator, { networks: [net] }, method, `${path}${suffix}`, sent);
      expect(gone.status, `${method} ${suffix}`).toBe(410);
      expect(gone.contentType).toMatch(/^application\/problem\+json/);
      expect(gone.body).toMatchObject({ type: '/problems/meeting-cancelled', status: 410 });
      expect(String(gone.body.cancelledAt)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
    // A change sent with the version it read before the cancel: the meeting is gone (410), not "send version 2".
    const late = await as(coordinator, { networks: [net] }, 'PUT', path, { ...body, name: 'Late change', version: 1 });
    expect(late.status).toBe(410);
    const asked = await as(`nino@${net}.example`, { profiles: [ids[0] as string] }, 'POST', `${path}/requests`, { from: ids[0], to: ids[1] });
    expect(asked.status).toBe(410);

    // Once more, later: still its own success, and nobody is told again.
    expect((await as(coordinator, { networks: [net] }, 'DELETE', path)).status).toBe(204);
    await platform.settle();
    expect(await mailsTo(`nino@${net}.example`)).toHaveLength(2);

    const events = platform.eventBridge.events.map((e) => e.event).filter((e) => (e.detail as { data: { meetingId?: string } }).data.meetingId === created.body.id);
    expect(events.map((e) => e['detail-type'])).toEqual(['MeetingPlanned', 'MeetingCancelled']);
    const data = (events[1]?.detail as { data: Record<string, unknown> }).data;
    expect(data).toMatchObject({ meetingId: created.body.id, networkId: net, version: 2, participantIds: ids });
    expect(String(data.cancelledAt)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(JSON.stringify(events)).not.toMatch(EMAIL_PATTERN);
    expect(JSON.stringify(events)).not.toContain('nino');

    // The same plan again after the cancellation is a new meeting (not the cancelled one answered
    // as created), and a retry of that request finds the new one.
    const again = await Promise.all([1, 2].map(() => as(coordinator, { networks: [net] }, 'POST', `/networks/${net}/meetings`, body)));
    expect(again.map((a) => a.status)).toEqual([201, 201]);
    expect(again[0]?.body.id).not.toBe(created.body.id);
    expect(again[1]?.body.id).toBe(again[0]?.body.id);
    expect(again[0]?.body.version).toBe(1);
    expect(((await as(coordinator, { networks: [net] }, 'GET', `/networks/${net}/meetings`)).body.meetings as { id: string }[]).map((m) => m.id)).toEqual([again[0]?.body.id]);
    await platform.settle();
    expect((await mailsTo(`nino@${net}.example`)).map((m) => m.subject)).toEqual([
      'CultureBridge: your schedule for Speed dating, day 1',
      'CultureBridge: Speed dating, day 1 is cancelled',
      'CultureBridge: your schedule for Speed dating, day 1',
    ]);
  });

  it('names a participant who is not a member in the same 400 as the body\'s other mistakes (one answer names every bad field), and stores nothing', async () => {
    const { net, coordinator } = await network();
    const ids: string[] = [];
    for (const name of ['Kutaisi', 'Gyumri']) ids.push(await submitProfile(platform, validProfileInput({ name, networks: [net], mailFrequency: 'off', contact: { name, email: `${name.toLowerCase()}@${net}.example` } })));
    const stranger = await submitProfile(platform, validProfileInput({ name: 'Elsewhere', networks: ['eu4culture'], mailFrequency: 'off', contact: { name: 'E', email: `elsewhere@${net}.example` } }));
    await platform.settle();
    const body = { name: 'Speed dating', date: '2099-05-12', startTime: '10:00', timeZone: 'Asia/Tbilisi', slotMinutes: 10, breakMinutes: 5, rounds: 3, tables: 2, participants: ids };
    const fields = (answer: { body: Record<string, unknown> }) => (answer.body.errors as { field: string; code: string }[]).map((e) => `${e.field} ${e.code}`).sort();

    const created = await as(coordinator, { networks: [net] }, 'POST', `/networks/${net}/meetings`, { ...body, rounds: 'three', participants: [...ids, stranger, 'Not An Id'] });
    expect(created.status).toBe(400);
    // participants[3] is named once, for its form; only a well-formed id is looked up.
    expect(fields(created)).toEqual(['participants[2] not_a_member', 'participants[3] invalid_format', 'rounds wrong_type']);
    // A body that is no object at all is a 400 too, not a failure of the checks beyond the schema.
    for (const body of [null, [], 'text', 7]) expect((await as(coordinator, { networks: [net] }, 'POST', `/networks/${net}/meetings`, body)).status, JSON.stringify(body)).toBe(400);
    expect((await as(coordinator, { networks: [net] }, 'GET', `/networks/${net}/meetings`)).body.meetings).toEqual([]);

    const planned = await as(coordinator, { networks: [net] }, 'POST', `/networks/${net}/meetings`, body);
    expect(planned.status).toBe(201);
    const path = `/networks/${net}/meetings/${String(planned.body.id)}`;
    const changed = await as(coordinator, { networks: [net] }, 'PUT', path, { ...body, tables: 0, participants: [...ids, stranger], version: 1 });
    expect(changed.status).toBe(400);
    expect(fields(changed)).toEqual(['participants[2] not_a_member', 'tables too_small']);
    expect((await as(coordinator, { networks: [net] }, 'GET', path)).body.version).toBe(1);
  });

  it('names a day that has passed in the same 400 as a bad field, a participant who is not a member and a request to someone not taking part', async () => {
    const { net, coordinator } = await network();
    const ids: string[] = [];
    for (const name of ['Orhei', 'Cahul']) ids.push(await submitProfile(platform, validProfileInput({ name, networks: [net], mailFrequency: 'off', contact: { name, email: `${name.toLowerCase()}@${net}.example` } })));
    const stranger = await submitProfile(platform, validProfileInput({ name: 'Elsewhere', networks: ['eu4culture'], mailFrequency: 'off', contact: { name: 'E', email: `elsewhere-2@${net}.example` } }));
    await platform.settle();
    const [orhei] = ids as [string];
    const past = { name: 'Speed dating', date: '2020-05-12', startTime: '10:00', timeZone: 'Asia/Tbilisi', slotMinutes: 10, breakMinutes: 5, rounds: 3, tables: 2, participants: [...ids, stranger], requests: [{ from: orhei, to: randomUUID() }] };
    const fields = (answer: { body: Record<string, unknown> }) => (answer.body.errors as { field: string; code: string }[]).map((e) => `${e.field} ${e.code}`).sort();
    const post = (body: unknown) => as(coordinator, { networks: [net] }, 'POST', `/networks/${net}/meetings`, body);

    // The body passes the schema: its day, its participants and its requests in one answer.
    const every = await post(past);
    expect(every.status).toBe(400);
    expect(fields(every)).toEqual(['date invalid_date', 'participants[2] not_a_member', 'requests[0].to not_a_participant']);
    // The schema refuses a field too: the day that has passed is still named with it.
    const alongside = await post({ ...past, timeZone: 'Asia/TBILISI', requests: [] });
    expect(fields(alongside)).toEqual(['date invalid_date', 'participants[2] not_a_member', 'timeZone unknown_time_zone']);
    expect((await as(coordinator, { networks: [net] }, 'GET', `/networks/${net}/meetings`)).body.meetings).toEqual([]);

    // A change: a new day that has passed and a participant who is not a member, in one answer.
    const planned = await post({ ...past, date: '2099-05-12', participants: ids, requests: [] });
    expect(planned.status).toBe(201);
    const path = `/networks/${net}/meetings/${String(planned.body.id)}`;
    const changed = await as(coordinator, { networks: [net] }, 'PUT', path, { ...past, participants: [...ids, stranger], requests: [], version: 1 });
    expect(fields(changed)).toEqual(['date invalid_date', 'participants[2] not_a_member']);
    expect((await as(coordinator, { networks: [net] }, 'GET', path)).body.version).toBe(1);
  });

  it('refuses to cancel a meeting whose first round has begun (409); it stays as it was', async () => {
    const { net, coordinator } = await network();
    const ids: string[] = [];
    for (const name of ['Soroca', 'Ganja']) {
      ids.push(await submitProfile(platform, validProfileInput({ name, networks: [net], mailFrequency: 'off', contact: { name, email: `culture@${name.toLowerCase()}-${net}.example` } })));
    }
    await platform.settle();
    const start = new Date(Date.now() - 5 * 60_000);
    const body = { name: 'Today', date: start.toISOString().slice(0, 10), startTime: start.toISOString().slice(11, 16), timeZone: 'UTC', slotMinutes: 10, breakMinutes: 5, rounds: 2, tables: 1, participants: ids };
    const created = await as(coordinator, { networks: [net] }, 'POST', `/networks/${net}/meetings`, body);
    expect(created.status).toBe(201);
    const path = `/networks/${net}/meetings/${String(created.body.id)}`;

    const refused = await as(coordinator, { networks: [net] }, 'DELETE', path);
    expect(refused.status).toBe(409);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: '/problems/meeting-under-way', title: 'Meeting under way' });
    const still = await as(coordinator, { networks: [net] }, 'GET', path);
    expect(still.status).toBe(200);
    expect(still.body.version).toBe(1);
  });
});
