import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { parsePairKey, scoreOutOf100, type Profile } from '@culturebridge/domain';
import type { MatchView } from '../api/types';
import { useLocale } from '../i18n/use-locale';
import { networkShortLabel } from '../lib/networks';
import { MemberText } from './MemberText';

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
function matchStatusText(t: TFunction, match: MatchView, self: { id: string }, answerable: boolean): string {
  const partner = match.partner.name ?? t('match.thePartner');
  const selfAccepted = match.acceptedBy.includes(self.id);
  const partnerAccepted = match.acceptedBy.includes(match.partner.id);
  switch (match.state) {
    case 'confirmed':
      return answerable ? t('match.status.bothAcceptedYou', { partner }) : t('match.status.bothAccepted');
    case 'declined':
      return t('match.status.declined');
    case 'withdrawn':
      return t('match.status.withdrawn');
    case 'expired':
      return t('match.status.expired');
    default:
      if (!answerable) return selfAccepted || partnerAccepted ? t('match.status.oneAccepted') : t('match.status.waitingBoth');
      if (selfAccepted) return t('match.status.youAccepted', { partner });
      if (partnerAccepted) return t('match.status.partnerAccepted', { partner });
      return t('match.status.waitingYou');
  }
}

/** The id of a match card's state line, which takes focus once the member answered (MatchAnswerButtons). */
export const matchStateId = (matchId: string) => `match-state-${matchId}`;

export function MatchCard({ match, self, answerable, headingLevel = 3, children }: MatchCardProps) {
  const { t, d, country, number, reasons } = useLocale();
  const { partner } = match;
  const partnerName = partner.name ?? t('match.thePartner');
  // The order a shared-theme reason's priorities follow: the pair's ids, lower first (its key).
  const pair = parsePairKey(match.matchId) ?? ([self.id, partner.id].sort() as [string, string]);
  const lines = reasons(match.reasons, {
    pair,
    names: new Map([
      [self.id, self.name],
      [partner.id, partnerName],
    ]),
    selfId: answerable ? self.id : undefined,
    networkName: networkShortLabel,
  });
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const place = [partner.region, partner.country && country(partner.country)].filter(Boolean).join(', ');
  return (
    <article className={`match-card match-card--${match.state}${match.weaker ? ' match-card--weaker' : ''}`} aria-labelledby={`match-${match.matchId}`}>
      <header className="match-card__header">
        <Heading id={`match-${match.matchId}`} className="match-card__title">
          {partner.name ? <MemberText text={partner.name} /> : t('match.withdrawnPartner')}
        </Heading>
        <p className="match-card__meta">{[partner.kind && d(`kind.${partner.kind}`), place].filter(Boolean).join(' · ')}</p>
        <p className="match-card__score">
          {t('table.score')}: {scoreOutOf100(match.score, number)}
        </p>
      </header>
      {/* Focused after an answer, and a live region: its new words are read out when the match reloads. */}
      <p className="match-card__state" id={matchStateId(match.matchId)} tabIndex={-1} aria-live="polite">
        <span className={`badge badge--${match.state}`}>{t(`matchState.${match.state}`)}</span> {matchStatusText(t, match, self, answerable)}
      </p>
      {match.weaker ? (
        <p className="match-card__weaker">
          <span className="badge badge--weaker">{t('match.weaker')}</span> {t('match.weakerNote')}
        </p>
      ) : null}
      {match.partnerContact ? (
        <p className="match-card__contact">
          {t('match.contact')} <MemberText text={match.partnerContact.name} />, <a href={`mailto:${match.partnerContact.email}`}>{match.partnerContact.email}</a>
        </p>
      ) : null}
      <details className="match-card__reasons" open>
        <summary>{t('match.why', { partner: partnerName })}</summary>
        <ul>
          {lines.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      </details>
      {partner.themes?.length ? (
        <p className="match-card__themes">
          <span className="visually-hidden">{t('match.themesOf', { partner: partnerName })} </span>
          {partner.themes.map((th) => (
            <span key={th.id} className={`tag tag--${th.priority}`}>
              {d(`theme.${th.id}`)} <span className="tag__priority">({d(`priorityWord.${th.priority}`)})</span>
            </span>
          ))}
        </p>
      ) : null}
      {children}
    </article>
  );
}
