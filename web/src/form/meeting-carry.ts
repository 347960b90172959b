import type { MeetingInput } from '@culturebridge/domain';

/** The planning form's values: a meeting's input without the members' requests (kept apart on a change). */
export type MeetingValues = Omit<MeetingInput, 'requests'>;

/**
 * `mine` (typed over `base`) carried onto `current`: each field typed keeps its typed value, every
 * other takes the current one; `overlapping` names the fields changed both here and meanwhile, differently.
 * Participants compare as a set (their order is the order they were ticked).
 */
export function carryMeeting(base: MeetingValues, mine: MeetingValues, current: MeetingValues): { values: MeetingValues; overlapping: (keyof MeetingValues)[] } {
  const same = (field: keyof MeetingValues, a: MeetingValues, b: MeetingValues) => {
    const [x, y] = [a[field], b[field]];
    return Array.isArray(x) && Array.isArray(y) ? x.length === y.length && x.every((id) => y.includes(id)) : x === y;
  };
  const values = { ...current };
  const overlapping: (keyof MeetingValues)[] = [];
  for (const field of Object.keys(current) as (keyof MeetingValues)[]) {
    if (same(field, mine, base)) continue;
    (values as Record<string, unknown>)[field] = mine[field];
    if (!same(field, current, base) && !same(field, current, mine)) overlapping.push(field);
  }
  return { values, overlapping };
}
