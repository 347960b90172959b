import { describe, expect, it } from 'vitest';
import { PROBLEM_TYPES, invalidFields, keptChanging, meetingExists, versionConflict } from './problem.js';

describe('problems', () => {
  it('ends a one-field detail with one full stop, whether or not the field\'s own detail has one', () => {
    const problem = (detail: string) => invalidFields([{ field: 'file', pointer: '#/file', code: 'unreadable_file', detail }]);
    expect(problem('at most 5000 can be imported at once. Split it.').detail).toBe('The field file is invalid: at most 5000 can be imported at once. Split it.');
    expect(problem('the file is empty').detail).toBe('The field file is invalid: the file is empty.');
  });

  it('counts every field in the detail, those the list only counts included', () => {
    const named = Array.from({ length: 100 }, (_, k) => ({ field: `extra${k}`, pointer: `#/extra${k}`, code: 'unknown_field' as const, detail: 'x' }));
    const problem = invalidFields([...named, { field: '(body)', pointer: '#', code: 'invalid', detail: 'and 9900 more problems' }]);
    expect(problem.detail).toMatch(/^10000 fields are invalid: extra0, /);
    expect(invalidFields(named.slice(0, 2)).detail).toBe('2 fields are invalid: extra0, extra1.');
  });

  it('names what changed in a version conflict', () => {
    expect(versionConflict(1, 2).title).toBe('The profile was changed by someone else');
    expect(versionConflict(1, 3, 'meeting')).toMatchObject({ status: 409, title: 'The meeting was changed by someone else' });
  });

  it('gives every problem a client must tell apart within its status a type of its own', () => {
    // 503: a race lost on every attempt is not throttling (about:blank).
    expect(keptChanging('match').toBody()).toMatchObject({ type: PROBLEM_TYPES.keptChanging, status: 503 });
    expect(keptChanging('match').headers).toEqual({ 'retry-after': '1' });
    // 409: not a version conflict, a meeting state or a match state.
    expect(meetingExists('taken').toBody()).toMatchObject({ type: PROBLEM_TYPES.meetingExists, status: 409, detail: 'taken' });
    expect(new Set(Object.values(PROBLEM_TYPES)).size).toBe(Object.values(PROBLEM_TYPES).length);
  });
});
