import { describe, expect, it } from 'vitest';
import { describeIssues, ProfileInput, MAX_FIELD_PROBLEMS } from '@culturebridge/domain';
import type { TFunction } from 'i18next';
import { fieldProblemMessage, namedProblems } from './field-errors';

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

describe('a field problem in the page\'s words', () => {
  // Echoes what the catalogs would be given, so the test sees the values, not one language's words.
  const t = ((key: string, options: Record<string, unknown>) => (key === 'domain:fieldError.withField' ? `${String(options.field)}: ${String(options.problem)}` : `${key} ${String(options.value)}`)) as unknown as TFunction;

  it('gives an instant (when a round begins) as a day and a time, not as ISO 8601', () => {
    const message = fieldProblemMessage({ code: 'meeting_under_way', params: { value: '2026-11-30T12:57:00.000Z' }, detail: 'the meeting began' }, 'Start time', t);
    expect(message).toBe('Start time: domain:fieldError.meeting_under_way 2026-11-30 12:57');
  });

  it('says which days a meeting may have for a day out of range, not "enter a date" for the day typed', () => {
    // The API names the day it refuses (`value`) only when it is a date, out of range; a date that is
    // not one comes without it.
    expect(fieldProblemMessage({ code: 'invalid_date', params: { value: '2026-11-01' }, detail: 'date: the day has passed (today is 2026-11-30)' }, 'Date', t)).toBe('Date: domain:fieldError.invalid_date_value 2026-11-01');
    expect(fieldProblemMessage({ code: 'invalid_date', detail: 'date: expected a date as YYYY-MM-DD' }, 'Date', t)).toBe('Date: domain:fieldError.invalid_date undefined');
  });

  it('says which days a field takes when the API names its range (availability), in the page\'s language', () => {
    const echo = ((key: string, options: Record<string, unknown>) => (key === 'domain:fieldError.withField' ? String(options.problem) : `${key}: ${String(options.value)} ${String(options.min)}–${String(options.max)}`)) as unknown as TFunction;
    const problem = { code: 'invalid_date' as const, params: { value: '9999-12-31', min: '2000-01-01', max: '2099-12-31' }, detail: 'x' };
    expect(fieldProblemMessage(problem, 'To', echo)).toBe('domain:fieldError.invalid_date_range: 9999-12-31 2000-01-01–2099-12-31');
    expect(fieldProblemMessage(problem, 'To', echo, 'en')).toBe('domain:fieldError.invalid_date_range: December 31, 9999 January 1, 2000–December 31, 2099');
  });

  it('leaves other values as they are', () => {
    expect(fieldProblemMessage({ code: 'unknown_value', params: { value: '2026-11-30' }, detail: 'x' }, 'Date', t)).toBe('Date: domain:fieldError.unknown_value 2026-11-30');
  });

  it('writes a limit, and a count the API computed, as the page\'s language writes numbers ("5 000" in Ukrainian, "5,000" in English)', () => {
    const echo = ((key: string, options: Record<string, unknown>) => (key === 'domain:fieldError.withField' ? String(options.problem) : `${String(options.value)} > ${String(options.max)}`)) as unknown as TFunction;
    const problem = { code: 'too_many_rows' as const, params: { value: '6200', max: 5000 }, detail: 'too many rows' };
    expect(fieldProblemMessage(problem, 'File', echo, 'uk')).toBe('6\u00a0200 > 5\u00a0000');
    expect(fieldProblemMessage(problem, 'File', echo, 'en')).toBe('6,200 > 5,000');
    // What was sent is quoted as sent, digits or not.
    expect(fieldProblemMessage({ code: 'unknown_value', params: { value: '6200' }, detail: 'x' }, 'Postcode', echo, 'en')).toBe('6200 > undefined');
  });

  it('writes a meeting\'s day and a round\'s start in the page\'s language when it has one', () => {
    const echo = ((key: string, options: Record<string, unknown>) => (key === 'domain:fieldError.withField' ? String(options.problem) : String(options.value))) as unknown as TFunction;
    expect(fieldProblemMessage({ code: 'invalid_date', params: { value: '2026-11-01' }, detail: 'x' }, 'Date', echo, 'uk')).toBe('1 листопада 2026 р.');
    expect(fieldProblemMessage({ code: 'meeting_under_way', params: { value: '2026-11-30T12:57:00.000Z' }, detail: 'x' }, 'Start time', echo, 'en')).toBe('November 30, 2026 12:57');
    // Without the page's language, and for what was sent under another code, as before.
    expect(fieldProblemMessage({ code: 'invalid_date', params: { value: '2026-11-01' }, detail: 'x' }, 'Date', echo)).toBe('2026-11-01');
    expect(fieldProblemMessage({ code: 'unknown_value', params: { value: '2026-11-30' }, detail: 'x' }, 'Date', echo, 'en')).toBe('2026-11-30');
  });
});

