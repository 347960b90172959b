import { describe, expect, it } from 'vitest';
import { duplicateKeys, queryProblems } from './request-shape.js';

const named = (problems: { field: string; pointer: string; code: string }[]) => problems.map((p) => [p.field, p.pointer, p.code]);

describe('duplicateKeys', () => {
  it('names each key an object holds twice by its path, wherever it nests', () => {
    expect(named(duplicateKeys('{"a":[{"b":1,"b":2},{"b":3}],"c":{"d":{"e":1,"e":[1,2]}},"a":0}'))).toEqual([
      ['a[0].b', '#/a/0/b', 'duplicate'],
      ['c.d.e', '#/c/d/e', 'duplicate'],
      ['a', '#/a', 'duplicate'],
    ]);
  });

  it('reads keys as JSON does: escaped spellings are one key; braces, commas and quotes inside strings are text', () => {
    expect(named(duplicateKeys('{"a":1,"\\u0061":2}'))).toEqual([['a', '#/a', 'duplicate']]);
    expect(duplicateKeys('{"x":"},{\\"x\\":1,","y":["\\"",{"x":1}],"z":"\\\\"}')).toEqual([]);
    expect(duplicateKeys('[{"a":1},{"a":1}]')).toEqual([]);
    expect(duplicateKeys('"text"')).toEqual([]);
  });
});

describe('queryProblems', () => {
  it('names a parameter sent twice and one the route does not read, once each, in the order sent', () => {
    expect(named(queryProblems('limit=1&x=2&limit=1&x=3&cursor=a', ['limit', 'cursor']))).toEqual([
      ['limit', '#/limit', 'duplicate'],
      ['x', '#/x', 'unknown_field'],
    ]);
    expect(queryProblems('limit=1&cursor=a', ['limit', 'cursor'])).toEqual([]);
    expect(queryProblems('', [])).toEqual([]);
    expect(queryProblems(undefined, [])).toEqual([]);
  });

  it('reads names as a reader does (percent-decoded) and echoes at most 100 characters of one', () => {
    expect(named(queryProblems('li%6Dit=1&limit=2', ['limit']))).toEqual([['limit', '#/limit', 'duplicate']]);
    const [long] = queryProblems(`${'n'.repeat(500)}=1`, []);
    expect(long?.params).toEqual({ key: 'n'.repeat(100) });
  });
});
