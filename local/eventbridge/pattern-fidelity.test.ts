// Where the local matcher used to disagree with AWS on behaviour partner rules rely on (issue #13).
// Sources, facts only:
//   [RULER]  aws/event-ruler README ("Anything-but matching", "Equals-ignore-case matching",
//            "Limiting machine complexity") and its tests: MachineComplexityEvaluatorTest (the
//            complexity of single wildcard patterns), EqualsIgnoreCaseParserTest (each pattern
//            character stands for its lower- or upper-case UTF-8 form, e.g. "É" for "é"/"É",
//            "ⱥ" for "ⱥ"/"Ⱥ", whose encodings differ in length).
//   [FLAT]   event-ruler flattens events and rules to dotted field paths ("detail.state") before
//            matching, so a rule key with dots and a nested rule name the same field.

import { describe, expect, it } from 'vitest';

import { EventPatternError, matchesPattern, validatePattern, wildcardComplexity } from './pattern.js';

const profileEvent = {
  source: 'culturebridge.profiles',
  'detail-type': 'ProfileUpdated',
  detail: { data: { profile: { country: 'GE', networks: ['eu4culture'] } } },
};

describe('dotted keys and nested fields are the same field [FLAT]', () => {
  it('a dotted pattern key matches a nested event field', () => {
    expect(matchesPattern({ 'detail.data.profile.country': ['GE'] }, profileEvent)).toBe(true);
    expect(matchesPattern({ 'detail.data.profile.country': ['AM'] }, profileEvent)).toBe(false);
    expect(matchesPattern({ detail: { 'data.profile.networks': ['eu4culture'] } }, profileEvent)).toBe(true);
  });

  it('a nested pattern matches a dotted event key', () => {
    const dotted = { source: 'x', 'detail.data.profile.country': 'GE' };
    expect(matchesPattern({ detail: { data: { profile: { country: ['GE'] } } } }, dotted)).toBe(true);
    expect(matchesPattern({ detail: { data: { profile: { country: ['AM'] } } } }, dotted)).toBe(false);
    expect(matchesPattern({ 'detail.data.profile.country': ['GE'] }, dotted)).toBe(true);
  });

  it('dotted and nested parts of one pattern are ANDed like any two fields', () => {
    const pattern = { source: ['culturebridge.profiles'], 'detail.data.profile.country': ['GE'], detail: { data: { profile: { networks: ['eu4culture'] } } } };
    expect(matchesPattern(pattern, profileEvent)).toBe(true);
    expect(matchesPattern({ ...pattern, source: ['other'] }, profileEvent)).toBe(false);
    // Both parts count, whichever comes first in the pattern.
    const otherCountry = { ...profileEvent, detail: { data: { profile: { country: 'AM', networks: ['eu4culture'] } } } };
    expect(matchesPattern(pattern, otherCountry)).toBe(false);
    const nestedFirst = { detail: { data: { profile: { networks: ['eu4culture'] } } }, 'detail.data.profile.country': ['GE'] };
    expect(matchesPattern(nestedFirst, otherCountry)).toBe(false);
    expect(matchesPattern(nestedFirst, profileEvent)).toBe(true);
  });

  it('refuses the same leaf given dotted and nested', () => {
    expect(() => validatePattern({ 'detail.x': ['a'], detail: { x: ['b'] } })).toThrow(/given twice/);
  });

  it('a key with dots inside $or branches is split too', () => {
    const pattern = { $or: [{ 'detail.data.profile.country': ['AM'] }, { 'detail.data.profile.networks': ['eu4culture'] }] };
    expect(matchesPattern(pattern, profileEvent)).toBe(true);
  });

  it('refuses an empty path segment', () => {
    expect(() => validatePattern({ 'detail..x': ['a'] })).toThrow(EventPatternError);
  });
});

describe('anything-but with prefix and suffix lists [RULER]', () => {
  it('"anything-but": {"prefix": ["init", "error"]}', () => {
    const pattern = { detail: { state: [{ 'anything-but': { prefix: ['init', 'error'] } }] } };
    expect(matchesPattern(pattern, { detail: { state: 'running' } })).toBe(true);
    expect(matchesPattern(pattern, { detail: { state: 'initializing' } })).toBe(false);
    expect(matchesPattern(pattern, { detail: { state: 'error-42' } })).toBe(false);
  });

  it('"anything-but": {"suffix": ["1234", "6789"]}', () => {
    const pattern = { detail: { 'instance-id': [{ 'anything-but': { suffix: ['1234', '6789'] } }] } };
    expect(matchesPattern(pattern, { detail: { 'instance-id': 'i-5555' } })).toBe(true);
    expect(matchesPattern(pattern, { detail: { 'instance-id': 'i-1234' } })).toBe(false);
    expect(matchesPattern(pattern, { detail: { 'instance-id': 'i-6789' } })).toBe(false);
  });

  it('still refuses an empty prefix in a list, and a list with a non-string', () => {
    expect(() => validatePattern({ x: [{ 'anything-but': { prefix: ['a', ''] } }] })).toThrow(/Null prefix/);
    expect(() => validatePattern({ x: [{ 'anything-but': { suffix: ['a', 1] } }] })).toThrow(EventPatternError);
    expect(() => validatePattern({ x: [{ 'anything-but': { prefix: [] } }] })).toThrow(EventPatternError);
  });
});

