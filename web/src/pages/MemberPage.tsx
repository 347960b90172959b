import { fetchProfile, fetchProfileMatches } from '../api/endpoints';
import { PageHeading } from '../components/PageHeading';
import { ProblemMessage } from '../components/ProblemMessage';
import { ProfileSummary } from '../components/ProfileSummary';
import { RequireSession } from '../components/RequireSession';
import { ScrollArea } from '../components/ScrollArea';
import { STATE_LABELS } from '../lib/labels';
import { networkLabel } from '../lib/networks';
import { useResource } from '../lib/use-resource';
import { href, memberPath } from '../router';

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

export function MemberPage({ networkId, profileId }: { networkId: string; profileId: string }) {
  return (
    <RequireSession purpose="Sign in as a network coordinator to see this member.">
      <Member networkId={networkId} profileId={profileId} />
    </RequireSession>
  );
}

/**
 * One member as its network's coordinator sees it: the profile with its contact (coordinators may
 * reach their members; see docs/decisions.md), and its matches within the network with their
 * states, each partner linked to its own page. Partners' contacts are never shown here.
 */
function Member({ networkId, profileId }: { networkId: string; profileId: string }) {
  const data = useResource(async () => {
    const [profile, matches] = await Promise.all([fetchProfile(profileId), fetchProfileMatches(profileId)]);
    return { profile, matches: matches.matches };
  }, `${networkId}/${profileId}`);
  const back = (
    <p>
      <a href={href(`/dashboard/${encodeURIComponent(networkId)}`)}>← Dashboard: {networkLabel(networkId)}</a>
    </p>
  );
  if (data.status === 'loading') return <p role="status">Loading the member…</p>;
  if (!data.data)
    return (
      <div className="page">
        {back}
        <ProblemMessage problem={data.error} />
      </div>
    );
  const { profile, matches } = data.data;
  const confirmed = matches.filter((m) => m.state === 'confirmed').length;
  const waiting = matches.filter((m) => (m.state === 'proposed' || m.state === 'accepted') && !m.acceptedBy.includes(profile.id)).length;
  return (
    <div className="page">
      {back}
      <PageHeading title={profile.name} />
      <p className="lead">
        <span className={`badge badge--${profile.status}`}>{profile.status}</span> {confirmed} confirmed {confirmed === 1 ? 'partner' : 'partners'}, {waiting} {waiting === 1 ? 'match' : 'matches'} waiting for its answer
      </p>
      <section className="section" aria-labelledby="member-contact">
        <h2 id="member-contact">Contact</h2>
        <p className="member-contact">
          {profile.contact.name}, <a href={`mailto:${profile.contact.email}`}>{profile.contact.email}</a>
        </p>
      </section>
      <section className="section" aria-labelledby="member-matches">
        <h2 id="member-matches">Matches</h2>
        {matches.length === 0 ? (
          <p className="empty">No match yet.</p>
        ) : (
          <ScrollArea label="Matches of this member">
            <table className="data-table data-table--cards member-matches">
              <caption className="visually-hidden">Matches of {profile.name}, best first</caption>
              <thead>
                <tr>
                  <th scope="col">Partner</th>
                  <th scope="col">State</th>
                  <th scope="col" className="numeric">
                    Score
                  </th>
                  <th scope="col">Proposed</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {matches.map((m) => (
                  <tr key={m.matchId} data-partner={m.partner.name}>
                    <th scope="row">
                      <a href={href(memberPath(networkId, m.partner.id))}>{m.partner.name ?? 'A withdrawn member'}</a>
                    </th>
                    <td data-label="State">
                      <span className={`badge badge--${m.state}`}>{STATE_LABELS[m.state]}</span>
                      {m.state === 'accepted' ? <span className="muted"> ({m.acceptedBy.includes(profile.id) ? `waiting for ${m.partner.name ?? 'the partner'}` : 'waiting for this member'})</span> : null}
                    </td>
                    <td data-label="Score" className="numeric">
                      {Math.round(m.score * 100)}
                    </td>
                    <td data-label="Proposed">
                      <time dateTime={m.proposedAt}>{day.format(new Date(m.proposedAt))}</time>
                    </td>
                    <td data-label="Why" className="summary-cell">
                      {m.summary}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        )}
      </section>
      <section className="section" aria-labelledby="member-profile">
        <h2 id="member-profile">Profile</h2>
        <ProfileSummary profile={profile} />
      </section>
    </div>
  );
}
