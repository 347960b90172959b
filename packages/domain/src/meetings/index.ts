/*
 * Speed-dating meetings of a network: `planMeeting` (rounds of one-to-one meetings, optimal per round).
 */
export type * from './planner.js';
export * from './meeting.js';
// The planner and scheduler (`@culturebridge/domain/meeting-planner`) bring edmonds-blossom-fixed,
// a CommonJS module no bundle can tree-shake; only the function serving meetings imports them.
// Not re-exported: the iCalendar/CSV exports (`@culturebridge/domain/meeting-export`) bring `ics` and
// its validator (about 70 KB), which only the meeting routes need; every other bundle stays without.
export * from './mail.js';
export * from './participant-mail.js';
export { meetingLocalTime } from './personal.js';
export { participantNames } from './names.js';
