import type { MeetingPlan } from './planner.js';
import type { MeetingInput } from './meeting.js';

/*
 * The stored meeting and what every function does with it without validating input: its types,
 * which rounds are held, cancelling, a participant's departure, the calendar events issued. Apart
 * from meeting.ts, whose zod schemas run at module load, so that a function that only takes a
 * member out of its meetings (profiles-api's erasure) bundles none of them.
 */

/** A planned meeting with its explanation: what the timetable shows for one pair. */
export interface ScheduledMeeting {
  table: number;
  /** The pair, in the order its `reasons` follow (a shared theme's priorities are in this order). */
  profileIds: [string, string];
  requested: boolean;
  score: number;
  /** Structured reasons (ids and params; see MatchReason) and the sentence for them. */
  reasons: Record<string, unknown>[];
  summary: string;
}

export interface ScheduledRound {
  round: number;
  /** ISO 8601 UTC instants. */
  startsAt: string;
  endsAt: string;
  meetings: ScheduledMeeting[];
  byes: string[];
}

/** The stored meeting: the input, its timetable, and bookkeeping. */
export interface Meeting extends MeetingInput {
  id: string;
  networkId: string;
  /** Starts at 1, +1 per change; iCalendar SEQUENCE is version − 1. */
  version: number;
  schedule: ScheduledRound[];
  unmetRequests: MeetingPlan['unmetRequests'];
  createdAt: string;
  updatedAt: string;
  /**
   * ISO 8601 UTC instant the coordinator cancelled it, absent while it stands. A cancelled meeting
   * is kept (a retried cancel finds it, the participants are told once) but listed and shown nowhere.
   */
  cancelledAt?: string;
  /**
   * Participants who left in this version on their own (their profile erased), not taken out by a
   * coordinator: nobody tells them they were taken out. Only the version that wrote it carries it.
   */
  departed?: string[];
  /**
   * The calendar events its versions have had: for each round any version planned, the highest
   * table in use then (0: none). A calendar that imported an earlier version still holds those
   * events, so one no longer planned (a round taken off the end, a table left empty) is sent again
   * as cancelled (export.ts). Absent on meetings stored before it: their schedule says it.
   */
  issuedTables?: number[];
  /**
   * Calendar events that start over as new events: slot key (`tableSlot`, `memberSlot`) → the
   * versions from which each new one holds, ascending. A slot starts over when it comes back after a
   * version sent it as cancelled, and a participant's slots when a coordinator takes them out (their
   * mail asks them to delete the meeting's rounds). RFC 5545 (§3.8.1.11) and RFC 5546 (§3.2.5) say
   * how an event is cancelled, not how it comes back, and calendar clients differ: some never show a
   * cancelled UID again. So each start is a new event (its own UID, SEQUENCE counted from that
   * version, §3.8.7.4) and the earlier UIDs stay cancelled (export.ts). Absent when none started over.
   */
  returnedEvents?: Record<string, number[]>;
  /**
   * The versions in which a coordinator took each participant out (profile id → versions,
   * ascending); their calendar events start over then (`returnedEvents`). One put back before its
   * removal was told still holds the entries from before, which its calendar file now cancels: its
   * mail says so. Absent when nobody was taken out, and on meetings stored before it.
   */
  takenOut?: Record<string, number[]>;
}

/** The timetable's event for a table of a round, as `returnedEvents` keys it. */
export const tableSlot = (round: number, table: number) => `r${round}-t${table}`;
/** A participant's event for a round, as `returnedEvents` keys it. */
export const memberSlot = (round: number, profileId: string) => `r${round}-${profileId}`;

/** For each round of `meeting` and of the versions before it, the highest table used (see `issuedTables`). */
export function issuedTablesOf(meeting: Pick<Meeting, 'schedule' | 'issuedTables'>): number[] {
  const issued = [...(meeting.issuedTables ?? [])];
  for (const round of meeting.schedule) {
    issued[round.round - 1] = Math.max(issued[round.round - 1] ?? 0, ...round.meetings.map((m) => m.table));
  }
  return Array.from(issued, (tables) => tables ?? 0);
}

/** What `withIssuedTables` reads of the version a new one replaces. */
export type IssuedEvents = Pick<Meeting, 'version' | 'participants' | 'schedule' | 'issuedTables' | 'returnedEvents' | 'takenOut'>;

/**
 * The slots `meeting`'s calendar files send as cancelled (export.ts): in the timetable, each table
 * up to the highest any version used in a round with no pair at it; in a participant's file, each
 * round any version had in which they meet nobody now (a break, or a round taken off the end).
 */
function cancelledSlots(meeting: IssuedEvents): Set<string> {
  const slots = new Set<string>();
  issuedTablesOf(meeting).forEach((tables, i) => {
    const pairs = meeting.schedule[i]?.meetings ?? [];
    for (let table = 1; table <= tables; table++) if (!pairs.some((m) => m.table === table)) slots.add(tableSlot(i + 1, table));
    for (const id of meeting.participants) if (!pairs.some((m) => m.profileIds.includes(id))) slots.add(memberSlot(i + 1, id));
  });
  return slots;
}

/**
 * `next` keeping track of the calendar events of `previous` (the version it replaces) and its own:
 * the tables each round has used (`issuedTables`); each slot that `previous` sent as cancelled and
 * `next` fills again, and each slot of a participant a coordinator took out (not one who left by
 * erasing their profile, `departed`), start over at `next.version` (`returnedEvents`), and such a
 * participant is recorded taken out then (`takenOut`); a departed one leaves neither. Pure.
 */
