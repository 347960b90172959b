import type { ActivityItem, NetworkActivity } from '../api/types';
import { useLocale } from '../i18n/use-locale';
import { href, memberPath } from '../router';

function Week({ id, title, items, networkId }: { id: string; title: string; items: readonly ActivityItem[]; networkId: string }) {
  const { t, number, dateTime } = useLocale();
  const when: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' };
  return (
    <section className="activity-week" aria-labelledby={id}>
      <h3 id={id}>
        {title} <span className="muted">({number(items.length)})</span>
      </h3>
      {items.length === 0 ? (
        <p className="empty">{t('activity.nothing')}</p>
      ) : (
        <ol className="activity-list">
          {items.map((item) => {
            const [a, b] = item.names.map((n) => n ?? t('activity.withdrawnMember'));
            const phrase = t(`activity.${item.type}`, { a: a ?? '', b: b ?? '' });
            return (
              <li key={`${item.eventId}`} data-type={item.type}>
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

/** What happened in the network this week and last week (UTC weeks from Monday), newest first. */
export function ActivityFeed({ activity }: { activity: NetworkActivity }) {
  const { t } = useLocale();
  return (
    <div className="activity">
      <Week id="activity-this-week" title={t('activity.thisWeek')} items={activity.thisWeek} networkId={activity.networkId} />
      <Week id="activity-last-week" title={t('activity.lastWeek')} items={activity.lastWeek} networkId={activity.networkId} />
    </div>
  );
}
