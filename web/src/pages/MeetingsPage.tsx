import { useRef, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { ApiProblem } from '../api/client';
import { cancelMeeting, createMeeting, fetchMe, meetingFilePath, fetchMeeting, fetchAllNetworkMembers, fetchMeetings, updateMeeting } from '../api/endpoints';
import type { MeetingView } from '../api/types';
import { MAX_ROUNDS, MAX_TABLES, TIMING_FIELDS, defaultTimeZone, hasRoundToCome, isDayWithin, isHeld, isTimeZone, meetingLocalTime, timeZoneLabel, timeZoneNames, timeZoneOffsetLabel, zonedToUtc } from '@culturebridge/domain';
import { ChosenValue } from '../components/ChosenValue';
import { PageHeading } from '../components/PageHeading';
import { Notice, ProblemMessage } from '../components/ProblemMessage';
import { RequireCoordinator } from '../components/RequireCoordinator';
import { ScrollArea } from '../components/ScrollArea';
import { downloadFromApi } from '../lib/download';
import { chosenDay, chosenTime } from '../i18n/date-time';
import { useLocale } from '../i18n/use-locale';
import { carryMeeting, type MeetingValues } from '../form/meeting-carry';
import { networkLabel } from '../lib/networks';
import { useApiAction } from '../lib/use-api-action';
import { useResource } from '../lib/use-resource';
import { href, navigate } from '../router';
import { BusyButton } from '../components/BusyButton';
import { useFocusNext } from '../lib/use-focus-next';

/** The planning form's fields that have a label of their own (`meetings.<field>`). */
const PLANNING_FIELDS = ['name', 'date', 'startTime', 'timeZone', 'slotMinutes', 'breakMinutes', 'rounds', 'tables'] as const;


export function MeetingsPage({ networkId, meetingId }: { networkId?: string; meetingId?: string }) {
  const { t } = useLocale();
  return (
    <RequireCoordinator purpose={t('meetings.signIn')}>
      <ChooseNetwork networkId={networkId} meetingId={meetingId} />
    </RequireCoordinator>
  );
}

function ChooseNetwork({ networkId, meetingId }: { networkId?: string; meetingId?: string }) {
  const { t } = useLocale();
  const me = useResource(fetchMe, 'me');
  if (me.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (!me.data) return <ProblemMessage problem={me.error} />;
  const chosen = networkId ?? me.data.networks[0];
  // RequireCoordinator shows an address that coordinates no network its own page.
  if (!chosen) return null;
  return meetingId ? <MeetingTimetable networkId={chosen} meetingId={meetingId} /> : <PlanMeeting networkId={chosen} />;
}

/** A planning input's id; its value written out beside it is `<id>-chosen` (ChosenValue). */
const planningInputId = (field: string) => `meeting-${field}`;

/** The planning form's inputs, in order, with the bounds the API checks too. */
const FIELD_INPUTS: readonly { field: (typeof PLANNING_FIELDS)[number]; props: InputHTMLAttributes<HTMLInputElement> }[] = [
  { field: 'name', props: { maxLength: 120 } },
  { field: 'date', props: { type: 'date' } },
  { field: 'startTime', props: { type: 'time' } },
  // Typed or picked from IANA's current names (Europe/Kyiv, not the Europe/Kiev Intl lists).
  { field: 'timeZone', props: { list: 'meeting-time-zones', autoComplete: 'off' } },
  { field: 'slotMinutes', props: { type: 'number', min: 3, max: 120 } },
  { field: 'breakMinutes', props: { type: 'number', min: 0, max: 60 } },
  { field: 'rounds', props: { type: 'number', min: 1, max: MAX_ROUNDS } },
  // The schema's bounds, so the form never offers what the API refuses.
  { field: 'tables', props: { type: 'number', min: 1, max: MAX_TABLES } },
];

/**
 * The planning form, for a new meeting and for a change: the details, then the network's active
 * members to choose from (and anyone already taking part). With `timingKept` the timing fields are
 * shown but not editable, and their values are sent as they were.
 */
function MeetingForm({
  networkId,
  initial,
  current,
  timingKept = false,
  submitLabel,
  busy,
  problem,
  onSubmit,
  children,
}: {
  networkId: string;
  initial: MeetingValues;
  /** The meeting's participants by name (a change): listed even when the members list no longer has them. */
  current?: readonly { id: string; name: string }[];
  timingKept?: boolean;
  submitLabel: string;
  busy: boolean;
  problem: ApiProblem | undefined;
  onSubmit: (values: MeetingValues) => void;
  children?: ReactNode;
}) {
  const { t, compare, locale, country } = useLocale();
  const members = useResource(async () => ({ members: (await fetchAllNetworkMembers(networkId)).sort((a, b) => compare(a.name, b.name)) }), `members:${networkId}`);
  const [chosen, setChosen] = useState<Set<string>>(new Set(initial.participants));
  // The day, start and zone as typed: a participant whose availability (their profile's window)
  // leaves the day out is named below, and each is written out beside its input in the app's language.
  const [typed, setTyped] = useState({ date: initial.date, startTime: initial.startTime, timeZone: initial.timeZone });
  const date = typed.date;
  // The participants as last sent: the API names one by its place in that list (`participants[4]`).
  const sent = useRef<string[]>([]);
  const kept = (field: string) => timingKept && (TIMING_FIELDS as readonly string[]).includes(field);

  function timingTyped(event: FormEvent<HTMLFormElement>) {
    const field = event.target;
    if (field instanceof HTMLInputElement && (field.name === 'date' || field.name === 'startTime' || field.name === 'timeZone')) setTyped((was) => ({ ...was, [field.name]: field.value }));
  }
  const zoneDay = new Date(`${chosenDay(typed.date, locale) ? typed.date : new Date().toISOString().slice(0, 10)}T12:00:00Z`);
  // Native date and time inputs are drawn in the browser's locale, a zone by its IANA name (whose
  // Etc/GMT±N signs are inverted): what is chosen, as the app's language and a person read it.
  const written = (field: (typeof PLANNING_FIELDS)[number]): string | undefined => {
    if (field === 'date') return chosenDay(typed.date, locale);
    if (field === 'startTime') return chosenTime(typed.startTime, locale);
    if (field !== 'timeZone' || !isTimeZone(typed.timeZone)) return undefined;
    return timeZoneLabel(typed.timeZone, chosenTime(typed.startTime, locale) ? zonedToUtc(zoneDay.toISOString().slice(0, 10), typed.startTime, typed.timeZone) : zoneDay);
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // A disabled field is not in the form's data: it is sent as it was.
    const text = (name: keyof MeetingValues) => (form.has(name) ? String(form.get(name)) : String(initial[name]));
    sent.current = [...chosen];
    onSubmit({
      name: text('name'),
      date: text('date'),
      startTime: text('startTime'),
      timeZone: text('timeZone'),
      slotMinutes: Number(text('slotMinutes')),
      breakMinutes: Number(text('breakMinutes')),
      rounds: Number(text('rounds')),
      tables: Number(text('tables')),
      participants: sent.current,
    });
  }

  // Someone already taking part stays listed when no longer active, or no longer a member (they
  // left the network), so they can be taken out: the API refuses to keep them.
  const listed = members.data?.members ?? [];
  const choices = [
    ...listed.filter((m) => m.status === 'active' || initial.participants.includes(m.id)).map((m) => ({ id: m.id, label: `${m.name} (${country(m.country)})`, gone: m.status !== 'active' })),
    ...(members.data ? (current ?? []).filter((p) => !listed.some((m) => m.id === p.id)).map((p) => ({ id: p.id, label: p.name, gone: true })) : []),
  ];
  // Warned, not refused: a window is a wish about joint work; the day stays the coordinator's (docs/decisions.md).
  const away = /^\d{4}-\d{2}-\d{2}$/.test(date) ? listed.filter((m) => chosen.has(m.id) && m.availability && !isDayWithin(date, m.availability)) : [];
  // The API names the planning form's fields as its inputs are named; their labels say them.
  const fieldLabel = (field: string) => {
    const place = /^participants\[(\d+)\]$/.exec(field);
    const named = place ? choices.find((c) => c.id === sent.current[Number(place[1])]) : undefined;
    if (named) return `${t('meetings.participant')} ${named.label}`;
    const top = field.split(/[.[]/)[0] as string;
    // The list as a whole ("choose at least 2"; a participant the page could not name).
    if (top === 'participants') return t('meetings.participantsField');
    return (PLANNING_FIELDS as readonly string[]).includes(top) ? t(`meetings.${top}`) : undefined;
  };
  return (
    <>
      {problem ? <ProblemMessage problem={problem} fieldLabel={fieldLabel} /> : null}
      <form className="meeting-form" onSubmit={submit} onChange={timingTyped}>
        {timingKept ? <p className="muted">{t('meetings.timingKept')}</p> : null}
        {FIELD_INPUTS.map(({ field, props }) => {
          const echoed = field === 'date' || field === 'startTime' || field === 'timeZone';
          const id = planningInputId(field);
          return (
            <div key={field}>
              <label>
                {t(`meetings.${field}`)} <input id={id} name={field} defaultValue={String(initial[field])} disabled={kept(field)} required aria-describedby={echoed ? `${id}-chosen` : undefined} {...props} />
              </label>
              {echoed ? <ChosenValue id={`${id}-chosen`} text={written(field)} /> : null}
            </div>
          );
        })}
        <datalist id="meeting-time-zones">
          {/* Each zone's offset on the day chosen beside its name: Etc/GMT+12 reads "UTC−12:00". */}
          {timeZoneNames().map((zone) => (
            <option key={zone} value={zone} label={timeZoneOffsetLabel(zone, zoneDay)} />
          ))}
        </datalist>
        <fieldset>
          <legend>{t('meetings.participants', { n: chosen.size })}</legend>
          {members.status === 'loading' ? <p role="status">{t('meetings.loadingMembers')}</p> : null}
          {choices.map((m) => (
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
              {m.label}
              {m.gone ? <span className="muted"> {t('meetings.notActive')}</span> : null}
            </label>
          ))}
        </fieldset>
        {away.length > 0 ? (
          <Notice title={t('meetings.unavailableTitle')}>
            <p>{t('meetings.unavailableNote')}</p>
            <ul>
              {away.map((m) => (
                <li key={m.id}>{m.name}</li>
              ))}
            </ul>
          </Notice>
        ) : null}
        <p className="actions">
          <BusyButton type="submit" className="button" busy={busy}>
            {submitLabel}
          </BusyButton>
          {children}
        </p>
      </form>
    </>
  );
}

function PlanMeeting({ networkId }: { networkId: string }) {
  const { t, day } = useLocale();
  const meetings = useResource(() => fetchMeetings(networkId), `meetings:${networkId}`);
  const { busy, problem, run } = useApiAction();

  const plan = (values: MeetingValues) =>
    run(async () => {
      const meeting = await createMeeting(networkId, values);
      navigate(`/meetings/${encodeURIComponent(networkId)}/${encodeURIComponent(meeting.id)}`);
    });

  // The network's latest meeting says where its meetings usually are, when the browser does not.
  const latest = meetings.data?.meetings.reduce<(typeof meetings.data.meetings)[number] | undefined>((last, m) => (last === undefined || m.date > last.date ? m : last), undefined);
  const initial: MeetingValues = {
    name: '',
    date: '',
    startTime: '10:00',
    timeZone: defaultTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone, latest?.timeZone),
    slotMinutes: 10,
    breakMinutes: 5,
    rounds: 4,
    tables: 6,
    participants: [],
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
                {t('meetings.plannedItem', { date: day(m.date), startTime: m.startTime, timeZone: timeZoneLabel(m.timeZone, zonedToUtc(m.date, m.startTime, m.timeZone)), rounds: m.rounds, participants: m.participants })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="plan">
        <h2 id="plan">{t('meetings.plan')}</h2>
        {/* Its defaults are read once: the form waits for the meetings its time zone may come from. */}
        {meetings.status === 'loading' ? (
          <p role="status">{t('common.loading')}</p>
        ) : (
          <MeetingForm networkId={networkId} initial={initial} submitLabel={t('meetings.submit')} busy={busy} problem={problem} onSubmit={(values) => void plan(values)} />
        )}
      </section>
    </div>
  );
}

/**
 * A change: the form filled from the meeting, its version sent with it. Members' requests between
 * participants who stay are kept (a PUT replaces them); the rounds already held stay as held.
 */
function ChangeMeeting({ meeting, onChanged, onRefresh, onClose }: { meeting: MeetingView; onChanged: (view: MeetingView, changed: boolean) => void; onRefresh: () => void; onClose: () => void }) {
  const { t, list } = useLocale();
  const { busy, problem, run } = useApiAction();
  // A save that met someone else's change first: the meeting as the form had it, and what was typed.
  const [stale, setStale] = useState<{ version: number; base: MeetingValues; mine: MeetingValues }>();
  const first = meeting.rounds[0];
  const underWay = first !== undefined && isHeld(first, new Date());
  const current: MeetingValues = {
    name: meeting.name,
    date: meeting.date,
    startTime: meeting.startTime,
    timeZone: meeting.timeZone,
    slotMinutes: meeting.slotMinutes,
    breakMinutes: meeting.breakMinutes,
    rounds: meeting.rounds.length,
    tables: meeting.tables,
    participants: meeting.participants,
  };
  // Read again since: what was typed is carried onto the meeting as it is now, field by field.
  const carried = stale && stale.version !== meeting.version ? carryMeeting(stale.base, stale.mine, current) : undefined;
  const initial = carried?.values ?? current;
  const save = (values: MeetingValues) =>
    run(async () => {
      const staying = new Set(values.participants);
      const requests = meeting.requests.filter((r) => staying.has(r.from) && staying.has(r.to));
      try {
        // The same version back: the form was saved as it was, nothing was written or mailed.
        const saved = await updateMeeting(meeting.networkId, meeting.id, { ...values, requests, version: meeting.version });
        onChanged(saved, saved.version !== meeting.version);
      } catch (error) {
        if (!(error instanceof ApiProblem && error.is('/problems/version-conflict'))) throw error;
        setStale({ version: meeting.version, base: current, mine: values });
        onRefresh();
      }
    });
  const fieldName = (field: keyof MeetingValues) => t(field === 'participants' ? 'meetings.participantsField' : `meetings.${field}`);
  return (
    <section className="no-print" aria-labelledby="change">
      <h2 id="change">{t('meetings.changeTitle', { name: meeting.name })}</h2>
      <p>{t('meetings.changeLead')}</p>
      {carried ? (
        <Notice title={t('meetings.changedElsewhere')}>
          {carried.overlapping.length ? <p>{t('form.draft.overlapping', { fields: list(carried.overlapping.map(fieldName)) })}</p> : null}
        </Notice>
      ) : null}
      <MeetingForm
        key={meeting.version}
        networkId={meeting.networkId}
        initial={initial}
        current={meeting.byParticipant}
        timingKept={underWay}
        submitLabel={t('meetings.save')}
        busy={busy}
        problem={problem}
        onSubmit={(values) => void save(values)}
      >
        <BusyButton type="button" className="button button--secondary" busy={busy} onClick={onClose}>
          {t('meetings.changeKeep')}
        </BusyButton>
      </MeetingForm>
    </section>
  );
}

function MeetingTimetable({ networkId, meetingId }: { networkId: string; meetingId: string }) {
  const { t } = useLocale();
  const meeting = useResource(() => fetchMeeting(networkId, meetingId), `meeting:${networkId}:${meetingId}`);
  const [cancelled, setCancelled] = useState<string | undefined>();
  // The answer to a change is the new meeting: shown at once, with a notice, until a reload.
  const [changed, setChanged] = useState<{ view: MeetingView; written: boolean } | undefined>();
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
  const shown = changed?.view ?? meeting.data;
  return (
    <Timetable
      meeting={shown}
      changed={changed === undefined ? undefined : changed.written}
      onChanged={(view, written) => setChanged({ view, written })}
      onReload={() => {
        setChanged(undefined);
        void meeting.reload();
      }}
      onCancelled={() => setCancelled(shown.name)}
    />
  );
}

/**
 * Cancelling asks first, in the page (a native confirm() cannot be styled, translated by the page
 * or read in order by a screen reader), and names what follows: every participant is mailed.
 */
function CancelMeeting({ meeting, onCancelled }: { meeting: MeetingView; onCancelled: () => void }) {
  const { t } = useLocale();
  const [asking, setAsking] = useState(false);
  const { busy, problem, run } = useApiAction();
  // Asking replaces the button, keeping the meeting puts it back: focus follows.
  const ask = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const focusNext = useFocusNext();
  const cancel = () =>
    run(async () => {
      await cancelMeeting(meeting.networkId, meeting.id);
      onCancelled();
    });
  if (!asking) {
    return (
      <button
        ref={ask}
        type="button"
        className="button button--secondary"
        onClick={() => {
          setAsking(true);
          focusNext(confirm);
        }}
      >
        {t('meetings.cancel')}
      </button>
    );
  }
  return (
    <div className="notice" role="group" aria-label={t('meetings.cancel')}>
      <p>{t('meetings.cancelAsk', { name: meeting.name })}</p>
      {problem ? <ProblemMessage problem={problem} /> : null}
      <p className="actions">
        <BusyButton ref={confirm} type="button" className="button button--danger" busy={busy} onClick={() => void cancel()}>
          {t('meetings.cancelConfirm')}
        </BusyButton>
        <BusyButton
          type="button"
          className="button button--secondary"
          busy={busy}
          onClick={() => {
            setAsking(false);
            focusNext(ask);
          }}
        >
          {t('meetings.cancelKeep')}
        </BusyButton>
      </p>
    </div>
  );
}

function Timetable({
  meeting,
  changed,
  onChanged,
  onReload,
  onCancelled,
}: {
  meeting: MeetingView;
  /** After a save: whether it wrote a new version (false: the form was saved as it was). */
  changed: boolean | undefined;
  onChanged: (view: MeetingView, written: boolean) => void;
  onReload: () => void;
  onCancelled: () => void;
}) {
  const { t, reasons, locale, day } = useLocale();
  const [changing, setChanging] = useState(false);
  // Like asking to meet: a change plans the rounds still to come, so there must be one.
  const roundsToCome = hasRoundToCome(meeting.rounds, new Date());
  // Times in the meeting's own zone: that is where people read the timetable.
  const at = (iso: string) => meetingLocalTime(iso, meeting.timeZone);
  // A refusal (the meeting cancelled in another tab) is shown, not left in the console.
  const { busy: downloading, problem: downloadProblem, run: runDownload } = useApiAction();
  const download = (kind: 'calendar' | 'csv') =>
    runDownload(async () => {
      await downloadFromApi(meetingFilePath(meeting.networkId, meeting.id, kind, locale), `meeting-${meeting.id}.${kind === 'calendar' ? 'ics' : 'csv'}`);
    });
  return (
    <div className="page meeting">
      <PageHeading title={meeting.name} />
      <p className="lead">
        {t('meetings.lead', {
          date: day(meeting.date),
          startTime: meeting.startTime,
          // Etc/GMT+12 reads "UTC−12:00"; a named zone gets its offset on the day.
          timeZone: timeZoneLabel(meeting.timeZone, zonedToUtc(meeting.date, meeting.startTime, meeting.timeZone)),
          rounds: meeting.rounds.length,
          count: meeting.slotMinutes,
          slotMinutes: meeting.slotMinutes,
          tables: meeting.tables,
          participants: meeting.participants.length,
        })}
      </p>
      <div className="actions no-print">
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t('meetings.print')}
        </button>
        <BusyButton type="button" className="button button--secondary" busy={downloading} onClick={() => void download('csv')}>
          {t('meetings.downloadCsv')}
        </BusyButton>
        <BusyButton type="button" className="button button--secondary" busy={downloading} onClick={() => void download('calendar')}>
          {t('meetings.downloadIcs')}
        </BusyButton>
        <a href={href(`/meetings/${encodeURIComponent(meeting.networkId)}`)}>{t('meetings.all')}</a>
      </div>
      {downloading ? (
        <p className="muted no-print" role="status">
          {t('common.preparingFile')}
        </p>
      ) : null}
      {downloadProblem ? <ProblemMessage problem={downloadProblem} /> : null}
      {changed !== undefined && !changing ? (
        <Notice kind="success" title={t(changed ? 'meetings.changed' : 'meetings.unchanged')}>
          <p>{t(changed ? 'meetings.changedText' : 'meetings.unchangedText')}</p>
        </Notice>
      ) : null}
      {roundsToCome && !changing ? (
        <p className="no-print">
          <button type="button" className="button button--secondary" onClick={() => setChanging(true)}>
            {t('meetings.change')}
          </button>
        </p>
      ) : null}
      {changing ? (
        <ChangeMeeting
          meeting={meeting}
          onChanged={(view, written) => {
            setChanging(false);
            onChanged(view, written);
          }}
          onRefresh={onReload}
          onClose={() => setChanging(false)}
        />
      ) : null}
      {/* Once its first round has begun a meeting is kept as held (the API answers 409). */}
      {meeting.rounds[0] !== undefined && !isHeld(meeting.rounds[0], new Date()) ? (
        <div className="no-print page-actions">
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
                  <td className="breakable">
                    {t('meetings.pair', { a: m.names[0], b: m.names[1] })}
                    {m.requested ? ` ${t('meetings.askedFor')}` : ''}
                  </td>
                  <td className="breakable">{m.reasons.length > 0 ? reasons(m.reasons, { pair: m.profileIds, names: new Map([[m.profileIds[0], m.names[0]], [m.profileIds[1], m.names[1]]]) }).join(' ') : m.summary}</td>
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
