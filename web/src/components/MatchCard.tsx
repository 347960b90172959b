import type { ReactNode } from 'react';
import type { Profile } from '@culturebridge/domain';
import type { MatchView } from '../api/types';
import { countryName, KIND_LABELS, STATE_LABELS, themeLabel } from '../lib/labels';
import { describeReason, type ReasonContext } from '../lib/reasons';

interface MatchCardProps {
  match: MatchView;
  /** The profile whose match this is; its owner reads "you". */
  self: Pick<Profile, 'id' | 'name' | 'themes'>;
  /** True when the viewer owns `self` and may answer. */
  answerable: boolean;
  headingLevel?: 2 | 3;
  /** Answer buttons or a confirmation, placed under the reasons. */
  children?: ReactNode;
}

/** What the viewer should know about where the match stands, in words. */
function matchStatusText(match: MatchView, self: { id: string }, answerable: boolean): string {
  const partner = match.partner.name ?? 'The partner';
  const selfAccepted = match.acceptedBy.includes(self.id);
  const partnerAccepted = match.acceptedBy.includes(match.partner.id);
  switch (match.state) {
    case 'confirmed':
      return answerable ? `You and ${partner} both accepted.` : 'Both sides accepted.';
    case 'declined':
      return 'Declined: this pair will not be proposed again.';
    case 'withdrawn':
      return 'Withdrawn: after a profile changed, this pair no longer qualifies.';
    case 'expired':
      return 'Expired: it waited too long for an answer. Other partners will be proposed.';
    default:
      if (!answerable) return selfAccepted || partnerAccepted ? 'One side accepted; waiting for the other.' : 'Waiting for both sides to answer.';
      if (selfAccepted) return `You accepted. Waiting for ${partner} to answer.`;
      if (partnerAccepted) return `${partner} accepted. What is your answer?`;
      return 'Waiting for your answer.';
  }
}

export function MatchCard({ match, self, answerable, headingLevel = 3, children }: MatchCardProps) {
  const { partner } = match;
  const context: ReasonContext = {
    names: new Map([
      [self.id, self.name],
      [partner.id, partner.name ?? 'The partner'],
    ]),
    themes: new Map([
      [self.id, self.themes],
      [partner.id, partner.themes ?? []],
    ]),
    selfId: answerable ? self.id : undefined,
  };
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const place = [partner.region, partner.country && countryName(partner.country)].filter(Boolean).join(', ');
  return (
    <article className={`match-card match-card--${match.state}${match.weaker ? ' match-card--weaker' : ''}`} aria-labelledby={`match-${match.matchId}`}>
      <header className="match-card__header">
        <Heading id={`match-${match.matchId}`} className="match-card__title">
          {partner.name ?? 'A partner who withdrew'}
        </Heading>
        <p className="match-card__meta">
          {[partner.kind && KIND_LABELS[partner.kind], place].filter(Boolean).join(' · ')}
        </p>
        <p className="match-card__score">
          Score <strong>{Math.round(match.score * 100)}</strong>/100
        </p>
      </header>
      <p className="match-card__state">
        <span className={`badge badge--${match.state}`}>{STATE_LABELS[match.state]}</span> {matchStatusText(match, self, answerable)}
      </p>
      {match.weaker ? (
        <p className="match-card__weaker">
          <span className="badge badge--weaker">Weaker match</span> Proposed so that you have partners to consider; it does not meet all of the network's criteria.
        </p>
      ) : null}
      {match.partnerContact ? (
        <p className="match-card__contact">
          Contact: {match.partnerContact.name}, <a href={`mailto:${match.partnerContact.email}`}>{match.partnerContact.email}</a>
        </p>
      ) : null}
      <p className="match-card__summary">{match.summary}</p>
      <details className="match-card__reasons" open>
        <summary>Why we propose {partner.name ?? 'this partner'}</summary>
        <ul>
          {match.reasons.map((reason, index) => (
            <li key={index}>{describeReason(reason, context)}</li>
          ))}
        </ul>
      </details>
      {partner.themes?.length ? (
        <p className="match-card__themes">
          <span className="visually-hidden">Themes of {partner.name}: </span>
          {partner.themes.map((t) => (
            <span key={t.id} className={`tag tag--${t.priority}`}>
              {themeLabel(t.id)} <span className="tag__priority">({t.priority})</span>
            </span>
          ))}
        </p>
      ) : null}
      {children}
    </article>
  );
}
