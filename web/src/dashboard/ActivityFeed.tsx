import { useState } from 'react';
import { fetchActivityPage, joinActivityPages } from '../api/endpoints';
import type { ActivityItem, NetworkActivity } from '../api/types';
import { BusyButton } from '../components/BusyButton';
import { ProblemMessage } from '../components/ProblemMessage';
import { useLocale } from '../i18n/use-locale';
import { useApiAction } from '../lib/use-api-action';
import { href, memberPath } from '../router';

/** `whole`: every entry of the week is read; otherwise older ones may follow, and the count says "at least". */
function Week({ id, title, items, networkId, whole }: { id: string; title: string; items: readonly ActivityItem[]; networkId: string; whole: boolean }) {
  const { t, number, dateTime } = useLocale();
  const when: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' };
  return (
    <section className="activity-week" aria-labelledby={id}>
      <h3 id={id}>
        {title} <span className="muted">({whole ? number(items.length) : t('activity.atLeast', { n: number(items.length) })})</span>
      </h3>
      {items.length === 0 ? (
        // None read yet of a week whose entries are on pages not read: "Show older" reads them.
        whole ? <p className="empty">{t('activity.nothing')}</p> : null
      ) : (
        <ol className="activity-list">
          {items.map((item) => {
            const [a, b] = item.names.map((n) => n ?? t('activity.withdrawnMember'));
            const phrase = t(`activity.${item.type}`, { a: a ?? '', b: b ?? '' });
            return (
              <li key={item.eventId} data-type={item.type} data-event-id={item.eventId}>
                <time dateTime={item.occurredAt}>{dateTime(item.occurredAt, when)}</time>{' '}
                {item.profileIds[0] && item.names[0] ? <a href={href(memberPath(networkId, item.profileIds[0]))}>{phrase}</a> : phrase}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/**
 * What happened in the network this week and last week (UTC weeks from Monday), newest first: the
 * pages the dashboard read (`activity`), and "Show older" reads the next page and appends it.
 * `onOlderRead` hears of each page read so, so that the dashboard's next refresh reads as many.
 * Pages read here are dropped when the dashboard hands a fresh `activity` (which holds them again).
 */
export function ActivityFeed({ activity, onOlderRead }: { activity: NetworkActivity; onOlderRead: () => void }) {
  const { t } = useLocale();
  const [older, setOlder] = useState<{ after: NetworkActivity; pages: NetworkActivity[] }>({ after: activity, pages: [] });
  const pages = older.after === activity ? older.pages : [];
  const shown = joinActivityPages(activity, ...pages);
  const { busy, problem, run } = useApiAction();
  const readOlder = (cursor: string) =>
    void run(async () => {
      const page = await fetchActivityPage(activity.networkId, cursor);
      setOlder({ after: activity, pages: [...pages, page] });
      onOlderRead();
    });
  // This week is whole once an entry of last week (older than all of it) is read, or nothing more is.
  const thisWeekWhole = shown.cursor === undefined || shown.lastWeek.length > 0;
  return (
    <div className="activity">
      <Week id="activity-this-week" title={t('activity.thisWeek')} items={shown.thisWeek} networkId={activity.networkId} whole={thisWeekWhole} />
      <Week id="activity-last-week" title={t('activity.lastWeek')} items={shown.lastWeek} networkId={activity.networkId} whole={shown.cursor === undefined} />
      {problem ? <ProblemMessage problem={problem} /> : null}
      {shown.cursor !== undefined ? (
        <BusyButton type="button" className="button button--secondary" busy={busy} onClick={() => readOlder(shown.cursor as string)}>
          {t('activity.older')}
        </BusyButton>
      ) : null}
    </div>
  );
}

