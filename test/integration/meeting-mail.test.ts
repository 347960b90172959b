import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingInputFixture, validProfileInput } from '@culturebridge/domain/test-fixtures';
import { CoordinatorStore, NetworkStore } from '@culturebridge/store';
import { LOCAL_SENDER, type Platform } from '../../local/platform.js';
import { localMails } from '../../local/ses-local.js';
import { whileNotifyLags } from '../support/notify-lag.js';
import { callAs, EMAIL_PATTERN, platformDocumentClient, startTestPlatform, submitProfile } from '../support/platform.js';

const BASE_URL = 'https://app.culturebridge.example';
let platform: Platform;

beforeAll(async () => {
  platform = await startTestPlatform('meetings', { appBaseUrl: BASE_URL });
});
afterAll(async () => platform?.stop());

const mailsTo = async (address: string) => (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(address));

const asCoordinator = (net: string, email: string, method: string, path: string, body?: unknown) => callAs(platform, email, { networks: [net] }, method, path, body);

/** Whether the code running now was called from a file under `path` (its async callers included). */
function calledFrom(path: string): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Infinity;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return stack.replaceAll('\\', '/').includes(path);
}

/** One participant's rounds in a coordinator's meeting view (times, table, partner): what their schedule mail says. */
const ownRounds = (view: Record<string, unknown>, id: string) =>
  JSON.stringify((view.byParticipant as { id: string; rounds: { startsAt: string; endsAt: string; table?: number; partnerId?: string }[] }[]).find((p) => p.id === id)?.rounds.map((r) => [r.startsAt, r.endsAt, r.table, r.partnerId]));

/** A network with a coordinator (digests off) and three confirmed members: Kutaisi (Nino), Gyumri (Anna), Lviv (Oksana). */
async function networkOfThree() {
  const net = `net-${randomUUID().slice(0, 8)}`;
  const coordinator = `coordinator@${net}.example`;
  await new CoordinatorStore(platformDocumentClient(platform), platform.tableName).add({ networkId: net, name: 'Lela', email: coordinator, preference: { mode: 'off' } });
  const people = [
    ['Kutaisi', 'GE', 'Nino'],
    ['Gyumri', 'AM', 'Anna'],
    ['Lviv', 'UA', 'Oksana'],
  ] as const;
  const ids: string[] = [];
  for (const [name, country, contact] of people) {
    ids.push(await submitProfile(platform, validProfileInput({ name, country, networks: [net], contact: { name: contact, email: `${contact.toLowerCase()}@${net}.example` } })));
  }
  return { net, coordinator, ids };
}

