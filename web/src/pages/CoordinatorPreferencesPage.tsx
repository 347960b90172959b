import { useState, type FormEvent } from 'react';
import { fetchMe, fetchNetworkSettings, updateNetworkSettings } from '../api/endpoints';
import { MAIL_MODES, type MailPreference } from '../api/types';
import { PageHeading } from '../components/PageHeading';
import { Notice, ProblemMessage } from '../components/ProblemMessage';
import { RequireCoordinator } from '../components/RequireCoordinator';
import { networkLabel } from '../lib/networks';
import { useResource } from '../lib/use-resource';
import { href } from '../router';
import { currentTimeZoneName, defaultTimeZone, timeZoneLabel, timeZoneNames, type Locale } from '@culturebridge/domain';
import { useLocale } from '../i18n/use-locale';
import { useApiAction } from '../lib/use-api-action';
import { LocaleOptions } from '../components/LocaleOptions';

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** The device's own zone by its current name, when the list has it (else undefined). */
function deviceTimeZone(): string | undefined {
  const zone = defaultTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone, undefined);
  return zone === 'UTC' ? undefined : zone;
}

/**
 * The coordinator mails' "preferences" link. Settings belong to the signed-in coordinator, per
 * network; the id in the link only tells whether it was meant for someone else.
 */
export function CoordinatorPreferencesPage({ coordinatorId }: { coordinatorId: string }) {
  const { t } = useLocale();
  return (
    <RequireCoordinator purpose={t('coordinatorPrefs.signIn')}>
      <Settings coordinatorId={coordinatorId} />
    </RequireCoordinator>
  );
}

function Settings({ coordinatorId }: { coordinatorId: string }) {
  const { t } = useLocale();
  const data = useResource(async () => {
    const me = await fetchMe();
    return Promise.all(me.networks.map(fetchNetworkSettings));
  }, 'settings');
  if (data.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (!data.data) return <ProblemMessage problem={data.error} />;
  const settings = data.data;
  const otherCoordinator = coordinatorId !== 'me' && settings.length > 0 && !settings.some((s) => s.coordinator.id === coordinatorId);
  return (
    <div className="page page--narrow">
      <PageHeading title={t('coordinatorPrefs.title')} />
      {otherCoordinator ? <Notice title={t('coordinatorPrefs.otherCoordinator')} /> : null}
      {settings.map((s) => (
        <NetworkSettingsForm key={s.networkId} networkId={s.networkId} initial={s.coordinator.preference} initialLocale={s.coordinator.locale} />
      ))}
      <p>
        <a href={href('/dashboard')}>{t('common.backToDashboard')}</a>
      </p>
    </div>
  );
}

function NetworkSettingsForm({ networkId, initial, initialLocale }: { networkId: string; initial: MailPreference; initialLocale?: Locale }) {
  const { t } = useLocale();
  const [preference, setPreference] = useState(initial);
  const [locale, setLocale] = useState<Locale>(initialLocale ?? 'en');
  const [saved, setSaved] = useState(false);
  const { problem, run } = useApiAction();
  const id = `settings-${networkId}`;
  const [deviceZone] = useState(deviceTimeZone);
  // Offsets as they are while the page is open (summer time moves them).
  const [now] = useState(() => new Date());
  const change = (changes: Partial<MailPreference>) => {
    setSaved(false);
    setPreference({ ...preference, ...changes });
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const answer = await updateNetworkSettings(networkId, preference, locale);
      setPreference(answer.coordinator.preference);
      if (answer.coordinator.locale) setLocale(answer.coordinator.locale);
      setSaved(true);
    });
  };
  return (
    <form className="section preferences-form" onSubmit={save} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{networkLabel(networkId)}</h2>
      {saved ? <Notice kind="success" title={t('common.saved')} /> : null}
      {problem ? <ProblemMessage problem={problem} /> : null}
      <fieldset className="field">
        <legend>{t('coordinatorPrefs.legend')}</legend>
        <div className="radios">
          {MAIL_MODES.map((mode) => (
            <div className="radio" key={mode}>
              <input type="radio" id={`${id}-${mode}`} name={`${id}-mode`} checked={preference.mode === mode} onChange={() => change({ mode })} />
              <label htmlFor={`${id}-${mode}`}>{t(`coordinatorPrefs.mode.${mode}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      {preference.mode === 'digest' ? (
        <>
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-hour`}>{t('coordinatorPrefs.hour')}</label>
              <select id={`${id}-hour`} value={preference.digestHour} onChange={(e) => change({ digestHour: Number(e.target.value) })}>
                {HOURS.map((h) => (
                  <option key={h} value={h}>{`${String(h).padStart(2, '0')}:00`}</option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-zone`}>{t('coordinatorPrefs.zone')}</label>
              {/* A zone stored by a legacy name (Europe/Kiev) is shown by its current one, the one listed. */}
              <select id={`${id}-zone`} value={currentTimeZoneName(preference.timeZone)} onChange={(e) => change({ timeZone: e.target.value })}>
                {[...new Set([currentTimeZoneName(preference.timeZone), ...timeZoneNames()])].map((zone) => (
                  <option key={zone} value={zone}>
                    {/* Etc/GMT+12 is twelve hours behind UTC: each zone with the offset it keeps today. */}
                    {timeZoneLabel(zone, now)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {/* The stored default is UTC: a coordinator who never chose one (or is travelling) is shown the device's zone; saving keeps it. */}
          {deviceZone && deviceZone !== currentTimeZoneName(preference.timeZone) ? (
            <p className="hint">
              {t('coordinatorPrefs.deviceZone', { zone: timeZoneLabel(deviceZone, now) })}{' '}
              <button type="button" className="button button--secondary" onClick={() => change({ timeZone: deviceZone })}>
                {t('coordinatorPrefs.useDeviceZone', { zone: timeZoneLabel(deviceZone, now) })}
              </button>
            </p>
          ) : null}
        </>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-locale`}>{t('fieldName.locale')}</label>
        <select id={`${id}-locale`} value={locale} onChange={(e) => { setSaved(false); setLocale(e.target.value as Locale); }}>
          <LocaleOptions />
        </select>
      </div>
      <button type="submit" className="button">
        {t('common.save')}
      </button>
    </form>
  );
}
