import type { NetworkMatch } from '../api/types';
import { spreadsheetText, toCsv } from '../lib/csv';
import { describeTopReason } from '../lib/reasons';

const MATCHES_CSV_HEADER = ['matchId', 'memberA', 'memberB', 'state', 'score', 'acceptedBy', 'mainReason', 'proposedAt', 'updatedAt'] as const;

/** The network's matches, one per line, for a spreadsheet or another tool. */
export function matchesCsv(matches: readonly NetworkMatch[]): string {
  const nameOf = (match: NetworkMatch, id: string) => match.names[match.profileIds.indexOf(id)] ?? id;
  return toCsv([
    MATCHES_CSV_HEADER,
    ...matches.map((m) => [
      m.matchId,
      spreadsheetText(m.names[0]),
      spreadsheetText(m.names[1]),
      m.state,
      m.score.toFixed(4),
      spreadsheetText(m.acceptedBy.map((id) => nameOf(m, id)).join('; ')),
      spreadsheetText(describeTopReason(m.topReason)),
      m.proposedAt,
      m.updatedAt,
    ]),
  ]);
}
