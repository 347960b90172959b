import { createEvents, type EventAttributes } from 'ics';
import { spreadsheetCsv, spreadsheetText } from '../csv.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.js';
import { translator } from '../i18n/translate.js';
import { renderReasons } from '../i18n/reasons.js';
import { timeZoneLabel } from '../time-zones.js';
import type { MatchReason } from '../matching/types.js';
import { issuedTablesOf, memberSlot, roundTimes, tableSlot, type Meeting, type ScheduledMeeting } from './meeting.js';
import { meetingLocalTime, personalLines } from './personal.js';

/** Names of participants by profile id (public names of members). */
export type NameOf = (profileId: string) => string;

const uidDomain = 'meetings.culturebridge';

/**
 * Stable across re-plans: one slot (meeting, round, table) keeps its UID, so a calendar updates the
 * event instead of adding one. The member's calendar uses (meeting, round, member) instead. A slot
 * that comes back after it was sent as cancelled is a new event: `since` is the version it came
 * back in (see `returnedEvents`).
 */
export const tableUid = (meetingId: string, round: number, table: number, since?: number) => `${meetingId}-r${round}-t${table}${returnSuffix(since)}@${uidDomain}`;
export const memberUid = (meetingId: string, round: number, profileId: string, since?: number) => `${meetingId}-r${round}-${profileId}${returnSuffix(since)}@${uidDomain}`;
const returnSuffix = (since: number | undefined) => (since === undefined ? '' : `-v${since}`);

type Event = Omit<EventAttributes, 'start' | 'end' | 'duration'>;

/**
 * The events of one slot (`slot` as `returnedEvents` keys it): each UID it had before it last came
 * back, cancelled (titled `retiredTitle`), then its current one as `current` gives it. SEQUENCE
 * counts the versions since each UID began (RFC 5545 §3.8.7.4: 0 when created).
 */
function slotEvents(meeting: Meeting, slot: string, uid: (since?: number) => string, current: Event, retiredTitle: string): Event[] {
  const starts: (number | undefined)[] = [undefined, ...(meeting.returnedEvents?.[slot] ?? [])];
  return starts.map((since, i) => ({
    ...(i === starts.length - 1 ? current : { title: retiredTitle, status: 'CANCELLED' as const }),
    uid: uid(since),
    sequence: meeting.version - (since ?? 1),
  }));
}

function utc(iso: string): number {
  return Date.parse(iso);
}

/**
 * A parameter value as RFC 6868 writes what RFC 5545 §3.2 cannot quote: `^` → `^^`, `"` → `^'`, a
 * line break → `^n`. `ics` puts the value in DQUOTEs but writes a `"` inside as `\"`, which no
 * parser reads back.
 */
