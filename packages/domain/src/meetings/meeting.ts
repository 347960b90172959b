import * as z from 'zod';
import { isTimeZone, localTime, TimeZone } from '../notification.js';
import { oneLineText, publishedText } from '../text.js';
import { isDayInRange } from '../calendar-day.js';
import type { PlannedRound } from './planner.js';
import { heldRounds, isHeld, type Meeting, type ScheduledRound } from './stored.js';

export * from './stored.js';

/**
 * Bounds of one meeting. The planner's work grows with about participants³ × rounds, more when
 * tables are few (each sitting-out place is one more vertex joined to everyone): 150 × 30 plans in
 * under 5 s of CPU with every table, a quarter, a twelfth of them or one; 200 × 30 with 17 tables
 * took 11 s and 300 × 30 could take the function's whole 29 s (bench/results/meetings.md, docs/decisions.md 2026-12-01).
 */
export const MAX_PARTICIPANTS = 150;
export const MAX_ROUNDS = 30;
/** A table for every pair the most participants make. */
export const MAX_TABLES = Math.ceil(MAX_PARTICIPANTS / 2);

/*
 * A network meeting with speed-dating rounds: what a coordinator enters, and its timetable in UTC.
 * Pure: the clock is the caller's.
 */

/** A profile id as a meeting names it (participants, requests). */
export const ProfileId = z.uuid({ error: 'expected a member\'s profile id' });
const START_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A coordinator's meeting, as sent to `POST /networks/{networkId}/meetings`. */
export const MeetingInput = z.strictObject(
  {
    name: publishedText(oneLineText('name', 120), 'name'),
    // Within 2000-2099: a year-1 or year-9999 day turns into times no calendar or event carries.
    date: z.iso
      .date({ error: 'date: expected a date as YYYY-MM-DD', abort: true })
      .refine(isDayInRange, { error: 'date: expected a day from 2000 to 2099', params: { code: 'invalid_date' } }),
    startTime: z.string().regex(START_TIME, { error: 'startTime: expected a local time as HH:MM (24 h)' }),
    timeZone: TimeZone,
    slotMinutes: z.number().int().min(3, { error: 'slotMinutes: at least 3' }).max(120, { error: 'slotMinutes: at most 120' }),
    breakMinutes: z.number().int().min(0, { error: 'breakMinutes: at least 0' }).max(60, { error: 'breakMinutes: at most 60' }),
    rounds: z.number().int().min(1).max(MAX_ROUNDS, { error: `rounds: at most ${MAX_ROUNDS}` }),
    tables: z.number().int().min(1).max(MAX_TABLES),
    participants: z
      .array(ProfileId)
      .min(2, { error: 'participants: at least two members' })
      .max(MAX_PARTICIPANTS, { error: `participants: at most ${MAX_PARTICIPANTS}` })
      .superRefine((ids, context) => {
        const twice = ids.find((id, i) => ids.indexOf(id) !== i);
        if (twice !== undefined) context.addIssue({ code: 'custom', message: `participants: ${twice} is listed twice`, params: { code: 'duplicate', value: twice } });
      }),
    /** Members asking to meet someone; honoured in the first rounds that can. */
    requests: z.array(z.strictObject({ from: ProfileId, to: ProfileId })).max(MAX_PARTICIPANTS).default([]),
  },
  { error: 'the body: expected a JSON object with name, date, startTime, timeZone, slotMinutes, breakMinutes, rounds, tables and participants' },
).superRefine((input, context) => {
  // A start the clocks skip (DST begins) would silently move by the gap while the page still
  // shows the time that was typed. zod runs this even when a field check failed, so it looks only
  // at values that passed theirs (a bad date or zone would make Intl throw: a 500).
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date) || Number.isNaN(Date.parse(input.date)) || !START_TIME.test(input.startTime) || typeof input.timeZone !== 'string' || !isTimeZone(input.timeZone)) return;
  if (!startExists(input.date, input.startTime, input.timeZone)) {
    context.addIssue({
      code: 'custom',
      path: ['startTime'],
      message: `startTime: ${input.startTime} does not exist on ${input.date} in ${input.timeZone} (the clocks go forward); choose another time`,
      params: { code: 'time_skipped', value: input.startTime },
    });
  }
});
export type MeetingInput = z.output<typeof MeetingInput>;

