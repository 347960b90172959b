import { useState } from 'react';
import type { Profile, ProfileHint, ProfileInput } from '@culturebridge/domain';
import { ApiProblem, SessionLost } from '../api/client';
import { confirmProfile, fetchMe, fetchProfile, fetchProfileMatches, updateProfile, withdrawProfile } from '../api/endpoints';
import type { MatchView } from '../api/types';
import { useMe } from '../auth/me-context';
import { languageLabel } from '../lib/labels';
import { MatchAnswerButtons } from '../components/MatchAnswerButtons';
import { MatchCard } from '../components/MatchCard';
import { PageHeading } from '../components/PageHeading';
import { ProfileForm } from '../components/ProfileForm';
import { ProfileSummary } from '../components/ProfileSummary';
import { Notice, ProblemMessage } from '../components/ProblemMessage';
import { RequireSession } from '../components/RequireSession';
import { fromProfile } from '../form/profile-form-state';
import { usePolling, useResource } from '../lib/use-resource';
import { href } from '../router';

const POLL_MS = 2_000;

export function MyProfilePage({ profileId, confirmed }: { profileId?: string; confirmed: boolean }) {
  return (
    <RequireSession purpose="Sign in to see your profile and the partners we propose.">
      {profileId ? <ProfileView profileId={profileId} confirmed={confirmed} /> : <ProfileChooser />}
    </RequireSession>
  );
}

