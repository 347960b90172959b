import { useCallback, useRef, useState } from 'react';
import { fetchAllNetworkMatchesUnnamed, fetchAllNetworkMembers, fetchJoinRequests, fetchMe, fetchNetworkActivity } from '../api/endpoints';
import { bestFirst } from '@culturebridge/domain';
import { namedFromMembers } from '../dashboard/match-names';
import { ActivityFeed } from '../dashboard/ActivityFeed';
import { JoinRequests } from '../dashboard/JoinRequests';
import { hasConfirmedPartner, memberMatchFacts } from '../dashboard/member-filters';
import { MemberListTools } from '../dashboard/MemberListTools';
import { PageHeading } from '../components/PageHeading';
import { ProblemMessage } from '../components/ProblemMessage';
import { RequireCoordinator } from '../components/RequireCoordinator';
import { HeatMap } from '../dashboard/HeatMap';
import { MatchesTable } from '../dashboard/MatchesTable';
import { matchesCsv } from '../dashboard/matches-csv';
import { MatchGraph } from '../dashboard/MatchGraph';
import { MembersTable } from '../dashboard/MembersTable';
import { networkFigures } from '../dashboard/network-figures';
import { WaitingList } from '../dashboard/WaitingList';
import { downloadText } from '../lib/download';
import { networkLabel } from '../lib/networks';
import { usePolling, useResource } from '../lib/use-resource';
import { href } from '../router';
import { useLocale } from '../i18n/use-locale';
import { describeTopReason } from '../lib/top-reason';

/** New matches arrive asynchronously; an open dashboard follows them at this pace. */
const REFRESH_MS = 15_000;
/**
 * A network of thousands is read again less often: its members alone are megabytes, and each
 * reload froze the page for seconds every 15 s. Its Refresh button still reads at once.
 */
const LARGE_NETWORK = 500;
const LARGE_REFRESH_MS = 120_000;

export function DashboardPage({ networkId }: { networkId?: string }) {
  const { t } = useLocale();
  return (
    <RequireCoordinator purpose={t('dashboard.signIn')}>
      <ChooseNetwork networkId={networkId} />
    </RequireCoordinator>
  );
}

