import { describe, expect, it } from 'vitest';
import { checkHardFilters } from './filters.js';
import { buildMatchingIndex } from './index-structure.js';
import { computeAllMatches, topMatchesFor } from './engine.js';
import { coverage } from './fairness.js';
import { pairKey } from './pair-key.js';
import { scorePair } from './score.js';
import { matchingProfile } from './test-profiles.js';
import type { MatchingProfile } from './types.js';

const partnersOf = (list: readonly { b: string }[] | undefined) => (list ?? []).map((p) => p.b);

describe('matching scenarios', () => {
  const kutaisi = matchingProfile({
    id: 'kutaisi', name: 'Kutaisi', country: 'GE', languages: ['ka', 'en'], offers: ['venue'],
    themes: [{ id: 'climate-environment', priority: 'high' }, { id: 'youth', priority: 'low' }],
  });
  const gyumri = matchingProfile({
    id: 'gyumri', name: 'Gyumri', country: 'AM', languages: ['hy', 'en'], needs: ['venue'],
    themes: [{ id: 'climate-environment', priority: 'high' }, { id: 'cultural-heritage', priority: 'medium' }],
  });
  const poti = matchingProfile({ id: 'poti', name: 'Poti', country: 'GE', themes: [{ id: 'youth', priority: 'low' }] });
  const telavi = matchingProfile({ id: 'telavi', name: 'Telavi', country: 'GE', themes: [{ id: 'youth', priority: 'low' }] });

  it('ranks shared high-priority climate plus a venue offered and needed above one shared low-priority theme', () => {
    const profiles = [poti, telavi, gyumri, kutaisi];
    const index = buildMatchingIndex(profiles, { threshold: 0 });
    const strong = scorePair(kutaisi, gyumri, index);
    const weak = scorePair(poti, telavi, index);
    expect(strong.score).toBeGreaterThan(weak.score);
    expect(strong.parts.find((p) => p.kind === 'complementarity')?.value).toBe(0.5);
    // Kutaisi shares a low-priority theme with Poti and Telavi too; Gyumri still comes first.
    expect(partnersOf(topMatchesFor(index, 'kutaisi'))).toEqual(['gyumri', 'poti', 'telavi']);
    expect(topMatchesFor(index, 'kutaisi')[0]?.summary).toBe(
      'Both give Climate and environment high priority; Kutaisi offers a venue, Gyumri needs one; across borders (GE and AM); shared language: English',
    );
  });

  it('reports each part with its weight and contribution, adding up to the score', () => {
    const { score, parts } = scorePair(kutaisi, gyumri);
    expect(parts.map((p) => p.kind)).toEqual(['themes', 'text', 'complementarity', 'formats', 'funding', 'availability', 'crossBorder', 'network']);
    expect(parts.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(1, 4);
    expect(parts.reduce((s, p) => s + p.contribution, 0)).toBeCloseTo(score, 3);
  });

  it('never matches profiles without a shared working language', () => {
    const armenianOnly = { ...gyumri, languages: ['hy'] };
    const georgianOnly = { ...kutaisi, languages: ['ka'] };
    expect(checkHardFilters(georgianOnly, armenianOnly)).toEqual({ ok: false, failed: 'no-shared-language' });
    const index = buildMatchingIndex([georgianOnly, armenianOnly], { threshold: 0 });
    expect(topMatchesFor(index, 'kutaisi')).toEqual([]);
    expect(computeAllMatches([georgianOnly, armenianOnly], { threshold: 0 }).proposals.get('gyumri')).toEqual([]);
  });

  it('keeps other hard filters: scope, status; sharing no theme is no longer one', () => {
    const outsider = { ...gyumri, networks: ['other'] };
    expect(checkHardFilters(kutaisi, outsider)).toEqual({ ok: false, failed: 'out-of-scope' });
    expect(checkHardFilters({ ...kutaisi, openToOutsideNetwork: true }, { ...outsider, openToOutsideNetwork: true })).toEqual({ ok: true });
    expect(checkHardFilters(kutaisi, { ...gyumri, status: 'pending' })).toEqual({ ok: false, failed: 'not-active' });
    expect(checkHardFilters(gyumri, poti)).toEqual({ ok: true });
    const index = buildMatchingIndex([kutaisi, outsider, { ...telavi, status: 'withdrawn' }], { threshold: 0 });
    expect(topMatchesFor(index, 'kutaisi')).toEqual([]);
    expect(topMatchesFor(index, 'telavi')).toEqual([]);
  });

  it('never proposes a pair declined before, from either side, as a set or a lookup', () => {
    const profiles = [kutaisi, gyumri, poti, telavi];
    const declined = new Set([pairKey('gyumri', 'kutaisi')]);
    const index = buildMatchingIndex(profiles, { threshold: 0 });
    expect(partnersOf(topMatchesFor(index, 'kutaisi', { declined }))).toEqual(['poti', 'telavi']);
    // Gyumri shares nothing with Poti and Telavi: they are only weaker matches for it, never Kutaisi.
    const forGyumri = topMatchesFor(index, 'gyumri', { declined: (key) => declined.has(key) });
    expect(partnersOf(forGyumri)).toEqual(['poti', 'telavi']);
    expect(forGyumri.every((p) => p.weaker && p.reasons[0]?.kind === 'weaker-match')).toBe(true);
    const run = computeAllMatches(profiles, { threshold: 0 }, { declined });
    expect(partnersOf(run.proposals.get('kutaisi'))).not.toContain('gyumri');
    expect(partnersOf(run.proposals.get('gyumri'))).not.toContain('kutaisi');
  });

  // A hub every member wants, members who cannot match each other (no shared language).
  const languages = ['fr', 'de', 'ru', 'uk', 'ka', 'hy', 'az', 'ro'];
  const hub = matchingProfile({ id: 'hub', languages, offers: ['venue', 'funding'] });
  const spokes = languages.map((language, k) =>
    matchingProfile({ id: `spoke-${k}`, languages: [language], needs: k < 3 ? ['venue', 'funding'] : ['venue'] }),
  );

  it('does not propose a popular profile to more partners than the exposure cap', () => {
    const run = computeAllMatches([hub, ...spokes], { topK: 1, exposureCap: 3 });
    expect(run.proposals.get('hub')).toHaveLength(3);
    expect(spokes.filter((s) => (run.proposals.get(s.id)?.length ?? 0) > 0)).toHaveLength(3);
    expect(run.stats).toEqual({ activeProfiles: 9, coveredProfiles: 4, profilesWithQualifyingPartner: 9, matches: 3, weakerMatches: 0 });
    expect(run.coverage).toBeCloseTo(4 / 9);
    expect(coverage(run, [hub, ...spokes])).toBe(run.coverage);
  });

  it('gives a member whose only partner is popular a proposal before better-connected members fill it', () => {
    // Three strong members speak German (and can match each other); "late" speaks only Romanian.
    const strong = [0, 1, 2].map((k) =>
      matchingProfile({ id: `strong-${k}`, languages: ['de'], needs: ['venue', 'funding'], themes: [{ id: 'climate-environment', priority: 'high' }, { id: 'music', priority: 'high' }] }),
    );
    const late = matchingProfile({
      id: 'late', country: 'RO', languages: ['ro'], needs: ['venue'], themes: [{ id: 'climate-environment', priority: 'low' }],
    });
    const popular = matchingProfile({ id: 'popular', languages: ['de', 'ro'], offers: ['venue', 'funding'] });
    const profiles = [...strong, late, popular];
    const config = { topK: 3, exposureCap: 3 };
    // Ranked on scores alone, "late" is the popular profile's fourth choice and would be cut.
    expect(partnersOf(topMatchesFor(buildMatchingIndex(profiles, config), 'popular', { limit: 4 }))).toEqual([
      'strong-0', 'strong-1', 'strong-2', 'late',
    ]);
    const run = computeAllMatches(profiles, config);
    expect(partnersOf(run.proposals.get('late'))).toEqual(['popular']);
    expect(partnersOf(run.proposals.get('popular'))).toEqual(['strong-0', 'strong-1', 'late']);
    expect(run.coverage).toBe(1);
  });

  it('proposes each match to both sides, with the same score, each from its own side', () => {
    const run = computeAllMatches([kutaisi, gyumri], { threshold: 0 });
    const [there] = run.proposals.get('kutaisi') ?? [];
    const [back] = run.proposals.get('gyumri') ?? [];
    expect([there?.a, there?.b, back?.a, back?.b]).toEqual(['kutaisi', 'gyumri', 'gyumri', 'kutaisi']);
    expect(back?.score).toBe(there?.score);
    expect(back?.summary).toContain('across borders (AM and GE)');
  });

  it('handles an empty network and unknown ids', () => {
    const run = computeAllMatches([]);
    expect(run.coverage).toBe(1);
    expect(topMatchesFor(buildMatchingIndex([kutaisi]), 'nobody')).toEqual([]);
    expect(() => buildMatchingIndex([kutaisi, { ...kutaisi }])).toThrow(/kutaisi appears twice/);
  });

  it('uses idf over the profiles in scope: a rare shared theme weighs more than a common one', () => {
    const theme = (id: MatchingProfile['themes'][number]['id']) => [{ id, priority: 'high' as const }, { id: 'music' as const, priority: 'high' as const }];
    const crowd = [0, 1, 2, 3].map((k) => matchingProfile({ id: `crowd-${k}`, themes: [{ id: 'youth', priority: 'high' }] }));
    const a = matchingProfile({ id: 'a', themes: theme('youth') });
    const b = matchingProfile({ id: 'b', themes: theme('youth') });
    const c = matchingProfile({ id: 'c', themes: [{ id: 'film', priority: 'high' }, { id: 'youth', priority: 'high' }] });
    const d = matchingProfile({ id: 'd', themes: [{ id: 'film', priority: 'high' }, { id: 'music', priority: 'high' }] });
    const index = buildMatchingIndex([...crowd, a, b, c, d]);
    // c–d share rare film, a–c share common youth; everything else about the pairs is alike.
    const rare = scorePair(c, d, index).parts[0]?.value ?? 0;
    const common = scorePair(a, c, index).parts[0]?.value ?? 0;
    expect(index.idf('film')).toBeGreaterThan(index.idf('youth'));
    expect(rare).toBeGreaterThan(common);
  });

  it('ranks a partner of a common network above an otherwise equal one from outside (part network)', () => {
    const open = { openToOutsideNetwork: true };
    const me = matchingProfile({ id: 'me', networks: ['danube'], ...open });
    const inside = matchingProfile({ id: 'inside', networks: ['black-sea', 'danube'], ...open });
    const outside = matchingProfile({ id: 'outside', networks: ['black-sea'], ...open });
    const index = buildMatchingIndex([me, inside, outside]);
    expect(scorePair(me, inside, index).parts.find((p) => p.kind === 'network')?.value).toBe(1);
    expect(scorePair(me, outside, index).parts.find((p) => p.kind === 'network')?.value).toBe(0);
    expect(partnersOf(topMatchesFor(index, 'me'))).toEqual(['inside', 'outside']);
  });

  it('tells common networks exactly beyond 31 networks, where masks take more than one word', () => {
    // 40 networks: bit k of word 1 is network 31 + k, which a one-word mask would mix up with network k.
    const networks = Array.from({ length: 40 }, (_, k) => `net-${String(k).padStart(2, '0')}`);
    const fillers = networks.map((net, k) => matchingProfile({ id: `filler-${k}`, networks: [net], languages: ['ka'] }));
    const a = matchingProfile({ id: 'a', networks: ['net-35'], openToOutsideNetwork: true });
    const b = matchingProfile({ id: 'b', networks: ['net-04', 'net-35'], openToOutsideNetwork: true });
    const c = matchingProfile({ id: 'c', networks: ['net-04'], openToOutsideNetwork: true });
    const index = buildMatchingIndex([...fillers, a, b, c]);
    expect(index.encoded.networkWords).toBe(2);
    const network = (x: MatchingProfile, y: MatchingProfile) => scorePair(x, y, index).parts.find((p) => p.kind === 'network')?.value;
    expect(network(a, b)).toBe(1);
    expect(network(a, c)).toBe(0);
    expect(network(b, c)).toBe(1);
  });

  it('keeps two funders apart: a weaker match (same-role) below any full match, however alike they read', () => {
    const themes = [{ id: 'intercultural-dialogue' as const, priority: 'high' as const }, { id: 'education' as const, priority: 'medium' as const }];
    const description = 'European cultural institutes pool a fund to co-finance and promote training programmes.';
    const clusterA = matchingProfile({ id: 'cluster-a', themes, description, offers: ['funding', 'promotion'], needs: ['local-partners'] });
    const clusterB = matchingProfile({ id: 'cluster-b', themes, description, offers: ['funding', 'expertise'], needs: ['local-partners'] });
    const producer = matchingProfile({
      id: 'producer', themes: [{ id: 'education', priority: 'low' }], offers: ['local-partners'], needs: ['funding'],
    });
    const run = computeAllMatches([clusterA, clusterB, producer]);
    const list = run.proposals.get('cluster-a') ?? [];
    expect(partnersOf(list)).toEqual(['producer', 'cluster-b']);
    // On score alone the look-alike would lead.
    expect(list[1]?.score).toBeGreaterThan(list[0]?.score ?? 1);
    expect(list[0]?.weaker).toBeUndefined();
    expect(list[1]?.weaker).toBe(true);
    expect(list[1]?.reasons[0]).toEqual({ kind: 'weaker-match', cause: 'same-role' });
    expect(list[1]?.summary).toMatch(/both offer funding/);
    expect(checkHardFilters(clusterA, clusterB).ok).toBe(true);
  });
});