/** Whether a wall-clock time exists on that day in that zone (it does not inside a DST gap). */
function startExists(date: string, time: string, timeZone: string): boolean {
  const utc = zonedToUtc(date, time, timeZone);
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return utc.getTime() + offsetMs(utc, timeZone) === Date.UTC(y, mo - 1, d, h, mi);
}

/**
 * Why a meeting may not be planned on `date` (YYYY-MM-DD) when it is `today` (UTC), or undefined:
 * a new day must be no earlier than yesterday (somewhere it is still a day behind UTC); the
 * schema bounds it by 2099. A change that keeps the meeting's `previous` day is always fine, so a
 * meeting already held can still be corrected. Pure: the clock is the caller's.
 */
export function meetingDateProblem(date: string, today: string, previous?: string): string | undefined {
  if (date === previous) return undefined;
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
  return day(date) < day(today) - 86_400_000 ? `date: the day has passed (today is ${today})` : undefined;
}

/**
 * A member asking to meet another participant (`POST /networks/{id}/meetings/{meetingId}/requests`):
 * `from` is the member's own profile. The request joins the meeting's requests, which the planner
 * honours first in the rounds not yet held.
 */
export const MeetingRequestInput = z.strictObject(
  { from: ProfileId, to: ProfileId },
  { error: 'the body: expected a JSON object with from (your profile id) and to (the participant you want to meet)' },
);
export type MeetingRequestInput = z.output<typeof MeetingRequestInput>;

/** A change: the whole meeting again, with the version read. */
export const MeetingUpdate = MeetingInput.extend({ version: z.number().int().min(1, { error: 'version: expected the version you read' }) });

/**
 * The UTC instant of a wall-clock time in an IANA time zone (e.g. 2027-05-12 09:30 in Asia/Tbilisi →
 * 2027-05-12T05:30:00.000Z). By hand because `Intl` gives offsets but no inverse. A time the clocks
 * show twice (DST ends) is its first occurrence, as RFC 5545 §3.3.5 reads it: each offset in force
 * within a day of it is tried and the earliest instant that shows it wins. A time skipped by DST moves
 * forward by the gap (two passes settle it).
 */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const shown = [-86_400_000, 86_400_000]
    .map((shift) => wall - offsetMs(new Date(wall + shift), timeZone))
    .filter((instant) => instant + offsetMs(new Date(instant), timeZone) === wall);
  if (shown.length > 0) return new Date(Math.min(...shown));
  let guess = wall;
  for (let i = 0; i < 2; i++) guess = wall - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

function offsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at.getTime() / 1000) * 1000;
}

/** Each round's start and end in UTC: slots back to back, a break between them. */
export function roundTimes(meeting: Pick<MeetingInput, 'date' | 'startTime' | 'timeZone' | 'slotMinutes' | 'breakMinutes' | 'rounds'>) {
  const start = zonedToUtc(meeting.date, meeting.startTime, meeting.timeZone).getTime();
  return Array.from({ length: meeting.rounds }, (_, r) => {
    const startsAt = start + r * (meeting.slotMinutes + meeting.breakMinutes) * 60_000;
    return { round: r + 1, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + meeting.slotMinutes * 60_000).toISOString() };
  });
}

/**
 * The fields that decide when a meeting's rounds are (`rounds` only adds or takes away rounds at the
 * end): what a meeting under way keeps (`meeting_under_way` on each).
 */
export const TIMING_FIELDS = ['date', 'startTime', 'timeZone', 'slotMinutes', 'breakMinutes'] as const;
type TimingField = (typeof TIMING_FIELDS)[number] | 'rounds';