function ChooseNetwork({ networkId }: { networkId?: string }) {
  const { t } = useLocale();
  const me = useResource(fetchMe, 'me');
  if (me.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (!me.data) return <ProblemMessage problem={me.error} />;
  const { networks } = me.data;
  const chosen = networkId ?? networks[0];
  // RequireCoordinator shows an address that coordinates no network its own page.
  if (!chosen) return null;
  return (
    <>
      {networks.length > 1 ? (
        <nav aria-label={t('dashboard.yourNetworks')} className="tabs">
          {networks.map((id) => (
            <a key={id} href={href(`/dashboard/${encodeURIComponent(id)}`)} aria-current={id === chosen ? 'page' : undefined}>
              {networkLabel(id)}
            </a>
          ))}
        </nav>
      ) : null}
      <NetworkDashboard key={chosen} networkId={chosen} />
    </>
  );
}

function NetworkDashboard({ networkId }: { networkId: string }) {
  const tools = useLocale();
  const { t, number, percent, dateTime, compare } = tools;
  // Members read so far while the first read pages through them (a large network takes several answers).
  const [membersRead, setMembersRead] = useState(0);
  // The oldest activity entry shown (after "Show older", or new entries): a refresh reads down to it.
  const activityThrough = useRef<string | undefined>(undefined);
  const onActivityShown = useCallback((oldest: string | undefined) => {
    activityThrough.current = oldest;
  }, []);
  const data = useResource(async () => {
    // Figures, heat map, graph, tables and the matches CSV count, filter and sort everyone: all pages are read.
    const [members, unnamed, activity, requests] = await Promise.all([fetchAllNetworkMembers(networkId, setMembersRead), fetchAllNetworkMatchesUnnamed(networkId), fetchNetworkActivity(networkId, activityThrough.current), fetchJoinRequests(networkId)]);
    // Both lists are whole here: the pairs are named from the members (each page of matches read no
    // membership items), and a pair with someone who is no longer a member is dropped.
    const matches = namedFromMembers(unnamed, members);
    return { members: members.sort((a, b) => compare(a.name, b.name)), matches: matches.sort(bestFirst), activity, requests: requests.sort((a, b) => compare(a.name, b.name)), at: new Date() };
  }, networkId);
  usePolling(data.reload, (data.data?.members.length ?? 0) > LARGE_NETWORK ? LARGE_REFRESH_MS : REFRESH_MS, 30 * 60_000);

  if (data.status === 'loading') {
    return (
      <p role="status">
        {t('dashboard.loading')}
        {membersRead > 0 ? ` ${t('dashboard.membersRead', { n: number(membersRead) })}` : ''}
      </p>
    );
  }
  if (!data.data) return <ProblemMessage problem={data.error} />;
  const { members, matches, activity, requests, at } = data.data;
  const facts = memberMatchFacts(matches);
  const withoutPartner = members.filter((m) => m.status === 'active' && !hasConfirmedPartner(m.id, facts)).length;
  const figures = networkFigures(members, matches);
  const exportCsv = () =>
    downloadText(`culturebridge-${networkId}-matches-${at.toISOString().slice(0, 10)}.csv`, matchesCsv(matches, tools, (reason) => describeTopReason(tools, reason)), 'text/csv;charset=utf-8');

  return (
    <div className="page page--wide">
      <PageHeading title={t('dashboard.title', { network: networkLabel(networkId) })} />
      <div className="toolbar">
        <p className="muted" role="status">
          {t('dashboard.updated', { time: dateTime(at, { timeStyle: 'medium' }) })}
        </p>
        <button type="button" className="button button--secondary" onClick={() => void data.reload()}>
          {t('common.refresh')}
        </button>
        <a className="button button--secondary" href={href('/preferences/coordinators/me')}>
          {t('dashboard.mailSettings')}
        </a>
      </div>
      {data.error ? <ProblemMessage problem={data.error} /> : null}

      <dl className="figures">
        <div>
          <dt>{t('dashboard.members')}</dt>
          <dd>{number(figures.members)}</dd>
          <dd className="figures__note">{t('dashboard.activePending', { active: number(figures.active), pending: number(figures.pending) })}</dd>
        </div>
        <div>
          <dt>{t('dashboard.liveMatches')}</dt>
          <dd>{number(figures.liveMatches)}</dd>
          <dd className="figures__note">{t('dashboard.confirmedByBoth', { count: figures.confirmed, n: number(figures.confirmed) })}</dd>
        </div>
        <div>
          <dt>{t('dashboard.noConfirmedPartner')}</dt>
          <dd>{number(withoutPartner)}</dd>
          <dd className="figures__note">{t('dashboard.activeMembers')}</dd>
        </div>
        <div>
          <dt>{t('dashboard.waiting')}</dt>
          <dd>{number(figures.open)}</dd>
        </div>
        <div>
          <dt>{t('dashboard.coverage')}</dt>
          <dd>{percent(figures.coverage)}</dd>
          <dd className="figures__note">{t('dashboard.coverageNote')}</dd>
        </div>
      </dl>

      <section className="section" aria-labelledby="requests-title">
        <h2 id="requests-title">{t('dashboard.asking', { n: requests.length })}</h2>
        <JoinRequests networkId={networkId} requests={requests} onAnswered={() => void data.reload()} />
      </section>

      <section className="section" aria-labelledby="members-title">
        <h2 id="members-title">{t('dashboard.members')}</h2>
        <MemberListTools networkId={networkId} />
        <MembersTable networkId={networkId} members={members} facts={facts} matchesOf={figures.matchesOf} requests={requests} loadedAt={at} />
      </section>

      <section className="section" aria-labelledby="activity-title">
        <h2 id="activity-title">{t('activity.title')}</h2>
        <ActivityFeed activity={activity} onShown={onActivityShown} />
      </section>

      <section className="section" aria-labelledby="heat-map-section-title">
        <h2 id="heat-map-section-title">{t('dashboard.themesAcross')}</h2>
        <HeatMap members={members} />
      </section>

      <section className="section" aria-labelledby="graph-section-title">
        <h2 id="graph-section-title">{t('dashboard.whoMatches')}</h2>
        <MatchGraph members={members} matches={matches} matchesOf={figures.matchesOf} />
      </section>

      <section className="section" aria-labelledby="waiting-title">
        <h2 id="waiting-title">{t('dashboard.waiting')}</h2>
        <WaitingList matches={matches} />
      </section>

      <section className="section" aria-labelledby="matches-section-title">
        <div className="section__header">
          <h2 id="matches-section-title">{t('dashboard.allMatches')}</h2>
          <button type="button" className="button button--secondary" onClick={exportCsv} disabled={matches.length === 0}>
            {t('dashboard.downloadCsv')}
          </button>
        </div>
        <details className="section__more">
          <summary>{t('dashboard.showAll', { count: matches.length })}</summary>
          <MatchesTable matches={matches} />
        </details>
      </section>
    </div>
  );
}
