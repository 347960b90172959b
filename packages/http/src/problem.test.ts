import { describe, expect, it } from 'vitest';
import { invalidFields, versionConflict } from './problem.js';

describe('problems', () => {
  it('ends a one-field detail with one full stop, whether or not the field\'s own detail has one', () => {
    const problem = (detail: string) => invalidFields([{ field: 'file', pointer: '#/file', code: 'unreadable_file', detail }]);
    expect(problem('at most 5000 can be imported at once. Split it.').detail).toBe('The field file is invalid: at most 5000 can be imported at once. Split it.');
    expect(problem('the file is empty').detail).toBe('The field file is invalid: the file is empty.');
  });

  it('names what changed in a version conflict', () => {
    expect(versionConflict(1, 2).title).toBe('The profile was changed by someone else');
    expect(versionConflict(1, 3, 'meeting')).toMatchObject({ status: 409, title: 'The meeting was changed by someone else' });
  });
});
