import { describe, expect, it } from 'vitest';
import { describeIssues, ProfileInput, MAX_FIELD_PROBLEMS } from '@culturebridge/domain';
import { namedProblems } from './field-errors';

describe('the problems a page names one by one', () => {
  it('leaves out only the entry that counts the problems not named', () => {
    const many = Object.fromEntries(Array.from({ length: MAX_FIELD_PROBLEMS + 5 }, (_, i) => [`extra${i}`, 1]));
    const problems = describeIssues(ProfileInput.safeParse(many).error!, many);
    expect(problems.at(-1)?.field).toBe('(body)');
    expect(namedProblems(problems)).toEqual(problems.slice(0, -1));
  });

  it('names a problem of the whole body like any other', () => {
    const problems = describeIssues(ProfileInput.safeParse('not an object').error!, 'not an object');
    expect(problems.map((p) => p.field)).toEqual(['(body)']);
    expect(namedProblems(problems)).toEqual(problems);
  });
});
