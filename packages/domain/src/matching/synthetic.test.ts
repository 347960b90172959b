import { describe, expect, it } from 'vitest';
import { ProfileInput } from '../profile.js';
import { generateSyntheticProfiles } from './synthetic.js';

describe('synthetic networks', () => {
  const profiles = generateSyntheticProfiles({ count: 2000, seed: 7 });

  it('are the same for the same seed and different for another', () => {
    expect(generateSyntheticProfiles({ count: 2000, seed: 7 })).toEqual(profiles);
    expect(generateSyntheticProfiles({ count: 50, seed: 8 })).not.toEqual(profiles.slice(0, 50));
  });

  it('hold only profiles the real schema accepts', () => {
    for (const { id: _id, version: _v, status: _s, createdAt: _c, updatedAt: _u, ...input } of profiles.slice(0, 300)) {
      expect(ProfileInput.safeParse(input).success).toBe(true);
    }
  });

  it('have a skewed theme popularity, mostly English/Russian speakers and about a fifth open to outside partners', () => {
    const counts = new Map<string, number>();
    for (const p of profiles) for (const t of p.themes) counts.set(t.id, (counts.get(t.id) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    expect(sorted[0]! / sorted[sorted.length - 1]!).toBeGreaterThan(8);
    const share = (test: (p: (typeof profiles)[number]) => boolean) => profiles.filter(test).length / profiles.length;
    expect(share((p) => p.languages.includes('en') || p.languages.includes('ru'))).toBeGreaterThan(0.8);
    expect(share((p) => p.openToOutsideNetwork)).toBeGreaterThan(0.15);
    expect(share((p) => p.openToOutsideNetwork)).toBeLessThan(0.25);
    expect(new Set(profiles.flatMap((p) => p.networks)).size).toBe(8);
  });
});
