import { describe, expect, it } from 'vitest';
import { mergeActivity } from './activity-pages';
import type { ActivityItem, NetworkActivity } from './types';

const entry = (eventId: string, occurredAt: string, names: (string | null)[] = ['A']): ActivityItem => ({ eventId, type: 'ProfileSubmitted', occurredAt, networkId: 'n', profileIds: ['p'], names });
const answer = (thisWeekFrom: string, lastWeekFrom: string, entries: ActivityItem[], cursor?: string): NetworkActivity => ({
  networkId: 'n',
  thisWeekFrom,
  lastWeekFrom,
  thisWeek: entries.filter((e) => e.occurredAt >= thisWeekFrom),
  lastWeek: entries.filter((e) => e.occurredAt < thisWeekFrom),
  ...(cursor === undefined ? {} : { cursor }),
});
const ids = (a: NetworkActivity) => [...a.thisWeek, ...a.lastWeek].map((e) => e.eventId);

describe('activity read at different times, as one list', () => {
  const week = ['2026-11-30T00:00:00.000Z', '2026-11-23T00:00:00.000Z'] as const;
  it('lists each entry once, newest first, with the first list’s names, and the cursor of the list that reaches oldest', () => {
    const refresh = answer(...week, [entry('n1', '2026-12-01T10:00:00.000Z'), entry('e1', '2026-11-30T09:00:00.000Z', [null])], 'after-e1');
    const older = answer(...week, [entry('e1', '2026-11-30T09:00:00.000Z'), entry('e2', '2026-11-24T09:00:00.000Z')], 'after-e2');
    const merged = mergeActivity(refresh, older);
    expect(ids(merged)).toEqual(['n1', 'e1', 'e2']);
    expect(merged.thisWeek.find((e) => e.eventId === 'e1')?.names).toEqual([null]);
    expect(merged.cursor).toBe('after-e2');
    // A list read to its end reaches every entry: no cursor.
    expect(mergeActivity(answer(...week, [entry('n1', '2026-12-01T10:00:00.000Z')]), older).cursor).toBeUndefined();
  });

  it('keeps the newest two weeks when a Monday passed between the reads, and splits the entries into them', () => {
    // Read on Sunday; "Show older" after Monday answers nothing more (its cursor is before the window).
    const sunday = answer(...week, [entry('s1', '2026-12-06T10:00:00.000Z'), entry('l1', '2026-11-24T09:00:00.000Z')], 'after-l1');
    const monday = answer('2026-12-07T00:00:00.000Z', '2026-11-30T00:00:00.000Z', []);
    const merged = mergeActivity(sunday, monday);
    expect([merged.thisWeekFrom, merged.thisWeek, ids(answer('x', 'y', merged.lastWeek))]).toEqual(['2026-12-07T00:00:00.000Z', [], ['s1']]);
    expect(merged.cursor).toBeUndefined();
  });
});
