import { useState, type FormEvent } from 'react';
import { ApiProblem } from '../api/client';
import { cancelMeeting, createMeeting, fetchMe, fetchMeeting, fetchMeetingFile, fetchMeetings, fetchNetworkMembers } from '../api/endpoints';
import type { MeetingView } from '../api/types';
import { PageHeading } from '../components/PageHeading';
import { Notice, ProblemMessage } from '../components/ProblemMessage';
import { RequireSession } from '../components/RequireSession';
import { ScrollArea } from '../components/ScrollArea';
import { downloadText } from '../lib/download';
import { useLocale } from '../i18n/use-locale';
import { networkLabel } from '../lib/networks';
import { useResource } from '../lib/use-resource';
import { href, navigate } from '../router';

/** The planning form's fields that have a label of their own (`meetings.<field>`). */
const PLANNING_FIELDS = ['name', 'date', 'startTime', 'timeZone', 'slotMinutes', 'breakMinutes', 'rounds', 'tables'] as const;

/** Times in the meeting's own zone: that is where people read the timetable. */
export function localTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export function MeetingsPage({ networkId, meetingId }: { networkId?: string; meetingId?: string }) {
  const { t } = useLocale();
  return (
    <RequireSession purpose={t('meetings.signIn')}>
      <ChooseNetwork networkId={networkId} meetingId={meetingId} />
    </RequireSession>
  );
}

