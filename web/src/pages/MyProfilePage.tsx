import { useRef, useState } from 'react';
import { approvedNetworks, contactChangeLapsesAt, membershipStatus, requestedContact, type Profile, type ProfileHint, type ProfileInput } from '@culturebridge/domain';
import { ApiProblem } from '../api/client';
import { confirmProfile, fetchMe, fetchProfile, fetchProfileMatches, updateProfile, withdrawProfile } from '../api/endpoints';
import type { MatchView } from '../api/types';
import { useMe } from '../auth/me-context';
import { MatchAnswerButtons } from '../components/MatchAnswerButtons';
import { BusyButton } from '../components/BusyButton';
import { MatchCard } from '../components/MatchCard';
import { PageHeading } from '../components/PageHeading';
import { ProfileForm } from '../components/ProfileForm';
import { ProfileGone } from '../components/ProfileGone';
import { ProfileSummary } from '../components/ProfileSummary';
import { Notice, ProblemMessage } from '../components/ProblemMessage';
import { RequireSession } from '../components/RequireSession';
import { fieldId } from '../form/field-errors';
import { fromProfile, toProfileUpdate } from '../form/profile-form-state';
import { clearDraft, readDraft } from '../form/profile-draft';
import { useApiAction } from '../lib/use-api-action';
import { useFocusNext } from '../lib/use-focus-next';
import { isGone, MATCHING_POLL_MS, usePolling, useResource } from '../lib/use-resource';
import { href } from '../router';
import { Trans } from 'react-i18next';
import { MemberText } from '../components/MemberText';
import { useLocale } from '../i18n/use-locale';
import { networkShortLabel } from '../lib/networks';


export function MyProfilePage({ profileId, confirmed }: { profileId?: string; confirmed: boolean }) {
  const { t } = useLocale();
  return (
    <RequireSession purpose={t('myProfile.signIn')}>
      {profileId ? <ProfileView profileId={profileId} confirmed={confirmed} /> : <ProfileChooser />}
    </RequireSession>
  );
}

