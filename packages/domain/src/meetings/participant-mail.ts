import type { Standing } from '../standing.js';
import type { Meeting } from './meeting.js';

/**
 * What a participant knows of a meeting: it holds the schedule of version `statusVersion`
 * (`scheduled`), it knows it is off the schedule, or never had one (`out`), or it knows the meeting
 * is cancelled (`cancelled`).
 */
export type MeetingKnowledge = 'scheduled' | 'out' | 'cancelled';

/** What a meeting event says about one participant: its schedule (planned, added, rescheduled), its removal, or the cancellation. */
export type MeetingConcern = 'schedule' | 'removed' | 'cancelled';

/**
 * The mail a participant is sent: a schedule (`first` or updated) of `version`, a removal notice, or
 * a cancellation notice. `calendarRestarted`: an updated schedule for a participant taken out since
 * the schedule it holds and put back before the removal was told: its calendar events started over
 * then, so the entries it may have are cancelled by the calendar file, which gives its rounds new UIDs.
 */
export type MeetingNotice = { kind: 'schedule'; first: boolean; calendarRestarted?: true } | { kind: 'removed' } | { kind: 'cancelled' };

/** The meeting as it stands, for one participant. */
export interface MeetingAsItStands {
  version: number;
  cancelled: boolean;
  /** The participant is on its schedule. */
  includes: boolean;
  /** A round is still to come (a removal from a meeting that is over is not told). */
  toCome: boolean;
  /** The versions in which a coordinator took the participant out (`Meeting.takenOut`); none when absent. */
  takenOut?: readonly number[];
}

/**
 * What notify does for one participant an event concerns, from the meeting as it stands now (read
 * under the participant's lease) and what the participant was last told (`told`), whatever the
 * order or number of the events:
 * - `skip`: nothing to tell or record (told already, or the event is stale: a removal undone since,
 *   a schedule for a cancelled meeting; the event of the standing that holds tells). One taken out
 *   before the meeting was cancelled is told its removal, not the cancellation;
 * - `record`: the participant now knows `told`, told with `notice` when there is one.
 * A participant told nothing yet (`told` undefined: the meeting was planned before notify kept this
 * record, or nothing reached it) holds a schedule when one was mailed to it (`scheduleSent`, from
 * the sent notification records: a meeting planned before this record existed mailed them): then a
 * removal or the cancellation is told; a schedule is first when the event says so.
 * `firstTime`: the event gives this participant its first schedule (planned, or added).
 */
export function meetingMailDecision(
  concern: MeetingConcern,
  meeting: MeetingAsItStands,
  told: Standing<MeetingKnowledge> | undefined,
  firstTime: boolean,
  scheduleSent = false,
): { kind: 'skip' } | { kind: 'record'; told: Standing<MeetingKnowledge>; notice?: MeetingNotice } {
  const standing = (status: MeetingKnowledge) => ({ status, statusVersion: meeting.version });
  if (meeting.cancelled && meeting.includes) {
    if (concern !== 'cancelled' || told?.status === 'cancelled') return { kind: 'skip' };
    // One who knows it is off the schedule (or never had one) has nothing to delete.
    const heldSchedule = told ? told.status === 'scheduled' : scheduleSent;
    return heldSchedule ? { kind: 'record', told: standing('cancelled'), notice: { kind: 'cancelled' } } : { kind: 'record', told: standing('cancelled') };
  }
  if (meeting.includes) {
    // A removal undone before it was told is not told; the event that took them back tells.
    if (concern !== 'schedule') return { kind: 'skip' };
    if (told?.status === 'scheduled' && told.statusVersion >= meeting.version) return { kind: 'skip' };
    // Taken out since the schedule it holds, unbeknown to it: its calendar events started over then,
    // so the entries it may have are ones the calendar file now cancels.
    const restarted = told?.status === 'scheduled' && (meeting.takenOut ?? []).some((version) => version > told.statusVersion);
    return { kind: 'record', told: standing('scheduled'), notice: { kind: 'schedule', first: told ? told.status !== 'scheduled' : firstTime, ...(restarted ? { calendarRestarted: true as const } : {}) } };
  }
  // Off it since before the cancellation: its removal tells (the cancellation's mails go to those on it).
  if (concern === 'cancelled' || told?.status === 'out' || told?.status === 'cancelled') return { kind: 'skip' };
  // Off the schedule now: told so only if it holds a schedule, and while there is a round still to
  // come; never told a schedule, it is told nothing.
  const heldSchedule = told ? told.status === 'scheduled' : scheduleSent;
  return heldSchedule && meeting.toCome ? { kind: 'record', told: standing('out'), notice: { kind: 'removed' } } : { kind: 'record', told: standing('out') };
}

/**
 * The notice that a participant is off the schedule, once per schedule it held: keyed by the
 * version of the schedule it was told last (`told`), so whichever event tells it finds it sent; a
 * participant told nothing yet is keyed by the removing event's version (as before this record
 * existed, so a retry of such a mail finds it sent).
 */
export const meetingRemovedNotificationId = (meeting: Pick<Meeting, 'id'>, profileId: string, told: Standing | undefined, eventVersion: number) =>
  told ? `meeting:${meeting.id}:v${told.statusVersion}:member:${profileId}:removed` : `meeting:${meeting.id}:v${eventVersion}:member:${profileId}`;
