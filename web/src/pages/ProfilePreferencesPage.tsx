import { useState, type FormEvent } from 'react';
import { fetchProfile, updateProfile } from '../api/endpoints';
import { PageHeading } from '../components/PageHeading';
import { Notice, ProblemMessage } from '../components/ProblemMessage';
import { RequireSession } from '../components/RequireSession';
import { toProfileUpdate } from '../form/profile-form-state';
import { MailFrequencyField } from '../components/ProfileForm';
import { memberMailFrequency, type MemberMailFrequency } from '@culturebridge/domain';
import { isGone, useResource } from '../lib/use-resource';
import { ProfileGone } from '../components/ProfileGone';
import { href } from '../router';
import type { Locale } from '@culturebridge/domain';
import { useLocale } from '../i18n/use-locale';
import { useApiAction } from '../lib/use-api-action';
import { LocaleOptions } from '../components/LocaleOptions';

/** The member mails' "preferences" link: how often this profile's contact hears about its matches. */
export function ProfilePreferencesPage({ profileId }: { profileId: string }) {
  const { t } = useLocale();
  return (
    <RequireSession purpose={t('prefs.signIn')}>
      <Preferences profileId={profileId} />
    </RequireSession>
  );
}

function Preferences({ profileId }: { profileId: string }) {
  const { t, locale: readerLocale } = useLocale();
  const profile = useResource(() => fetchProfile(profileId), profileId);
  const [choice, setChoice] = useState<MemberMailFrequency>();
  const [localeChoice, setLocaleChoice] = useState<Locale>();
  const [saved, setSaved] = useState(false);
  // Erased or moved away meanwhile: reading it again shows the page that says so.
  const { problem, run } = useApiAction({ onGone: profile.reload });
  if (profile.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (isGone(profile.error)) return <ProfileGone profileId={profileId} />;
  if (!profile.data) return <ProblemMessage problem={profile.error} />;
  const current = profile.data;
  const mailFrequency = choice ?? memberMailFrequency(current);
  const locale = localeChoice ?? current.locale ?? readerLocale;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    await run(async () => {
      await updateProfile(profileId, toProfileUpdate(current, { mailFrequency, locale }));
      setSaved(true);
      await profile.reload();
    });
  };

  return (
    <div className="page page--narrow">
      <PageHeading title={t('prefs.title', { name: current.name })} />
      {saved ? <Notice kind="success" title={t('common.saved')} /> : null}
      {problem ? <ProblemMessage problem={problem} /> : null}
      <form onSubmit={save} className="preferences-form">
        <p>{t('prefs.mailsGoTo', { email: current.contact.email })}</p>
        <MailFrequencyField value={mailFrequency} onChange={setChoice} />
        <div className="field">
          <label htmlFor="profile-locale">{t('fieldName.locale')}</label>
          <select id="profile-locale" value={locale} onChange={(e) => setLocaleChoice(e.target.value as Locale)}>
            <LocaleOptions />
          </select>
        </div>
        <button type="submit" className="button">
          {t('common.save')}
        </button>
      </form>
      <p>
        <a href={href(`/profiles/${encodeURIComponent(profileId)}`)}>{t('prefs.backToProfile')}</a>
      </p>
    </div>
  );
}
