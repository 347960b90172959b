import type { NetworkMatch } from '../api/types';
import { href } from '../router';

/** A table row's header cell naming a pair, linked to the match's page. */
export function MatchPairHeader({ match }: { match: Pick<NetworkMatch, 'profileIds' | 'names'> }) {
  return (
    <th scope="row">
      <a href={href(`/matches/${encodeURIComponent(match.profileIds[0])}/${encodeURIComponent(match.profileIds[1])}`)}>
        {match.names[0]} and {match.names[1]}
      </a>
    </th>
  );
}
