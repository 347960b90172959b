import { ScrollArea } from '../components/ScrollArea';
import type { NetworkMatch } from '../api/types';
import { useLocale } from '../i18n/use-locale';
import { describeTopReason } from '../lib/top-reason';
import { bestFirst, scoreOutOf100 } from '@culturebridge/domain';
import { MatchPairHeader } from './MatchPairHeader';

export function MatchesTable({ matches }: { matches: readonly NetworkMatch[] }) {
  const tools = useLocale();
  const { t, number } = tools;
  const rows = [...matches].sort(bestFirst);
  if (rows.length === 0) return <p className="empty">{t('matchesTable.none')}</p>;
  return (
    <ScrollArea label={t('dashboard.allMatches')}>
      <table className="data-table data-table--cards">
        <caption className="visually-hidden">{t('matchesTable.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('matchesTable.members')}</th>
            <th scope="col">{t('matchesTable.state')}</th>
            <th scope="col" className="numeric">
              {t('matchesTable.score')}
            </th>
            <th scope="col">{t('matchesTable.mainReason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((match) => (
            <tr key={match.matchId} data-match-id={match.matchId}>
              <MatchPairHeader match={match} />
              <td data-label={t('table.state')}>
                <span className={`badge badge--${match.state}`}>{t(`matchState.${match.state}`)}</span>
              </td>
              <td data-label={t('table.score')} className="numeric">{scoreOutOf100(match.score, number)}</td>
              <td data-label={t('table.why')} className="summary-cell">{describeTopReason(tools, match.topReason)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}
