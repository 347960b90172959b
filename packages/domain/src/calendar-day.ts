import * as z from 'zod';
import { expected } from './text.js';

/**
 * The days the app takes, as YYYY-MM-DD: 2000-01-01 to 2099-12-31. A year 0000 or 9999 is a slip of
 * the keyboard, not a plan; outside these years iCalendar files, `Intl` date formatting, the mails'
 * week numbers and partners' systems (events carry the days) stop agreeing on four-digit years.
 * One definition for availability and meetings.
 */
export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2099-12-31';

/** Whether `day` (YYYY-MM-DD) is within FIRST_DAY … LAST_DAY. */
export const isDayInRange = (day: string) => day >= FIRST_DAY && day <= LAST_DAY;

/**
 * Whether `day` (YYYY-MM-DD) lies within `window` (YYYY-MM-DD days, both included), such as a
 * member's availability: the meeting's reasons and the planning form's warning ask it alike.
 */
export const isDayWithin = (day: string, window: { readonly from: string; readonly to: string }) => window.from <= day && day <= window.to;

/**
 * A calendar day as YYYY-MM-DD within FIRST_DAY … LAST_DAY. Out of range it is `invalid_date` with
 * `params: { value, min, max }` and a message naming the field by `label`.
 */
export function calendarDay(label: string) {
  return z.iso
    .date({ error: expected(label, 'a date as YYYY-MM-DD'), abort: true })
    .refine(isDayInRange, { error: `${label} must be a day from ${FIRST_DAY} to ${LAST_DAY}`, params: { code: 'invalid_date', min: FIRST_DAY, max: LAST_DAY } });
}
