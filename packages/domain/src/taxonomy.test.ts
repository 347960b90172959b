import { describe, expect, it } from 'vitest';
import { THEMES, resolveTheme, isThemeId } from './taxonomy.js';

describe('theme taxonomy', () => {
  it('holds every theme the design names, with unique ids', () => {
    const ids = THEMES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'gender-equality', 'climate-environment', 'civil-society', 'democracy-participation', 'cultural-heritage',
      'creative-industries', 'youth', 'digital-culture', 'education', 'cultural-tourism', 'urban-regeneration',
      'inclusion-accessibility', 'media-literacy', 'performing-arts', 'visual-arts', 'music', 'film', 'literature',
      'crafts', 'intercultural-dialogue', 'minority-languages',
      'festivals', 'gastronomy', 'maritime-culture', 'public-art',
    ]) expect(isThemeId(id), id).toBe(true);
  });

  it("gives the seed networks' own themes their own ids, not the broader themes they used to fall under", () => {
    expect(resolveTheme('Festival')).toBe('festivals');
    expect(resolveTheme('festivals')).toBe('festivals');
    expect(resolveTheme('Gastronomy')).toBe('gastronomy');
    expect(resolveTheme('maritime culture')).toBe('maritime-culture');
    expect(resolveTheme('public art')).toBe('public-art');
    expect(resolveTheme('Street art')).toBe('public-art');
    expect(resolveTheme('theatre')).toBe('performing-arts');
    expect(resolveTheme('design')).toBe('creative-industries');
  });

  it('maps labels and synonyms, whatever their case and spacing, to ids', () => {
    expect(resolveTheme('Climate Change')).toBe('climate-environment');
    expect(resolveTheme('  heritage ')).toBe('cultural-heritage');
    expect(resolveTheme('Gender equality')).toBe('gender-equality');
    expect(resolveTheme('knitting')).toBeUndefined();
  });

  it('never maps one synonym to two themes', () => {
    const seen = new Map<string, string>();
    for (const t of THEMES) for (const s of t.synonyms) {
      expect(seen.get(s), `${s} in ${t.id} and ${seen.get(s)}`).toBeUndefined();
      seen.set(s, t.id);
    }
  });
});
