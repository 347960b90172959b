import { useState, type FormEvent } from 'react';
import { ApiProblem, SessionLost } from '../api/client';
import { fetchProfile, updateProfile } from '../api/endpoints';
import { PageHeading } from '../components/PageHeading';
import { Notice, ProblemMessage } from '../components/ProblemMessage';
import { RequireSession } from '../components/RequireSession';
import { toProfileUpdate } from '../form/profile-form-state';
import { MailFrequencyField } from '../components/ProfileForm';
import { memberMailFrequency, type MemberMailFrequency } from '@culturebridge/domain';
import { useResource } from '../lib/use-resource';
import { href } from '../router';

/** The member mails' "preferences" link: how often this profile's contact hears about its matches. */
export function ProfilePreferencesPage({ profileId }: { profileId: string }) {
  return (
    <RequireSession purpose="Sign in to change your e-mail preferences.">
      <Preferences profileId={profileId} />
    </RequireSession>
  );
}

function Preferences({ profileId }: { profileId: string }) {
  const profile = useResource(() => fetchProfile(profileId), profileId);
  const [choice, setChoice] = useState<MemberMailFrequency>();
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  if (profile.status === 'loading') return <p role="status">Loading…</p>;
  if (!profile.data) return <ProblemMessage problem={profile.error} />;
  const current = profile.data;
  const mailFrequency = choice ?? memberMailFrequency(current);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setSaved(false);
    try {
      await updateProfile(profileId, toProfileUpdate(current, { mailFrequency }));
      setSaved(true);
      await profile.reload();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
      else if (!(error instanceof SessionLost)) throw error;
    }
  };

  return (
    <div className="page page--narrow">
      <PageHeading title={`E-mail preferences of ${current.name}`} />
      {saved ? <Notice kind="success" title="Saved." /> : null}
      {problem ? <ProblemMessage problem={problem} /> : null}
      <form onSubmit={save} className="preferences-form">
        <p>Mails go to {current.contact.email}: about new partners, answers, confirmed partnerships, reminders and expiries.</p>
        <MailFrequencyField value={mailFrequency} onChange={setChoice} />
        <button type="submit" className="button">
          Save
        </button>
      </form>
      <p>
        <a href={href(`/profiles/${encodeURIComponent(profileId)}`)}>Back to your profile</a>
      </p>
    </div>
  );
}
