/** Meeting planning: the planner (maximum-weight matching per round) and the scheduler over it. */
export * from './planner.js';
export * from './schedule.js';