function ChooseNetwork({ networkId, meetingId }: { networkId?: string; meetingId?: string }) {
  const { t } = useLocale();
  const me = useResource(fetchMe, 'me');
  if (me.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (!me.data) return <ProblemMessage problem={me.error} />;
  const chosen = networkId ?? me.data.networks[0];
  if (!chosen) {
    return (
      <div className="page page--narrow">
        <PageHeading title={t('meetings.noNetwork')} />
        <p className="lead">{t('meetings.noNetworkLead')}</p>
      </div>
    );
  }
  return meetingId ? <MeetingTimetable networkId={chosen} meetingId={meetingId} /> : <PlanMeeting networkId={chosen} />;
}

function PlanMeeting({ networkId }: { networkId: string }) {
  const { t } = useLocale();
  const members = useResource(() => fetchNetworkMembers(networkId), `members:${networkId}`);
  const meetings = useResource(() => fetchMeetings(networkId), `meetings:${networkId}`);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const number = (name: string) => Number(form.get(name));
    setBusy(true);
    setProblem(undefined);
    try {
      const meeting = await createMeeting(networkId, {
        name: String(form.get('name') ?? ''),
        date: String(form.get('date') ?? ''),
        startTime: String(form.get('startTime') ?? ''),
        timeZone: String(form.get('timeZone') ?? ''),
        slotMinutes: number('slotMinutes'),
        breakMinutes: number('breakMinutes'),
        rounds: number('rounds'),
        tables: number('tables'),
        participants: [...chosen],
      });
      navigate(`/meetings/${encodeURIComponent(networkId)}/${encodeURIComponent(meeting.id)}`);
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
    } finally {
      setBusy(false);
    }
  }

  const active = (members.data?.members ?? []).filter((m) => m.status === 'active');
  // The API names the planning form's fields as its inputs are named; their labels say them.
  const fieldLabel = (field: string) => {
    const top = field.split(/[.[]/)[0] as string;
    return (PLANNING_FIELDS as readonly string[]).includes(top) ? t(`meetings.${top}`) : undefined;
  };
  return (
    <div className="page">
      <PageHeading title={t('meetings.title', { network: networkLabel(networkId) })} />
      {meetings.data && meetings.data.meetings.length > 0 ? (
        <section aria-labelledby="planned">
          <h2 id="planned">{t('meetings.planned')}</h2>
          <ul>
            {meetings.data.meetings.map((m) => (
              <li key={m.id}>
                <a href={href(`/meetings/${encodeURIComponent(networkId)}/${encodeURIComponent(m.id)}`)}>{m.name}</a>{' '}
                {t('meetings.plannedItem', { date: m.date, startTime: m.startTime, timeZone: m.timeZone, rounds: m.rounds, participants: m.participants })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="plan">
        <h2 id="plan">{t('meetings.plan')}</h2>
        {problem ? <ProblemMessage problem={problem} fieldLabel={fieldLabel} /> : null}
        <form className="meeting-form" onSubmit={(e) => void submit(e)}>
          <label>
            {t('meetings.name')} <input name="name" required maxLength={120} />
          </label>
          <label>
            {t('meetings.date')} <input name="date" type="date" required />
          </label>
          <label>
            {t('meetings.startTime')} <input name="startTime" type="time" required defaultValue="10:00" />
          </label>
          <label>
            {t('meetings.timeZone')} <input name="timeZone" required defaultValue={Intl.DateTimeFormat().resolvedOptions().timeZone} />
          </label>
          <label>
            {t('meetings.slotMinutes')} <input name="slotMinutes" type="number" min={3} max={120} defaultValue={10} required />
          </label>
          <label>
            {t('meetings.breakMinutes')} <input name="breakMinutes" type="number" min={0} max={60} defaultValue={5} required />
          </label>
          <label>
            {t('meetings.rounds')} <input name="rounds" type="number" min={1} max={30} defaultValue={4} required />
          </label>
          <label>
            {t('meetings.tables')} <input name="tables" type="number" min={1} max={150} defaultValue={6} required />
          </label>
          <fieldset>
            <legend>{t('meetings.participants', { n: chosen.size })}</legend>
            {members.status === 'loading' ? <p role="status">{t('meetings.loadingMembers')}</p> : null}
            {active.map((m) => (
              <label key={m.id} className="choice">
                <input
                  type="checkbox"
                  checked={chosen.has(m.id)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(m.id);
                    else next.delete(m.id);
                    setChosen(next);
                  }}
                />{' '}
                {m.name} ({m.country})
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={busy}>
            {t('meetings.submit')}
          </button>
        </form>
      </section>
    </div>
  );
}

function MeetingTimetable({ networkId, meetingId }: { networkId: string; meetingId: string }) {
  const { t } = useLocale();
  const meeting = useResource(() => fetchMeeting(networkId, meetingId), `meeting:${networkId}:${meetingId}`);
  const [cancelled, setCancelled] = useState<string | undefined>();
  const all = <a href={href(`/meetings/${encodeURIComponent(networkId)}`)}>{t('meetings.all')}</a>;
  if (cancelled !== undefined) {
    return (
      <div className="page">
        <PageHeading title={cancelled} />
        <Notice kind="success" title={t('meetings.cancelled')}>
          <p>{t('meetings.cancelledText', { name: cancelled })}</p>
        </Notice>
        <p>{all}</p>
      </div>
    );
  }
  if (meeting.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (!meeting.data) {
    return (
      <div className="page">
        <ProblemMessage problem={meeting.error} />
        <p>{all}</p>
      </div>
    );
  }
  return <Timetable meeting={meeting.data} onCancelled={() => setCancelled(meeting.data?.name ?? '')} />;
}

/**
 * Cancelling asks first, in the page (a native confirm() cannot be styled, translated by the page
 * or read in order by a screen reader), and names what follows: every participant is mailed.
 */
function CancelMeeting({ meeting, onCancelled }: { meeting: MeetingView; onCancelled: () => void }) {
  const { t } = useLocale();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  async function cancel() {
    setBusy(true);
    setProblem(undefined);
    try {
      await cancelMeeting(meeting.networkId, meeting.id);
      onCancelled();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
    } finally {
      setBusy(false);
    }
  }
  if (!asking) {
    return (
      <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>
        {t('meetings.cancel')}
      </button>
    );
  }
  return (
    <div className="notice" role="group" aria-label={t('meetings.cancel')}>
      <p>{t('meetings.cancelAsk', { name: meeting.name })}</p>
      {problem ? <ProblemMessage problem={problem} /> : null}
      <p className="actions">
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void cancel()}>
          {t('meetings.cancelConfirm')}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => setAsking(false)}>
          {t('meetings.cancelKeep')}
        </button>
      </p>
    </div>
  );
}

function Timetable({ meeting, onCancelled }: { meeting: MeetingView; onCancelled: () => void }) {
  const { t, reasons } = useLocale();
  const at = (iso: string) => localTime(iso, meeting.timeZone);
  const download = async (kind: 'calendar' | 'csv') => {
    const text = await fetchMeetingFile(meeting.networkId, meeting.id, kind);
    if (kind === 'calendar') downloadText(`meeting-${meeting.id}.ics`, text, 'text/calendar');
    else downloadText(`meeting-${meeting.id}.csv`, text, 'text/csv');
  };
  return (
    <div className="page meeting">
      <PageHeading title={meeting.name} />
      <p className="lead">
        {t('meetings.lead', {
          date: meeting.date,
          startTime: meeting.startTime,
          timeZone: meeting.timeZone,
          rounds: meeting.rounds.length,
          slotMinutes: meeting.slotMinutes,
          tables: meeting.tables,
          participants: meeting.participants.length,
        })}
      </p>
      <div className="actions no-print">
        <button type="button" onClick={() => window.print()}>
          {t('meetings.print')}
        </button>
        <button type="button" onClick={() => void download('csv')}>
          {t('meetings.downloadCsv')}
        </button>
        <button type="button" onClick={() => void download('calendar')}>
          {t('meetings.downloadIcs')}
        </button>
        <a href={href(`/meetings/${encodeURIComponent(meeting.networkId)}`)}>{t('meetings.all')}</a>
      </div>
      {/* Once its first round has begun a meeting is kept as held (the API answers 409). */}
      {Date.parse(meeting.rounds[0]?.startsAt ?? '') > Date.now() ? (
        <div className="no-print">
          <CancelMeeting meeting={meeting} onCancelled={onCancelled} />
        </div>
      ) : null}
      <h2 className="no-print">{t('meetings.byRound')}</h2>
      {meeting.rounds.map((r) => (
        <section key={r.round} className="round-page" aria-labelledby={`round-${r.round}`}>
          <h3 id={`round-${r.round}`}>
            {t('meetings.roundHeading', { name: meeting.name, round: r.round, from: at(r.startsAt), to: at(r.endsAt) })}
          </h3>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('meetings.table')}</th>
                <th scope="col">{t('meetings.whoMeets')}</th>
                <th scope="col">{t('meetings.why')}</th>
              </tr>
            </thead>
            <tbody>
              {r.meetings.map((m) => (
                <tr key={m.table}>
                  <td>{m.table}</td>
                  <td>
                    {t('meetings.pair', { a: m.names[0], b: m.names[1] })}
                    {m.requested ? ` ${t('meetings.askedFor')}` : ''}
                  </td>
                  <td>{m.reasons.length > 0 ? reasons(m.reasons, { pair: m.profileIds, names: new Map([[m.profileIds[0], m.names[0]], [m.profileIds[1], m.names[1]]]) }).join(' ') : m.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.byes.length > 0 ? <p>{t('meetings.byes', { names: r.byes.map((b) => b.name).join(', ') })}</p> : null}
        </section>
      ))}
      <section className="no-print" aria-labelledby="by-participant">
        <h2 id="by-participant">{t('meetings.byParticipant')}</h2>
        <ScrollArea label={t('meetings.byParticipant')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('meetings.participant')}</th>
                {meeting.rounds.map((r) => (
                  <th scope="col" key={r.round}>
                    {t('meetings.roundColumn', { round: r.round, at: at(r.startsAt) })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {meeting.byParticipant.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  {p.rounds.map((r) => (
                    <td key={r.round}>{r.partnerName ? t('meetings.tableWith', { table: r.table, partner: r.partnerName }) : t('meetings.break')}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      </section>
    </div>
  );
}
