import { useRef, useState } from 'react';
import { isOpenMatch, scoreOutOf100 } from '@culturebridge/domain';
import { answerJoinRequest, fetchProfile, fetchProfileMatches } from '../api/endpoints';
import { PageHeading } from '../components/PageHeading';
import { ProblemMessage } from '../components/ProblemMessage';
import { ProfileSummary } from '../components/ProfileSummary';
import { RequireCoordinator } from '../components/RequireCoordinator';
import { ScrollArea } from '../components/ScrollArea';
import { useLocale } from '../i18n/use-locale';
import { networkLabel } from '../lib/networks';
import { useApiAction } from '../lib/use-api-action';
import { useFocusNext } from '../lib/use-focus-next';
import { isGone, MATCHING_POLL_MS, usePolling, useResource } from '../lib/use-resource';
import { href, memberPath } from '../router';
import { BusyButton } from '../components/BusyButton';

export function MemberPage({ networkId, profileId }: { networkId: string; profileId: string }) {
  const { t } = useLocale();
  return (
    <RequireCoordinator purpose={t('member.signIn')}>
      <Member networkId={networkId} profileId={profileId} />
    </RequireCoordinator>
  );
}

/**
 * One member as its network's coordinator sees it: the profile with its contact (coordinators may
 * reach their members; see docs/decisions.md), and its matches within the network with their
 * states, each partner linked to its own page. Partners' contacts are never shown here.
 */