function paramValue(text: string): string {
  return text.replace(/\^/g, '^^').replace(/"/g, "^'").replace(/\r?\n/g, '^n');
}

/**
 * The organizer of every event (RFC 5546 §3.2.1: PUBLISH requires ORGANIZER): the network, named as
 * mails name it (`networkName`, else its id), at the platform's sender address (`email`): never a
 * member or a coordinator, whose addresses are personal data.
 */
function organizerOf(meeting: Meeting, email: string | undefined, networkName?: (networkId: string) => string): Pick<EventAttributes, 'organizer'> {
  return email === undefined ? {} : { organizer: { name: paramValue(networkName?.(meeting.networkId) ?? meeting.networkId), email } };
}

function build(meeting: Meeting, events: Event[], times: { startsAt: string; endsAt: string }[], organizer: Pick<EventAttributes, 'organizer'>): string {
  const full = events.map((e, i) => ({
    ...e,
    ...organizer,
    start: utc((times[i] as { startsAt: string }).startsAt),
    end: utc((times[i] as { endsAt: string }).endsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    endInputType: 'utc',
    endOutputType: 'utc',
    productId: 'culturebridge/meetings',
  })) as EventAttributes[];
  const { error, value } = createEvents(full, { productId: 'culturebridge/meetings', method: 'PUBLISH', calName: escapeText(meeting.name) });
  if (error || !value) throw error ?? new Error('calendar not created');
  return foldOctets(value);
}

/** TEXT as RFC 5545 §3.3.11 escapes it; `ics` escapes SUMMARY and DESCRIPTION, but writes X-WR-CALNAME as given. */
function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/**
 * Folds every content line at 75 octets (RFC 5545 §3.1: "Lines of text SHOULD NOT be longer than
 * 75 octets"), continuation lines starting with one space, never inside a character. By hand, as
 * `ics` folds at 75 code points: a line of Georgian, 3 octets a letter, ran to 200 octets.
 */
function foldOctets(calendar: string): string {
  return calendar
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .map((line) => {
      const parts: string[] = [];
      let part = '';
      let octets = 0;
      for (const char of line) {
        const cp = char.codePointAt(0) as number;
        const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        // 75 octets on the first line, 74 after the space that starts a continuation.
        if (octets + size > (parts.length === 0 ? 75 : 74)) {
          parts.push(part);
          part = '';
          octets = 0;
        }
        part += char;
        octets += size;
      }
      parts.push(part);
      return parts.join('\r\n ');
    })
    .join('\r\n');
}

/**
 * Each round any version of the meeting had, with its times now (a round taken off the end keeps the
 * time it would have) and the highest table any version used in it (see `issuedTables`).
 */
function issuedRounds(meeting: Meeting): { round: number; startsAt: string; endsAt: string; tables: number }[] {
  const issued = issuedTablesOf(meeting);
  const times = roundTimes({ ...meeting, rounds: Math.max(issued.length, meeting.schedule.length) });
  return times.map((time, i) => ({ ...(meeting.schedule[i] ?? time), tables: issued[i] ?? 0 }));
}

/**
 * Why a pair meets, for a reader who is neither (the coordinator), in `locale`: from the structured
 * reasons when the pair has them, else the stored English sentence.
 */
function pairReasons(pair: ScheduledMeeting, nameOf: NameOf, locale: Locale, networkName?: (networkId: string) => string): string {
  const reasons = pair.reasons as unknown as MatchReason[];
  if (reasons.length === 0) return pair.summary;
  const names = new Map(pair.profileIds.map((id) => [id, nameOf(id)]));
  return renderReasons(reasons, { locale, pair: pair.profileIds, names, ...(networkName ? { networkName } : {}) }).join(' ');
}

/**
 * The whole timetable as iCalendar (RFC 5545), times in UTC, in `locale` (English by default): one
 * VEVENT per meeting at a table, titled with the pair and described with why they meet. A
 * table an earlier version used that has no meeting now (a round taken off the end, a table left
 * empty) is sent as a cancelled event, so a calendar that imported it drops it (same UID, higher
 * SEQUENCE). Built with the `ics` library, which escapes text; lines are folded by octets here
 * (`foldOctets`). With `organizerEmail` (the platform's sender address) each event names the
 * network as ORGANIZER (`organizerOf`).
 */
export function meetingCalendar(meeting: Meeting, nameOf: NameOf, locale: Locale = DEFAULT_LOCALE, networkName?: (networkId: string) => string, organizerEmail?: string): string {
  const t = translator(locale);
  const events: Event[] = [];
  const times: { startsAt: string; endsAt: string }[] = [];
  for (const round of issuedRounds(meeting)) {
    const planned = meeting.schedule[round.round - 1]?.meetings ?? [];
    const tables = Math.max(round.tables, ...planned.map((m) => m.table));
    for (let table = 1; table <= tables; table++) {
      const m = planned.find((p) => p.table === table);
      const cancelledTitle = t('mail.meetingCalendarTableCancelled', { meeting: meeting.name, round: round.round, table });
      const current: Event = m
        ? {
            title: t('mail.meetingCalendarTable', { meeting: meeting.name, round: round.round, table: m.table, a: nameOf(m.profileIds[0]), b: nameOf(m.profileIds[1]) }),
            description: pairReasons(m, nameOf, locale, networkName),
            location: t('mail.meetingCalendarLocation', { table: m.table }),
          }
        : { title: cancelledTitle, status: 'CANCELLED' };
      for (const event of slotEvents(meeting, tableSlot(round.round, table), (since) => tableUid(meeting.id, round.round, table, since), current, cancelledTitle)) {
        events.push(event);
        times.push(round);
      }
    }
  }
  return build(meeting, events, times, organizerOf(meeting, organizerEmail, networkName));
}

/**
 * One participant's rounds as iCalendar, in their language (`locale`, English by default): whom they
 * meet, at which table, and why (from the structured reasons, read from their side; see
 * `personalLines`); a round they sit out, or one taken off the end since an earlier version, is a
 * cancelled event. UID per (meeting, round, participant), SEQUENCE as for the timetable, so a
 * calendar that imported an earlier version updates its events; ORGANIZER as for the timetable.
 */
export function memberCalendar(
  meeting: Meeting,
  self: { id: string; name: string },
  nameOf: NameOf,
  locale: Locale = DEFAULT_LOCALE,
  networkName?: (networkId: string) => string,
  organizerEmail?: string,
): string {
  const t = translator(locale);
  const events: Event[] = [];
  const times: { startsAt: string; endsAt: string }[] = [];
  const push = (round: number, time: { startsAt: string; endsAt: string }, current: Event) => {
    const retired = t('mail.meetingCalendarRoundCancelled', { meeting: meeting.name, round });
    for (const event of slotEvents(meeting, memberSlot(round, self.id), (since) => memberUid(meeting.id, round, self.id, since), current, retired)) {
      events.push(event);
      times.push(time);
    }
  };
  for (const line of personalLines(meeting, self, nameOf, locale, networkName)) {
    // A round they sit out is sent as cancelled (RFC 5545 §3.8.1.11): a calendar that imported an
    // earlier plan, in which they met someone then, drops that meeting (same UID, higher SEQUENCE).
    push(
      line.round,
      line,
      line.partner === undefined
        ? { title: t('mail.meetingCalendarBreak', { meeting: meeting.name, round: line.round }), status: 'CANCELLED' }
        : {
            title: t('mail.meetingCalendarEvent', { meeting: meeting.name, round: line.round, table: line.table, partner: line.partner }),
            description: line.reasons,
            location: t('mail.meetingCalendarLocation', { table: line.table }),
          },
    );
  }
  // Rounds an earlier version had and this one took off the end: cancelled, titled so for a
  // calendar that shows a cancelled event rather than dropping it.
  for (const round of issuedRounds(meeting).slice(meeting.schedule.length)) {
    push(round.round, round, { title: t('mail.meetingCalendarRoundCancelled', { meeting: meeting.name, round: round.round }), status: 'CANCELLED' });
  }
  return build(meeting, events, times, organizerOf(meeting, organizerEmail, networkName));
}

/**
 * The timetable as CSV (RFC 4180, CRLF) for a spreadsheet in `locale` (English by default; see
 * `spreadsheetCsv`: a byte-order mark, `;` where the language writes a decimal comma): one row per
 * meeting, then one per bye; the header, yes/no, a bye and why each pair meets in `locale`; times as
 * the meeting's clocks show them, its zone named in the header as people read it (timeZoneLabel).
 */
export function meetingCsv(meeting: Meeting, nameOf: NameOf, locale: Locale = DEFAULT_LOCALE, networkName?: (networkId: string) => string): string {
  const t = translator(locale);
  const zone = timeZoneLabel(meeting.timeZone, new Date(meeting.schedule[0]?.startsAt ?? `${meeting.date}T12:00:00Z`));
  const header = [t('mail.meetingColumnRound'), t('timetable.start', { zone }), t('timetable.end', { zone }), t('mail.meetingColumnTable'), t('timetable.participant'), t('mail.meetingColumnPartner'), t('timetable.requested'), t('timetable.why')];
  const rows: (string | number)[][] = [header];
  for (const round of meeting.schedule) {
    const times = [round.round, meetingLocalTime(round.startsAt, meeting.timeZone), meetingLocalTime(round.endsAt, meeting.timeZone)];
    for (const m of round.meetings) {
      rows.push([...times, m.table, spreadsheetText(nameOf(m.profileIds[0])), spreadsheetText(nameOf(m.profileIds[1])), t(m.requested ? 'timetable.yes' : 'timetable.no'), spreadsheetText(pairReasons(m, nameOf, locale, networkName))]);
    }
    for (const id of round.byes) rows.push([...times, '', spreadsheetText(nameOf(id)), '', '', t('timetable.sitsOut')]);
  }
  return spreadsheetCsv(rows, locale);
}