describe('wildcard complexity [RULER]', () => {
  it.each([
    [['*'], 1],
    [['*', 'ab*c'], 3],
    [['abc'], 1],
    [['*ab'], 2],
    [['*aa'], 3],
    [['a*b'], 2],
    [['aa*'], 2],
    [['a*bc'], 2],
    [['a*bb'], 3],
    [['a*bcb'], 3],
    [['a*bbb'], 4],
    [['*ab*ad'], 4],
    [['*ab*d'], 3],
    [['*aba*'], 4],
  ])('%j has complexity %i, as MachineComplexityEvaluatorTest says', (wildcards, complexity) => {
    expect(wildcardComplexity(wildcards)).toBe(complexity);
  });

  it('refuses a too complex wildcard rule with AWS\'s message, and names the field', () => {
    const tooComplex = { detail: { path: [{ wildcard: '*a*a*a*a*a*a*a*a*a*a*a*' }] } };
    expect(() => validatePattern(tooComplex)).toThrow(/Rule is too complex.*detail\.path/);
    // The same limit counts for anything-but wildcards and for several values of one field.
    expect(() => validatePattern({ p: [{ 'anything-but': { wildcard: '*ab*ab*ab*ab*ab*ab*' } }] })).toThrow(/too complex/);
    expect(() => validatePattern({ p: [{ wildcard: '*a*a*a*a*' }, { wildcard: '*b*b*b*b*' }, { wildcard: '*c*c*c*c*' }] })).toThrow(/too complex/);
  });

  it('accepts every wildcard example of the EventBridge guide', () => {
    for (const wildcard of ['dir/*.png', 'arn:aws:events:us-east-1:*:event-bus/*', '*/lib/*', 'Simple*Service']) {
      expect(() => validatePattern({ f: [{ wildcard }] })).not.toThrow();
    }
    expect(() => validatePattern({ f: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] })).not.toThrow();
  });
});

describe('equals-ignore-case folds each pattern character to its own lower and upper case [RULER]', () => {
  const eic = (text: string) => ({ v: [{ 'equals-ignore-case': text }] });

  it('folds ASCII and Latin-1 letters both ways', () => {
    expect(matchesPattern(eic('aBc'), { v: 'ABC' })).toBe(true);
    expect(matchesPattern(eic('1aA*†Éⱥ'), { v: '1Aa*†éȺ' })).toBe(true);
    expect(matchesPattern(eic('1aA*†Éⱥ'), { v: '1Aa*†eȺ' })).toBe(false);
  });

  it('folds Cyrillic, Georgian Mtavruli and Armenian, the scripts of our members', () => {
    expect(matchesPattern(eic('Київ'), { v: 'КИЇВ' })).toBe(true);
    expect(matchesPattern(eic('Գյումրի'), { v: 'ԳՅՈՒՄՐԻ' })).toBe(true);
    expect(matchesPattern(eic('თბილისი'), { v: 'ᲗᲑᲘᲚᲘᲡᲘ' })).toBe(true);
  });

  it('uses the pattern character\'s own mappings, not a full case folding of the event', () => {
    // "ß" upper-cases to "SS", so the pattern "ß" matches "SS"; but the pattern "ss" does not match "ß".
    expect(matchesPattern(eic('straße'), { v: 'STRASSE' })).toBe(true);
    expect(matchesPattern(eic('strasse'), { v: 'straße' })).toBe(false);
    // KELVIN SIGN lower-cases to "k"; "k" upper-cases to "K", not to the Kelvin sign.
    expect(matchesPattern(eic('\u212A'), { v: 'k' })).toBe(true);
    expect(matchesPattern(eic('k'), { v: '\u212A' })).toBe(false);
    // No Turkish rules: "i" is only "i" or "I".
    expect(matchesPattern(eic('i'), { v: 'İ' })).toBe(false);
    expect(matchesPattern(eic('i'), { v: 'ı' })).toBe(false);
    // Final sigma is its own letter: "σ" matches "Σ" but not "ς".
    expect(matchesPattern(eic('σ'), { v: 'Σ' })).toBe(true);
    expect(matchesPattern(eic('σ'), { v: 'ς' })).toBe(false);
  });

  it('folds the same way in prefix, suffix and anything-but forms', () => {
    expect(matchesPattern({ v: [{ prefix: { 'equals-ignore-case': 'Straße' } }] }, { v: 'STRASSENFEST' })).toBe(true);
    expect(matchesPattern({ v: [{ suffix: { 'equals-ignore-case': 'ЦЕНТР' } }] }, { v: 'Культурний центр' })).toBe(true);
    expect(matchesPattern({ v: [{ 'anything-but': { 'equals-ignore-case': ['Ⱥ'] } }] }, { v: 'ⱥ' })).toBe(false);
    expect(matchesPattern({ v: [{ 'anything-but': { 'equals-ignore-case': ['Ⱥ'] } }] }, { v: 'a' })).toBe(true);
  });

  it('treats regular-expression characters in the pattern literally', () => {
    expect(matchesPattern(eic('a.b'), { v: 'A.B' })).toBe(true);
    expect(matchesPattern(eic('a.b'), { v: 'AxB' })).toBe(false);
  });
});
