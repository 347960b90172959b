import * as z from 'zod';
import { quoted, truncated } from './text.js';

/*
 * What zod says for a check that names no message of its own, phrased as the rest of the API is
 * ("rounds: must be a whole number from 1"): zod's defaults read "Invalid input: expected int,
 * received number". Set once for the process when this module loads: every entry point loads it
 * through the package index (`parseBody`, `describeIssues`, the web form). A process that imports
 * only a subpath (`@culturebridge/domain/partner`) gets zod's defaults until it does. A schema's
 * own message still wins.
 */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a JSON object',
  date: 'a date',
};
z.config({
  customError: (issue) => {
    const name = issue.path && issue.path.length > 0 ? fieldPath(issue.path) : 'the body';
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined ? `${name} is required` : `${name}: expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
      case 'too_small': {
        const min = Number(issue.minimum);
        if (issue.origin === 'string') return min <= 1 ? `${name} must not be empty` : `${name}: at least ${min} characters`;
        if (issue.origin === 'array' || issue.origin === 'set') return `${name}: at least ${min} ${min === 1 ? 'item' : 'items'}`;
        return `${name}: at least ${min}`;
      }
      case 'too_big': {
        const max = Number(issue.maximum);
        if (issue.origin === 'string') return `${name}: at most ${max} characters`;
        if (issue.origin === 'array' || issue.origin === 'set') return `${name}: at most ${max} ${max === 1 ? 'item' : 'items'}`;
        return `${name}: at most ${max}`;
      }
      case 'invalid_value':
        return `${name}: expected one of ${issue.values.map((v) => String(v)).join(', ')}`;
      case 'invalid_format':
        return issue.format === 'email' ? `${name}: expected an e-mail address` : `${name}: expected the ${issue.format} format`;
      case 'not_multiple_of':
        return `${name}: expected a multiple of ${String(issue.divisor)}`;
      default:
        return undefined;
    }
  },
});

/**
 * Stable, machine-readable reasons a field is invalid (`FieldProblem.code`), so a client can say it
 * in its reader's language; `detail` stays English. Documented in docs/api.md; never renamed.
 */
export const FIELD_PROBLEM_CODES = [
  'required',
  'wrong_type',
  'empty',
  'too_short',
  'too_long',
  'too_few',
  'too_many',
  'too_small',
  'too_big',
  'unknown_value',
  'unknown_field',
  'unknown_country',
  'unknown_language',
  'unknown_time_zone',
  'invalid_email',
  'invalid_date',
  'invalid_format',
  'duplicate',
  'date_order',
  'control_character',
  'no_visible_character',
  'email_in_text',
  'unknown_network',
  'not_a_member',
  'not_active',
  'not_a_participant',
  'rounds_held',
  'round_passed',
  'meeting_under_way',
  'time_skipped',
  'unreadable_file',
  'file_too_large',
  'too_many_rows',
  'missing_columns',
  'unconfirmed_encoding',
  'extra_cells',
  'invalid',
] as const;
export type FieldProblemCode = (typeof FIELD_PROBLEM_CODES)[number];

/** Codes whose `params.value` is a count the API computed (a file's members), not text that was sent: a reader's page writes it as a number. */
export const COUNTED_VALUE_CODES: ReadonlySet<FieldProblemCode> = new Set(['too_many_rows']);

/** One invalid field, phrased for a person, with a JSON Pointer (RFC 6901) and a code for machines. */
export interface FieldProblem {
  field: string;
  pointer: string;
  code: FieldProblemCode;
  detail: string;
  /** What the code needs to be phrased: `min` / `max` (a length, count or number; for `invalid_date`, the first and last day taken as YYYY-MM-DD), `value` (what was sent), `key` (an unknown field). */
  params?: { min?: number | string; max?: number | string; value?: string; key?: string };
}

type Path = readonly PropertyKey[];

/** A field's name as problems give it: `themes[0].id`; `(body)` for the body itself. */
export function fieldPath(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(body)';
}

/** A JSON Pointer (RFC 6901 §5, URI fragment form: "#/themes/0/id") to a place in a request body. */
export function jsonPointer(path: Path): string {
  return '#/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

const isCode = (value: unknown): value is FieldProblemCode => typeof value === 'string' && (FIELD_PROBLEM_CODES as readonly string[]).includes(value);
// What was sent, echoed for a client to quote ("de" is not…); capped so a problem stays small.
const sent = (input: unknown) => (typeof input === 'string' ? { value: input.slice(0, ECHOED_LENGTH) } : undefined);

/** Characters of what was sent that a problem echoes (`params.value`, an unknown field's name, a member list's cell). */
export const ECHOED_LENGTH = 100;

/** The value at a zod issue path of the input (zod leaves `input` off issues unless asked to). */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/**
 * The code of one zod issue. A refinement names its own (`params: { code }`, e.g. `duplicate`);
 * built-in checks map by kind and by what they checked (a string's length, a list's size, a number).
 */
function classify(issue: z.core.$ZodIssue, input: unknown, known: boolean): Pick<FieldProblem, 'code' | 'params'> {
  switch (issue.code) {
    case 'invalid_type':
      return { code: known && input === undefined ? 'required' : 'wrong_type' };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { code: 'empty' } : { code: 'too_short', params: { min } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_few', params: { min } };
      return { code: 'too_small', params: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { code: 'too_long', params: { max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_many', params: { max } };
      return { code: 'too_big', params: { max } };
    }
    case 'invalid_value':
      return { code: known && input === undefined ? 'required' : 'unknown_value', params: sent(input) };
    case 'invalid_format':
      if (issue.format === 'email') return { code: 'invalid_email' };
      if (issue.format === 'date') return { code: 'invalid_date' };
      return { code: 'invalid_format' };
    case 'custom': {
      const { code, value, min, max } = (issue.params ?? {}) as { code?: unknown; value?: unknown; min?: unknown; max?: unknown };
      // A range the rule names (a day's first and last) travels with the value, for the reader's words.
      const range = typeof min === 'string' && typeof max === 'string' ? { min, max } : undefined;
      const params = sent(value ?? input);
      return { code: isCode(code) ? code : 'invalid', params: range && params ? { ...params, ...range } : params };
    }
    default:
      return { code: 'invalid' };
  }
}

/**
 * Flattens zod issues into one entry per bad field; an unknown key is reported at its own path.
 * `input` is what was validated: it tells a missing field (`required`) from a wrong one and gives
 * the `value` a code quotes; without it a missing field reads `wrong_type`.
 */
export function describeIssues(error: z.ZodError, ...input: [unknown?]): FieldProblem[] {
  const known = input.length > 0;
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        // A key is what the client sent: named, but no longer than a value is quoted.
        const shown = truncated(key, ECHOED_LENGTH);
        const path = [...issue.path, shown];
        problems.push({ field: fieldPath(path), pointer: jsonPointer(path), code: 'unknown_field', detail: `${quoted(key)} is not a field of this form`, params: { key: shown } });
      }
      continue;
    }
    const { code, params } = classify(issue, valueAt(input[0], issue.path), known);
    const field = fieldPath(issue.path);
    // One bound per field: zod checks a whole number against the safe-integer range as well as
    // the schema's own bound, so 1e308 broke both ("at most 120", "at most 9007199254740991").
    const same = problems.findIndex((p) => p.field === field && p.code === code && (code === 'too_big' || code === 'too_small'));
    if (same >= 0) {
      const kept = problems[same] as FieldProblem;
      const tighter = code === 'too_big' ? (params?.max ?? Infinity) < (kept.params?.max ?? Infinity) : (params?.min ?? -Infinity) > (kept.params?.min ?? -Infinity);
      if (tighter) problems[same] = { ...kept, detail: issue.message, ...(params ? { params } : {}) };
      continue;
    }
    problems.push({ field, pointer: jsonPointer(issue.path), code, detail: issue.message, ...(params ? { params } : {}) });
  }
  return cappedProblems(problems, problems.length);
}

/**
 * The first MAX_FIELD_PROBLEMS of `named` and, when `total` problems were found in all, one more
 * entry counting the rest (`(body)`, "and N more problems"; problemCount reads it back). A checker
 * that may find very many builds only the ones named and passes how many it found.
 */
export function cappedProblems(named: readonly FieldProblem[], total: number): FieldProblem[] {
  const shown = named.slice(0, MAX_FIELD_PROBLEMS);
  return total > shown.length ? [...shown, { field: '(body)', pointer: '#', code: 'invalid', detail: `and ${total - shown.length} more problems` }] : shown;
}

/** How many problems a list from describeIssues stands for: the named ones, plus those its last entry counts (above). */
export function problemCount(problems: readonly FieldProblem[]): number {
  const last = problems.at(-1);
  const more = last?.field === '(body)' ? /^and (\d+) more problems$/.exec(last.detail) : null;
  return more ? problems.length - 1 + Number(more[1]) : problems.length;
}

/**
 * Problems named one by one in an answer; beyond them one more entry counts the rest. A body of
 * 10 000 unknown fields would otherwise answer with megabytes (a Lambda answer is at most 6 MB).
 */
export const MAX_FIELD_PROBLEMS = 100;
