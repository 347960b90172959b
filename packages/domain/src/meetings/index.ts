/*
 * Speed-dating meetings of a network: `planMeeting` (rounds of one-to-one meetings, optimal per round).
 */
export * from './planner.js';
export * from './meeting.js';
export * from './schedule.js';
// Not re-exported: the iCalendar/CSV exports (`@culturebridge/domain/meeting-export`) bring `ics` and
// its validator (about 70 KB), which only the meeting routes need; every other bundle stays without.
export * from './mail.js';
