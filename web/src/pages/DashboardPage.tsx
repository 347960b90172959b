import { fetchJoinRequests, fetchMe, fetchNetworkActivity, fetchNetworkMatches, fetchNetworkMembers } from '../api/endpoints';
import { ActivityFeed } from '../dashboard/ActivityFeed';
import { JoinRequests } from '../dashboard/JoinRequests';
import { hasConfirmedPartner } from '../dashboard/member-filters';
import { MemberListTools } from '../dashboard/MemberListTools';
import { PageHeading } from '../components/PageHeading';
import { ProblemMessage } from '../components/ProblemMessage';
import { RequireSession } from '../components/RequireSession';
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

/** New matches arrive asynchronously; an open dashboard follows them at this pace. */
const REFRESH_MS = 15_000;

export function DashboardPage({ networkId }: { networkId?: string }) {
  return (
    <RequireSession purpose="Sign in as a network coordinator to see your network's dashboard.">
      <ChooseNetwork networkId={networkId} />
    </RequireSession>
  );
}

function ChooseNetwork({ networkId }: { networkId?: string }) {
  const me = useResource(fetchMe, 'me');
  if (me.status === 'loading') return <p role="status">Loading…</p>;
  if (!me.data) return <ProblemMessage problem={me.error} />;
  const { networks } = me.data;
  const chosen = networkId ?? networks[0];
  if (!chosen) {
    return (
      <div className="page page--narrow">
        <PageHeading title="No network to coordinate" />
        <p className="lead">This address coordinates no network. The operator adds coordinators; ask them, or sign in with the address they registered.</p>
      </div>
    );
  }
  return (
    <>
      {networks.length > 1 ? (
        <nav aria-label="Your networks" className="tabs">
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

const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium' });

function NetworkDashboard({ networkId }: { networkId: string }) {
  const data = useResource(async () => {
    const [members, matches, activity, requests] = await Promise.all([fetchNetworkMembers(networkId), fetchNetworkMatches(networkId), fetchNetworkActivity(networkId), fetchJoinRequests(networkId)]);
    return { members: members.members, matches: matches.matches, activity, requests: requests.requests, at: new Date() };
  }, networkId);
  usePolling(data.reload, REFRESH_MS, 30 * 60_000);

  if (data.status === 'loading') return <p role="status">Loading the network…</p>;
  if (!data.data) return <ProblemMessage problem={data.error} />;
  const { members, matches, activity, requests, at } = data.data;
  const withoutPartner = members.filter((m) => m.status === 'active' && !hasConfirmedPartner(m.id, matches)).length;
  const figures = networkFigures(members, matches);
  const exportCsv = () =>
    // A byte-order mark, so that spreadsheets read the names as UTF-8.
    downloadText(`culturebridge-${networkId}-matches-${at.toISOString().slice(0, 10)}.csv`, `\uFEFF${matchesCsv(matches)}`, 'text/csv;charset=utf-8');

  return (
    <div className="page page--wide">
      <PageHeading title={`Dashboard: ${networkLabel(networkId)}`} />
      <div className="toolbar">
        <p className="muted" role="status">
          Updated {time.format(at)}
        </p>
        <button type="button" className="button button--secondary" onClick={() => void data.reload()}>
          Refresh
        </button>
        <a className="button button--secondary" href={href('/preferences/coordinators/me')}>
          Mail settings
        </a>
      </div>
      {data.error ? <ProblemMessage problem={data.error} /> : null}

      <dl className="figures">
        <div>
          <dt>Members</dt>
          <dd>{figures.members}</dd>
          <dd className="figures__note">
            {figures.active} active, {figures.pending} pending
          </dd>
        </div>
        <div>
          <dt>Live matches</dt>
          <dd>{figures.liveMatches}</dd>
          <dd className="figures__note">{figures.confirmed} confirmed by both</dd>
        </div>
        <div>
          <dt>No confirmed partner</dt>
          <dd>{withoutPartner}</dd>
          <dd className="figures__note">active members</dd>
        </div>
        <div>
          <dt>Waiting for an answer</dt>
          <dd>{figures.open}</dd>
        </div>
        <div>
          <dt>Coverage</dt>
          <dd>{Math.round(figures.coverage * 100)}%</dd>
          <dd className="figures__note">of active members have a live match</dd>
        </div>
      </dl>

      <section className="section" aria-labelledby="requests-title">
        <h2 id="requests-title">Asking to join ({requests.length})</h2>
        <JoinRequests networkId={networkId} requests={requests} onAnswered={() => void data.reload()} />
      </section>

      <section className="section" aria-labelledby="members-title">
        <h2 id="members-title">Members</h2>
        <MemberListTools networkId={networkId} />
        <MembersTable networkId={networkId} members={members} matches={matches} matchesOf={figures.matchesOf} />
      </section>

      <section className="section" aria-labelledby="activity-title">
        <h2 id="activity-title">Activity</h2>
        <ActivityFeed activity={activity} />
      </section>

      <section className="section" aria-labelledby="heat-map-section-title">
        <h2 id="heat-map-section-title">Themes across the network</h2>
        <HeatMap members={members} />
      </section>

      <section className="section" aria-labelledby="graph-section-title">
        <h2 id="graph-section-title">Who matches whom</h2>
        <MatchGraph members={members} matches={matches} matchesOf={figures.matchesOf} />
      </section>

      <section className="section" aria-labelledby="waiting-title">
        <h2 id="waiting-title">Waiting for an answer</h2>
        <WaitingList matches={matches} />
      </section>

      <section className="section" aria-labelledby="matches-section-title">
        <div className="section__header">
          <h2 id="matches-section-title">All matches</h2>
          <button type="button" className="button button--secondary" onClick={exportCsv} disabled={matches.length === 0}>
            Download CSV
          </button>
        </div>
        <details className="section__more">
          <summary>Show all {matches.length} matches</summary>
          <MatchesTable matches={matches} />
        </details>
      </section>
    </div>
  );
}
