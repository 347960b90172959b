import { describe, expect, it } from 'vitest';
import { planMatchChanges } from '../match-plan.js';
import { computeAllMatches, topMatchesFor } from './engine.js';
import { checkHardFilters } from './filters.js';
import { buildMatchingIndex } from './index-structure.js';
import { matchingProfile } from './test-profiles.js';
import { toMatchingProfile } from './types.js';

// Three profiles that would all match each other; two belong to one contact address.
const soroca = matchingProfile({ id: 'soroca', owner: 'owner-ion', offers: ['venue'] });
const sorocaFestival = matchingProfile({ id: 'soroca-festival', owner: 'owner-ion', needs: ['venue'] });
const orhei = matchingProfile({ id: 'orhei', owner: 'owner-ana', needs: ['venue'] });
const all = [soroca, sorocaFestival, orhei];

describe('no self-matches: profiles of one contact address are never proposed to each other', () => {
  it('is a hard filter', () => {
    expect(checkHardFilters(soroca, sorocaFestival)).toEqual({ ok: false, failed: 'same-owner' });
    expect(checkHardFilters(soroca, orhei)).toEqual({ ok: true });
    // Without owners (views written before owners existed) the pair is judged as before.
    expect(checkHardFilters({ ...soroca, owner: undefined }, { ...sorocaFestival, owner: undefined })).toEqual({ ok: true });
  });

  it('holds for one profile\'s query, the whole-network run and the plan of changes', () => {
    const index = buildMatchingIndex(all, { threshold: 0 });
    expect(topMatchesFor(index, 'soroca').map((p) => p.b)).toEqual(['orhei']);
    expect(topMatchesFor(index, 'soroca-festival').map((p) => p.b)).toEqual(['orhei']);
    const run = computeAllMatches(all, { threshold: 0 });
    for (const [id, list] of run.proposals) {
      for (const p of list) expect(checkHardFilters(all.find((x) => x.id === id)!, all.find((x) => x.id === p.b)!).ok).toBe(true);
    }
    expect(run.proposals.get('soroca')?.map((p) => p.b)).toEqual(['orhei']);
    const plan = planMatchChanges('soroca', all, [], { threshold: 0 });
    expect(plan.map((c) => c.partner)).toEqual(['orhei']);
  });

  it('withdraws a live match once both sides turn out to have one owner', () => {
    const existing = [{ partner: 'soroca-festival', state: 'proposed' as const, version: 1, score: 0.5, summary: 's' }];
    const plan = planMatchChanges('soroca', all, existing, { threshold: 0 });
    expect(plan).toContainEqual({ kind: 'withdraw', partner: 'soroca-festival', expectedVersion: 1 });
  });

  it('keeps the owner when trimming a profile to its matching view', () => {
    expect(toMatchingProfile({ ...soroca, contact: { email: 'x' } } as typeof soroca).owner).toBe('owner-ion');
  });
});