function Member({ networkId, profileId }: { networkId: string; profileId: string }) {
  const { t, number, date } = useLocale();
  const data = useResource(async () => {
    const [profile, matches] = await Promise.all([fetchProfile(profileId), fetchProfileMatches(profileId)]);
    return { profile, matches: matches.matches };
  }, `${networkId}/${profileId}`);
  // Matching answers a membership change after its own answer (proposals withdrawn when taken out,
  // computed when approved again): the page looks again for a while after each change.
  const [changes, setChanges] = useState(0);
  usePolling(data.reload, changes > 0 ? MATCHING_POLL_MS : undefined, undefined, changes);
  const back = (
    <p>
      <a href={href(`/dashboard/${encodeURIComponent(networkId)}`)}>{t('member.back', { network: networkLabel(networkId) })}</a>
    </p>
  );
  if (data.status === 'loading') return <p role="status">{t('member.loading')}</p>;
  // Withdrawn meanwhile, or out of the networks this coordinator sees: nothing of it is shown any more.
  if (isGone(data.error))
    return (
      <div className="page page--narrow">
        {back}
        <PageHeading title={t('member.goneTitle')} />
        <p className="lead">{t('member.goneLead')}</p>
      </div>
    );
  if (!data.data)
    return (
      <div className="page">
        {back}
        <ProblemMessage problem={data.error} />
      </div>
    );
  const { profile, matches } = data.data;
  const confirmed = matches.filter((m) => m.state === 'confirmed').length;
  const waiting = matches.filter((m) => isOpenMatch(m.state) && !m.acceptedBy.includes(profile.id)).length;
  return (
    <div className="page">
      {back}
      <PageHeading title={profile.name} />
      <p className="lead">
        <span className={`badge badge--${profile.status}`}>{t(`profileStatus.${profile.status}`)}</span> {t('member.lead', { confirmed: number(confirmed), waiting: number(waiting) })}
      </p>
      <section className="section" aria-labelledby="member-contact">
        <h2 id="member-contact">{t('member.contact')}</h2>
        <p className="member-contact">
          {profile.contact.name}, <a href={`mailto:${profile.contact.email}`}>{profile.contact.email}</a>
        </p>
      </section>
      <section className="section" aria-labelledby="member-matches">
        <h2 id="member-matches">{t('member.matches')}</h2>
        {matches.length === 0 ? (
          <p className="empty">{t('member.noMatch')}</p>
        ) : (
          <ScrollArea label={t('member.matchesLabel')}>
            <table className="data-table data-table--cards member-matches">
              <caption className="visually-hidden">{t('member.caption', { name: profile.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('member.partner')}</th>
                  <th scope="col">{t('table.state')}</th>
                  <th scope="col" className="numeric">
                    {t('table.score')}
                  </th>
                  <th scope="col">{t('table.proposed')}</th>
                  <th scope="col">{t('table.why')}</th>
                </tr>
              </thead>
              <tbody>
                {matches.map((m) => (
                  <tr key={m.matchId} data-partner={m.partner.name}>
                    <th scope="row">
                      <a href={href(memberPath(networkId, m.partner.id))}>{m.partner.name ?? t('member.withdrawnMember')}</a>
                    </th>
                    <td data-label={t('table.state')} className="breakable">
                      <span className={`badge badge--${m.state}`}>{t(`matchState.${m.state}`)}</span>
                      {m.state === 'accepted' ? <span className="muted"> ({m.acceptedBy.includes(profile.id) ? t('member.waitingForPartner', { name: m.partner.name ?? t('member.thePartner') }) : t('member.waitingForMember')})</span> : null}
                    </td>
                    <td data-label={t('table.score')} className="numeric">
                      {scoreOutOf100(m.score, number)}
                    </td>
                    <td data-label={t('table.proposed')}>
                      <time dateTime={m.proposedAt}>{date(m.proposedAt)}</time>
                    </td>
                    <td data-label={t('table.why')} className="summary-cell breakable">
                      {m.summary}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        )}
      </section>
      <section className="section" aria-labelledby="member-profile">
        <h2 id="member-profile">{t('member.profile')}</h2>
        <ProfileSummary profile={profile} />
      </section>
      {profile.memberships?.[networkId] === 'approved' || profile.memberships?.[networkId] === 'rejected' ? (
        <Membership
          networkId={networkId}
          profileId={profile.id}
          name={profile.name}
          removed={profile.memberships[networkId] === 'rejected'}
          onChanged={() => {
            setChanges((n) => n + 1);
            void data.reload();
          }}
        />
      ) : null}
    </div>
  );
}

/**
 * Taking a member out of the network (its membership revoked: its matches there are withdrawn, the
 * profile stays), asked once more before it happens, and undone from the same place.
 */
function Membership({ networkId, profileId, name, removed, onChanged }: { networkId: string; profileId: string; name: string; removed: boolean; onChanged: () => void }) {
  const { t } = useLocale();
  const network = networkLabel(networkId);
  // A member taken out earlier (the page reloaded, or opened again) can be approved again here too.
  const [step, setStep] = useState<'member' | 'confirm' | 'removed'>(removed ? 'removed' : 'member');
  // The member gone (withdrawn meanwhile): the page reads it again and says so.
  const { busy, problem, run } = useApiAction({ onGone: onChanged });
  // Each step replaces the button pressed: focus goes to the one that takes its place.
  const remove = useRef<HTMLButtonElement>(null);
  const removeYes = useRef<HTMLButtonElement>(null);
  const approveAgain = useRef<HTMLButtonElement>(null);
  const focusNext = useFocusNext();
  const goTo = (next: typeof step) => {
    setStep(next);
    focusNext(next === 'member' ? remove : next === 'confirm' ? removeYes : approveAgain);
  };
  const answer = (kind: 'approve' | 'reject') =>
    run(async () => {
      await answerJoinRequest(networkId, profileId, kind);
      goTo(kind === 'reject' ? 'removed' : 'member');
      onChanged();
    });
  return (
    <section className="section" aria-labelledby="member-membership">
      <h2 id="member-membership">{t('member.membership')}</h2>
      {step === 'member' ? (
        <p>
          <button ref={remove} type="button" className="button button--secondary" onClick={() => goTo('confirm')}>
            {t('member.remove', { network })}
          </button>
        </p>
      ) : null}
      {step === 'confirm' ? (
        <div className="notice" role="alert">
          <p>{t('member.removeConfirm', { name, network })}</p>
          <p className="toolbar">
            <BusyButton ref={removeYes} type="button" className="button button--danger" busy={busy} onClick={() => void answer('reject')}>
              {t('member.removeYes', { name })}
            </BusyButton>
            <BusyButton type="button" className="button button--secondary" busy={busy} onClick={() => goTo('member')}>
              {t('member.removeNo')}
            </BusyButton>
          </p>
        </div>
      ) : null}
      {step === 'removed' ? (
        <div className="notice notice--success" role="status">
          <p>{t('member.removed', { name, network })}</p>
          <p>
            <BusyButton ref={approveAgain} type="button" className="button button--secondary" busy={busy} onClick={() => void answer('approve')}>
              {t('member.approveAgain', { name })}
            </BusyButton>
          </p>
        </div>
      ) : null}
      {problem ? <ProblemMessage problem={problem} /> : null}
    </section>
  );
}