describe('meeting mails', () => {
  it('mails each participant their own schedule once per version, and publishes MeetingPlanned and MeetingChanged without personal data', async () => {
    const { net, coordinator, ids } = await networkOfThree();
    await new NetworkStore(platformDocumentClient(platform), platform.tableName).put({ id: net, name: 'Black Sea Cities: culture offices of port cities' }, new Date().toISOString());
    await platform.settle();

    const body = meetingInputFixture(ids, { name: 'Speed dating, day 1', rounds: 3 });
    const created = await asCoordinator(net, coordinator, 'POST', `/networks/${net}/meetings`, body);
    expect(created.status).toBe(201);
    const meetingId = String(created.body.id);
    await platform.settle();

    const nino = await mailsTo(`nino@${net}.example`);
    expect(nino).toHaveLength(1);
    expect(nino[0]?.subject).toBe('CultureBridge: your schedule for Speed dating, day 1');
    for (const part of [nino[0]?.body.text, nino[0]?.body.html]) {
      expect(part).toContain('Hello Nino');
      // 10:00 in Tbilisi, three rounds of 10 minutes with 5-minute breaks; three people, so one break each.
      expect(part).toMatch(/10:00–10:10/);
      expect(part).toMatch(/10:30–10:40/);
      expect(part).toContain('Gyumri');
      expect(part).toContain('Lviv');
      expect(part).toContain(`${BASE_URL}/#/profiles/${ids[0]}/meetings`);
      expect(part).not.toContain(`anna@${net}.example`);
      // The reasons name the network as its record does, not by its id.
      expect(part).toContain('Same network: Black Sea Cities.');
      expect(part).not.toContain(`Same network: ${net}`);
    }
    for (const who of ['anna', 'oksana']) expect(await mailsTo(`${who}@${net}.example`)).toHaveLength(1);

    const changed = await asCoordinator(net, coordinator, 'PUT', `/networks/${net}/meetings/${meetingId}`, { ...body, name: 'Speed dating, day 2', version: 1 });
    expect(changed.status).toBe(200);
    await platform.settle();
    const again = await mailsTo(`nino@${net}.example`);
    expect(again.map((m) => m.subject).sort()).toEqual(['CultureBridge: your schedule for Speed dating, day 1', 'CultureBridge: your updated schedule for Speed dating, day 2']);

    const events = platform.eventBridge.events.map((e) => e.event).filter((e) => (e.detail as { data: { meetingId?: string } }).data.meetingId === meetingId);
    expect(events.map((e) => e['detail-type'])).toEqual(['MeetingPlanned', 'MeetingChanged']);
    expect(JSON.stringify(events)).not.toMatch(EMAIL_PATTERN);
    expect(JSON.stringify(events)).not.toContain('Nino');
    // Each participant's mail is claimed per version: three per version, each published once.
    const notified = platform.eventBridge.events
      .map((e) => e.event)
      .filter((e) => e['detail-type'] === 'CoordinatorNotified' && String((e.detail as { data: { notificationId: string } }).data.notificationId).startsWith(`meeting:${meetingId}:`));
    expect(notified).toHaveLength(6);
  });
  it('tells a participant a change took out, once, that the schedule they had no longer holds; MeetingChanged names them by id', async () => {
    const { net, coordinator, ids } = await networkOfThree();
    await platform.settle();
    const body = meetingInputFixture(ids, { name: 'Speed dating, day 1' });
    const created = await asCoordinator(net, coordinator, 'POST', `/networks/${net}/meetings`, body);
    expect(created.status).toBe(201);
    const meetingId = String(created.body.id);
    await platform.settle();

    const changed = await asCoordinator(net, coordinator, 'PUT', `/networks/${net}/meetings/${meetingId}`, { ...body, participants: ids.slice(0, 2), version: 1 });
    expect(changed.status).toBe(200);
    await platform.settle();

    const oksana = (await mailsTo(`oksana@${net}.example`)).map((m) => m.subject);
    expect(oksana.sort()).toEqual(['CultureBridge: you are no longer on the schedule of Speed dating, day 1', 'CultureBridge: your schedule for Speed dating, day 1']);
    const notice = (await mailsTo(`oksana@${net}.example`)).find((m) => /no longer/.test(m.subject));
    expect(notice?.body.text).toContain('Lviv no longer takes part in its speed-dating rounds still to come');
    expect(notice?.body.text).not.toContain('Kutaisi');
    const event = platform.eventBridge.events.map((e) => e.event).find((e) => e['detail-type'] === 'MeetingChanged' && (e.detail as { data: { meetingId?: string } }).data.meetingId === meetingId);
    const data = (event?.detail as { data: { removedParticipantIds?: string[]; rescheduledParticipantIds?: string[] } }).data;
    expect(data.removedParticipantIds).toEqual([ids[2]]);
    // Those still in get the new schedule when their own rounds changed (whoever was to meet Lviv
    // now sits out that round), and nothing when they did not: read from the timetables themselves.
    const moved = ids.slice(0, 2).filter((id) => ownRounds(created.body, id) !== ownRounds(changed.body, id));
    expect(moved.length).toBeGreaterThan(0);
    expect([...(data.rescheduledParticipantIds ?? [])].sort()).toEqual(moved.sort());
    for (const [i, who] of (['nino', 'anna'] as const).entries()) {
      const subjects = (await mailsTo(`${who}@${net}.example`)).map((m) => m.subject).sort();
      expect(subjects).toEqual(data.rescheduledParticipantIds?.includes(ids[i] as string) ? ['CultureBridge: your schedule for Speed dating, day 1', 'CultureBridge: your updated schedule for Speed dating, day 1'] : ['CultureBridge: your schedule for Speed dating, day 1']);
    }
    expect(JSON.stringify(event)).not.toMatch(EMAIL_PATTERN);
  });
  it('a change that changes nothing (a form saved as it was) writes no version, publishes nothing and mails nobody', async () => {
    const { net, coordinator, ids } = await networkOfThree();
    await platform.settle();
    const body = meetingInputFixture(ids, { name: 'Speed dating, unchanged' });
    const created = await asCoordinator(net, coordinator, 'POST', `/networks/${net}/meetings`, body);
    expect(created.status).toBe(201);
    const meetingId = String(created.body.id);
    await platform.settle();
    const before = (await mailsTo(`nino@${net}.example`)).length;

    const same = await asCoordinator(net, coordinator, 'PUT', `/networks/${net}/meetings/${meetingId}`, { ...body, requests: [], version: 1 });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(1);
    await platform.settle();
    expect(await mailsTo(`nino@${net}.example`)).toHaveLength(before);
    const events = platform.eventBridge.events.map((e) => e.event).filter((e) => (e.detail as { data: { meetingId?: string } }).data.meetingId === meetingId);
    expect(events.map((e) => e['detail-type'])).toEqual(['MeetingPlanned']);
    // Its version is still the one to send with a real change.
    const renamed = await asCoordinator(net, coordinator, 'PUT', `/networks/${net}/meetings/${meetingId}`, { ...body, name: 'Speed dating, renamed', version: 1 });
    expect(renamed.status).toBe(200);
    expect(renamed.body.version).toBe(2);
  });
  it('a participant downloads their own rounds as iCalendar in the language asked for; others, bad locales and cancelled meetings are refused', async () => {
    const { net, coordinator, ids } = await networkOfThree();
    await platform.settle();
    const created = await asCoordinator(net, coordinator, 'POST', `/networks/${net}/meetings`, meetingInputFixture(ids, { name: 'Speed dating, calendar', rounds: 3 }));
    expect(created.status).toBe(201);
    const meetingId = String(created.body.id);
    const nino = (method: string, path: string) => callAs(platform, `nino@${net}.example`, { profiles: [ids[0] as string] }, method, path);
    const path = `/profiles/${ids[0]}/meetings/${meetingId}/calendar`;

    const english = await nino('GET', path);
    expect(english.status).toBe(200);
    expect(english.contentType).toBe('text/calendar; charset=utf-8');
    const events = english.text.replace(/\r\n[ \t]/g, '').split('BEGIN:VEVENT').slice(1);
    // Three people, three rounds: Kutaisi meets each of the others once and sits out once, which is
    // sent as a cancelled event (a calendar that had a meeting in that round drops it).
    expect(events).toHaveLength(3);
    expect(events.filter((e) => e.includes('STATUS:CANCELLED'))).toHaveLength(1);
    expect(english.text).toContain(`UID:${meetingId}-r`);
    expect(english.text.replace(/\r\n[ \t]/g, '')).toMatch(/SUMMARY:Speed dating\\, calendar: round \d\\, table \d\\, with (Gyumri|Lviv)/);
    const georgian = await nino('GET', `${path}?locale=ka`);
    expect(georgian.text.replace(/\r\n[ \t]/g, '')).toMatch(/SUMMARY:Speed dating\\, calendar: რაუნდი \d\\, მაგიდა \d\\, შეხვედრა: (Gyumri|Lviv)/);

    const badLocale = await nino('GET', `${path}?locale=tlh`);
    expect(badLocale.status).toBe(400);
    expect((badLocale.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['locale']);
    // Anna's profile is not Nino's; an unknown meeting is not found.
    expect((await nino('GET', `/profiles/${ids[1]}/meetings/${meetingId}/calendar`)).status).toBe(404);
    expect((await nino('GET', `/profiles/${ids[0]}/meetings/${randomUUID()}/calendar`)).status).toBe(404);

    expect((await asCoordinator(net, coordinator, 'DELETE', `/networks/${net}/meetings/${meetingId}`)).status).toBe(204);
    const cancelled = await nino('GET', path);
    expect(cancelled.status).toBe(410);
    expect(cancelled.body.type).toBe('/problems/meeting-cancelled');
  });
  it('a round the coordinator takes off the end stays in both calendar files, cancelled, so a calendar that imported it drops it', async () => {
    const { net, coordinator, ids } = await networkOfThree();
    await platform.settle();
    const body = meetingInputFixture(ids, { name: 'Speed dating, shortened', rounds: 3 });
    const created = await asCoordinator(net, coordinator, 'POST', `/networks/${net}/meetings`, body);
    expect(created.status).toBe(201);
    const meetingId = String(created.body.id);
    const shortened = await asCoordinator(net, coordinator, 'PUT', `/networks/${net}/meetings/${meetingId}`, { ...body, rounds: 2, version: 1 });
    expect(shortened.status).toBe(200);
    const eventsOf = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('BEGIN:VEVENT').slice(1);

    const mine = eventsOf((await callAs(platform, `nino@${net}.example`, { profiles: [ids[0] as string] }, 'GET', `/profiles/${ids[0]}/meetings/${meetingId}/calendar`)).text);
    expect(mine).toHaveLength(3);
    const third = mine.find((e) => e.includes(`UID:${meetingId}-r3-${ids[0]}@meetings.culturebridge`));
    expect(third).toContain('STATUS:CANCELLED');
    expect(third).toContain('SEQUENCE:1');
    expect(third).toContain('SUMMARY:Speed dating\\, shortened: round 3 cancelled');

    // Three people: one pair a round, at table 1; the timetable had r1-t1 … r3-t1.
    const timetable = eventsOf((await asCoordinator(net, coordinator, 'GET', `/networks/${net}/meetings/${meetingId}/calendar`)).text);
    expect(timetable.map((e) => /UID:(\S+)/.exec(e)?.[1])).toEqual([1, 2, 3].map((r) => `${meetingId}-r${r}-t1@meetings.culturebridge`));
    expect(timetable[2]).toContain('STATUS:CANCELLED');
    // The meeting view shows the rounds planned, not this bookkeeping.
    expect(shortened.body.issuedTables).toBeUndefined();
  });
  it('a round the coordinator takes off and then puts back is a new event in both calendar files (its own UID, SEQUENCE 0), its old UID still cancelled; the network is their ORGANIZER at the sender address', async () => {
    const { net, coordinator, ids } = await networkOfThree();
    await platform.settle();
    await new NetworkStore(platformDocumentClient(platform), platform.tableName).put({ id: net, name: 'Black Sea "port" cities' }, new Date().toISOString());
    const body = meetingInputFixture(ids, { name: 'Speed dating, round back', rounds: 3 });
    const created = await asCoordinator(net, coordinator, 'POST', `/networks/${net}/meetings`, body);
    expect(created.status).toBe(201);
    const meetingId = String(created.body.id);
    expect((await asCoordinator(net, coordinator, 'PUT', `/networks/${net}/meetings/${meetingId}`, { ...body, rounds: 2, version: 1 })).status).toBe(200);
    const back = await asCoordinator(net, coordinator, 'PUT', `/networks/${net}/meetings/${meetingId}`, { ...body, rounds: 3, version: 2 });
    expect(back.status).toBe(200);
    expect(back.body.returnedEvents).toBeUndefined();
    const uids = (ics: string) =>
      ics
        .replace(/\r\n[ \t]/g, '')
        .split('BEGIN:VEVENT')
        .slice(1)
        .map((e) => [/UID:(\S+)/.exec(e)?.[1], e.includes('STATUS:CANCELLED') ? 'CANCELLED' : 'CONFIRMED', /SEQUENCE:(\d+)/.exec(e)?.[1]]);
    const timetableFile = (await asCoordinator(net, coordinator, 'GET', `/networks/${net}/meetings/${meetingId}/calendar`)).text;
    const timetable = uids(timetableFile);
    expect(timetable.filter(([uid]) => uid?.includes('-r3-'))).toEqual([
      [`${meetingId}-r3-t1@meetings.culturebridge`, 'CANCELLED', '2'],
      [`${meetingId}-r3-t1-v3@meetings.culturebridge`, 'CONFIRMED', '0'],
    ]);
    // One pair meets in round 3 again, the third person sits it out (a break, sent as cancelled before).
    const contacts = ['nino', 'anna', 'oksana'];
    const pair = (back.body.rounds as { meetings: { profileIds: string[] }[] }[])[2]?.meetings[0]?.profileIds ?? [];
    for (const [i, id] of ids.entries()) {
      const ownFile = (await callAs(platform, `${contacts[i]}@${net}.example`, { profiles: [id] }, 'GET', `/profiles/${id}/meetings/${meetingId}/calendar`)).text;
      // The network organizes, at the platform's sender address (RFC 5546 PUBLISH); no member is named.
      for (const file of [timetableFile, ownFile]) {
        const unfolded = file.replace(/\r\n[ \t]/g, '');
        expect(unfolded.match(/^ORGANIZER.*$/gm)).toEqual(unfolded.match(/^BEGIN:VEVENT/gm)?.map(() => `ORGANIZER;CN="Black Sea ^'port^' cities":MAILTO:${LOCAL_SENDER}`));
      }
      const own = uids(ownFile);
      expect(own.filter(([uid]) => uid?.includes('-r3-'))).toEqual([
        [`${meetingId}-r3-${id}@meetings.culturebridge`, 'CANCELLED', '2'],
        ...(pair.includes(id) ? [[`${meetingId}-r3-${id}-v3@meetings.culturebridge`, 'CONFIRMED', '0']] : []),
      ]);
    }
    expect(pair).toHaveLength(2);
  });
  it('the coordinator downloads the timetable in the language the page asks for; an unknown language is a 400 naming locale', async () => {
    const { net, coordinator, ids } = await networkOfThree();
    await platform.settle();
    const body = meetingInputFixture(ids, { name: 'Speed dating, in Russian', rounds: 3 });
    const created = await asCoordinator(net, coordinator, 'POST', `/networks/${net}/meetings`, body);
    expect(created.status).toBe(201);
    const meetingId = String(created.body.id);
    expect((await asCoordinator(net, coordinator, 'PUT', `/networks/${net}/meetings/${meetingId}`, { ...body, rounds: 2, version: 1 })).status).toBe(200);
    const russian = await asCoordinator(net, coordinator, 'GET', `/networks/${net}/meetings/${meetingId}/calendar?locale=ru`);
    const unfolded = russian.text.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toMatch(/SUMMARY:Speed dating\\, in Russian: раунд 1\\, стол 1: (Kutaisi|Gyumri|Lviv) и (Kutaisi|Gyumri|Lviv)\r\n/);
    expect(unfolded).toContain('SUMMARY:Speed dating\\, in Russian: раунд 3\\, стол 1: отменено');
    expect(unfolded).not.toMatch(/Shared language|Table \d/);
    const klingon = await asCoordinator(net, coordinator, 'GET', `/networks/${net}/meetings/${meetingId}/calendar?locale=tlh`);
    expect(klingon.status).toBe(400);
    expect((klingon.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['locale']);
    // The views name people too, so they take the page's language; a change asked in an unknown one
    // is refused before anything is stored.
    const refused = await asCoordinator(net, coordinator, 'PUT', `/networks/${net}/meetings/${meetingId}?locale=tlh`, { ...body, rounds: 1, version: 2 });
    expect(refused.status).toBe(400);
    expect((refused.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['locale']);
    const kept = await asCoordinator(net, coordinator, 'GET', `/networks/${net}/meetings/${meetingId}?locale=ru`);
    expect(kept.body.version).toBe(2);
    expect(kept.body.rounds).toHaveLength(2);
  });
  it('a participant who erases their profile leaves the meeting without being told they were taken out; the others get the new schedule', async () => {
    const { net, coordinator, ids } = await networkOfThree();
    await platform.settle();
    const created = await asCoordinator(net, coordinator, 'POST', `/networks/${net}/meetings`, meetingInputFixture(ids, { name: 'Speed dating, erasure' }));
    expect(created.status).toBe(201);
    const meetingId = String(created.body.id);
    await platform.settle();

    const erased = await callAs(platform, `oksana@${net}.example`, { profiles: [ids[2] as string] }, 'DELETE', `/profiles/${ids[2]}`);
    expect(erased.status).toBe(204);
    await platform.settle();

    expect((await mailsTo(`oksana@${net}.example`)).map((m) => m.subject)).toEqual(['CultureBridge: your schedule for Speed dating, erasure']);
    const changed = platform.eventBridge.events.map((e) => e.event).find((e) => e['detail-type'] === 'MeetingChanged' && (e.detail as { data: { meetingId?: string } }).data.meetingId === meetingId);
    const data = (changed?.detail as { data: { removedParticipantIds?: string[]; rescheduledParticipantIds?: string[]; participantIds: string[] } }).data;
    expect(data).toMatchObject({ removedParticipantIds: [], participantIds: [ids[0], ids[1]] });
    // Whoever was to meet Oksana now sits out that round: their new schedule is mailed.
    const after = await asCoordinator(net, coordinator, 'GET', `/networks/${net}/meetings/${meetingId}`);
    const moved = ids.slice(0, 2).filter((id) => ownRounds(created.body, id) !== ownRounds(after.body, id));
    expect(moved.length).toBeGreaterThan(0);
    expect([...(data.rescheduledParticipantIds ?? [])].sort()).toEqual(moved.sort());
    for (const [i, who] of (['nino', 'anna'] as const).entries()) {
      const updated = (await mailsTo(`${who}@${net}.example`)).filter((m) => m.subject === 'CultureBridge: your updated schedule for Speed dating, erasure');
      expect(updated).toHaveLength(data.rescheduledParticipantIds?.includes(ids[i] as string) ? 1 : 0);
    }
  });

  /**
   * A meeting planned for the three, then the coordinator's `changes` (each the participants the
   * meeting is to have) while notify cannot read the meeting (its read, before it decides anything
   * about a meeting event, fails as DynamoDB fails; the API's own reads go through), so the events
   * wait in notify's retries: nothing is decided before the coordinator is done. Then everything
   * settles. Answers Oksana's subjects, with the network, the participants and the meeting.
   */
  async function changedWhileNotifyLags(name: string, changes: ((ids: string[]) => string[])[], options: { planWhileLagging?: boolean } = {}) {
    const { net, coordinator, ids } = await networkOfThree();
    await platform.settle();
    const body = meetingInputFixture(ids, { name });
    let meetingId = '';
    let version = 0;
    const plan = async () => {
      const created = await asCoordinator(net, coordinator, 'POST', `/networks/${net}/meetings`, body);
      expect(created.status).toBe(201);
      meetingId = String(created.body.id);
      version = Number(created.body.version);
    };
    if (!options.planWhileLagging) {
      await plan();
      await platform.settle();
    }
    const change = (participants: (ids: string[]) => string[]) => async () => {
      const changed = await asCoordinator(net, coordinator, 'PUT', `/networks/${net}/meetings/${meetingId}`, { ...body, participants: participants(ids), version });
      expect(changed.status).toBe(200);
      version = Number(changed.body.version);
    };
    await whileNotifyLags(
      platform,
      // Any meeting of this network (its partition key names it): the plan's own event is held too.
      (call) => call.commandName === 'GetItemCommand' && JSON.stringify(call.input).includes(`MEETINGS#${net}`) && calledFrom('functions/notify/'),
      [...(options.planWhileLagging ? [plan] : []), ...changes.map(change)],
    );
    expect(platform.eventBridge.deadLetters).toEqual([]);
    return { subjects: (await mailsTo(`oksana@${net}.example`)).map((m) => m.subject), net, ids, meetingId };
  }

  it('tells a participant taken out, put back and taken out again before notify caught up that they are off the schedule, once', async () => {
    // The first removal's event, retried after the second removal, mailed the notice a second time.
    const { subjects } = await changedWhileNotifyLags('Speed dating, lagging', [(ids) => ids.slice(0, 2), (ids) => ids, (ids) => ids.slice(0, 2)]);
    expect(subjects.sort()).toEqual(['CultureBridge: you are no longer on the schedule of Speed dating, lagging', 'CultureBridge: your schedule for Speed dating, lagging']);
  });

  it('tells a participant taken out and put back before the removal was told only the updated schedule, not a first one again', async () => {
    // They never heard of the removal: the schedule they hold is the first one, and this one replaces it.
    const { subjects } = await changedWhileNotifyLags('Speed dating, back', [(ids) => ids.slice(0, 2), (ids) => ids]);
    expect(subjects.sort()).toEqual(['CultureBridge: your schedule for Speed dating, back', 'CultureBridge: your updated schedule for Speed dating, back']);
  });

  it('tells a participant taken out and put back before the removal was told that its calendar entries from before no longer hold; its calendar file cancels them and gives its rounds new events', async () => {
    // The updated schedule said nothing of the calendar, whose events for them had started over when they were taken out.
    const { net, ids, meetingId } = await changedWhileNotifyLags('Speed dating, entries', [(ids) => ids.slice(0, 2), (ids) => ids]);
    const oksana = ids[2] as string;
    const [updated] = (await mailsTo(`oksana@${net}.example`)).filter((m) => m.subject === 'CultureBridge: your updated schedule for Speed dating, entries');
    const line = 'Your calendar entries for this meeting from the schedule you had before no longer hold: download the calendar from CultureBridge again (it cancels them and adds the rounds anew), or delete them by hand.';
    expect(updated?.body.text).toContain(line);
    // The others were never taken out: their updated schedule (if any) says nothing of it.
    for (const who of ['nino', 'anna']) for (const m of await mailsTo(`${who}@${net}.example`)) expect(m.body.text).not.toContain(line);
    const file = (await callAs(platform, `oksana@${net}.example`, { profiles: [oksana] }, 'GET', `/profiles/${oksana}/meetings/${meetingId}/calendar`)).text;
    const events = file
      .replace(/\r\n[ \t]/g, '')
      .split('BEGIN:VEVENT')
      .slice(1)
      .map((e) => [/UID:(\S+)/.exec(e)?.[1], e.includes('STATUS:CANCELLED') ? 'CANCELLED' : 'CONFIRMED']);
    const rounds = meetingInputFixture(ids, { name: 'Speed dating, entries' }).rounds;
    expect(events.filter(([uid]) => !uid?.includes('-v2@'))).toEqual(Array.from({ length: rounds }, (_, i) => [`${meetingId}-r${i + 1}-${oksana}@meetings.culturebridge`, 'CANCELLED']));
    expect(events.filter(([uid]) => uid?.includes('-v2@')).map(([uid]) => uid)).toEqual(Array.from({ length: rounds }, (_, i) => `${meetingId}-r${i + 1}-${oksana}-v2@meetings.culturebridge`));
  });

  it('tells a participant planned and taken out before its first schedule went nothing', async () => {
    // It was told it is no longer on the schedule of a meeting it had never heard of.
    const { subjects } = await changedWhileNotifyLags('Speed dating, never', [(ids) => ids.slice(0, 2)], { planWhileLagging: true });
    expect(subjects).toEqual([]);
  });
});
