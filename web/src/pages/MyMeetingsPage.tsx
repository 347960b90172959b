import { fetchProfileMeetings } from '../api/endpoints';
import { PageHeading } from '../components/PageHeading';
import { ProblemMessage } from '../components/ProblemMessage';
import { RequireSession } from '../components/RequireSession';
import { useLocale } from '../i18n/use-locale';
import { useResource } from '../lib/use-resource';
import { localTime } from './MeetingsPage';

/** A member's own speed-dating schedules: whom they meet, when, where and why. */
export function MyMeetingsPage({ profileId }: { profileId: string }) {
  const { t } = useLocale();
  return (
    <RequireSession purpose={t('myMeetings.signIn')}>
      <Schedules profileId={profileId} />
    </RequireSession>
  );
}

function Schedules({ profileId }: { profileId: string }) {
  const { t } = useLocale();
  const mine = useResource(() => fetchProfileMeetings(profileId), `my-meetings:${profileId}`);
  if (mine.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (!mine.data) return <ProblemMessage problem={mine.error} />;
  return (
    <div className="page">
      <PageHeading title={t('myMeetings.title')} />
      {mine.data.meetings.length === 0 ? <p className="lead">{t('myMeetings.none')}</p> : null}
      {mine.data.meetings.map((m) => (
        <section key={m.id} aria-labelledby={`meeting-${m.id}`}>
          <h2 id={`meeting-${m.id}`}>{m.name}</h2>
          <p>
            {t('myMeetings.when', { date: m.date, startTime: m.startTime, timeZone: m.timeZone })}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('myMeetings.round')}</th>
                <th scope="col">{t('myMeetings.time')}</th>
                <th scope="col">{t('myMeetings.table')}</th>
                <th scope="col">{t('myMeetings.youMeet')}</th>
                <th scope="col">{t('myMeetings.why')}</th>
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
                  <td>{r.partnerName ?? t('myMeetings.aBreak')}</td>
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
