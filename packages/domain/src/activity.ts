import * as z from 'zod';

/**
 * The dashboard's activity feed: what happened in a network, built from the published events (a
 * projection kept by functions/record-activity). Pure: the caller passes the clock.
 */

/** The detail types the feed records (the rule `activity-feed` delivers exactly these). */
export const ACTIVITY_TYPES = ['ProfileSubmitted', 'MatchProposed', 'MatchAccepted', 'MatchConfirmed', 'MatchDeclined', 'MatchExpired', 'MatchWithdrawn'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/**
 * An event's id, as every event's metadata carries it (a UUID). One definition for the event
 * contract, the feed that keys its entries by it (`<occurredAt>#<eventId>`) and the feed's cursor
 * that names an entry by it: an id the cursor could not name would stop the feed's paging there.
 */
export const EventId = z.uuid();
/** When an event's change happened, as its metadata says: ISO 8601 in UTC (`Z`), the feed's sort key. */
export const EventTime = z.iso.datetime();

/** One line of the feed: ids only (names are public and read at display time, so an erasure takes them away). */
export interface ActivityEntry {
  eventId: string;
  type: ActivityType;
  /** ISO 8601 */
  occurredAt: string;
  networkId: string;
  profileIds: string[];
  matchId?: string;
}

/** What the feed keeps: this week and last week, with a margin for late events. */
export const ACTIVITY_RETENTION_DAYS = 21;

/** Monday 00:00 UTC of the ISO week holding `now`. */
export function weekStart(now: Date): Date {
  const day = now.getUTCDay() || 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (day - 1)));
}

/** Splits entries into this week and last week (UTC, weeks from Monday), newest first; older ones are left out. */
export function activityWeeks<T extends Pick<ActivityEntry, 'occurredAt'>>(entries: readonly T[], now: Date): { thisWeek: T[]; lastWeek: T[] } {
  const thisStart = weekStart(now).toISOString();
  const lastStart = new Date(weekStart(now).getTime() - 7 * 86_400_000).toISOString();
  const sorted = [...entries].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return { thisWeek: sorted.filter((e) => e.occurredAt >= thisStart), lastWeek: sorted.filter((e) => e.occurredAt >= lastStart && e.occurredAt < thisStart) };
}
