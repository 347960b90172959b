import { describe, expect, it } from 'vitest';
import { activityWeeks, weekStart } from './activity.js';

describe('the activity feed\'s weeks', () => {
  it('starts a week on Monday 00:00 UTC', () => {
    // 2026-11-30 is a Monday; 2026-12-06 a Sunday.
    expect(weekStart(new Date('2026-11-30T00:00:00Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(weekStart(new Date('2026-12-06T23:59:00Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });

  it('splits entries into this week and last week, newest first, leaving older ones out', () => {
    const at = (occurredAt: string) => ({ occurredAt });
    const weeks = activityWeeks([at('2026-11-23T08:00:00Z'), at('2026-12-01T10:00:00Z'), at('2026-11-29T23:59:59Z'), at('2026-11-22T23:00:00Z'), at('2026-11-30T00:00:00Z')], new Date('2026-12-02T12:00:00Z'));
    expect(weeks.thisWeek.map((e) => e.occurredAt)).toEqual(['2026-12-01T10:00:00Z', '2026-11-30T00:00:00Z']);
    expect(weeks.lastWeek.map((e) => e.occurredAt)).toEqual(['2026-11-29T23:59:59Z', '2026-11-23T08:00:00Z']);
  });
});
