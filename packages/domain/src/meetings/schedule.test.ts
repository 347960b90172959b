import { describe, expect, it } from 'vitest';
import { scorePair } from '../matching/score.js';
import { matchingProfile } from '../matching/test-profiles.js';
import { meetingInputFixture } from '../test-fixtures.js';
import { isDayWithin } from '../calendar-day.js';
import { scheduleMeeting, type KnownMatch } from './schedule.js';

/**
 * The reasons a meeting gives a pair are read by the coordinator on the timetable and by each member
 * in the schedule mail: about that meeting. They must not say "both available from 1 to 30 June"
 * of a pair meeting on 12 May.
 */
describe('the reasons a meeting gives a pair', () => {
  const june = { from: '2099-06-01', to: '2099-06-30' };
  const a = matchingProfile({ id: 'a', name: 'Kutaisi', country: 'GE', availability: june });
  const b = matchingProfile({ id: 'b', name: 'Gyumri', country: 'AM', availability: { from: '2099-06-10', to: '2099-07-31' } });
  const explained = scorePair(a, b);
  const match: KnownMatch = { profileIds: ['a', 'b'], state: 'proposed', score: explained.score, reasons: explained.reasons as unknown as Record<string, unknown>[], summary: explained.summary };
  const meetingOn = (date: string, matches: KnownMatch[]) => scheduleMeeting(meetingInputFixture(['a', 'b'], { date, rounds: 1, tables: 1 }), [a, b], matches).schedule[0]?.meetings[0];

  it('the match names the overlap (the premise of this test)', () => {
    expect(explained.reasons).toContainEqual({ kind: 'availability-overlap', from: '2099-06-10', to: '2099-06-30' });
  });

  it.each([
    ['a matched pair', [match]],
    ['a pair never proposed (scorePair)', []],
  ])('leaves out the availability overlap of %s when the meeting day is outside it, and says the rest', (_, matches) => {
    const meeting = meetingOn('2099-05-12', matches);
    expect(meeting?.reasons.some((r) => r.kind === 'availability-overlap')).toBe(false);
    expect(meeting?.summary).not.toContain('available');
    expect(meeting?.reasons).toContainEqual({ kind: 'cross-border', countries: ['GE', 'AM'] });
    expect(meeting?.summary).toContain('across borders');
  });

  it('keeps it when the meeting day lies inside the overlap (its first and last day too)', () => {
    for (const date of ['2099-06-10', '2099-06-20', '2099-06-30']) {
      const meeting = meetingOn(date, [match]);
      expect(meeting?.reasons).toContainEqual({ kind: 'availability-overlap', from: '2099-06-10', to: '2099-06-30' });
      expect(meeting?.summary).toBe(explained.summary);
    }
  });
});

describe('a day within an availability window', () => {
  // One definition for the meeting's reasons (the overlap said only when the day is in it) and the
  // planning form's warning (a participant away that day): the page had its own copy of the test.
  it('includes both ends and nothing outside them', () => {
    const june = { from: '2099-06-01', to: '2099-06-30' };
    expect(['2099-05-31', '2099-06-01', '2099-06-15', '2099-06-30', '2099-07-01'].map((day) => isDayWithin(day, june))).toEqual([false, true, true, true, false]);
    expect(isDayWithin('2099-06-01', { from: '2099-06-01', to: '2099-06-01' })).toBe(true);
  });
});
