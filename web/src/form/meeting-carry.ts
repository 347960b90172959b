import type { MeetingInput } from '@culturebridge/domain';
import { carryFields } from './carry';

/** The planning form's values: a meeting's input without the members' requests (kept apart on a change). */
export type MeetingValues = Omit<MeetingInput, 'requests'>;

// Participants compare as a set: their order is the order they were ticked.
const sameField = (x: unknown, y: unknown) => (Array.isArray(x) && Array.isArray(y) ? x.length === y.length && x.every((id) => y.includes(id)) : x === y);

/** The planning form's typed values carried onto the meeting as it is now (carryFields). */
export function carryMeeting(base: MeetingValues, mine: MeetingValues, current: MeetingValues): { values: MeetingValues; overlapping: (keyof MeetingValues)[] } {
  return carryFields(base, mine, current, sameField);
}
