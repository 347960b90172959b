import { describe, expect, it } from 'vitest';
import { languageName } from './labels.js';
import { pairKey, parsePairKey, isDeclined } from './pair-key.js';
import { buildReasons, mirrorReasons, summarise } from './reasons.js';
import { buildMatchingIndex } from './index-structure.js';
import { generateSyntheticProfiles } from './synthetic.js';
import { scorePair } from './score.js';
import { matchingProfile } from './test-profiles.js';
import { MATCHING_ATTRIBUTES, toMatchingProfile, type MatchingProfile } from './types.js';
import { ProfileInput, type Profile } from '../profile.js';
import { validProfileInput } from '../test-fixtures.js';

describe('reasons', () => {
  const kutaisi = matchingProfile({ id: 'kutaisi', name: 'Kutaisi', country: 'GE', offers: ['venue'], languages: ['ka', 'en'] });
  const gyumri = matchingProfile({ id: 'gyumri', name: 'Gyumri', country: 'AM', needs: ['venue'], languages: ['hy', 'en'] });

  it('reads as a coordinator would write it, with names and taxonomy labels', () => {
    const proposal = scorePair(kutaisi, gyumri);
    expect(proposal.summary).toBe(
      'Both give Climate and environment high priority; Kutaisi offers a venue, Gyumri needs one; across borders (GE and AM); shared language: English',
    );
    expect(proposal.reasons).toEqual([
      { kind: 'shared-theme', themeId: 'climate-environment', priorities: ['high', 'high'] },
      { kind: 'offers', from: 'kutaisi', to: 'gyumri', resource: 'venue' },
      { kind: 'cross-border', countries: ['GE', 'AM'] },
      { kind: 'shared-network', networkId: 'eu4culture' },
      { kind: 'shared-language', language: 'en' },
    ]);
  });

  it("is written from each side's point of view", () => {
    expect(scorePair(gyumri, kutaisi).summary).toBe(
      'Both give Climate and environment high priority; Kutaisi offers a venue, Gyumri needs one; across borders (AM and GE); shared language: English',
    );
  });

  it('groups themes by priorities and lists several resources, formats and funding', () => {
    const a = matchingProfile({
      id: 'a', name: 'Lviv', networks: ['x'], openToOutsideNetwork: true, country: 'UA', languages: ['uk', 'ru', 'en'],
      themes: [{ id: 'youth', priority: 'medium' }, { id: 'music', priority: 'medium' }, { id: 'film', priority: 'high' }],
      offers: ['artists', 'expertise'], formats: ['festival', 'co-production'], fundingInstruments: ['creative-europe', 'interreg'],
      availability: { from: '2027-03-01', to: '2027-09-30' },
    });
    const b = matchingProfile({
      id: 'b', name: 'Chemnitz', networks: ['y'], openToOutsideNetwork: true, country: 'UA', languages: ['ru', 'uk'],
      themes: [{ id: 'youth', priority: 'medium' }, { id: 'music', priority: 'medium' }, { id: 'film', priority: 'low' }],
      needs: ['expertise', 'artists'], formats: ['co-production', 'festival'], fundingInstruments: ['interreg', 'creative-europe'],
      availability: { from: '2027-06-01', to: '2027-12-31' },
    });
    expect(scorePair(a, b).summary).toBe(
      'Both give Youth and Music medium priority; Film: high priority for Lviv, low for Chemnitz; ' +
        'Lviv offers expertise and artists, which Chemnitz needs; both look for festivals and co-productions; ' +
        'both consider Creative Europe and Interreg; both available from 2027-06-01 to 2027-09-30; ' +
        'no shared network, but both are open to partners outside it; shared languages: Ukrainian and Russian',
    );
  });

  it('can be re-worded from stored reasons alone', () => {
    const { reasons, summary } = scorePair(kutaisi, gyumri);
    expect(summarise(kutaisi, gyumri, reasons)).toBe(summary);
  });

  it('names common languages in English and falls back to the code', () => {
    expect(languageName('ka')).toBe('Georgian');
    expect(languageName('da')).toBe('Danish');
    expect(languageName('eu')).toBe('eu');
    expect(languageName('constructor')).toBe('constructor');
  });
});

describe('pairKey', () => {
  it('is the same from both sides and different for different pairs, whatever the ids contain', () => {
    expect(pairKey('b', 'a')).toBe('a|b');
    expect(pairKey('a', 'b')).toBe('a|b');
    expect(pairKey('a|b', 'c')).not.toBe(pairKey('a', 'b|c'));
    expect(parsePairKey(pairKey('x%7C', 'y|z'))).toEqual(['x%7C', 'y|z']);
    expect(isDeclined(new Set([pairKey('p', 'q')]), 'q', 'p')).toBe(true);
    expect(isDeclined((key) => key === 'p|q', 'q', 'p')).toBe(true);
  });
});

describe('MatchingProfile', () => {
  it('projects exactly MATCHING_ATTRIBUTES of a stored profile: no contact, no description', () => {
    const stored: Profile = {
      ...ProfileInput.parse(validProfileInput()),
      id: 'kutaisi',
      version: 3,
      status: 'active',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
    };
    const projected = toMatchingProfile(stored);
    expect(Object.keys(projected).sort()).toEqual([...MATCHING_ATTRIBUTES].sort());
    expect(projected).not.toHaveProperty('contact');
  });

  it('mirrors a pair explained from the other side into exactly what its own side would build', () => {
    const profiles: MatchingProfile[] = generateSyntheticProfiles({ count: 400, seed: 7 }).filter((p) => p.status === 'active');
    // Same country, several networks, open scopes, offers both ways: every branch of the mirror.
    profiles.push(
      matchingProfile({ id: 'zz-a', networks: ['n1', 'n2'], languages: ['en', 'ru'], offers: ['venue', 'funding'], needs: ['artists'], openToOutsideNetwork: true }),
      matchingProfile({ id: 'zz-b', networks: ['n2', 'n1'], languages: ['ru', 'en'], offers: ['artists'], needs: ['venue', 'funding'], openToOutsideNetwork: true }),
    );
    const index = buildMatchingIndex(profiles);
    const { encoded } = index;
    let compared = 0;
    for (let i = 0; i < index.profiles.length; i += 3) {
      for (let j = i + 1; j < index.profiles.length; j += 7) {
        const a = index.profiles[i]!;
        const b = index.profiles[j]!;
        expect(mirrorReasons(a, b, buildReasons(b, a, encoded, j, i))).toEqual(buildReasons(a, b, encoded, i, j));
        expect(mirrorReasons(b, a, buildReasons(a, b, encoded, i, j))).toEqual(buildReasons(b, a, encoded, j, i));
        compared++;
      }
    }
    const a = index.profiles[index.positionOf('zz-a')]!;
    const b = index.profiles[index.positionOf('zz-b')]!;
    const fromB = buildReasons(b, a, encoded, index.positionOf('zz-b'), index.positionOf('zz-a'));
    expect(fromB.filter((r) => r.kind === 'offers')).toHaveLength(3);
    expect(mirrorReasons(a, b, fromB)).toEqual(buildReasons(a, b, encoded, index.positionOf('zz-a'), index.positionOf('zz-b')));
    expect(compared).toBeGreaterThan(1000);
  });
});
