import { afterEach, describe, expect, it, vi } from 'vitest';

/*
 * The taxonomy grows over time; theme masks must not stop at 32 bits. This test swaps in a
 * taxonomy of 70 themes (three mask words) and checks that themes at bits 35 and 65 are encoded,
 * shared, weighed and explained like the first ones.
 */
describe('a taxonomy past 32 themes', () => {
  afterEach(() => {
    vi.doUnmock('../taxonomy.js');
    vi.resetModules();
  });

  it('encodes, scores and explains themes in every mask word', async () => {
    vi.resetModules();
    vi.doMock('../taxonomy.js', async (importOriginal) => {
      const real = await importOriginal<typeof import('../taxonomy.js')>();
      const extra = Array.from({ length: 70 - real.THEMES.length }, (_, k) => ({
        id: `extra-${k}`, label: `Extra ${k}`, group: 'arts' as const, synonyms: [] as string[],
      }));
      const THEMES = [...real.THEMES, ...extra];
      const byId = new Map(THEMES.map((t) => [t.id, t]));
      return {
        ...real,
        THEMES,
        THEME_IDS: THEMES.map((t) => t.id),
        isThemeId: (v: string) => byId.has(v),
        themeById: (id: string) => byId.get(id),
        resolveTheme: () => undefined,
      };
    });
    const { THEME_WORDS, PRIORITY_WORDS, ROW_WIDTH } = await import('./encode.js');
    const { buildMatchingIndex } = await import('./index-structure.js');
    const { topMatchesFor } = await import('./engine.js');
    const { scorePair } = await import('./score.js');
    const { matchingProfile } = await import('./test-profiles.js');
    expect(THEME_WORDS).toBe(3);
    expect(PRIORITY_WORDS).toBe(5);
    expect(ROW_WIDTH % 2).toBe(0);

    const theme = (id: string, priority: 'high' | 'low' = 'high') => ({ id, priority }) as never;
    const a = matchingProfile({ id: 'a', themes: [theme('extra-10'), theme('extra-40', 'low')] });
    const b = matchingProfile({ id: 'b', themes: [theme('extra-10'), theme('extra-40', 'low')] });
    const c = matchingProfile({ id: 'c', themes: [theme('extra-40')] });
    const d = matchingProfile({ id: 'd', themes: [theme('youth')] });
    const index = buildMatchingIndex([a, b, c, d], { threshold: 0 });
    const ab = scorePair(a, b, index);
    expect(ab.parts[0]?.value).toBeGreaterThan(0.5);
    expect(ab.reasons.filter((r) => r.kind === 'shared-theme')).toEqual([
      { kind: 'shared-theme', themeId: 'extra-10', priorities: ['high', 'high'] },
      { kind: 'shared-theme', themeId: 'extra-40', priorities: ['low', 'low'] },
    ]);
    expect(scorePair(b, a, index).parts).toEqual(ab.parts);
    const list = topMatchesFor(index, 'a');
    expect(list.map((p) => [p.b, p.weaker ?? false])).toEqual([['b', false], ['c', false], ['d', true]]);
  });
});
