import { describe, expect, it } from 'vitest';
import { meetingMailDecision, meetingRemovedNotificationId, type MeetingAsItStands } from './participant-mail.js';

const at = (version: number, overrides: Partial<MeetingAsItStands> = {}): MeetingAsItStands => ({ version, cancelled: false, includes: true, toCome: true, ...overrides });
const told = (status: 'scheduled' | 'out' | 'cancelled', statusVersion: number) => ({ status, statusVersion });

describe('meetingMailDecision', () => {
  it('tells a schedule once per version, first when the participant held none, updated when it held one', () => {
    expect(meetingMailDecision('schedule', at(1), undefined, true)).toEqual({ kind: 'record', told: told('scheduled', 1), notice: { kind: 'schedule', first: true } });
    expect(meetingMailDecision('schedule', at(3), told('scheduled', 1), false)).toEqual({ kind: 'record', told: told('scheduled', 3), notice: { kind: 'schedule', first: false } });
    // Put back after being told it was out: a first schedule again, whatever the event says.
    expect(meetingMailDecision('schedule', at(5), told('out', 4), false)).toEqual({ kind: 'record', told: told('scheduled', 5), notice: { kind: 'schedule', first: true } });
    // Told this version or a later one already (a redelivery, or an earlier event handled late).
    expect(meetingMailDecision('schedule', at(3), told('scheduled', 3), false)).toEqual({ kind: 'skip' });
  });

  it('a participant taken out, put back and taken out again before notify caught up is told it is off the schedule once', () => {
    // Both removals' events find it out at version 4; the one handled first tells, the other finds it told.
    const first = meetingMailDecision('removed', at(4, { includes: false }), told('scheduled', 1), false);
    expect(first).toEqual({ kind: 'record', told: told('out', 4), notice: { kind: 'removed' } });
    expect(meetingMailDecision('removed', at(4, { includes: false }), told('out', 4), false)).toEqual({ kind: 'skip' });
    // The put-back's event, handled then, is stale: the participant is out.
    expect(meetingMailDecision('schedule', at(4, { includes: false }), told('out', 4), true)).toEqual({ kind: 'skip' });
  });

  it('a removal undone before it was told is not told; the event that put the participant back tells the updated schedule', () => {
    expect(meetingMailDecision('removed', at(3), told('scheduled', 1), false)).toEqual({ kind: 'skip' });
    expect(meetingMailDecision('schedule', at(3), told('scheduled', 1), true)).toEqual({ kind: 'record', told: told('scheduled', 3), notice: { kind: 'schedule', first: false } });
  });

  it('put back before the removal was told, a participant holding a schedule from before is told its calendar entries started over (the earlier ones are cancelled)', () => {
    // Its entries of version 1 are in its calendar; from version 2 (taken out) its rounds are new events.
    expect(meetingMailDecision('schedule', at(3, { takenOut: [2] }), told('scheduled', 1), true)).toEqual({ kind: 'record', told: told('scheduled', 3), notice: { kind: 'schedule', first: false, calendarRestarted: true } });
    // Its schedule already had the new events; or it was told it was out (it deleted them, and its schedule is a first one).
    expect(meetingMailDecision('schedule', at(4, { takenOut: [2] }), told('scheduled', 3), false)).toEqual({ kind: 'record', told: told('scheduled', 4), notice: { kind: 'schedule', first: false } });
    expect(meetingMailDecision('schedule', at(5, { takenOut: [4] }), told('out', 4), false)).toEqual({ kind: 'record', told: told('scheduled', 5), notice: { kind: 'schedule', first: true } });
  });

  it('a participant never told a schedule (planned, then taken out before notify caught up) is told nothing, and knows it is out', () => {
    expect(meetingMailDecision('schedule', at(2, { includes: false }), undefined, true)).toEqual({ kind: 'record', told: told('out', 2) });
    expect(meetingMailDecision('removed', at(2, { includes: false }), told('out', 2), false)).toEqual({ kind: 'skip' });
  });

  it('told nothing yet: a removal or the cancellation is told when a schedule was mailed (a meeting planned before this record existed), else nothing', () => {
    expect(meetingMailDecision('removed', at(2, { includes: false }), undefined, false, true)).toEqual({ kind: 'record', told: told('out', 2), notice: { kind: 'removed' } });
    expect(meetingMailDecision('cancelled', at(3, { cancelled: true }), undefined, false, true)).toEqual({ kind: 'record', told: told('cancelled', 3), notice: { kind: 'cancelled' } });
    // Planned, then taken out or cancelled, before its first schedule went (the removal's event handled first).
    expect(meetingMailDecision('removed', at(2, { includes: false }), undefined, false, false)).toEqual({ kind: 'record', told: told('out', 2) });
    expect(meetingMailDecision('cancelled', at(2, { cancelled: true }), undefined, false, false)).toEqual({ kind: 'record', told: told('cancelled', 2) });
  });

  it('no removal notice once every round has begun, but the participant knows it is out', () => {
    expect(meetingMailDecision('removed', at(2, { includes: false, toCome: false }), told('scheduled', 1), false)).toEqual({ kind: 'record', told: told('out', 2) });
  });

  it('a cancellation is told once to whoever holds a schedule, not to one who knows it is out; schedules and removals of a cancelled meeting are not told', () => {
    const cancelled = at(5, { cancelled: true });
    expect(meetingMailDecision('cancelled', cancelled, told('scheduled', 3), false)).toEqual({ kind: 'record', told: told('cancelled', 5), notice: { kind: 'cancelled' } });
    expect(meetingMailDecision('cancelled', cancelled, told('out', 2), false)).toEqual({ kind: 'record', told: told('cancelled', 5) });
    expect(meetingMailDecision('cancelled', cancelled, told('cancelled', 5), false)).toEqual({ kind: 'skip' });
    expect(meetingMailDecision('schedule', cancelled, told('scheduled', 3), false)).toEqual({ kind: 'skip' });
  });

  it('one taken out before the meeting was cancelled, both before notify caught up, is told its removal, not the cancellation', () => {
    const out = at(5, { cancelled: true, includes: false });
    expect(meetingMailDecision('removed', out, told('scheduled', 3), false)).toEqual({ kind: 'record', told: told('out', 5), notice: { kind: 'removed' } });
    expect(meetingMailDecision('cancelled', out, told('scheduled', 3), false)).toEqual({ kind: 'skip' });
  });

  it('keys a removal notice by the schedule it withdraws, or (told nothing yet) by its event as before', () => {
    expect(meetingRemovedNotificationId({ id: 'm' }, 'p', told('scheduled', 3), 4)).toBe('meeting:m:v3:member:p:removed');
    expect(meetingRemovedNotificationId({ id: 'm' }, 'p', undefined, 4)).toBe('meeting:m:v4:member:p');
  });
});
