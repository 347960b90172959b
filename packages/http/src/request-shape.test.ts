import { describe, expect, it } from 'vitest';
import { queryProblems } from './request-shape.js';

const named = (problems: { field: string; pointer: string; code: string }[]) => problems.map((p) => [p.field, p.pointer, p.code]);

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
