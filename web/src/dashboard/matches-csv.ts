import type { TFunction } from 'i18next';
import { currentTimeZoneName, spreadsheetCsv, timeZoneLabel, timeZoneOffsetLabel, type Locale } from '@culturebridge/domain';
import type { NetworkMatch } from '../api/types';
import { spreadsheetText } from '../lib/csv';

/**
 * An instant as "YYYY-MM-DD HH:MM" on the clocks of `timeZone`: a form every spreadsheet, whatever
 * its language, reads as a date and time and then shows in its own format (an ISO 8601 instant with
 * `T` and `Z` stays text).
 */
function spreadsheetDateTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/**
 * The network's matches, one per line, for a spreadsheet in the reader's language (`t`, `locale`):
 * headers, state and main reason (`describeReason`) in words, the score out of 100 as the pages give
 * it, times on the reader's clocks (`timeZone`, the browser's), the zone named in the header; a
 * byte-order mark and the separator the language's spreadsheets expect (`spreadsheetCsv`).
 */
export function matchesCsv(
  matches: readonly NetworkMatch[],
  { t, locale }: { t: TFunction; locale: Locale },
  describeReason: (reason: NetworkMatch['topReason']) => string,
  timeZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone,
): string {
  const nameOf = (match: NetworkMatch, id: string) => match.names[match.profileIds.indexOf(id)] ?? id;
  // Rows span months: the heading gives an offset only if the clocks did not change between them.
  const times = matches.flatMap((m) => [new Date(m.proposedAt), new Date(m.updatedAt)]);
  const oneOffset = new Set(times.map((at) => timeZoneOffsetLabel(timeZone, at))).size <= 1;
  const zone = oneOffset ? timeZoneLabel(timeZone, times[0] ?? new Date()) : currentTimeZoneName(timeZone);
  return spreadsheetCsv(
    [
      [t('matchesCsv.match'), t('matchesCsv.memberA'), t('matchesCsv.memberB'), t('matchesCsv.state'), t('matchesCsv.score'), t('matchesCsv.acceptedBy'), t('matchesCsv.mainReason'), t('matchesCsv.proposedAt', { zone }), t('matchesCsv.updatedAt', { zone })],
      ...matches.map((m) => [
        m.matchId,
        spreadsheetText(m.names[0]),
        spreadsheetText(m.names[1]),
        t(`matchState.${m.state}`),
        Math.round(m.score * 100),
        spreadsheetText(m.acceptedBy.map((id) => nameOf(m, id)).join('; ')),
        spreadsheetText(describeReason(m.topReason)),
        spreadsheetDateTime(m.proposedAt, timeZone),
        spreadsheetDateTime(m.updatedAt, timeZone),
      ]),
    ],
    locale,
  );
}
