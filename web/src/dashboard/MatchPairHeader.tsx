import type { NetworkMatch } from '../api/types';
import { href } from '../router';
import { useLocale } from '../i18n/use-locale';

/** A table row's header cell naming a pair, linked to the match's page. */
export function MatchPairHeader({ match }: { match: Pick<NetworkMatch, 'profileIds' | 'names'> }) {
  const { list } = useLocale();
  return (
    <th scope="row">
      <a href={href(`/matches/${encodeURIComponent(match.profileIds[0])}/${encodeURIComponent(match.profileIds[1])}`)}>
        {list(match.names)}
      </a>
    </th>
  );
}
