/*
 * Speed-dating meetings of a network: `planMeeting` (rounds of one-to-one meetings, optimal per round).
 */
export * from './planner.js';
export * from './meeting.js';
export * from './schedule.js';
export * from './export.js';
export * from './mail.js';
