import { describe, expect, it } from 'vitest';
import { chosenDay, chosenTime } from './date-time';

describe('a native date or time input\'s value, written out in the app\'s language', () => {
  it('a day with its weekday, in the app\'s language rather than the browser\'s', () => {
    expect(chosenDay('2026-12-01', 'en')).toBe('Tuesday, December 1, 2026');
    expect(chosenDay('2026-12-01', 'uk')).toBe('вівторок, 1 грудня 2026 р.');
    expect(chosenDay('2026-12-01', 'ro')).toBe('marți, 1 decembrie 2026');
    // The day as given, whatever the zone the browser is in (read as UTC both ways).
    expect(chosenDay('2027-01-01', 'ru')).toMatch(/^пятница, 1 января 2027/);
  });

  it('a time of day as the language writes it', () => {
    expect(chosenTime('10:00', 'en')).toBe('10:00 AM');
    expect(chosenTime('22:05', 'ru')).toBe('22:05');
  });

  it('nothing for an empty or partial value', () => {
    for (const value of ['', '2026-12', '2026-13-45', 'x']) expect(chosenDay(value, 'en'), value).toBeUndefined();
    for (const value of ['', '10', '25:00', '10:6']) expect(chosenTime(value, 'en'), value).toBeUndefined();
  });
});
