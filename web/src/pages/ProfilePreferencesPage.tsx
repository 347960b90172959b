import { useState, type FormEvent } from 'react';
import { ApiProblem, SessionLost } from '../api/client';
import { fetchProfile, updateProfile } from '../api/endpoints';
import { PageHeading } from '../components/PageHeading';
import { Notice, ProblemMessage } from '../components/ProblemMessage';
import { RequireSession } from '../components/RequireSession';
import { toProfileUpdate } from '../form/profile-form-state';
import { useResource } from '../lib/use-resource';
import { href } from '../router';

/** The member mails' "preferences" link: whether this profile is mailed about new matches. */
export function ProfilePreferencesPage({ profileId }: { profileId: string }) {
  return (
    <RequireSession purpose="Sign in to change your e-mail preferences.">
      <Preferences profileId={profileId} />
    </RequireSession>
  );
}

function Preferences({ profileId }: { profileId: string }) {
  const profile = useResource(() => fetchProfile(profileId), profileId);
  const [choice, setChoice] = useState<boolean>();
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  if (profile.status === 'loading') return <p role="status">Loading…</p>;
  if (!profile.data) return <ProblemMessage problem={profile.error} />;
  const current = profile.data;
  const matchEmails = choice ?? current.matchEmails;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setSaved(false);
    try {
      await updateProfile(profileId, toProfileUpdate(current, { matchEmails }));
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
        <div className="field checkbox">
          <input id="match-emails" type="checkbox" checked={matchEmails} onChange={(e) => setChoice(e.target.checked)} />
          <label htmlFor="match-emails">E-mail {current.contact.email} when we propose a partner or a partner accepts</label>
        </div>
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
