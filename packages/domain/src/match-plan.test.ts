import { describe, expect, it } from 'vitest';
import { planMatchChanges, type ExistingMatch } from './match-plan.js';
import type { MatchingProfile } from './matching/index.js';

function profile(id: string, overrides: Partial<MatchingProfile> = {}): MatchingProfile {
  return {
    id,
    name: id,
    status: 'active',
    networks: ['eu4culture'],
    country: 'GE',
    themes: [{ id: 'climate-environment', priority: 'high' }],
    formats: ['festival'],
    offers: ['venue'],
    needs: ['expertise'],
    languages: ['en'],
    fundingInstruments: [],
    openToOutsideNetwork: false,
    ...overrides,
  };
}

const kutaisi = profile('a-kutaisi');
const gyumri = profile('b-gyumri', { country: 'AM', offers: ['expertise'], needs: ['venue'] });
const cahul = profile('c-cahul', { country: 'MD', languages: ['ro'] });

describe('planning match changes after a profile changed', () => {
  it('proposes new qualifying partners and nothing for a pair without a shared language', () => {
    const changes = planMatchChanges('a-kutaisi', [kutaisi, gyumri, cahul], []);
    expect(changes.map((c) => [c.kind, c.partner])).toEqual([['propose', 'b-gyumri']]);
  });

  it('leaves an unchanged match untouched, so a redelivered event writes nothing', () => {
    const [first] = planMatchChanges('a-kutaisi', [kutaisi, gyumri], []);
    if (first?.kind !== 'propose') throw new Error('expected a proposal');
    const existing: ExistingMatch[] = [{ partner: 'b-gyumri', state: 'proposed', version: 1, score: first.proposal.score, summary: first.proposal.summary }];
    expect(planMatchChanges('a-kutaisi', [kutaisi, gyumri], existing)).toEqual([]);
  });

  it('keeps a match whose partner no longer shares a theme as a weaker match, rescored', () => {
    const noLongerShared = profile('b-gyumri', { themes: [{ id: 'music', priority: 'low' }] });
    const proposed: ExistingMatch[] = [{ partner: 'b-gyumri', state: 'proposed', version: 3, score: 0.6, summary: 's' }];
    const [change] = planMatchChanges('a-kutaisi', [kutaisi, noLongerShared], proposed);
    expect(change?.kind).toBe('rescore');
    expect(change?.kind === 'rescore' && change.proposal.weaker).toBe(true);
  });

  it('withdraws a proposed match that no longer qualifies, but never a confirmed one', () => {
    const noLongerShared = profile('b-gyumri', { languages: ['hy'] });
    const proposed: ExistingMatch[] = [{ partner: 'b-gyumri', state: 'proposed', version: 3, score: 0.6, summary: 's' }];
    expect(planMatchChanges('a-kutaisi', [kutaisi, noLongerShared], proposed)).toEqual([{ kind: 'withdraw', partner: 'b-gyumri', expectedVersion: 3 }]);
    const confirmed: ExistingMatch[] = [{ partner: 'b-gyumri', state: 'confirmed', version: 3, score: 0.6, summary: 's' }];
    expect(planMatchChanges('a-kutaisi', [kutaisi, noLongerShared], confirmed)).toEqual([]);
  });

  it('never proposes a declined pair again, and re-proposes a withdrawn one that qualifies again', () => {
    const declined: ExistingMatch[] = [{ partner: 'b-gyumri', state: 'declined', version: 2, score: 0.6, summary: 's' }];
    expect(planMatchChanges('a-kutaisi', [kutaisi, gyumri], declined)).toEqual([]);
    const withdrawn: ExistingMatch[] = [{ partner: 'b-gyumri', state: 'withdrawn', version: 4, score: 0.6, summary: 's' }];
    expect(planMatchChanges('a-kutaisi', [kutaisi, gyumri], withdrawn).map((c) => [c.kind, c.partner, c.kind === 'propose' ? c.expectedVersion : 0])).toEqual([['propose', 'b-gyumri', 4]]);
  });

  it('keeps a weaker match that one side accepted when full matches push it out of the list; an unanswered one gives way', () => {
    // Poti shares nothing with Kutaisi: only a weaker match, made while Kutaisi had no full one.
    const poti = profile('e-poti', { themes: [{ id: 'music', priority: 'low' }], offers: [], needs: [], formats: [] });
    const config = { minimumProposals: 1 };
    const accepted: ExistingMatch[] = [{ partner: 'e-poti', state: 'accepted', version: 2, score: 0.3, summary: 's' }];
    const kept = planMatchChanges('a-kutaisi', [kutaisi, gyumri, poti], accepted, config);
    expect(kept.filter((c) => c.partner === 'e-poti').map((c) => c.kind)).toEqual(['rescore']);
    const rescored = kept.find((c) => c.partner === 'e-poti');
    expect(rescored?.kind === 'rescore' && rescored.state).toBe('accepted');
    expect(rescored?.kind === 'rescore' && rescored.proposal.weaker).toBe(true);
    const proposed: ExistingMatch[] = [{ partner: 'e-poti', state: 'proposed', version: 2, score: 0.3, summary: 's' }];
    expect(planMatchChanges('a-kutaisi', [kutaisi, gyumri, poti], proposed, config).filter((c) => c.partner === 'e-poti')).toEqual([{ kind: 'withdraw', partner: 'e-poti', expectedVersion: 2 }]);
  });

  it('withdraws answerable matches when the profile itself is no longer active', () => {
    const existing: ExistingMatch[] = [{ partner: 'b-gyumri', state: 'accepted', version: 2, score: 0.6, summary: 's' }];
    expect(planMatchChanges('a-kutaisi', [{ ...kutaisi, status: 'pending' }, gyumri], existing)).toEqual([{ kind: 'withdraw', partner: 'b-gyumri', expectedVersion: 2 }]);
  });

  it('proposes the next best partner instead of one at its exposure cap, and keeps a live match with a capped partner', () => {
    const poti = profile('d-poti', { country: 'GE', offers: ['expertise'], needs: ['venue'] });
    const withoutCap = planMatchChanges('a-kutaisi', [kutaisi, gyumri, poti], [], { topK: 1 });
    expect(withoutCap.map((c) => c.partner)).toEqual(['b-gyumri']);
    const capped = planMatchChanges('a-kutaisi', [kutaisi, gyumri, poti], [], { topK: 1 }, new Set(['b-gyumri']));
    expect(capped.map((c) => c.partner)).toEqual(['d-poti']);
    const live: ExistingMatch[] = [{ partner: 'b-gyumri', state: 'proposed', version: 1, score: 0.5, summary: 'old' }];
    expect(planMatchChanges('a-kutaisi', [kutaisi, gyumri], live, {}, new Set(['b-gyumri'])).map((c) => c.kind)).toEqual(['rescore']);
  });
});
