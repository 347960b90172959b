import type { NetworkMatch } from '../api/types';
import { ScrollArea } from '../components/ScrollArea';
import { MatchPairHeader } from './MatchPairHeader';
import { isOpen, waitingFor } from './network-figures';
import { useLocale } from '../i18n/use-locale';

/** Open matches, longest waiting first: whom a coordinator might remind. */
export function WaitingList({ matches }: { matches: readonly NetworkMatch[] }) {
  const { t, list, dateTime } = useLocale();
  const open = matches.filter(isOpen).sort((a, b) => a.proposedAt.localeCompare(b.proposedAt) || a.matchId.localeCompare(b.matchId));
  if (open.length === 0) return <p className="empty">{t('waiting.none')}</p>;
  return (
    <ScrollArea label={t('waiting.label')}>
      <table className="data-table data-table--cards waiting-list">
        <caption className="visually-hidden">{t('waiting.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('waiting.match')}</th>
            <th scope="col">{t('waiting.for')}</th>
            <th scope="col">{t('waiting.proposed')}</th>
          </tr>
        </thead>
        <tbody>
          {open.map((match) => {
            const waiting = waitingFor(match);
            return (
              <tr key={match.matchId} data-match-id={match.matchId}>
                <MatchPairHeader match={match} />
                <td data-label={t('table.waitingFor')}>{waiting.length === 2 ? t('waiting.both') : t('waiting.one', { names: list(waiting) })}</td>
                <td data-label={t('table.proposed')}>
                  <time dateTime={match.proposedAt}>{dateTime(match.proposedAt)}</time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollArea>
  );
}
