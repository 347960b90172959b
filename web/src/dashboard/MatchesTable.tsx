import { ScrollArea } from '../components/ScrollArea';
import type { NetworkMatch } from '../api/types';
import { STATE_LABELS } from '../lib/labels';
import { describeTopReason } from '../lib/reasons';
import { MatchPairHeader } from './MatchPairHeader';

export function MatchesTable({ matches }: { matches: readonly NetworkMatch[] }) {
  const rows = [...matches].sort((a, b) => b.score - a.score || a.matchId.localeCompare(b.matchId));
  if (rows.length === 0) return <p className="empty">No matches yet.</p>;
  return (
    <ScrollArea label="All matches">
      <table className="data-table data-table--cards">
        <caption className="visually-hidden">Every match between two members of the network, best first</caption>
        <thead>
          <tr>
            <th scope="col">Members</th>
            <th scope="col">State</th>
            <th scope="col" className="numeric">
              Score
            </th>
            <th scope="col">Main reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((match) => (
            <tr key={match.matchId} data-match-id={match.matchId}>
              <MatchPairHeader match={match} />
              <td data-label="State">
                <span className={`badge badge--${match.state}`}>{STATE_LABELS[match.state]}</span>
              </td>
              <td data-label="Score" className="numeric">
                {Math.round(match.score * 100)}
              </td>
              <td data-label="Why" className="summary-cell">
                {describeTopReason(match.topReason)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}
