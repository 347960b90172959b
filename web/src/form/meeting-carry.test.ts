import { describe, expect, it } from 'vitest';
import { carryMeeting, type MeetingValues } from './meeting-carry';

const base: MeetingValues = { name: 'Speed dating', date: '2027-03-01', startTime: '10:00', timeZone: 'Asia/Tbilisi', slotMinutes: 12, breakMinutes: 3, rounds: 4, tables: 6, participants: ['a', 'b', 'c'] };

describe('carryMeeting', () => {
  it('keeps each typed field, takes every other from the meeting as it is now, and names only fields changed differently in both', () => {
    const mine = { ...base, rounds: 5, slotMinutes: 10, participants: ['c', 'a'] };
    const current = { ...base, breakMinutes: 4, slotMinutes: 15, participants: ['b', 'a', 'c'] };
    expect(carryMeeting(base, mine, current)).toEqual({ values: { ...base, breakMinutes: 4, rounds: 5, slotMinutes: 10, participants: ['c', 'a'] }, overlapping: ['slotMinutes'] });
  });

  it('participants ticked in another order are not a change; the same change made in both places is not named', () => {
    const mine = { ...base, participants: ['c', 'b', 'a'], tables: 5 };
    const current = { ...base, tables: 5 };
    expect(carryMeeting(base, mine, current)).toEqual({ values: { ...base, tables: 5 }, overlapping: [] });
  });
});
