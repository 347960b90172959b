import { useState } from 'react';
import { fetchProfileMeetingCalendar, fetchProfileMeetings, requestMeeting } from '../api/endpoints';
import type { OwnMeeting, PersonalRound } from '../api/types';
import { PageHeading } from '../components/PageHeading';
import { ProblemMessage } from '../components/ProblemMessage';
import { RequireSession } from '../components/RequireSession';
import { ScrollArea } from '../components/ScrollArea';
import { useLocale } from '../i18n/use-locale';
import { downloadText } from '../lib/download';
import { useApiAction } from '../lib/use-api-action';
import { isGone, useResource } from '../lib/use-resource';
import { ProfileGone } from '../components/ProfileGone';
import { hasRoundToCome, meetingLocalTime, timeZoneLabel, zonedToUtc } from '@culturebridge/domain';
import { useMe } from '../auth/me-context';
import { href } from '../router';
import { BusyButton } from '../components/BusyButton';

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
  const { t, reasons, day } = useLocale();
  const { me } = useMe();
  const profileName = me?.profiles.find((p) => p.id === profileId)?.name;
  const mine = useResource(() => fetchProfileMeetings(profileId), `my-meetings:${profileId}`);
  // Why they meet, in the reader's language and from their side; the stored English sentence only
  // for a meeting planned without structured reasons.
  const whyOf = (r: PersonalRound) =>
    r.partnerId && r.reasons?.length
      ? reasons(r.reasons, { pair: r.pair ?? [profileId, r.partnerId], names: new Map([[r.partnerId, r.partnerName ?? '']]), selfId: profileId }).join(' ')
      : (r.summary ?? '');
  if (mine.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (isGone(mine.error)) return <ProfileGone profileId={profileId} />;
  if (!mine.data) return <ProblemMessage problem={mine.error} />;
  return (
    <div className="page">
      <PageHeading title={t('myMeetings.title')} />
      {/* One address may hold several profiles: say whose schedules these are. */}
      {profileName ? <p className="lead">{t('myMeetings.forProfile', { name: profileName })}</p> : null}
      <p>
        <a href={href(`/profiles/${encodeURIComponent(profileId)}`)}>{t('myMeetings.toProfile')}</a>
      </p>
      {mine.data.meetings.length === 0 ? <p className="lead">{t('myMeetings.none')}</p> : null}
      {mine.data.meetings.map((m) => (
        <section key={m.id} aria-labelledby={`meeting-${m.id}`}>
          <h2 id={`meeting-${m.id}`}>{m.name}</h2>
          <p>
            {t('myMeetings.when', { date: day(m.date), startTime: m.startTime, timeZone: timeZoneLabel(m.timeZone, zonedToUtc(m.date, m.startTime, m.timeZone)) })}
          </p>
          <CalendarButton profileId={profileId} meetingId={m.id} />
          {/* On a phone each round is a card (data-table--cards): whom, where and why on the screen. */}
          <ScrollArea label={m.name}>
            <table className="data-table data-table--cards">
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
                    <td data-label={t('myMeetings.round')}>{r.round}</td>
                    <td data-label={t('myMeetings.time')}>
                      {meetingLocalTime(r.startsAt, m.timeZone)}–{meetingLocalTime(r.endsAt, m.timeZone)}
                    </td>
                    {/* A break has no table and no reasons: its card says only that it is a break. */}
                    <td data-label={r.table === undefined ? undefined : t('myMeetings.table')}>{r.table ?? ''}</td>
                    <td data-label={t('myMeetings.youMeet')}>{r.partnerName ?? t('myMeetings.aBreak')}</td>
                    <td data-label={whyOf(r) ? t('myMeetings.why') : undefined}>{whyOf(r)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
          {/* Requests are honoured in rounds still to come: none once every round has begun. */}
          {hasRoundToCome(m.rounds, new Date()) ? <AskToMeet profileId={profileId} meeting={m} onAsked={() => void mine.reload()} /> : null}
        </section>
      ))}
    </div>
  );
}

/** The member's own rounds of one meeting as an .ics file, in the page's language; a refusal (a meeting cancelled meanwhile) is shown, not swallowed. */
function CalendarButton({ profileId, meetingId }: { profileId: string; meetingId: string }) {
  const { t, locale } = useLocale();
  const { problem, run } = useApiAction();
  const download = () => run(async () => downloadText(`meeting-${meetingId}.ics`, await fetchProfileMeetingCalendar(profileId, meetingId, locale), 'text/calendar'));
  return (
    <>
      <p>
        <button type="button" className="button button--secondary" onClick={() => void download()}>
          {t('myMeetings.addToCalendar')}
        </button>
      </p>
      {problem ? <ProblemMessage problem={problem} /> : null}
    </>
  );
}

/** Members may ask to meet someone: the rounds not yet held are planned again, requests first. */
function AskToMeet({ profileId, meeting, onAsked }: { profileId: string; meeting: OwnMeeting; onAsked: () => void }) {
  const { t, compare } = useLocale();
  const others = [...meeting.participants].filter((p) => !meeting.requested.includes(p.id)).sort((a, b) => compare(a.name, b.name));
  const [to, setTo] = useState('');
  const { busy, problem, run } = useApiAction();
  const [done, setDone] = useState('');
  const asked = meeting.participants.filter((p) => meeting.requested.includes(p.id)).map((p) => p.name);
  const ask = async () => {
    if (!to) return;
    await run(async () => {
      await requestMeeting(meeting.networkId, meeting.id, profileId, to);
      setDone(t('myMeetings.asked', { name: meeting.participants.find((p) => p.id === to)?.name ?? '' }));
      setTo('');
      onAsked();
    });
  };
  return (
    <div className="ask-to-meet">
      {asked.length > 0 ? <p className="muted">{t('myMeetings.youAsked', { names: asked.join(', ') })}</p> : null}
      {others.length > 0 ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void ask();
          }}
        >
          <label>
            {t('myMeetings.askToMeet')}{' '}
            <select value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="">{t('myMeetings.choose')}</option>
              {others.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>{' '}
          <BusyButton type="submit" className="button button--secondary" disabled={!to} busy={busy}>
            {t('myMeetings.ask')}
          </BusyButton>
        </form>
      ) : null}
      <p role="status" className="muted">
        {done}
      </p>
      {problem ? <ProblemMessage problem={problem} /> : null}
    </div>
  );
}
