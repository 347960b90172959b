import { describe, expect, it } from 'vitest';
import { computeAllMatches } from './engine.js';
import { describeHint, hintsForMatches, isWeakerMatch, profileHints } from './hints.js';
import { matchingProfile } from './test-profiles.js';

describe('hints for better matches', () => {
  const sparse = matchingProfile({ id: 'mtskheta', languages: ['ka'], themes: [{ id: 'cultural-heritage', priority: 'high' }] });

  it('names every field a sparse profile lacks', () => {
    expect(profileHints(sparse).map((h) => h.kind)).toEqual(['add-themes', 'add-description', 'add-working-language', 'add-offers-or-needs', 'add-formats']);
    expect(profileHints(sparse).map(describeHint)).toContain('add English or Russian as a working language');
  });

  it('names nothing for a full profile', () => {
    const full = matchingProfile({
      id: 'full', languages: ['ka', 'en'], themes: [{ id: 'music', priority: 'high' }, { id: 'film', priority: 'low' }],
      description: 'Festival of films', offers: ['venue'], formats: ['festival'],
    });
    expect(profileHints(full)).toEqual([]);
  });

  it('is given only when every live match is weaker', () => {
    const weaker = { reasons: [{ kind: 'weaker-match', cause: 'below-threshold' }], state: 'proposed' };
    const full = { reasons: [{ kind: 'shared-theme' }], state: 'proposed' };
    expect(hintsForMatches(sparse, [weaker]).length).toBeGreaterThan(0);
    expect(hintsForMatches(sparse, [])).toEqual(profileHints(sparse));
    expect(hintsForMatches(sparse, [weaker, full])).toEqual([]);
    expect(isWeakerMatch(weaker.reasons)).toBe(true);
  });

  it('gives a sparse member with one compatible partner weaker matches rather than nothing', () => {
    const partner = matchingProfile({ id: 'mestia', languages: ['ka', 'ru'], themes: [{ id: 'music', priority: 'high' }] });
    const stranger = matchingProfile({ id: 'lyon', languages: ['fr'], themes: [{ id: 'cultural-heritage', priority: 'high' }] });
    const run = computeAllMatches([sparse, partner, stranger]);
    const list = run.proposals.get('mtskheta') ?? [];
    expect(list.map((p) => p.b)).toEqual(['mestia']);
    expect(list[0]?.weaker).toBe(true);
    expect(list[0]?.reasons[0]).toEqual({ kind: 'weaker-match', cause: 'nothing-in-common' });
    expect(list[0]?.summary).toMatch(/^A weaker match/);
    expect(run.proposals.get('lyon')).toEqual([]);
  });

  it('ranks a pair whose windows never meet below pairs that can meet', () => {
    const a = matchingProfile({ id: 'a', availability: { from: '2027-01-01', to: '2027-06-30' }, themes: [{ id: 'crafts', priority: 'high' }] });
    const never = matchingProfile({ id: 'never', availability: { from: '2028-01-01', to: '2028-06-30' }, themes: [{ id: 'crafts', priority: 'high' }], needs: ['venue'] });
    const open = matchingProfile({ id: 'open', themes: [{ id: 'music', priority: 'low' }] });
    const run = computeAllMatches([a, never, open], { threshold: 0 });
    const list = run.proposals.get('a') ?? [];
    expect(list.map((p) => [p.b, p.weaker ?? false])).toEqual([['open', true], ['never', true]]);
    expect(list[1]?.reasons[0]).toEqual({ kind: 'weaker-match', cause: 'windows-never-meet' });
  });
});