/** Opens the only profile at once; lists them when one address keeps several. */
function ProfileChooser() {
  const { t } = useLocale();
  const me = useResource(fetchMe, 'me');
  if (me.status === 'loading') return <Loading />;
  if (me.status === 'error') return <ProblemMessage problem={me.error} />;
  const { profiles, networks } = me.data;
  if (profiles.length === 1 && profiles[0]) return <ProfileView profileId={profiles[0].id} confirmed={false} />;
  return (
    <div className="page">
      <PageHeading title={t('myProfile.chooserTitle')} />
      {profiles.length === 0 ? (
        <p className="lead">
          {t('myProfile.noProfile')} <a href={href('/')}>{t('myProfile.fillForm')}</a>
          {networks.length ? (
            <>
              {' '}
              <a href={href('/dashboard')}>{t('myProfile.toDashboard')}</a>
            </>
          ) : null}
        </p>
      ) : (
        <ul className="plain-list">
          {profiles.map((p) => (
            <li key={p.id}>
              <a href={href(`/profiles/${encodeURIComponent(p.id)}`)}>
                <MemberText text={p.name} />
              </a>{' '}
              <span className={`badge badge--${p.status}`}>{t(`profileStatus.${p.status}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ProfileView({ profileId, confirmed }: { profileId: string; confirmed: boolean }) {
  const { t, list } = useLocale();
  const { me, refreshMe } = useMe();
  const [withdrawn, setWithdrawn] = useState(false);
  // Moved to another contact address: the profile is that address's from now on, not this session's.
  const [movedTo, setMovedTo] = useState<{ email: string; name: string }>();
  // A coordinator may open a member's profile too, but only its owner answers, edits or withdraws.
  const owned = Boolean(me?.profiles.some((p) => p.id === profileId));
  const profile = useResource(() => fetchProfile(profileId), profileId);
  const matches = useResource(() => fetchProfileMatches(profileId), profileId);
  const refresh = async () => {
    await Promise.all([profile.reload(), matches.reload()]);
  };
  // Matching answers a saved change after the save's own answer (proposals withdrawn when a network
  // is left, new ones as they are computed): the page looks again for a while after each save.
  const [saves, setSaves] = useState(0);
  const afterSave = async () => {
    setSaves((n) => n + 1);
    await refresh();
  };
  // Confirmation and matching run asynchronously: look again while there is nothing to show yet,
  // and for a while after a confirmation, as the partners arrive one by one.
  const nothingYet = profile.data?.status === 'pending' || matches.data?.matches.length === 0;
  // Erased or moved away meanwhile (another tab, someone else with this address): nothing to show.
  const gone = isGone(profile.error) || isGone(matches.error);
  usePolling(refresh, !withdrawn && !movedTo && !gone && (nothingYet || confirmed || saves > 0) ? MATCHING_POLL_MS : undefined, undefined, saves);

  if (movedTo) {
    return (
      <div className="page page--narrow">
        <PageHeading title={t('myProfile.movedTitle')} />
        <p className="lead">{t('myProfile.movedLead', movedTo)}</p>
      </div>
    );
  }
  if (withdrawn) {
    return (
      <div className="page page--narrow">
        <PageHeading title={t('myProfile.withdrawnTitle')} />
        <p className="lead">{t('myProfile.withdrawnLead')}</p>
        <p>
          <a href={href('/')}>{t('myProfile.fillForm')}</a> {t('myProfile.again')}
        </p>
      </div>
    );
  }
  if (gone) return <ProfileGone profileId={profileId} />;
  if (profile.status === 'loading') return <Loading />;
  if (!profile.data) return <ProblemMessage problem={profile.error} />;
  const current = profile.data;
  // Confirmed but approved by no network yet: matching does not see it, whatever the profile says.
  const awaitingApproval = current.status === 'active' && approvedNetworks(current).length === 0;
  const awaitingNote = t('myProfile.confirmedAwaitingNote', { networks: list(current.networks.map(networkShortLabel)) });

  return (
    <div className="page">
      <PageHeading title={current.name}>
        <MemberText text={current.name} /> <span className={`badge badge--${current.status}`}>{t(`profileStatus.${current.status}`)}</span>
      </PageHeading>
      {confirmed && current.status === 'active' ? (
        <Notice kind="success" title={t('myProfile.confirmed')}>
          {/* Matching starts in a network once its coordinators approve the member: the partners list says so. */}
          {awaitingApproval ? null : <p>{t('myProfile.confirmedNote')}</p>}
        </Notice>
      ) : null}
      {current.status === 'pending' ? (
        <Notice title={t('myProfile.waiting')}>
          <p>
            <Trans i18nKey="myProfile.waitingNote" values={{ email: current.contact.email }} components={{ strong: <strong /> }} />
          </p>
          {owned ? (
            <p>
              {t('myProfile.confirmHere')}{' '}
              <button type="button" className="button button--secondary" onClick={() => void confirmProfile(profileId).then(refresh, refresh)}>
                {t('myProfile.confirm')}
              </button>
            </p>
          ) : null}
        </Notice>
      ) : null}

      {/* The owner's own notice ("stays yours"); a coordinator reads the waiting contact in the API. */}
      {owned && current.pendingContact ? <ContactChangeWaiting profile={current} onCancelled={refresh} /> : null}

      {/* Taken out of a network (or turned down): the member's mail says so, and so does this page. */}
      {owned
        ? current.networks
            .filter((n) => membershipStatus(current, n) === 'rejected')
            .map((n) => (
              <Notice key={n} title={t('myProfile.notMemberTitle', { name: current.name, network: networkShortLabel(n) })}>
                <p>{t('myProfile.notMemberNote', { name: current.name, network: networkShortLabel(n) })}</p>
              </Notice>
            ))
        : null}

      <section aria-labelledby="matches-title" className="section">
        <div className="section__header">
          <h2 id="matches-title">{t('myProfile.partners')}</h2>
          <button type="button" className="button button--secondary" onClick={() => void refresh()}>
            {t('common.refresh')}
          </button>
        </div>
        {/* What would improve the matches, once there can be matches at all. */}
        {owned && !awaitingApproval && matches.data?.hints.length ? <MatchHints hints={matches.data.hints} none={matches.data.matches.length === 0} /> : null}
        <Matches profile={current} owned={owned} matches={matches.data?.matches} error={matches.error} onChange={refresh} emptyNote={awaitingApproval ? awaitingNote : undefined} />
        {/* The speed-dating schedules were reachable only from their mails. */}
        {owned ? (
          <p>
            <a href={href(`/profiles/${encodeURIComponent(profileId)}/meetings`)}>{t('myProfile.meetings')}</a>
          </p>
        ) : null}
      </section>

      {owned ? (
        <>
          <EditProfile
            profile={current}
            onSaved={afterSave}
            onMoved={(email) => {
              setMovedTo({ email, name: current.name });
              void refreshMe();
            }}
          />
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
          <h2 id="profile-title">{t('myProfile.theProfile')}</h2>
          <ProfileSummary profile={current} />
        </section>
      )}
    </div>
  );
}

/** What would improve a member's matches, when they are all weaker (`none`: there are none). */
function MatchHints({ hints, none }: { hints: ProfileHint[]; none: boolean }) {
  const { t, language } = useLocale();
  const hintText = (hint: ProfileHint) =>
    hint.kind === 'add-working-language' ? t('myProfile.hint.add-working-language', { languages: hint.languages.map(language).join(t('myProfile.hint.or')) }) : t(`myProfile.hint.${hint.kind}`);
  return (
    <div className="notice notice--warning match-hints" role="note" aria-labelledby="match-hints-title">
      <h3 id="match-hints-title" className="notice__title">{t('myProfile.hintsTitle')}</h3>
      <p>{none ? t('myProfile.hintsIntroNone') : t('myProfile.hintsIntro')}</p>
      <ul>
        {hints.map((hint) => (
          <li key={hint.kind}>{hintText(hint)}</li>
        ))}
      </ul>
    </div>
  );
}

interface MatchesProps {
  profile: Profile;
  owned: boolean;
  matches: MatchView[] | undefined;
  error?: ApiProblem;
  onChange: () => Promise<void>;
  /** What to say when there is no match, if not the usual "we look again" (a member no network approved yet). */
  emptyNote?: string | undefined;
}

function Matches({ profile, owned, matches, error, onChange, emptyNote }: MatchesProps) {
  const { t } = useLocale();
  if (error && !matches) return <ProblemMessage problem={error} />;
  if (!matches) return <Loading />;
  if (matches.length === 0) {
    return (
      <p role="status" className="empty">
        {profile.status === 'pending' ? t('myProfile.noneYetPending') : (emptyNote ?? t('myProfile.noneYet'))}
      </p>
    );
  }
  return (
    <div className="match-list">
      {matches.map((match) => (
        <MatchCard key={match.matchId} match={match} self={profile} answerable={owned}>
          {owned ? <MatchAnswerButtons profileId={profile.id} match={match} onAnswered={() => void onChange()} reload={onChange} /> : null}
        </MatchCard>
      ))}
    </div>
  );
}

/**
 * The profile, or the form that edits it. Edit, Save and Cancel each take away the button pressed,
 * so focus follows: to the section's heading when the form opens, back to Edit when it closes.
 */
function EditProfile({ profile, onSaved, onMoved }: { profile: Profile; onSaved: () => Promise<void>; onMoved: (email: string) => void }) {
  const { t } = useLocale();
  // Typed work this tab kept (a reload, the back button, a change made elsewhere meanwhile) reopens the form.
  const [editing, setEditing] = useState(() => readDraft(profile.id) !== undefined);
  const [saved, setSaved] = useState(false);
  // A new contact address is asked about first, naming it, as a typo sends its link to nobody (an
  // active profile stays with its address until the new one confirms; one never confirmed moves at once).
  const [moving, setMoving] = useState<ProfileInput>();
  const { busy, problem: moveProblem, run, clear: clearMoveProblem } = useApiAction();
  const heading = useRef<HTMLHeadingElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const moveYes = useRef<HTMLButtonElement>(null);
  const focusNext = useFocusNext();
  const close = () => {
    setEditing(false);
    setMoving(undefined);
    focusNext(editButton);
  };
  const send = async (input: ProfileInput) => {
    try {
      await updateProfile(profile.id, { ...input, version: profile.version });
    } catch (error) {
      // Changed elsewhere since it was read: reading it again carries the typed work onto it (the form's draft).
      if (error instanceof ApiProblem && error.is('/problems/version-conflict')) await onSaved();
      throw error;
    }
    clearDraft(profile.id);
    // Only a profile never confirmed moves at once; an active one waits for the new address (see ContactChangeWaiting).
    if (movesAddress(input) && profile.status !== 'active') return onMoved(input.contact.email.trim().toLowerCase());
    close();
    setSaved(true);
    await onSaved();
  };
  // The form starts from the contact asked for, so saving other edits keeps a change that waits.
  const asked = requestedContact(profile);
  const sameAddress = (input: ProfileInput, email: string) => input.contact.email.trim().toLowerCase() === email.toLowerCase();
  const movesAddress = (input: ProfileInput) => !sameAddress(input, profile.contact.email) && !sameAddress(input, asked.email);
  const save = async (input: ProfileInput) => {
    if (!movesAddress(input)) return send(input);
    setMoving(input);
    clearMoveProblem();
    focusNext(moveYes);
  };
  const move = (input: ProfileInput) => run(() => send(input));
  const movingTo = moving ? { email: moving.contact.email.trim().toLowerCase(), current: profile.contact.email } : undefined;
  return (
    <section aria-labelledby="profile-title" className="section">
      <div className="section__header">
        <h2 id="profile-title" ref={heading} tabIndex={-1}>
          {t('myProfile.yours')}
        </h2>
        {editing ? null : (
          <button
            ref={editButton}
            type="button"
            className="button button--secondary"
            onClick={() => {
              setSaved(false);
              setEditing(true);
              focusNext(heading);
            }}
          >
            {t('myProfile.edit')}
          </button>
        )}
      </div>
      {saved ? <Notice kind="success" title={t('myProfile.savedChanges')} /> : null}
      {editing ? (
        <ProfileForm
          key={profile.version}
          initial={fromProfile({ ...profile, contact: asked })}
          submitLabel={t('myProfile.saveChanges')}
          onSubmit={save}
          draft={{ key: profile.id, version: profile.version }}
          actions={
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                clearDraft(profile.id);
                close();
              }}
            >
              {t('common.cancel')}
            </button>
          }
        />
      ) : null}
      {editing && moving && movingTo ? (
        <div className="notice notice--warning" role="group" aria-label={t('myProfile.moveQuestion', movingTo)}>
          <p className="notice__title">{t('myProfile.moveQuestion', movingTo)}</p>
          <p>{t(profile.status === 'active' ? 'myProfile.moveNoteKept' : 'myProfile.moveNote', { ...movingTo, name: profile.name })}</p>
          {moveProblem ? <ProblemMessage problem={moveProblem} /> : null}
          <p className="match-actions">
            <BusyButton ref={moveYes} type="button" className="button" busy={busy} onClick={() => void move(moving)}>
              {t('myProfile.moveYes', movingTo)}
            </BusyButton>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setMoving(undefined);
                focusNext({ current: document.getElementById(fieldId('contact.email')) });
              }}
            >
              {t('myProfile.moveBack')}
            </button>
          </p>
        </div>
      ) : null}
      {editing ? null : <ProfileSummary profile={profile} />}
    </section>
  );
}

/**
 * A new contact address waiting for its link to be opened: the profile stays with its contact until
 * then, and its owner may cancel the change (a typo) by keeping the current address.
 */
function ContactChangeWaiting({ profile, onCancelled }: { profile: Profile; onCancelled: () => Promise<void> }) {
  const { t, dateTime } = useLocale();
  const { busy, problem, run } = useApiAction({ onGone: onCancelled });
  const values = { name: profile.name, current: profile.contact.email, email: profile.pendingContact?.email ?? '' };
  const lapses = profile.pendingContact ? dateTime(new Date(contactChangeLapsesAt(profile.pendingContact)), { dateStyle: 'long' }) : '';
  const cancel = () =>
    run(async () => {
      // The profile's own fields with its current contact: sending that address again drops the change.
      await updateProfile(profile.id, toProfileUpdate(profile));
      // The notice and its button go with the reload: the reader continues at the profile below
      // (its heading stays on the page, so it can take focus before the notice leaves).
      document.getElementById('profile-title')?.focus();
      await onCancelled();
    });
  return (
    <Notice title={t('myProfile.contactChangeTitle', values)}>
      <p>{t('myProfile.contactChangeNote', values)}</p>
      {/* The change waits on one mailed link; asking again is how a lost or expired one is replaced. */}
      <p>{t('myProfile.contactChangeNoLink', values)}</p>
      <p>{t('myProfile.contactChangeLapses', { ...values, date: lapses })}</p>
      {problem ? <ProblemMessage problem={problem} /> : null}
      <p>
        <BusyButton type="button" className="button button--secondary" busy={busy} onClick={() => void cancel()}>
          {t('myProfile.contactChangeCancel', values)}
        </BusyButton>
      </p>
    </Notice>
  );
}

function Withdraw({ profile, onWithdrawn }: { profile: Profile; onWithdrawn: () => void }) {
  const { t } = useLocale();
  const [confirming, setConfirming] = useState(false);
  const { problem, run } = useApiAction();
  // Asking moves focus to the question's Yes; keeping the profile back to the button that asked.
  const yes = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const focusNext = useFocusNext();
  const withdraw = () =>
    run(async () => {
      await withdrawProfile(profile.id);
      onWithdrawn();
    });
  return (
    <section aria-labelledby="withdraw-title" className="section section--danger">
      <h2 id="withdraw-title">{t('myProfile.withdrawTitle')}</h2>
      <p>{t('myProfile.withdrawNote', { name: profile.name })}</p>
      {problem ? <ProblemMessage problem={problem} /> : null}
      {confirming ? (
        <div className="match-actions" role="group" aria-label={t('myProfile.confirmWithdrawal')}>
          <button ref={yes} type="button" className="button button--danger" onClick={() => void withdraw()}>
            {t('myProfile.yesErase')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setConfirming(false);
              focusNext(ask);
            }}
          >
            {t('myProfile.keep')}
          </button>
        </div>
      ) : (
        <button
          ref={ask}
          type="button"
          className="button button--danger"
          onClick={() => {
            setConfirming(true);
            focusNext(yes);
          }}
        >
          {t('myProfile.withdraw')}
        </button>
      )}
    </section>
  );
}

function Loading() {
  const { t } = useLocale();
  return (
    <p role="status" className="loading">
      {t('common.loading')}
    </p>
  );
}
