import type { Locale } from '../i18n/locales.js';
import { renderReasons } from '../i18n/reasons.js';
import type { MatchReason } from '../matching/types.js';
import { scheduleOf, type Meeting } from './meeting.js';

/** "10:00" in the meeting's own time zone, for a person reading the timetable on the day. */
export function meetingLocalTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** One round of a participant's own schedule, as they read it. */
export interface PersonalLine {
  round: number;
  /** UTC, ISO 8601. */
  startsAt: string;
  endsAt: string;
  /** "10:00–10:12" in the meeting's time zone. */
  time: string;
  /** Absent for a break. */
  table?: number;
  partner?: string;
  /** Why they meet, in `locale`, read from the participant's side ('' for a break). */
  reasons: string;
}

/**
 * A participant's rounds with local times, partners' names and why they meet, in `locale`: from the
 * structured reasons when the meeting has them, else the stored English sentence. What the schedule
 * mail and the participant's calendar both say.
 */
export function personalLines(
  meeting: Meeting,
  self: { id: string; name: string },
  nameOf: (profileId: string) => string,
  locale: Locale,
  networkName?: (networkId: string) => string,
): PersonalLine[] {
  return scheduleOf(meeting, self.id).map((r) => {
    const line = { round: r.round, startsAt: r.startsAt, endsAt: r.endsAt, time: `${meetingLocalTime(r.startsAt, meeting.timeZone)}–${meetingLocalTime(r.endsAt, meeting.timeZone)}` };
    if (!r.partnerId) return { ...line, reasons: '' };
    const partner = nameOf(r.partnerId);
    const structured = (r.reasons ?? []) as unknown as MatchReason[];
    const reasons =
      structured.length > 0
        ? renderReasons(structured, { locale, pair: r.pair ?? [self.id, r.partnerId], names: new Map([[self.id, self.name], [r.partnerId, partner]]), selfId: self.id, ...(networkName ? { networkName } : {}) }).join(' ')
        : (r.summary ?? '');
    return { ...line, ...(r.table !== undefined ? { table: r.table } : {}), partner, reasons };
  });
}
