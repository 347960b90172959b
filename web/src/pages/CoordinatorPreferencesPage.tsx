import { useState, type FormEvent } from 'react';
import { ApiProblem, SessionLost } from '../api/client';
import { fetchMe, fetchNetworkSettings, updateNetworkSettings } from '../api/endpoints';
import { MAIL_MODES, type MailMode, type MailPreference } from '../api/types';
import { PageHeading } from '../components/PageHeading';
import { Notice, ProblemMessage } from '../components/ProblemMessage';
import { RequireSession } from '../components/RequireSession';
import { networkLabel } from '../lib/networks';
import { useResource } from '../lib/use-resource';
import { href } from '../router';

const MODE_LABELS: Record<MailMode, string> = {
  immediate: 'Right away, one e-mail per match',
  digest: 'Once a day, in a digest',
  off: 'Not at all',
};

const TIME_ZONES = Intl.supportedValuesOf('timeZone');
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/**
 * The coordinator mails' "preferences" link. Settings belong to the signed-in coordinator, per
 * network; the id in the link only tells whether it was meant for someone else.
 */
export function CoordinatorPreferencesPage({ coordinatorId }: { coordinatorId: string }) {
  return (
    <RequireSession purpose="Sign in as a network coordinator to change your e-mail settings.">
      <Settings coordinatorId={coordinatorId} />
    </RequireSession>
  );
}

function Settings({ coordinatorId }: { coordinatorId: string }) {
  const data = useResource(async () => {
    const me = await fetchMe();
    return Promise.all(me.networks.map(fetchNetworkSettings));
  }, 'settings');
  if (data.status === 'loading') return <p role="status">Loading…</p>;
  if (!data.data) return <ProblemMessage problem={data.error} />;
  const settings = data.data;
  const otherCoordinator = coordinatorId !== 'me' && settings.length > 0 && !settings.some((s) => s.coordinator.id === coordinatorId);
  return (
    <div className="page page--narrow">
      <PageHeading title="Your e-mail settings" />
      {otherCoordinator ? <Notice title="The link you followed was for another coordinator. These are the settings of the address you signed in with." /> : null}
      {settings.length === 0 ? <p className="lead">This address coordinates no network.</p> : null}
      {settings.map((s) => (
        <NetworkSettingsForm key={s.networkId} networkId={s.networkId} initial={s.coordinator.preference} />
      ))}
      <p>
        <a href={href('/dashboard')}>Back to the dashboard</a>
      </p>
    </div>
  );
}

function NetworkSettingsForm({ networkId, initial }: { networkId: string; initial: MailPreference }) {
  const [preference, setPreference] = useState(initial);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const id = `settings-${networkId}`;
  const change = (changes: Partial<MailPreference>) => {
    setSaved(false);
    setPreference({ ...preference, ...changes });
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    try {
      const answer = await updateNetworkSettings(networkId, preference);
      setPreference(answer.coordinator.preference);
      setSaved(true);
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
      else if (!(error instanceof SessionLost)) throw error;
    }
  };
  return (
    <form className="section preferences-form" onSubmit={save} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{networkLabel(networkId)}</h2>
      {saved ? <Notice kind="success" title="Saved." /> : null}
      {problem ? <ProblemMessage problem={problem} /> : null}
      <fieldset className="field">
        <legend>E-mail me about new and confirmed matches</legend>
        <div className="radios">
          {MAIL_MODES.map((mode) => (
            <div className="radio" key={mode}>
              <input type="radio" id={`${id}-${mode}`} name={`${id}-mode`} checked={preference.mode === mode} onChange={() => change({ mode })} />
              <label htmlFor={`${id}-${mode}`}>{MODE_LABELS[mode]}</label>
            </div>
          ))}
        </div>
      </fieldset>
      {preference.mode === 'digest' ? (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-hour`}>Digest hour</label>
            <select id={`${id}-hour`} value={preference.digestHour} onChange={(e) => change({ digestHour: Number(e.target.value) })}>
              {HOURS.map((h) => (
                <option key={h} value={h}>{`${String(h).padStart(2, '0')}:00`}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-zone`}>Time zone</label>
            <select id={`${id}-zone`} value={preference.timeZone} onChange={(e) => change({ timeZone: e.target.value })}>
              {[...new Set([preference.timeZone, ...TIME_ZONES])].map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}
      <button type="submit" className="button">
        Save
      </button>
    </form>
  );
}
