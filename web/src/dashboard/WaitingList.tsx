import type { NetworkMatch } from '../api/types';
import { ScrollArea } from '../components/ScrollArea';
import { MatchPairHeader } from './MatchPairHeader';
import { isOpen, waitingFor } from './network-figures';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** Open matches, longest waiting first: whom a coordinator might remind. */
export function WaitingList({ matches }: { matches: readonly NetworkMatch[] }) {
  const open = matches.filter(isOpen).sort((a, b) => a.proposedAt.localeCompare(b.proposedAt) || a.matchId.localeCompare(b.matchId));
  if (open.length === 0) return <p className="empty">No match is waiting for an answer.</p>;
  return (
    <ScrollArea label="Matches waiting for an answer">
      <table className="data-table data-table--cards waiting-list">
        <caption className="visually-hidden">Matches waiting for an answer, longest waiting first</caption>
        <thead>
          <tr>
            <th scope="col">Match</th>
            <th scope="col">Waiting for</th>
            <th scope="col">Proposed</th>
          </tr>
        </thead>
        <tbody>
          {open.map((match) => {
            const waiting = waitingFor(match);
            return (
              <tr key={match.matchId} data-match-id={match.matchId}>
                <MatchPairHeader match={match} />
                <td data-label="Waiting for">{waiting.length === 2 ? 'Both' : `${waiting.join(' and ')} (the other accepted)`}</td>
                <td data-label="Proposed">
                  <time dateTime={match.proposedAt}>{when.format(new Date(match.proposedAt))}</time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollArea>
  );
}