/** Opens the only profile at once; lists them when one address keeps several. */
function ProfileChooser() {
  const me = useResource(fetchMe, 'me');
  if (me.status === 'loading') return <Loading />;
  if (me.status === 'error') return <ProblemMessage problem={me.error} />;
  const { profiles, networks } = me.data;
  if (profiles.length === 1 && profiles[0]) return <ProfileView profileId={profiles[0].id} confirmed={false} />;
  return (
    <div className="page">
      <PageHeading title="My profiles" />
      {profiles.length === 0 ? (
        <p className="lead">
          This address has no profile. <a href={href('/')}>Fill in the interest form</a> to get one
          {networks.length ? (
            <>
              , or go to <a href={href('/dashboard')}>the dashboard of your network</a>
            </>
          ) : null}
          .
        </p>
      ) : (
        <ul className="plain-list">
          {profiles.map((p) => (
            <li key={p.id}>
              <a href={href(`/profiles/${encodeURIComponent(p.id)}`)}>{p.name}</a> <span className={`badge badge--${p.status}`}>{p.status}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ProfileView({ profileId, confirmed }: { profileId: string; confirmed: boolean }) {
  const { me, refreshMe } = useMe();
  const [withdrawn, setWithdrawn] = useState(false);
  // A coordinator may open a member's profile too, but only its owner answers, edits or withdraws.
  const owned = Boolean(me?.profiles.some((p) => p.id === profileId));
  const profile = useResource(() => fetchProfile(profileId), profileId);
  const matches = useResource(() => fetchProfileMatches(profileId), profileId);
  const refresh = async () => {
    await Promise.all([profile.reload(), matches.reload()]);
  };
  // Confirmation and matching run asynchronously: look again while there is nothing to show yet,
  // and for a while after a confirmation, as the partners arrive one by one.
  const nothingYet = profile.data?.status === 'pending' || matches.data?.matches.length === 0;
  usePolling(refresh, !withdrawn && (nothingYet || confirmed) ? POLL_MS : undefined);

  if (withdrawn) {
    return (
      <div className="page page--narrow">
        <PageHeading title="Your profile was withdrawn" />
        <p className="lead">We erased it together with its matches. Thank you for taking part.</p>
        <p>
          <a href={href('/')}>Fill in the interest form</a> whenever you want to look for partners again.
        </p>
      </div>
    );
  }
  if (profile.status === 'loading') return <Loading />;
  if (!profile.data) return <ProblemMessage problem={profile.error} />;
  const current = profile.data;

  return (
    <div className="page">
      <PageHeading title={current.name}>
        {current.name} <span className={`badge badge--${current.status}`}>{current.status}</span>
      </PageHeading>
      {confirmed && current.status === 'active' ? (
        <Notice kind="success" title="Your profile is confirmed.">
          <p>We are looking for partners now; they appear below within seconds.</p>
        </Notice>
      ) : null}
      {current.status === 'pending' ? (
        <Notice title="Waiting for confirmation">
          <p>
            Open the link we sent to <strong>{current.contact.email}</strong> to confirm this profile. We propose partners once it is confirmed.
          </p>
          {owned ? (
            <p>
              You are signed in as this address, so you can also confirm it here, if you submitted it.{' '}
              <button type="button" className="button button--secondary" onClick={() => void confirmProfile(profileId).then(refresh, refresh)}>
                Confirm this profile
              </button>
            </p>
          ) : null}
        </Notice>
      ) : null}

      <section aria-labelledby="matches-title" className="section">
        <div className="section__header">
          <h2 id="matches-title">Proposed partners</h2>
          <button type="button" className="button button--secondary" onClick={() => void refresh()}>
            Refresh
          </button>
        </div>
        {owned && matches.data?.hints.length ? <MatchHints hints={matches.data.hints} /> : null}
        <Matches profile={current} owned={owned} matches={matches.data?.matches} error={matches.error} onChange={refresh} />
      </section>

      {owned ? (
        <>
          <EditProfile profile={current} onSaved={refresh} />
          <Withdraw
            profile={current}
            onWithdrawn={() => {
              setWithdrawn(true);
              void refreshMe();
            }}
          />
        </>
      ) : (
        <section aria-labelledby="profile-title" className="section">
          <h2 id="profile-title">The profile</h2>
          <ProfileSummary profile={current} />
        </section>
      )}
    </div>
  );
}

/** What would improve a member's matches, when they are all weaker (or there are none). */
function MatchHints({ hints }: { hints: ProfileHint[] }) {
  return (
    <div className="notice notice--warning match-hints" role="note" aria-labelledby="match-hints-title">
      <h3 id="match-hints-title" className="notice__title">Get better matches</h3>
      <p>Your proposals are weaker matches so far. Edit your profile below to:</p>
      <ul>
        {hints.map((hint) => (
          <li key={hint.kind}>{HINT_TEXT[hint.kind](hint)}</li>
        ))}
      </ul>
    </div>
  );
}

const HINT_TEXT: { [K in ProfileHint['kind']]: (hint: ProfileHint) => string } = {
  'add-themes': () => 'add themes you work on',
  'add-description': () => 'add a description of your plans (members are matched on what they write)',
  'add-working-language': (hint) =>
    `add ${hint.kind === 'add-working-language' ? hint.languages.map(languageLabel).join(' or ') : ''} as a working language`,
  'add-offers-or-needs': () => 'say what you offer and what you need',
  'add-formats': () => 'choose the formats you look for',
};

interface MatchesProps {
  profile: Profile;
  owned: boolean;
  matches: MatchView[] | undefined;
  error?: ApiProblem;
  onChange: () => Promise<void>;
}

function Matches({ profile, owned, matches, error, onChange }: MatchesProps) {
  if (error && !matches) return <ProblemMessage problem={error} />;
  if (!matches) return <Loading />;
  if (matches.length === 0) {
    return (
      <p role="status" className="empty">
        {profile.status === 'pending'
          ? 'Partners are proposed once your profile is confirmed.'
          : 'No partners proposed yet. We look again whenever a profile in your networks changes; this page updates by itself.'}
      </p>
    );
  }
  return (
    <div className="match-list">
      {matches.map((match) => (
        <MatchCard key={match.matchId} match={match} self={profile} answerable={owned}>
          {owned ? <MatchAnswerButtons profileId={profile.id} match={match} onAnswered={() => void onChange()} /> : null}
        </MatchCard>
      ))}
    </div>
  );
}

function EditProfile({ profile, onSaved }: { profile: Profile; onSaved: () => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = async (input: ProfileInput) => {
    await updateProfile(profile.id, { ...input, version: profile.version });
    setEditing(false);
    setSaved(true);
    await onSaved();
  };
  return (
    <section aria-labelledby="profile-title" className="section">
      <div className="section__header">
        <h2 id="profile-title">Your profile</h2>
        {editing ? null : (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            Edit profile
          </button>
        )}
      </div>
      {saved ? <Notice kind="success" title="Your changes are saved. Matching runs again with them." /> : null}
      {editing ? (
        <ProfileForm
          key={profile.version}
          initial={fromProfile(profile)}
          submitLabel="Save changes"
          onSubmit={save}
          actions={
            <button type="button" className="button button--secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          }
        />
      ) : (
        <ProfileSummary profile={profile} />
      )}
    </section>
  );
}

function Withdraw({ profile, onWithdrawn }: { profile: Profile; onWithdrawn: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const withdraw = async () => {
    setProblem(undefined);
    try {
      await withdrawProfile(profile.id);
      onWithdrawn();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
      else if (!(error instanceof SessionLost)) throw error;
    }
  };
  return (
    <section aria-labelledby="withdraw-title" className="section section--danger">
      <h2 id="withdraw-title">Withdraw your profile</h2>
      <p>This erases {profile.name}'s profile and all its matches. Partners you confirmed keep the contact they already received.</p>
      {problem ? <ProblemMessage problem={problem} /> : null}
      {confirming ? (
        <div className="match-actions" role="group" aria-label="Confirm withdrawal">
          <button type="button" className="button button--danger" onClick={() => void withdraw()}>
            Yes, erase my profile
          </button>
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
          Withdraw my profile
        </button>
      )}
    </section>
  );
}

function Loading() {
  return (
    <p role="status" className="loading">
      Loading…
    </p>
  );
}
