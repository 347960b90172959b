/*
 * Speed-dating meetings of a network: `planMeeting` (rounds of one-to-one meetings, optimal per round).
 */
export * from './planner.js';