export function withIssuedTables(next: Meeting, previous?: IssuedEvents): Meeting {
  const issuedTables = issuedTablesOf({ schedule: next.schedule, issuedTables: previous ? issuedTablesOf(previous) : [] });
  const returned: Record<string, number[]> = { ...previous?.returnedEvents };
  const startOver = (slot: string) => (returned[slot] = [...(returned[slot] ?? []), next.version]);
  const cancelled = previous ? cancelledSlots(previous) : new Set<string>();
  for (const round of next.schedule) {
    for (const pair of round.meetings) {
      for (const slot of [tableSlot(round.round, pair.table), ...pair.profileIds.map((id) => memberSlot(round.round, id))]) {
        if (cancelled.has(slot)) startOver(slot);
      }
    }
  }
  const takenOut: Record<string, number[]> = { ...previous?.takenOut };
  const staying = new Set([...next.participants, ...(next.departed ?? [])]);
  for (const id of previous?.participants.filter((p) => !staying.has(p)) ?? []) {
    issuedTablesOf(previous as IssuedEvents).forEach((_, i) => startOver(memberSlot(i + 1, id)));
    takenOut[id] = [...(takenOut[id] ?? []), next.version];
  }
  // A member who erased its profile is not coming back: its id leaves what is kept for returns.
  for (const id of next.departed ?? []) {
    delete takenOut[id];
    for (const slot of Object.keys(returned)) if (slot.endsWith(`-${id}`)) delete returned[slot];
  }
  const { returnedEvents: _returned, takenOut: _takenOut, ...rest } = next;
  return { ...rest, issuedTables, ...(Object.keys(returned).length > 0 ? { returnedEvents: returned } : {}), ...(Object.keys(takenOut).length > 0 ? { takenOut } : {}) };
}

/** Rounds already held at `now` (started before it): a re-plan keeps them. */
export function heldRounds(schedule: readonly ScheduledRound[], now: Date): ScheduledRound[] {
  return schedule.filter((r) => isHeld(r, now));
}

/** Whether a round has begun at `now`: it then counts as held. */
export const isHeld = (round: Pick<ScheduledRound, 'startsAt'>, now: Date) => new Date(round.startsAt).getTime() <= now.getTime();

/** Whether a round is still to come at `now` (the plan can change for it, a member can ask for it). */
export function hasRoundToCome(rounds: readonly Pick<ScheduledRound, 'startsAt'>[], now: Date): boolean {
  return rounds.some((r) => !isHeld(r, now));
}

/**
 * The meeting cancelled at `now` (ISO 8601), as its next version; or why it cannot be: once its
 * first round has begun it is a record of what happened (the coordinator changes the rounds still
 * to come instead). Cancelling a cancelled meeting gives it back unchanged (the same object). Pure.
 */
export function cancelled(meeting: Meeting, now: string): { meeting: Meeting } | { problem: string } {
  if (meeting.cancelledAt !== undefined) return { meeting };
  const [first] = heldRounds(meeting.schedule, new Date(now));
  if (first) return { problem: `This meeting began at ${first.startsAt} (UTC) and is kept as held. Change the rounds still to come instead (PUT with fewer rounds).` };
  return { meeting: { ...meeting, cancelledAt: now, version: meeting.version + 1, updatedAt: now } };
}

/**
 * The meeting without a member whose profile is being erased, as its next version: it leaves the
 * participants and the requests; in the rounds not yet held at `now` (ISO 8601) its partner sits
 * out instead of meeting it; in every round, the pairs it was in lose their reasons and sentence,
 * which name it (a held pair stays, as it happened). The coordinator may plan the rest again. A
 * meeting it is not in comes back as it was (the same object). Pure.
 */
export function withoutParticipant(meeting: Meeting, profileId: string, now: string): Meeting {
  const involved = (pair: readonly string[]) => pair.includes(profileId);
  const inSchedule = meeting.schedule.some((r) => r.byes.includes(profileId) || r.meetings.some((m) => involved(m.profileIds)));
  if (!meeting.participants.includes(profileId) && !inSchedule) return meeting;
  const at = new Date(now);
  const schedule = meeting.schedule.map((round) => {
    if (isHeld(round, at)) return { ...round, meetings: round.meetings.map((m) => (involved(m.profileIds) ? { ...m, reasons: [], summary: '' } : m)) };
    const partners = round.meetings.filter((m) => involved(m.profileIds)).map((m) => (m.profileIds[0] === profileId ? m.profileIds[1] : m.profileIds[0]));
    return { ...round, meetings: round.meetings.filter((m) => !involved(m.profileIds)), byes: [...round.byes.filter((id) => id !== profileId), ...partners] };
  });
  const next: Meeting = {
    ...meeting,
    participants: meeting.participants.filter((id) => id !== profileId),
    requests: meeting.requests.filter((r) => r.from !== profileId && r.to !== profileId),
    unmetRequests: meeting.unmetRequests.filter((r) => r.from !== profileId && r.to !== profileId),
    schedule,
    version: meeting.version + 1,
    updatedAt: now,
    departed: [profileId],
  };
  // Its pairs leave tables empty: calendars that had them are told (issuedTables).
  return withIssuedTables(next, meeting);
}

/** The order meetings are listed in: by day, then start time (local to each), then id. */
export function byMeetingTime(a: Pick<Meeting, 'date' | 'startTime' | 'id'>, b: Pick<Meeting, 'date' | 'startTime' | 'id'>): number {
  return a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime) || a.id.localeCompare(b.id);
}
