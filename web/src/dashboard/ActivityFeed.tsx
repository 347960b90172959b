import type { ActivityItem, NetworkActivity } from '../api/types';
import { href, memberPath } from '../router';

const when = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

const PHRASES: Record<ActivityItem['type'], (a: string, b: string) => string> = {
  ProfileSubmitted: (a) => `${a} joined`,
  MatchProposed: (a, b) => `${a} and ${b} were matched`,
  MatchAccepted: (a, b) => `${a} and ${b}: accepted by one side`,
  MatchConfirmed: (a, b) => `${a} and ${b} confirmed their partnership`,
  MatchDeclined: (a, b) => `${a} and ${b}: declined`,
  MatchExpired: (a, b) => `${a} and ${b}: expired without an answer`,
  MatchWithdrawn: (a, b) => `${a} and ${b}: withdrawn`,
};

function Week({ title, items, networkId }: { title: string; items: readonly ActivityItem[]; networkId: string }) {
  const id = `activity-${title.toLowerCase().replace(/\s+/g, '-')}`;
  return (
    <section className="activity-week" aria-labelledby={id}>
      <h3 id={id}>
        {title} <span className="muted">({items.length})</span>
      </h3>
      {items.length === 0 ? (
        <p className="empty">Nothing happened.</p>
      ) : (
        <ol className="activity-list">
          {items.map((item) => {
            const [a, b] = item.names.map((n) => n ?? 'a withdrawn member');
            return (
              <li key={`${item.eventId}`} data-type={item.type}>
                <time dateTime={item.occurredAt}>{when.format(new Date(item.occurredAt))}</time>{' '}
                {item.profileIds[0] && item.names[0] ? <a href={href(memberPath(networkId, item.profileIds[0]))}>{PHRASES[item.type](a ?? '', b ?? '')}</a> : PHRASES[item.type](a ?? '', b ?? '')}
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
  return (
    <div className="activity">
      <Week title="This week" items={activity.thisWeek} networkId={activity.networkId} />
      <Week title="Last week" items={activity.lastWeek} networkId={activity.networkId} />
    </div>
  );
}
