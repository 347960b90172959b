import { fetchProfileMeetings } from '../api/endpoints';
import { PageHeading } from '../components/PageHeading';
import { ProblemMessage } from '../components/ProblemMessage';
import { RequireSession } from '../components/RequireSession';
import { useResource } from '../lib/use-resource';
import { localTime } from './MeetingsPage';

/** A member's own speed-dating schedules: whom they meet, when, where and why. */
export function MyMeetingsPage({ profileId }: { profileId: string }) {
  return (
    <RequireSession purpose="Sign in to see your meeting schedule.">
      <Schedules profileId={profileId} />
    </RequireSession>
  );
}

function Schedules({ profileId }: { profileId: string }) {
  const mine = useResource(() => fetchProfileMeetings(profileId), `my-meetings:${profileId}`);
  if (mine.status === 'loading') return <p role="status">Loading…</p>;
  if (!mine.data) return <ProblemMessage problem={mine.error} />;
  return (
    <div className="page">
      <PageHeading title="Your meeting schedule" />
      {mine.data.meetings.length === 0 ? <p className="lead">You are not in any planned meeting yet.</p> : null}
      {mine.data.meetings.map((m) => (
        <section key={m.id} aria-labelledby={`meeting-${m.id}`}>
          <h2 id={`meeting-${m.id}`}>{m.name}</h2>
          <p>
            {m.date}, from {m.startTime} ({m.timeZone})
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Round</th>
                <th scope="col">Time</th>
                <th scope="col">Table</th>
                <th scope="col">You meet</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {m.rounds.map((r) => (
                <tr key={r.round}>
                  <td>{r.round}</td>
                  <td>
                    {localTime(r.startsAt, m.timeZone)}–{localTime(r.endsAt, m.timeZone)}
                  </td>
                  <td>{r.table ?? ''}</td>
                  <td>{r.partnerName ?? 'A break'}</td>
                  <td>{r.summary ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
