import { describe, expect, it } from 'vitest';
import { MAX_FIELD_PROBLEMS } from '@culturebridge/domain';
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

  // A 64 KB body anyone may send: one object 1 500 levels deep holding one key 9 000 times. Naming
  // every repeat by its whole path before capping took 19 s and 1 GB (a 5xx on a public route).
  it('names at most MAX_FIELD_PROBLEMS repeats and counts the rest, without building a path per key', { timeout: 5_000 }, () => {
    const depth = 1_500;
    const body = `${'{"k":'.repeat(depth)}{${'"x":1,'.repeat(9_000)}"x":1}${'}'.repeat(depth)}`;
    expect(body.length).toBeLessThan(64 * 1024);
    const problems = duplicateKeys(body);
    expect(problems).toHaveLength(MAX_FIELD_PROBLEMS + 1);
    expect(problems[0]).toMatchObject({ code: 'duplicate', params: { key: 'x' }, pointer: `#${'/k'.repeat(depth)}/x` });
    expect(problems.at(-1)).toMatchObject({ field: '(body)', code: 'invalid', detail: `and ${9_000 - MAX_FIELD_PROBLEMS} more problems` });
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
