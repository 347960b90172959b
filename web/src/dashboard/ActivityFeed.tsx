import { useEffect, useState } from 'react';
import { mergeActivity, oldestActivity } from '../api/activity-pages';
import { fetchActivityPage } from '../api/endpoints';
import type { ActivityItem, NetworkActivity } from '../api/types';
import { BusyButton } from '../components/BusyButton';
import { ProblemMessage } from '../components/ProblemMessage';
import { useLocale } from '../i18n/use-locale';
import { useApiAction } from '../lib/use-api-action';
import { href, memberPath } from '../router';

/** `whole`: every entry of the week is read; otherwise older ones may follow, and the count says "at least". */
function Week({ id, title, items, networkId, whole }: { id: string; title: string; items: readonly ActivityItem[]; networkId: string; whole: boolean }) {
  const { t, number, dateTime } = useLocale();
  // UTC, as the weeks are, and saying so: a coordinator in Tbilisi would read 06:00 as their own.
  const when: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' };
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
 * dashboard's latest read (`activity`) and every page "Show older" read since the feed opened,
 * merged (mergeActivity: each entry once, the dashboard's names first), so a page read while a
 * refresh runs is kept when it lands. `onShown` hears the oldest entry shown (its activityKey),
 * through which the dashboard's next refresh reads, so that it drops nothing shown.
 */
export function ActivityFeed({ activity, onShown }: { activity: NetworkActivity; onShown: (oldest: string | undefined) => void }) {
  const { t } = useLocale();
  const [older, setOlder] = useState<readonly NetworkActivity[]>([]);
  const shown = mergeActivity(activity, ...older);
  const oldest = oldestActivity(shown);
  useEffect(() => onShown(oldest), [oldest, onShown]);
  const { busy, problem, run } = useApiAction();
  const readOlder = (cursor: string) =>
    void run(async () => {
      const page = await fetchActivityPage(activity.networkId, cursor);
      setOlder((pages) => [...pages, page]);
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

