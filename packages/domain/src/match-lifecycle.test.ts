import { describe, expect, it } from 'vitest';
import { answerMatch, revealsContact } from './match-lifecycle.js';

describe('match lifecycle', () => {
  it('moves proposed → accepted by one → confirmed by both', () => {
    const first = answerMatch({ state: 'proposed', acceptedBy: [] }, 'b', 'accept');
    expect(first).toEqual({ outcome: 'changed', next: { state: 'accepted', acceptedBy: ['b'] } });
    const second = answerMatch({ state: 'accepted', acceptedBy: ['b'] }, 'a', 'accept');
    expect(second).toEqual({ outcome: 'changed', next: { state: 'confirmed', acceptedBy: ['a', 'b'] } });
  });

  it('treats a repeated answer as no change', () => {
    expect(answerMatch({ state: 'accepted', acceptedBy: ['a'] }, 'a', 'accept')).toEqual({ outcome: 'unchanged' });
    expect(answerMatch({ state: 'declined', acceptedBy: [] }, 'a', 'decline')).toEqual({ outcome: 'unchanged' });
  });

  it('lets either side decline until both confirmed, and never revives a declined or withdrawn match', () => {
    expect(answerMatch({ state: 'accepted', acceptedBy: ['a'] }, 'b', 'decline')).toEqual({ outcome: 'changed', next: { state: 'declined', acceptedBy: [] } });
    expect(answerMatch({ state: 'confirmed', acceptedBy: ['a', 'b'] }, 'b', 'decline').outcome).toBe('refused');
    expect(answerMatch({ state: 'declined', acceptedBy: [] }, 'a', 'accept').outcome).toBe('refused');
    expect(answerMatch({ state: 'withdrawn', acceptedBy: [] }, 'a', 'accept').outcome).toBe('refused');
  });

  it('reveals contacts only once confirmed', () => {
    expect(revealsContact('accepted')).toBe(false);
    expect(revealsContact('confirmed')).toBe(true);
  });
});
