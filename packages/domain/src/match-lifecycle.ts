/**
 * The life of a match, as both sides answer it: proposed → accepted (by one) → confirmed (by both);
 * declined by either (never proposed again); withdrawn when it stops qualifying; expired when it
 * waited too long for an answer (not proposed again for a while, see network-settings.ts).
 */
export const MATCH_STATES = ['proposed', 'accepted', 'confirmed', 'declined', 'withdrawn', 'expired'] as const;
export type MatchState = (typeof MATCH_STATES)[number];

/** States in which a match is still on the table for both sides. */
export const LIVE_STATES: ReadonlySet<MatchState> = new Set(['proposed', 'accepted', 'confirmed']);

/** Whether a match waits for an answer: proposed, or accepted by one side (whoever's answer it waits for). */
export function isOpenMatch(state: MatchState): boolean {
  return state === 'proposed' || state === 'accepted';
}

/** States after which nothing said of an earlier state of the match holds any more: it will not go on. */
export const CLOSED_STATES: ReadonlySet<MatchState> = new Set(['declined', 'withdrawn', 'expired']);

export type Answer = 'accept' | 'decline';

export interface MatchStatus {
  state: MatchState;
  acceptedBy: string[];
}

export type AnswerOutcome =
  | { outcome: 'changed'; next: MatchStatus }
  | { outcome: 'unchanged' }
  | { outcome: 'refused'; reason: string };

/** What an answer by `actor` does to a match; answering the same way twice changes nothing. */
export function answerMatch(current: MatchStatus, actor: string, answer: Answer): AnswerOutcome {
  if (current.state === 'withdrawn') return { outcome: 'refused', reason: 'This match was withdrawn: it no longer qualifies after a profile changed.' };
  if (current.state === 'expired') return { outcome: 'refused', reason: 'This match expired: it waited too long for an answer.' };
  if (current.state === 'declined') {
    return answer === 'decline' ? { outcome: 'unchanged' } : { outcome: 'refused', reason: 'This match was declined and cannot be accepted any more.' };
  }
  if (answer === 'decline') {
    if (current.state === 'confirmed') return { outcome: 'refused', reason: 'Both sides confirmed this partnership; it cannot be declined now.' };
    return { outcome: 'changed', next: { state: 'declined', acceptedBy: [] } };
  }
  if (current.acceptedBy.includes(actor)) return { outcome: 'unchanged' };
  const acceptedBy = [...current.acceptedBy, actor].sort();
  return { outcome: 'changed', next: { state: acceptedBy.length >= 2 ? 'confirmed' : 'accepted', acceptedBy } };
}

/** A partner's contact is revealed to both sides only once both accepted. */
export function revealsContact(state: MatchState): boolean {
  return state === 'confirmed';
}
