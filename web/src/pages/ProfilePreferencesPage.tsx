import { useState, type FormEvent } from 'react';
import { ApiProblem } from '../api/client';
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
import type { Locale, Profile } from '@culturebridge/domain';
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
  const tools = useLocale();
  const { t, locale: readerLocale } = tools;
  const profile = useResource(() => fetchProfile(profileId), profileId);
  const [choice, setChoice] = useState<MemberMailFrequency>();
  const [localeChoice, setLocaleChoice] = useState<Locale>();
  const [saved, setSaved] = useState(false);
  // The profile as this page had read it when a save met a change made elsewhere (another tab, another browser).
  const [readBefore, setReadBefore] = useState<Profile>();
  // Erased or moved away meanwhile: reading it again shows the page that says so.
  const { problem, run } = useApiAction({ onGone: profile.reload });
  if (profile.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (isGone(profile.error)) return <ProfileGone profileId={profileId} />;
  if (!profile.data) return <ProblemMessage problem={profile.error} />;
  const current = profile.data;
  const mailFrequency = choice ?? memberMailFrequency(current);
  const locale = localeChoice ?? current.locale ?? readerLocale;

  // Changed elsewhere since read: the page reads it again at once; the member's choices stand (a
  // choice is only set by picking), and those the other change also touched, differently, are named.
  const changedElsewhere = readBefore && readBefore.version !== current.version ? bothChanged(readBefore, current, { mailFrequency: choice, locale: localeChoice }) : undefined;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    await run(async () => {
      try {
        await updateProfile(profileId, toProfileUpdate(current, { mailFrequency, locale }));
      } catch (error) {
        if (!(error instanceof ApiProblem && error.is('/problems/version-conflict'))) throw error;
        setReadBefore(current);
        await profile.reload();
        return;
      }
      setReadBefore(undefined);
      setSaved(true);
      await profile.reload();
    });
  };

  return (
    <div className="page page--narrow">
      <PageHeading title={t('prefs.title', { name: current.name })} />
      {saved ? <Notice kind="success" title={t('common.saved')} /> : null}
      {problem ? <ProblemMessage problem={problem} /> : null}
      {changedElsewhere ? (
        <Notice title={t('prefs.changedElsewhere')}>
          {changedElsewhere.length ? <p>{t('prefs.overlapping', { fields: tools.list(changedElsewhere.map((key) => t(PREFERENCE_LABELS[key]))) })}</p> : null}
        </Notice>
      ) : null}
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

type Preference = 'mailFrequency' | 'locale';
const PREFERENCE_LABELS: Record<Preference, string> = { mailFrequency: 'mailFrequency.label', locale: 'fieldName.locale' };

/** The preferences the member chose here that `now` also changed since `before`, to another value. */
function bothChanged(before: Profile, now: Profile, chosen: { mailFrequency: MemberMailFrequency | undefined; locale: Locale | undefined }): Preference[] {
  const values = (p: Profile) => ({ mailFrequency: memberMailFrequency(p), locale: p.locale });
  const [was, is] = [values(before), values(now)];
  return (['mailFrequency', 'locale'] as const).filter((key) => chosen[key] !== undefined && was[key] !== is[key] && chosen[key] !== is[key]);
}
