import { useState } from 'react';
import { fetchMe, fetchProfile, fetchProfileMatches } from '../api/endpoints';
import { MatchAnswerButtons } from '../components/MatchAnswerButtons';
import { MatchCard } from '../components/MatchCard';
import { PageHeading } from '../components/PageHeading';
import { Notice, ProblemMessage } from '../components/ProblemMessage';
import { RequireSession } from '../components/RequireSession';
import { useResource } from '../lib/use-resource';
import { href } from '../router';

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
  return (
    <RequireSession purpose={props.answer ? `Sign in to ${props.answer} this match.` : 'Sign in to see this match.'}>
      <MatchDetails {...props} />
    </RequireSession>
  );
}

function MatchDetails({ profileId, partnerId, answer }: MatchPageProps) {
  const [answered, setAnswered] = useState<'accept' | 'decline'>();
  const data = useResource(
    () => Promise.all([fetchProfile(profileId), fetchProfileMatches(profileId), fetchMe()]),
    `${profileId}/${partnerId}`,
  );
  if (data.status === 'loading') return <p role="status">Loading…</p>;
  if (!data.data) return <ProblemMessage problem={data.error} />;

  const [profile, { matches }, me] = data.data;
  const match = matches.find((m) => m.partner.id === partnerId);
  const owner = me.profiles.some((p) => p.id === profileId);
  const back = owner ? href(`/profiles/${encodeURIComponent(profileId)}`) : href('/dashboard');
  if (!match) {
    return (
      <div className="page page--narrow">
        <PageHeading title="This match is no longer proposed" />
        <p className="lead">A profile changed or was withdrawn since the e-mail was sent.</p>
        <p>
          <a href={back}>{owner ? 'See your current matches' : 'Back to the dashboard'}</a>
        </p>
      </div>
    );
  }
  const partner = match.partner.name ?? 'this partner';
  const open = match.state === 'proposed' || match.state === 'accepted';
  const possible = answer === 'accept' ? open && !match.acceptedBy.includes(profileId) : open;
  // Answered already (or no longer answerable): the card says where the match stands.
  const asking = owner && answer && possible && !answered;
  const title = asking ? (answer === 'accept' ? `Accept the match with ${partner}?` : `Decline the match with ${partner}?`) : `${profile.name} and ${partner}`;

  return (
    <div className="page page--narrow">
      <PageHeading title={title} />
      {answered ? (
        <Notice kind="success" title={answered === 'accept' ? `You accepted ${partner}.` : `You declined ${partner}.`}>
          <p>
            {answered === 'accept'
              ? 'Once both sides accepted, each gets the other’s contact.'
              : 'This pair will not be proposed again.'}
          </p>
        </Notice>
      ) : null}
      {asking ? (
        <p className="lead">
          {answer === 'accept'
            ? `When ${partner} accepts too, you both get each other’s contact.`
            : `${partner} will not be proposed to ${profile.name} again.`}
        </p>
      ) : null}
      <MatchCard match={match} self={profile} answerable={owner} headingLevel={2}>
        {owner ? (
          <MatchAnswerButtons
            profileId={profileId}
            match={match}
            offer={asking ? [answer] : undefined}
            confirmDecline={!asking}
            onAnswered={(kind) => {
              setAnswered(kind);
              void data.reload();
            }}
          />
        ) : null}
      </MatchCard>
      <p>
        <a href={back}>{owner ? 'See all your matches' : 'Back to the dashboard'}</a>
      </p>
    </div>
  );
}
