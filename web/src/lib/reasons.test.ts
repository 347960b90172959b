import { describe, expect, it } from 'vitest';
import { describeReason, type ReasonContext } from './reasons';

const context: ReasonContext = { names: new Map([['a', 'Chernihiv'], ['b', 'Khujand']]), themes: new Map(), selfId: 'a' };

describe('reasons on the match card', () => {
  it('names the words and free tags both texts share', () => {
    expect(describeReason({ kind: 'shared-words', words: ['Soviet-era', 'cinema', 'restoring'] }, context)).toBe('Both describe: Soviet-era, cinema, restoring');
    expect(describeReason({ kind: 'shared-tags', tags: ['felt making'] }, context)).toBe('Both list the interest "felt making"');
  });

  it('says why a weaker match is weaker', () => {
    expect(describeReason({ kind: 'weaker-match', cause: 'windows-never-meet' }, context)).toBe('A weaker match: your availability windows never meet');
    expect(describeReason({ kind: 'weaker-match', cause: 'nothing-in-common' }, context)).toMatch(/^A weaker match: no theme or words in common/);
    expect(describeReason({ kind: 'weaker-match', cause: 'below-threshold' }, context)).toMatch(/^A weaker match: below the network's threshold/);
  });
});