/** Why a meeting's times do not fit `now`: the field to change, a code, and the UTC instant concerned. */
export interface MeetingTimesProblem {
  field: TimingField;
  code: 'round_passed' | 'meeting_under_way';
  /** ISO 8601 UTC: the round start that has passed, or when the meeting under way began. */
  value: string;
}

/**
 * Why the meeting `input` may not be planned (without `current`) or `current` changed into it at
 * `now` (ISO 8601), or []:
 * - a new meeting needs a round still to come (`round_passed` on `date` if its day has passed
 *   where it is held, else on `startTime`): a timetable of rounds all over mails nobody anything
 *   useful and can never be cancelled. One already under way may be entered, so that its rounds
 *   to come can be shared;
 * - once a round has begun, the meeting's timing stays (`meeting_under_way` on each of `date`,
 *   `startTime`, `timeZone`, `slotMinutes`, `breakMinutes` it changes): the rounds held keep their
 *   times, and re-timed rounds to come could start inside a round still running;
 * - no change may leave a round not yet held in the past (`round_passed` on each timing field it
 *   changed, or on `rounds` for rounds added to a meeting whose time has gone), where it would count
 *   as held and be kept as if it had happened.
 * Pure: the clock is the caller's.
 */
export function meetingTimesProblems(input: MeetingInput, now: string, current?: Meeting): MeetingTimesProblem[] {
  const at = new Date(now);
  const times = roundTimes(input);
  if (current === undefined) {
    const last = times.at(-1);
    if (last === undefined || !isHeld(last, at)) return [];
    return [{ field: input.date < localTime(at, input.timeZone).date ? 'date' : 'startTime', code: 'round_passed', value: last.startsAt }];
  }
  const moved = TIMING_FIELDS.filter((f) => input[f] !== current[f]);
  const held = heldRounds(current.schedule, at);
  const [first] = held;
  if (first && moved.length > 0) return moved.map((field) => ({ field, code: 'meeting_under_way', value: first.startsAt }));
  const passed = times.slice(held.length).find((r) => isHeld(r, at));
  if (!passed) return [];
  const blamed: TimingField[] = moved.length > 0 ? moved : ['rounds'];
  return blamed.map((field) => ({ field, code: 'round_passed', value: passed.startsAt }));
}

/** The planner's view of stored rounds. */
export function toPlannedRounds(schedule: readonly ScheduledRound[]): PlannedRound[] {
  return schedule.map((r) => ({
    round: r.round,
    meetings: r.meetings.map((m) => ({ table: m.table, a: m.profileIds[0], b: m.profileIds[1], requested: m.requested, score: m.score })),
    byes: r.byes,
  }));
}

/** One participant's rounds: whom they meet, where, and why, or that they sit out. */
export interface PersonalRound {
  round: number;
  startsAt: string;
  endsAt: string;
  table?: number;
  partnerId?: string;
  requested?: boolean;
  reasons?: Record<string, unknown>[];
  /** The pair in the order `reasons` follow. */
  pair?: [string, string];
  summary?: string;
}

export function scheduleOf(meeting: Pick<Meeting, 'schedule'>, profileId: string): PersonalRound[] {
  return meeting.schedule.map((r) => {
    const m = r.meetings.find((x) => x.profileIds.includes(profileId));
    const base = { round: r.round, startsAt: r.startsAt, endsAt: r.endsAt };
    if (!m) return base;
    const partnerId = m.profileIds[0] === profileId ? m.profileIds[1] : m.profileIds[0];
    return { ...base, table: m.table, partnerId, requested: m.requested, reasons: m.reasons, pair: m.profileIds, summary: m.summary };
  });
}

/** The networks a meeting's reasons name (a pair's shared networks), and the meeting's own: those a reader needs display names for. */
export function networksNamedIn(meeting: Pick<Meeting, 'networkId' | 'schedule'>): string[] {
  const ids = new Set([meeting.networkId]);
  for (const round of meeting.schedule) {
    for (const pair of round.meetings) {
      for (const reason of pair.reasons) if (typeof reason.networkId === 'string') ids.add(reason.networkId);
    }
  }
  return [...ids];
}
