import { useState } from 'react';
import { isOpenMatch } from '@culturebridge/domain';
import { fetchMe, fetchProfile, fetchProfileMatches } from '../api/endpoints';
import { MatchAnswerButtons } from '../components/MatchAnswerButtons';
import { MatchCard } from '../components/MatchCard';
import { PageHeading } from '../components/PageHeading';
import { Notice, ProblemMessage } from '../components/ProblemMessage';
import { RequireSession } from '../components/RequireSession';
import { isGone, useResource } from '../lib/use-resource';
import { ProfileGone } from '../components/ProfileGone';
import { href } from '../router';
import { useLocale } from '../i18n/use-locale';

interface MatchPageProps {
  profileId: string;
  partnerId: string;
  /** Set when the visitor came through an accept or decline link of a mail. */
  answer?: 'accept' | 'decline';
}

/**
 * One match, from a mail's link. An accept or decline link only opens this page and asks: mail
 * scanners follow links, and must never answer for the member.
 */
export function MatchPage(props: MatchPageProps) {
  const { t } = useLocale();
  return (
    <RequireSession purpose={props.answer === 'accept' ? t('matchPage.signInAccept') : props.answer === 'decline' ? t('matchPage.signInDecline') : t('matchPage.signInSee')}>
      <MatchDetails {...props} />
    </RequireSession>
  );
}

function MatchDetails({ profileId, partnerId, answer }: MatchPageProps) {
  const { t } = useLocale();
  const [answered, setAnswered] = useState<'accept' | 'decline'>();
  const data = useResource(
    () => Promise.all([fetchProfile(profileId), fetchProfileMatches(profileId), fetchMe()]),
    `${profileId}/${partnerId}`,
  );
  if (data.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (isGone(data.error)) return <ProfileGone profileId={profileId} />;
  if (!data.data) return <ProblemMessage problem={data.error} />;

  const [profile, { matches }, me] = data.data;
  const match = matches.find((m) => m.partner.id === partnerId);
  const owner = me.profiles.some((p) => p.id === profileId);
  const back = owner ? href(`/profiles/${encodeURIComponent(profileId)}`) : href('/dashboard');
  if (!match) {
    return (
      <div className="page page--narrow">
        <PageHeading title={t('matchPage.gone')} />
        <p className="lead">{t('matchPage.goneLead')}</p>
        <p>
          <a href={back}>{owner ? t('matchPage.currentMatches') : t('common.backToDashboard')}</a>
        </p>
      </div>
    );
  }
  const partner = match.partner.name ?? t('match.thisPartner');
  const open = isOpenMatch(match.state);
  const possible = answer === 'accept' ? open && !match.acceptedBy.includes(profileId) : open;
  // Answered already (or no longer answerable): the card says where the match stands.
  const asking = owner && answer && possible && !answered;
  const title = asking ? (answer === 'accept' ? t('matchPage.acceptQuestion', { partner }) : t('matchPage.declineQuestion', { partner })) : t('matchPage.pair', { a: profile.name, b: partner });

  return (
    <div className="page page--narrow">
      <PageHeading title={title} />
      {answered ? (
        <Notice kind="success" title={answered === 'accept' ? t('matchPage.accepted', { partner }) : t('matchPage.declined', { partner })}>
          <p>{answered === 'accept' ? t('matchPage.acceptedNote') : t('matchPage.declinedNote')}</p>
        </Notice>
      ) : null}
      {asking ? (
        <p className="lead">
          {answer === 'accept' ? t('matchPage.acceptLead', { partner }) : t('matchPage.declineLead', { partner, name: profile.name })}
        </p>
      ) : null}
      <MatchCard match={match} self={profile} answerable={owner} headingLevel={2}>
        {owner ? (
          <MatchAnswerButtons
            profileId={profileId}
            match={match}
            offer={asking ? [answer] : undefined}
            confirmDecline={!asking}
            reload={data.reload}
            onAnswered={(kind) => {
              setAnswered(kind);
              void data.reload();
            }}
          />
        ) : null}
      </MatchCard>
      <p>
        <a href={back}>{owner ? t('matchPage.allMatches') : t('common.backToDashboard')}</a>
      </p>
    </div>
  );
}
