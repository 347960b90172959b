import { describe, expect, it } from 'vitest';
import { topMatchesFor } from './engine.js';
import { buildMatchingIndex } from './index-structure.js';
import { scorePair } from './score.js';
import { MAX_SHARED_WORDS } from './reasons.js';
import { matchingProfile } from './test-profiles.js';
import { analyseText } from './text.js';

const terms = (description: string, languages: string[] = ['en'], freeTags: string[] = []) =>
  analyseText({ description, freeTags, languages }).map((t) => t.term);

describe('text analysis', () => {
  it('stems English words so that inflected forms meet, and drops function words and numbers', () => {
    const a = terms('We are restoring two Soviet-era cinemas in 2027');
    const b = terms('The town restored its Soviet-era cinema');
    expect(a).toContain('en:cinema');
    expect(a).toContain('en:restor');
    expect(a).toContain('en:soviet-era');
    expect(a).toContain('en:soviet');
    expect(a.filter((t) => b.includes(t))).toEqual(expect.arrayContaining(['en:cinema', 'en:restor', 'en:soviet-era']));
    expect(a.some((t) => /:(we|are|in|2027)$/.test(t))).toBe(false);
  });

  it('stems Russian and Ukrainian with their own stemmers', () => {
    expect(terms('Реставрация кинотеатров', ['ru'])).toContain(`ru:${'кинотеатр'}`);
    expect(terms('Відновлення кінотеатрів', ['uk'])).toContain('uk:кінотеатр');
  });

  it('uses character trigrams where no stemmer exists (Georgian, or Latin text of a profile working only in Azerbaijani)', () => {
    const georgian = terms('კინოთეატრი', ['ka']);
    expect(georgian.every((t) => t.startsWith('3:'))).toBe(true);
    expect(georgian).toContain('3:კინ');
    expect(terms('xalçaçılıq', ['az']).every((t) => t.startsWith('3:'))).toBe(true);
  });

  it('keeps a free tag as a whole term besides its words', () => {
    expect(terms('', ['en'], ['Wine heritage'])).toEqual(expect.arrayContaining(['#en:wine en:heritag', 'en:wine', 'en:heritag']));
  });
});

describe('text in the score', () => {
  const cinemaA = matchingProfile({
    id: 'chernihiv', name: 'Chernihiv', themes: [{ id: 'urban-regeneration', priority: 'high' }],
    description: 'We are restoring a Soviet-era cinema as a community film centre.',
  });
  const cinemaB = matchingProfile({
    id: 'khujand', name: 'Khujand', themes: [{ id: 'film', priority: 'high' }],
    description: 'Our film house restores a Soviet-era cinema for the neighbourhood.',
  });
  const other = matchingProfile({
    id: 'other', name: 'Other', themes: [{ id: 'music', priority: 'high' }], description: 'Folk song archives and concerts in the mountains.',
  });

  it('counts as its own explained part and names the words both texts use', () => {
    const index = buildMatchingIndex([cinemaA, cinemaB, other], { threshold: 0 });
    const proposal = scorePair(cinemaA, cinemaB, index);
    expect(proposal.parts.find((p) => p.kind === 'text')?.value).toBeGreaterThan(0);
    const words = proposal.reasons.find((r) => r.kind === 'shared-words');
    expect(words).toBeDefined();
    expect(words?.kind === 'shared-words' && words.words.map((w) => w.toLowerCase())).toEqual(expect.arrayContaining(['soviet-era']));
    expect(proposal.summary).toMatch(/both describe .*Soviet-era/i);
    expect(proposal.weaker).toBeUndefined();
  });

  it('lets two profiles that share no theme but describe the same work be full matches of each other', () => {
    const index = buildMatchingIndex([cinemaA, cinemaB, other], { threshold: 0.05 });
    const list = topMatchesFor(index, 'chernihiv');
    expect(list[0]?.b).toBe('khujand');
    expect(list[0]?.weaker).toBeUndefined();
    expect(list.find((p) => p.b === 'other')?.weaker).toBe(true);
  });

  it('names shared free tags as written', () => {
    const a = matchingProfile({ id: 'a', freeTags: ['Felt making', 'nomadic culture'] });
    const b = matchingProfile({ id: 'b', freeTags: ['felt making'] });
    const proposal = scorePair(a, b);
    expect(proposal.reasons).toContainEqual({ kind: 'shared-tags', tags: ['Felt making'] });
    expect(proposal.summary).toContain('both list "Felt making"');
  });

  it('names the shared words the tags do not already name, up to the limit, whatever the tags\' words weigh', () => {
    // The shared tag's words are the strongest terms: they must not use up the places of the others.
    const a = matchingProfile({ id: 'a', freeTags: ['public art festival'], description: 'Public art festival in the old town, with murals and street theatre.' });
    const b = matchingProfile({ id: 'b', freeTags: ['public art festival'], description: 'Public art festival in the old town, with murals and street theatre.' });
    const proposal = scorePair(a, b);
    expect(proposal.reasons).toContainEqual({ kind: 'shared-tags', tags: ['public art festival'] });
    const words = proposal.reasons.find((r) => r.kind === 'shared-words');
    expect(words?.kind === 'shared-words' ? words.words.length : 0).toBe(MAX_SHARED_WORDS);
    expect(words?.kind === 'shared-words' ? words.words.map((w) => w.toLowerCase()) : []).not.toEqual(expect.arrayContaining(['public']));
  });
});

describe('text language', () => {
  it('reads English text as English even when English is not a working language of the profile', () => {
    expect(terms('Our choir records the old songs of the villages and their festivals', ['ka', 'ru'])).toContain('en:song');
  });
});
