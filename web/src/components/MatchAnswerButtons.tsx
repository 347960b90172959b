import { useRef, useState } from 'react';
import { isOpenMatch } from '@culturebridge/domain';
import { answerMatch } from '../api/endpoints';
import type { MatchView } from '../api/types';
import { BusyButton } from './BusyButton';
import { matchStateId } from './MatchCard';
import { ProblemMessage } from './ProblemMessage';
import { useLocale } from '../i18n/use-locale';
import { useApiAction } from '../lib/use-api-action';
import { useFocusNext } from '../lib/use-focus-next';

interface MatchAnswerButtonsProps {
  profileId: string;
  match: MatchView;
  /** Only these answers are offered (a mail link asks about one). */
  offer?: readonly ('accept' | 'decline')[];
  onAnswered: (answer: 'accept' | 'decline') => void;
  /** Declining is for good, so it asks once more, unless the page itself is that question. */
  confirmDecline?: boolean;
  /**
   * Reads the match again: when the answer found the match or profile gone (404), to say so; when it
   * found the match changed meanwhile (409, the partner declined), to show its state beside the refusal.
   */
  reload?: () => unknown;
}

/**
 * The answers that fit the match's state; each is an explicit click, never an effect of opening a link.
 * The button pressed goes away once answered: focus moves to the card's state line, which then says
 * where the match stands (a live region), so a keyboard or screen-reader user stays on the card.
 * Asking "decline for good?" moves focus to the question's Yes, and keeping the match back to Decline.
 */
export function MatchAnswerButtons({ profileId, match, offer = ['accept', 'decline'], onAnswered, confirmDecline = true, reload }: MatchAnswerButtonsProps) {
  const { t } = useLocale();
  const [confirming, setConfirming] = useState(false);
  const { busy, problem, run } = useApiAction({ onGone: reload, onConflict: reload });
  const yes = useRef<HTMLButtonElement>(null);
  const decline = useRef<HTMLButtonElement>(null);
  const focusNext = useFocusNext();
  const open = isOpenMatch(match.state);
  const canAccept = open && !match.acceptedBy.includes(profileId) && offer.includes('accept');
  const canDecline = open && offer.includes('decline');
  // A refused answer stays said once the reload took the buttons away.
  if (!canAccept && !canDecline) return problem ? <ProblemMessage problem={problem} /> : null;
  const partner = match.partner.name ?? t('match.thisPartner');

  const answer = async (kind: 'accept' | 'decline') => {
    // Focus follows the answer only if the member is still where they pressed: one who moved on
    // while it was sent (to Edit profile, another card) keeps their place.
    const pressed = document.activeElement;
    await run(async () => {
      await answerMatch(profileId, match.partner.id, kind);
      if (document.activeElement === pressed || document.activeElement === document.body) document.getElementById(matchStateId(match.matchId))?.focus();
      onAnswered(kind);
    });
  };

  if (confirming) {
    return (
      <div className="match-actions match-actions--confirm" role="group" aria-label={t('match.declineQuestion', { partner })}>
        <p>{t('match.declineForGood', { partner })}</p>
        {problem ? <ProblemMessage problem={problem} /> : null}
        <BusyButton ref={yes} type="button" className="button button--danger" busy={busy} onClick={() => void answer('decline')}>
          {t('match.yesDecline')}<span className="visually-hidden"> {partner}</span>
        </BusyButton>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setConfirming(false);
            focusNext(decline);
          }}
        >
          {t('match.keep')}
        </button>
      </div>
    );
  }

  return (
    <div className="match-actions">
      {problem ? <ProblemMessage problem={problem} /> : null}
      {canAccept ? (
        <BusyButton type="button" className="button" busy={busy} onClick={() => void answer('accept')}>
          {t('match.accept')}<span className="visually-hidden"> {t('match.withPartner', { partner })}</span>
        </BusyButton>
      ) : null}
      {canDecline ? (
        <BusyButton
          ref={decline}
          type="button"
          className="button button--secondary"
          busy={busy}
          onClick={() => {
            if (!confirmDecline) return void answer('decline');
            setConfirming(true);
            focusNext(yes);
          }}
        >
          {t('match.decline')}<span className="visually-hidden"> {t('match.withPartner', { partner })}</span>
        </BusyButton>
      ) : null}
    </div>
  );
}
