import { activityOrderKey } from '@culturebridge/domain';
import type { ActivityItem, NetworkActivity } from './types';

/*
 * The activity feed's pages read at different times (the dashboard's refresh, "Show older"), made
 * one list. Pure: no request, so it is tested without a browser.
 */

/** An entry's place in the feed (the store's sort key, activityOrderKey): the newer, the greater. */
export const activityKey: (entry: Pick<ActivityItem, 'occurredAt' | 'eventId'>) => string = activityOrderKey;

/** The key of the oldest entry `activity` lists (its last), if it lists any. */
export function oldestActivity(activity: NetworkActivity): string | undefined {
  const last = activity.lastWeek.at(-1) ?? activity.thisWeek.at(-1);
  return last === undefined ? undefined : activityKey(last);
}

/**
 * Lists of activity read at different times (pages, a refresh, pages read while it ran) as one:
 * each entry once, by event id, as the first list holding it has it (give the freshest first, for
 * today's names); newest first; in the newest lists' two weeks (an entry a later Monday moved out
 * of them is left out) and split into those. `cursor`: that of the list that reaches oldest, none
 * when that one was read to the end. Each list must continue where one before it (or an entry in
 * it) stops, as the dashboard's reads do, or the merged list has a gap.
 */
export function mergeActivity(first: NetworkActivity, ...more: readonly NetworkActivity[]): NetworkActivity {
  const lists = [first, ...more];
  const window = lists.reduce((newest, list) => (list.thisWeekFrom > newest.thisWeekFrom ? list : newest));
  const byId = new Map<string, ActivityItem>();
  for (const list of lists) for (const entry of [...list.thisWeek, ...list.lastWeek]) if (!byId.has(entry.eventId)) byId.set(entry.eventId, entry);
  const entries = [...byId.values()].filter((e) => e.occurredAt >= window.lastWeekFrom).sort((a, b) => (activityKey(a) < activityKey(b) ? 1 : -1));
  // Read to the end reaches below every key (''); a list without entries reaches none ('\uffff').
  const reach = (list: NetworkActivity) => (list.cursor === undefined ? '' : (oldestActivity(list) ?? '\uffff'));
  const deepest = lists.reduce((deep, list) => (reach(list) < reach(deep) ? list : deep));
  return {
    networkId: first.networkId,
    thisWeekFrom: window.thisWeekFrom,
    lastWeekFrom: window.lastWeekFrom,
    thisWeek: entries.filter((e) => e.occurredAt >= window.thisWeekFrom),
    lastWeek: entries.filter((e) => e.occurredAt < window.thisWeekFrom),
    ...(deepest.cursor === undefined ? {} : { cursor: deepest.cursor }),
  };
}
