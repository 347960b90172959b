import { describe, expect, it } from 'vitest';
import { cancelled, MAX_PARTICIPANTS, MAX_ROUNDS, MAX_TABLES, MeetingInput, meetingDateProblem, meetingTimesProblems, roundTimes, scheduleOf, withIssuedTables, withoutParticipant, zonedToUtc, type Meeting } from './meeting.js';
import { meetingCalendar, meetingCsv, memberCalendar } from './export.js';
import { describeIssues } from '../validation.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

describe('meeting times', () => {
  it('turns a local start in an IANA zone into UTC, across DST', () => {
    expect(zonedToUtc('2027-05-12', '09:30', 'Asia/Tbilisi').toISOString()).toBe('2027-05-12T05:30:00.000Z');
    expect(zonedToUtc('2027-01-12', '09:30', 'Europe/Berlin').toISOString()).toBe('2027-01-12T08:30:00.000Z');
    expect(zonedToUtc('2027-07-12', '09:30', 'Europe/Berlin').toISOString()).toBe('2027-07-12T07:30:00.000Z');
    // The Sunday DST starts in Berlin: 02:30 does not exist and moves forward by the gap.
    expect(zonedToUtc('2027-03-28', '03:30', 'Europe/Berlin').toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  it('reads a local time the clocks show twice (DST ends) as its first occurrence, east and west of UTC alike', () => {
    // RFC 5545 §3.3.5: a local time that occurs twice refers to the first occurrence. East of UTC
    // the later one was taken (03:30 EET, an hour after the 03:30 EEST the clock showed first).
    expect(zonedToUtc('2027-10-31', '03:30', 'Europe/Kyiv').toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(zonedToUtc('2027-10-31', '02:30', 'Europe/Berlin').toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(zonedToUtc('2027-11-07', '01:30', 'America/New_York').toISOString()).toBe('2027-11-07T05:30:00.000Z');
    // Santiago turns its clocks back at midnight: 23:30 on the Saturday is shown twice.
    expect(zonedToUtc('2027-04-03', '23:30', 'America/Santiago').toISOString()).toBe('2027-04-04T02:30:00.000Z');
    // Either side of the repeated hour is unambiguous.
    expect(zonedToUtc('2027-10-31', '04:30', 'Europe/Kyiv').toISOString()).toBe('2027-10-31T02:30:00.000Z');
    expect(zonedToUtc('2027-10-31', '02:30', 'Europe/Kyiv').toISOString()).toBe('2027-10-30T23:30:00.000Z');
  });

  it('puts slots back to back with breaks between', () => {
    expect(roundTimes({ date: '2027-05-12', startTime: '10:00', timeZone: 'UTC', slotMinutes: 10, breakMinutes: 5, rounds: 3 })).toEqual([
      { round: 1, startsAt: '2027-05-12T10:00:00.000Z', endsAt: '2027-05-12T10:10:00.000Z' },
      { round: 2, startsAt: '2027-05-12T10:15:00.000Z', endsAt: '2027-05-12T10:25:00.000Z' },
      { round: 3, startsAt: '2027-05-12T10:30:00.000Z', endsAt: '2027-05-12T10:40:00.000Z' },
    ]);
  });
});

describe('MeetingInput', () => {
  it('names every bad field', () => {
    const result = MeetingInput.safeParse({
      name: 'Line\nbreak',
      date: '2027-13-01',
      startTime: '25:00',
      timeZone: 'Mars/Olympus',
      slotMinutes: 0,
      breakMinutes: -1,
      rounds: 0,
      tables: 0,
      participants: [A, A],
    });
    expect(result.success).toBe(false);
    const fields = describeIssues(result.error!).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'date', 'startTime', 'timeZone', 'slotMinutes', 'breakMinutes', 'rounds', 'tables', 'participants']));
  });

  const valid = { name: 'Chișinău meeting', date: '2027-05-12', startTime: '10:00', timeZone: 'Europe/Chisinau', slotMinutes: 10, breakMinutes: 5, rounds: 3, tables: 2, participants: [A, B] };
  const fieldsOf = (input: Record<string, unknown>) => {
    const result = MeetingInput.safeParse(input);
    return result.success ? [] : describeIssues(result.error, input).map((e) => [e.field, e.code]);
  };

  it('takes at most the meeting the planner plans in time (bench:meetings): 150 participants, 75 tables, 30 rounds', () => {
    expect([MAX_PARTICIPANTS, MAX_TABLES, MAX_ROUNDS]).toEqual([150, 75, 30]);
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect(fieldsOf({ ...valid, participants: ids(150), tables: 75, rounds: 30 })).toEqual([]);
    expect(fieldsOf({ ...valid, participants: ids(151) })).toEqual([['participants', 'too_many']]);
    expect(fieldsOf({ ...valid, tables: 76 })).toEqual([['tables', 'too_big']]);
    expect(fieldsOf({ ...valid, rounds: 31 })).toEqual([['rounds', 'too_big']]);
  });

  it('takes days from 2000 to 2099 only, as a calendar and an event can carry them', () => {
    expect(fieldsOf(valid)).toEqual([]);
    expect(fieldsOf({ ...valid, date: '0001-01-01' })).toEqual([['date', 'invalid_date']]);
    expect(fieldsOf({ ...valid, date: '9999-12-31', rounds: 30, slotMinutes: 120 })).toEqual([['date', 'invalid_date']]);
  });

  it('names one bad date, start time or time zone, every other field valid, as a 400 and never throws', () => {
    for (const [field, value] of [['date', 'tomorrow'], ['date', '2027-02-30'], ['startTime', '9am'], ['timeZone', 'Foo/Bar'], ['timeZone', 42]] as const) {
      expect(() => MeetingInput.safeParse({ ...valid, [field]: value }), `${field} ${value}`).not.toThrow();
      expect(fieldsOf({ ...valid, [field]: value }).map(([f]) => f), `${field} ${value}`).toEqual([field]);
    }
  });

  it('refuses a start time the clocks skip that day, and a time zone not written as IANA writes it', () => {
    // Moldova moves its clocks from 03:00 to 04:00 on the last Sunday of March.
    expect(fieldsOf({ ...valid, date: '2027-03-28', startTime: '03:30' })).toEqual([['startTime', 'time_skipped']]);
    // Its own code, with the time, so a page can say what is wrong in its language.
    expect(describeIssues(MeetingInput.safeParse({ ...valid, date: '2027-03-28', startTime: '03:30' }).error!)[0]?.params).toEqual({ value: '03:30' });
    expect(MeetingInput.safeParse({ ...valid, date: '2027-03-28', startTime: '03:30' }).error?.issues[0]?.message).toMatch(/03:30 does not exist on 2027-03-28 in Europe\/Chisinau/);
    expect(fieldsOf({ ...valid, date: '2027-03-28', startTime: '04:30' })).toEqual([]);
    expect(fieldsOf({ ...valid, timeZone: 'europe/kyiv' })).toEqual([['timeZone', 'unknown_time_zone']]);
    expect(fieldsOf({ ...valid, timeZone: 'Europe/Kyiv' })).toEqual([]);
  });

  it('takes a time zone only as IANA spells it: Intl also resolves other casings of a name', () => {
    for (const typed of ['Europe/KYIV', 'EUROPE/KYIV', 'Europe/KyIv', 'Asia/TBILISI', 'Asia/TbIlisi', 'ASIA/Baku']) {
      expect(fieldsOf({ ...valid, timeZone: typed }), typed).toEqual([['timeZone', 'unknown_time_zone']]);
    }
    // Current names, names Intl only knows as aliases (Europe/Kyiv resolves to Europe/Kiev), and
    // IANA's own unusual spellings.
    for (const name of ['Europe/Kyiv', 'Europe/Kiev', 'Asia/Kolkata', 'Asia/Yerevan', 'Asia/Baku', 'Europe/Chisinau', 'Asia/Almaty', 'America/Argentina/Buenos_Aires', 'America/Port-au-Prince', 'Africa/Dar_es_Salaam', 'Antarctica/DumontDUrville', 'Antarctica/McMurdo', 'America/Indiana/Knox', 'UTC', 'Etc/UTC', 'Etc/GMT+4', 'EST5EDT', 'GB-Eire']) {
      expect(fieldsOf({ ...valid, timeZone: name }), name).toEqual([]);
    }
  });

  it('plans a new day from yesterday on; a meeting that keeps its day may be edited later', () => {
    expect(meetingDateProblem('2027-05-12', '2027-05-13')).toBeUndefined();
    expect(meetingDateProblem('2027-05-11', '2027-05-13')).toMatch(/has passed/);
    expect(meetingDateProblem('2099-12-31', '2027-05-13')).toBeUndefined();
    expect(meetingDateProblem('2027-05-01', '2027-05-13', '2027-05-01')).toBeUndefined();
    expect(meetingDateProblem('2027-05-02', '2027-05-13', '2027-05-01')).toMatch(/has passed/);
  });
});

const meeting: Meeting = {
  id: 'm1',
  networkId: 'eu4culture',
  name: 'Kutaisi meeting, day 1',
  date: '2027-05-12',
  startTime: '09:30',
  timeZone: 'Asia/Tbilisi',
  slotMinutes: 10,
  breakMinutes: 5,
  rounds: 2,
  tables: 1,
  participants: [A, B, C],
  requests: [],
  version: 3,
  unmetRequests: [],
  createdAt: '2026-11-30T00:00:00.000Z',
  updatedAt: '2026-11-30T00:00:00.000Z',
  schedule: [
    { round: 1, startsAt: '2027-05-12T05:30:00.000Z', endsAt: '2027-05-12T05:40:00.000Z', byes: [C], meetings: [{ table: 1, profileIds: [A, B], requested: true, score: 0.5, reasons: [], summary: 'Both give Music high priority' }] },
    { round: 2, startsAt: '2027-05-12T05:45:00.000Z', endsAt: '2027-05-12T05:55:00.000Z', byes: [B], meetings: [{ table: 1, profileIds: [A, C], requested: false, score: 0, reasons: [], summary: '=cmd' }] },
  ],
};
const names: Record<string, string> = { [A]: 'Gyumri', [B]: 'Poti', [C]: '@Lviv' };
/** Round 1's pair with structured reasons (Gyumri offers a venue Poti needs), for texts written from them. */
const withReasons: Meeting = {
  ...meeting,
  schedule: [{ ...(meeting.schedule[0] as Meeting['schedule'][number]), meetings: [{ table: 1, profileIds: [A, B], requested: true, score: 0.5, reasons: [{ kind: 'offers', from: A, to: B, resource: 'venue' }], summary: 'Gyumri offers a venue, Poti needs one' }] }],
};

describe('a member leaving a meeting (its profile erased)', () => {
  it('leaves the participants and requests; its partners sit out the rounds not yet held; no pair keeps words naming it', () => {
    const withRequest: Meeting = { ...meeting, requests: [{ from: A, to: B }], unmetRequests: [{ from: B, to: A, reason: 'no-round-left' }] };
    // Round 1 (05:30 UTC) has started at 05:35; round 2 has not.
    const next = withoutParticipant(withRequest, A, '2027-05-12T05:35:00.000Z');
    expect(next.participants).toEqual([B, C]);
    expect(next.requests).toEqual([]);
    expect(next.unmetRequests).toEqual([]);
    expect(next).toMatchObject({ version: 4, updatedAt: '2027-05-12T05:35:00.000Z' });
    // Held: the pair stays as it happened, without what was said about it.
    expect(next.schedule[0]?.meetings).toEqual([{ table: 1, profileIds: [A, B], requested: true, score: 0.5, reasons: [], summary: '' }]);
    // Not held yet: its partner sits out, with the one who sat out already.
    expect(next.schedule[1]).toMatchObject({ meetings: [], byes: [B, C] });
    expect(scheduleOf(next, C)[1]).toMatchObject({ round: 2 });
    expect(scheduleOf(next, C)[1]?.partnerId).toBeUndefined();
    // A meeting it is not in comes back as it was.
    expect(withoutParticipant(meeting, '00000000-0000-4000-8000-00000000000f', '2027-05-12T05:35:00.000Z')).toBe(meeting);
  });
});

describe('cancelling a meeting', () => {
  it('is its next version with the time it was cancelled, until its first round begins; cancelling again changes nothing', () => {
    const before = cancelled(meeting, '2027-05-12T05:29:59.000Z');
    expect(before).toEqual({ meeting: { ...meeting, cancelledAt: '2027-05-12T05:29:59.000Z', version: 4, updatedAt: '2027-05-12T05:29:59.000Z' } });
    const again = 'meeting' in before ? cancelled(before.meeting, '2027-05-13T00:00:00.000Z') : undefined;
    expect(again).toEqual(before);
    expect(again && 'meeting' in again && 'meeting' in before ? again.meeting : undefined).toBe('meeting' in before ? before.meeting : null);
    // Round 1 starts at 05:30 UTC: from then on it is a record of what was held.
    for (const now of ['2027-05-12T05:30:00.000Z', '2027-05-12T05:50:00.000Z', '2028-01-01T00:00:00.000Z']) {
      expect(cancelled(meeting, now), now).toEqual({ problem: expect.stringMatching(/began at 2027-05-12T05:30:00.000Z/) });
    }
  });
});

describe('when a meeting may be planned or moved', () => {
  // The fixture: rounds at 05:30 and 05:45 UTC on 2027-05-12 (09:30 in Tbilisi), 10 + 5 minutes.
  const { id: _id, networkId: _n, version: _v, schedule: _s, unmetRequests: _u, createdAt: _c, updatedAt: _up, ...input } = meeting;

  it('plans a new meeting only while a round is still to come', () => {
    expect(meetingTimesProblems(input, '2027-05-12T05:40:00.000Z')).toEqual([]);
    expect(meetingTimesProblems(input, '2027-05-12T05:45:00.000Z')).toEqual([{ field: 'startTime', code: 'round_passed', value: '2027-05-12T05:45:00.000Z' }]);
    // A day that has passed where the meeting is: the day is what to change.
    expect(meetingTimesProblems(input, '2027-05-13T06:00:00.000Z')).toEqual([{ field: 'date', code: 'round_passed', value: '2027-05-12T05:45:00.000Z' }]);
  });

  it('refuses a change that would put a round not yet held in the past, naming the fields that moved it', () => {
    const at = '2027-05-12T05:20:00.000Z';
    expect(meetingTimesProblems({ ...input, name: 'New name' }, at, meeting)).toEqual([]);
    expect(meetingTimesProblems({ ...input, date: '2027-05-11' }, at, meeting)).toEqual([{ field: 'date', code: 'round_passed', value: '2027-05-11T05:30:00.000Z' }]);
    expect(meetingTimesProblems({ ...input, startTime: '09:00', slotMinutes: 20 }, at, meeting)).toEqual([
      { field: 'startTime', code: 'round_passed', value: '2027-05-12T05:00:00.000Z' },
      { field: 'slotMinutes', code: 'round_passed', value: '2027-05-12T05:00:00.000Z' },
    ]);
    expect(meetingTimesProblems({ ...input, startTime: '10:00' }, at, meeting)).toEqual([]);
  });

  it('keeps the day, start and zone of a meeting under way; its later rounds may still be re-timed into the future', () => {
    const at = '2027-05-12T05:35:00.000Z'; // round 1 began at 05:30
    expect(meetingTimesProblems({ ...input, startTime: '13:00' }, at, meeting)).toEqual([{ field: 'startTime', code: 'meeting_under_way', value: '2027-05-12T05:30:00.000Z' }]);
    expect(meetingTimesProblems({ ...input, timeZone: 'Asia/Yerevan' }, at, meeting)).toEqual([{ field: 'timeZone', code: 'meeting_under_way', value: '2027-05-12T05:30:00.000Z' }]);
    // Its slots and breaks stay too: shorter ones would start round 2 at 05:36, inside round 1 (to 05:40).
    expect(meetingTimesProblems({ ...input, slotMinutes: 6, breakMinutes: 0 }, at, meeting)).toEqual([
      { field: 'slotMinutes', code: 'meeting_under_way', value: '2027-05-12T05:30:00.000Z' },
      { field: 'breakMinutes', code: 'meeting_under_way', value: '2027-05-12T05:30:00.000Z' },
    ]);
    // A round added to a meeting under way comes after the others: fine.
    expect(meetingTimesProblems({ ...input, rounds: 3 }, at, meeting)).toEqual([]);
    // A meeting that is over keeps its day and may still be renamed, but gets no rounds in the past.
    expect(meetingTimesProblems({ ...input, name: 'Held' }, '2027-05-13T00:00:00.000Z', meeting)).toEqual([]);
    expect(meetingTimesProblems({ ...input, rounds: 5 }, '2027-05-13T00:00:00.000Z', meeting)).toEqual([{ field: 'rounds', code: 'round_passed', value: '2027-05-12T06:00:00.000Z' }]);
  });
});

describe('exports', () => {
  it('iCalendar: UTC times, stable UIDs per table slot, SEQUENCE = version − 1', () => {
    const ics = meetingCalendar(meeting, (id) => names[id] as string);
    expect(ics).toContain('DTSTART:20270512T053000Z');
    expect(ics).toContain('DTEND:20270512T055500Z');
    expect(ics.match(/UID:m1-r\d-t1@meetings.culturebridge/g)).toEqual(['UID:m1-r1-t1@meetings.culturebridge', 'UID:m1-r2-t1@meetings.culturebridge']);
    expect(ics.match(/SEQUENCE:2/g)).toHaveLength(2);
    const again = meetingCalendar({ ...meeting, version: 4 }, (id) => names[id] as string);
    expect(again.match(/SEQUENCE:3/g)).toHaveLength(2);
  });

  it('iCalendar: every content line at most 75 octets, folded between characters, and the calendar name escaped as TEXT (RFC 5545 §3.1, §3.3.11)', () => {
    const name = 'Kutaisi; speed, dating \\ "quoted" — ქუთაისი შეხვედრა 🎭 line';
    const georgian = { ...meeting, name };
    for (const ics of [meetingCalendar(georgian, (id) => `${names[id] as string} ქალაქის კულტურის სამსახური`), memberCalendar(georgian, { id: B, name: 'Poti' }, (id) => names[id] as string)]) {
      const lines = ics.split('\r\n');
      for (const line of lines) expect(new TextEncoder().encode(line).length, line).toBeLessThanOrEqual(75);
      // Folding never splits a character: each physical line decodes on its own.
      for (const line of lines) expect(line).not.toMatch(/\uFFFD/);
      const unfolded = ics.replace(/\r\n[ \t]/g, '');
      expect(unfolded).toContain('X-WR-CALNAME:Kutaisi\\; speed\\, dating \\\\ "quoted" — ქუთაისი შეხვედრა 🎭 line\r\n');
      expect(unfolded).toMatch(/SUMMARY:Kutaisi\\; speed\\, dating \\\\ "quoted" — ქუთაისი შეხვედრა 🎭 line: round 1/);
    }
  });

  it('a member calendar has only their meetings, and a round they now sit out as cancelled', () => {
    const ics = memberCalendar(meeting, { id: B, name: 'Poti' }, (id) => names[id] as string);
    const events = ics.replace(/\r\n[ \t]/g, '').split('BEGIN:VEVENT').slice(1);
    expect(events).toHaveLength(2);
    expect(events[0]).toContain(`UID:m1-r1-${B}@meetings.culturebridge`);
    expect(events[0]).not.toContain('STATUS:CANCELLED');
    // Round 2 is a break for Poti: a calendar that imported an earlier plan, where Poti met someone
    // then, drops that meeting when this file (same UID, higher SEQUENCE) is imported.
    expect(events[1]).toContain(`UID:m1-r2-${B}@meetings.culturebridge`);
    expect(events[1]).toContain('STATUS:CANCELLED');
    expect(events[1]).toContain('SUMMARY:Kutaisi meeting\\, day 1: round 2\\, a break');
    expect(ics).toContain('SUMMARY:Kutaisi meeting\\, day 1: round 1\\, table 1\\, with Gyumri');
    expect(ics).toContain('LOCATION:Table 1');
    expect(ics).toContain('SEQUENCE:2');
  });

  it('a member calendar speaks the member\'s language: titles, table and why they meet from the structured reasons', () => {
    const ics = memberCalendar(withReasons, { id: B, name: 'Poti' }, (id) => names[id] as string, 'ru').replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('SUMMARY:Kutaisi meeting\\, day 1: раунд 1\\, стол 1\\, встреча с Gyumri');
    expect(ics).toContain('LOCATION:Стол 1');
    expect(ics).not.toContain('offers a venue');
    expect(ics).toMatch(/DESCRIPTION:.*Gyumri/);
  });

  /** The VEVENTs of a calendar, unfolded, as property maps (the last value of each property). */
  const eventsOf = (ics: string) =>
    ics
      .replace(/\r\n[ \t]/g, '')
      .split('BEGIN:VEVENT')
      .slice(1)
      .map((e) => Object.fromEntries(e.split('\r\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).split(';')[0], l.slice(l.indexOf(':') + 1)])));

  it('a round taken off the end is sent as cancelled, in both calendars: a calendar that imported it drops it instead of keeping a meeting that will not happen', () => {
    // Version 3 had two rounds; version 4 keeps only the first.
    const shorter = withIssuedTables({ ...meeting, rounds: 1, version: 4, schedule: meeting.schedule.slice(0, 1) }, meeting);
    const mine = eventsOf(memberCalendar(shorter, { id: A, name: 'Gyumri' }, (id) => names[id] as string, 'ru'));
    expect(mine.map((e) => [e.UID, e.STATUS, e.SEQUENCE])).toEqual([
      [`m1-r1-${A}@meetings.culturebridge`, undefined, '3'],
      [`m1-r2-${A}@meetings.culturebridge`, 'CANCELLED', '3'],
    ]);
    // Its title says so, for a calendar that shows a cancelled event rather than dropping it; it
    // keeps the time the round would have had.
    expect(mine[1]).toMatchObject({ SUMMARY: 'Kutaisi meeting\\, day 1: раунд 2 отменён', DTSTART: '20270512T054500Z' });
    expect(mine[1]?.DESCRIPTION).toBeUndefined();
    const timetable = eventsOf(meetingCalendar(shorter, (id) => names[id] as string));
    expect(timetable.map((e) => [e.UID, e.STATUS])).toEqual([
      ['m1-r1-t1@meetings.culturebridge', undefined],
      ['m1-r2-t1@meetings.culturebridge', 'CANCELLED'],
    ]);
    expect(timetable[1]).toMatchObject({ SUMMARY: 'Kutaisi meeting\\, day 1: round 2\\, table 1: cancelled', SEQUENCE: '3' });
    // A meeting stored before it kept track reads its own schedule: nothing more to cancel.
    expect(eventsOf(memberCalendar(meeting, { id: A, name: 'Gyumri' }, (id) => names[id] as string))).toHaveLength(2);
  });

  it('a table left empty is sent as cancelled in the timetable; rounds and tables added later are kept track of too', () => {
    // Gyumri leaves before the meeting: both of its pairs go, and with them every table in use.
    const without = withoutParticipant(meeting, A, '2027-05-12T05:00:00.000Z');
    expect(without.issuedTables).toEqual([1, 1]);
    expect(eventsOf(meetingCalendar(without, (id) => names[id] as string)).map((e) => [e.UID, e.STATUS])).toEqual([
      ['m1-r1-t1@meetings.culturebridge', 'CANCELLED'],
      ['m1-r2-t1@meetings.culturebridge', 'CANCELLED'],
    ]);
    const third = { round: 3, startsAt: '2027-05-12T06:00:00.000Z', endsAt: '2027-05-12T06:10:00.000Z', byes: [], meetings: [{ table: 2, profileIds: [B, C] as [string, string], requested: false, score: 0, reasons: [], summary: '' }] };
    expect(withIssuedTables({ ...meeting, schedule: [...meeting.schedule, third] }, without).issuedTables).toEqual([1, 1, 2]);
  });

  it('a round or table that comes back after it was sent as cancelled is a new event (own UID, SEQUENCE from 0) in both calendars, and its earlier UID stays cancelled', () => {
    const uids = (ics: string) => eventsOf(ics).map((e) => [e.UID, e.STATUS, e.SEQUENCE]);
    // Version 4 takes round 2 off (sent as cancelled); version 5 puts it back as it was.
    const shorter = withIssuedTables({ ...meeting, rounds: 1, version: 4, schedule: meeting.schedule.slice(0, 1) }, meeting);
    const back = withIssuedTables({ ...meeting, version: 5 }, shorter);
    expect(back.returnedEvents).toEqual({ 'r2-t1': [5], [`r2-${A}`]: [5], [`r2-${C}`]: [5] });
    expect(uids(meetingCalendar(back, (id) => names[id] as string))).toEqual([
      ['m1-r1-t1@meetings.culturebridge', undefined, '4'],
      // A calendar that imported version 3 and never version 4 drops the old event here.
      ['m1-r2-t1@meetings.culturebridge', 'CANCELLED', '4'],
      ['m1-r2-t1-v5@meetings.culturebridge', undefined, '0'],
    ]);
    expect(uids(memberCalendar(back, { id: A, name: 'Gyumri' }, (id) => names[id] as string))).toEqual([
      [`m1-r1-${A}@meetings.culturebridge`, undefined, '4'],
      [`m1-r2-${A}@meetings.culturebridge`, 'CANCELLED', '4'],
      [`m1-r2-${A}-v5@meetings.culturebridge`, undefined, '0'],
    ]);
    // Poti sits out round 2 in every version: its break stays one cancelled event.
    expect(uids(memberCalendar(back, { id: B, name: 'Poti' }, (id) => names[id] as string))).toEqual([
      [`m1-r1-${B}@meetings.culturebridge`, undefined, '4'],
      [`m1-r2-${B}@meetings.culturebridge`, 'CANCELLED', '4'],
    ]);
    // Version 6: Poti meets Lviv in round 2 and Gyumri sits out. A break was sent as cancelled, so
    // Poti's meeting is a new event; Gyumri's returned event is cancelled, its first one still is.
    const swapped = withIssuedTables(
      { ...back, version: 6, schedule: [meeting.schedule[0] as Meeting['schedule'][number], { ...(meeting.schedule[1] as Meeting['schedule'][number]), byes: [A], meetings: [{ table: 1, profileIds: [B, C], requested: false, score: 0, reasons: [], summary: '' }] }] },
      back,
    );
    expect(uids(memberCalendar(swapped, { id: B, name: 'Poti' }, (id) => names[id] as string))).toEqual([
      [`m1-r1-${B}@meetings.culturebridge`, undefined, '5'],
      [`m1-r2-${B}@meetings.culturebridge`, 'CANCELLED', '5'],
      [`m1-r2-${B}-v6@meetings.culturebridge`, undefined, '0'],
    ]);
    expect(uids(memberCalendar(swapped, { id: A, name: 'Gyumri' }, (id) => names[id] as string))).toEqual([
      [`m1-r1-${A}@meetings.culturebridge`, undefined, '5'],
      [`m1-r2-${A}@meetings.culturebridge`, 'CANCELLED', '5'],
      [`m1-r2-${A}-v5@meetings.culturebridge`, 'CANCELLED', '1'],
    ]);
    // The table stayed in use: the same event as in version 5, one SEQUENCE on.
    expect(uids(meetingCalendar(swapped, (id) => names[id] as string)).slice(1)).toEqual([
      ['m1-r2-t1@meetings.culturebridge', 'CANCELLED', '5'],
      ['m1-r2-t1-v5@meetings.culturebridge', undefined, '1'],
    ]);
  });

  it('a participant the coordinator took out and then put back gets new events: their removal mail asked them to delete the old ones', () => {
    const uids = (ics: string) => eventsOf(ics).map((e) => [e.UID, e.STATUS, e.SEQUENCE]);
    const [first, second] = meeting.schedule as [Meeting['schedule'][number], Meeting['schedule'][number]];
    // Version 4 takes Lviv out (Gyumri sits out round 2); version 5 puts it back as version 3 had it.
    const without = withIssuedTables({ ...meeting, version: 4, participants: [A, B], schedule: [{ ...first, byes: [] }, { ...second, byes: [A], meetings: [] }] }, meeting);
    const back = withIssuedTables({ ...meeting, version: 5 }, without);
    expect(uids(memberCalendar(back, { id: C, name: '@Lviv' }, (id) => names[id] as string))).toEqual([
      [`m1-r1-${C}@meetings.culturebridge`, 'CANCELLED', '4'],
      [`m1-r1-${C}-v4@meetings.culturebridge`, 'CANCELLED', '1'],
      [`m1-r2-${C}@meetings.culturebridge`, 'CANCELLED', '4'],
      [`m1-r2-${C}-v4@meetings.culturebridge`, undefined, '1'],
    ]);
    // Recorded taken out at version 4, so a mail to it after it was put back can say its entries from before are cancelled.
    expect(back.takenOut).toEqual({ [C]: [4] });
    expect(withIssuedTables({ ...meeting, version: 7, participants: [A, B], schedule: without.schedule }, withIssuedTables({ ...meeting, version: 6 }, back)).takenOut).toEqual({ [C]: [4, 7] });
    // A member who left by erasing their profile is not coming back: nothing is kept for them.
    expect(Object.keys(withoutParticipant(meeting, C, '2027-05-12T05:00:00.000Z').returnedEvents ?? {}).filter((slot) => slot.endsWith(C))).toEqual([]);
    expect(withoutParticipant(meeting, C, '2027-05-12T05:00:00.000Z').takenOut).toBeUndefined();
    // Nor for one taken out and put back before it erased its profile: its id leaves the meeting.
    const erased = withoutParticipant(back, C, '2027-05-12T05:00:00.000Z');
    expect(erased.takenOut).toBeUndefined();
    expect(Object.keys(erased.returnedEvents ?? {}).filter((slot) => slot.endsWith(C))).toEqual([]);
  });

  it('both calendars name the network as ORGANIZER with the platform\'s sender address (RFC 5546 §3.2.1 asks it of PUBLISH), quoted per RFC 6868, and no member', () => {
    const networkName = (id: string) => (id === 'eu4culture' ? 'EU4Culture "Black Sea" ^ports' : id);
    const organizer = 'ORGANIZER;CN="EU4Culture ^\'Black Sea^\' ^^ports":MAILTO:no-reply@culturebridge.example';
    for (const ics of [
      meetingCalendar(meeting, (id) => names[id] as string, 'en', networkName, 'no-reply@culturebridge.example'),
      memberCalendar(meeting, { id: A, name: 'Gyumri' }, (id) => names[id] as string, 'en', networkName, 'no-reply@culturebridge.example'),
    ]) {
      const events = eventsOf(ics);
      expect(events.length).toBeGreaterThan(0);
      const unfolded = ics.replace(/\r\n[ \t]/g, '');
      expect(unfolded.split('\r\n').filter((l) => l.startsWith('ORGANIZER'))).toEqual(events.map(() => organizer));
      expect(unfolded).toContain('METHOD:PUBLISH');
    }
    // Without a network name the network's id stands in.
    expect(meetingCalendar(meeting, (id) => names[id] as string, 'en', undefined, 'no-reply@culturebridge.example')).toContain('ORGANIZER;CN="eu4culture":MAILTO:no-reply@culturebridge.example');
  });

  it('the timetable calendar speaks the coordinator\'s language: titles, tables and why each pair meets', () => {
    const [event] = eventsOf(meetingCalendar(withReasons, (id) => names[id] as string, 'ru'));
    expect(event).toMatchObject({ SUMMARY: 'Kutaisi meeting\\, day 1: раунд 1\\, стол 1: Gyumri и Poti', LOCATION: 'Стол 1' });
    expect(event?.DESCRIPTION).toMatch(/Gyumri/);
    expect(event?.DESCRIPTION).not.toContain('offers a venue');
    // English unless asked, as before; a pair planned without structured reasons keeps its sentence.
    expect(eventsOf(meetingCalendar(meeting, (id) => names[id] as string))[0]).toMatchObject({ SUMMARY: 'Kutaisi meeting\\, day 1: round 1\\, table 1: Gyumri and Poti', LOCATION: 'Table 1', DESCRIPTION: 'Both give Music high priority' });
  });

  it('CSV: a row per meeting and per bye, times in the meeting\'s zone, formula-looking text made harmless, UTF-8 with a BOM', () => {
    const csv = meetingCsv(meeting, (id) => names[id] as string);
    // Excel reads a file without the mark in the machine's legacy code page: Georgian names broke.
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Round,"Start (Asia/Tbilisi, UTC+04:00)","End (Asia/Tbilisi, UTC+04:00)",Table,Participant,Partner,Asked for,Why they meet');
    expect(lines).toContain('1,09:30,09:40,1,Gyumri,Poti,yes,Both give Music high priority');
    expect(lines).toContain("1,09:30,09:40,,'@Lviv,,,Sits out this round");
    expect(lines).toContain("2,09:45,09:55,1,Gyumri,'@Lviv,no,'=cmd");
  });

  it('CSV in the coordinator\'s language: header, yes/no, a bye and why each pair meets; separated by ";" as Excel expects where the decimal sign is a comma', () => {
    // POSIX's Etc/GMT-4 is four hours ahead of UTC, as Tbilisi.
    const lines = meetingCsv({ ...withReasons, timeZone: 'Etc/GMT-4' }, (id) => names[id] as string, 'ru').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Раунд;Начало (UTC+04:00);Конец (UTC+04:00);Стол;Участник;Партнёр;По просьбе;Почему встречаются');
    expect(lines[1]).toMatch(/^1;09:30;09:40;1;Gyumri;Poti;да;\S/);
    expect(lines[1]).toContain('Gyumri');
    expect(lines[1]).not.toContain('offers a venue');
    expect(lines[2]).toBe("1;09:30;09:40;;'@Lviv;;;Пропускает этот раунд");
    const ka = meetingCsv(meeting, (id) => names[id] as string, 'ka').slice(1).trimEnd().split('\r\n');
    expect(ka[0]?.split(';')[0]).toBe('რაუნდი');
    expect(ka).toContain("2;09:45;09:55;1;Gyumri;'@Lviv;არა;'=cmd");
  });

  it('a participant’s own schedule: partner, table and reasons, or a bye', () => {
    expect(scheduleOf(meeting, C)).toEqual([
      { round: 1, startsAt: '2027-05-12T05:30:00.000Z', endsAt: '2027-05-12T05:40:00.000Z' },
      { round: 2, startsAt: '2027-05-12T05:45:00.000Z', endsAt: '2027-05-12T05:55:00.000Z', table: 1, partnerId: A, requested: false, reasons: [], pair: [A, C], summary: '=cmd' },
    ]);
  });
});
