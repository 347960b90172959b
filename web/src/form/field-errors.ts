import type { TFunction } from 'i18next';
import { COUNTED_VALUE_CODES, ProfileInput, formatDate, describeIssues, problemCount, type FieldProblem, type FieldProblemCode, type Locale } from '@culturebridge/domain';
import { numberFormat } from '../i18n/number-format';

/**
 * Messages per form field. The API's `errors` and the schema's issues both name a field by the same
 * readable path (`themes[0].priority`), so one mapping places both next to the same input.
 */
export type FieldErrors = ReadonlyMap<string, string[]>;

/** The shared zod schema, run in the browser: the same messages the API would send. */
export function validateProfile(input: ProfileInput): FieldProblem[] {
  const result = ProfileInput.safeParse(input);
  return result.success ? [] : describeIssues(result.error, input);
}

/** Errors that belong to no field of the form (the body as a whole); shown in the summary only. */
export const FORM_KEY = '(form)';

/**
 * The form field a path belongs to: `contact.email` and `availability.to` are fields of their own,
 * `themes[2].priority` belongs to the chip of the third theme sent, any other list item to its list.
 */
function fieldKeyOf(field: string, input: ProfileInput): string {
  const match = /^([A-Za-z]+)(?:\[(\d+)\])?(?:\.([A-Za-z]+))?/.exec(field);
  if (!match) return FORM_KEY;
  const [, top = '', index, child] = match;
  if ((top === 'contact' || top === 'availability') && child) return `${top}.${child}`;
  if (top === 'themes' && index !== undefined) {
    const theme = input.themes?.[Number(index)];
    return theme ? `themes.${theme.id}` : 'themes';
  }
  return top;
}

/**
 * Each problem as a message in the reader's language, from its stable `code` (the API's English
 * `detail` only for a code this app does not know), named by its field: "Country: not a country code".
 */
export function groupErrors(problems: readonly FieldProblem[], input: ProfileInput, t: TFunction, locale?: Locale): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const problem of problems) {
    const key = fieldKeyOf(problem.field, input);
    const list = grouped.get(key) ?? [];
    const field = key.startsWith('themes.') ? t(`domain:theme.${key.slice('themes.'.length)}`) : t(`fieldName.${key}`, { defaultValue: problem.field });
    const message = fieldProblemMessage(problem, field, t, locale);
    if (!list.includes(message)) list.push(message);
    grouped.set(key, list);
  }
  return grouped;
}

/**
 * One field problem in the reader's language, named by `field` (a label): "Country: “XX” is not a
 * country code." The words come from the problem's `code`; the API's English `detail` only for a
 * code this app does not know.
 */
export function fieldProblemMessage(problem: Pick<FieldProblem, 'code' | 'params' | 'detail'>, field: string, t: TFunction, locale?: Locale): string {
  const params = readableParams(problem.params, locale, problem.code);
  // A date the API names (`value`) is a day out of range (a meeting's day that has passed, or past
  // 2099): its words say which days may be chosen; without a value it is not a date at all.
  // With `min` and `max` the API names the days the field takes (availability): its words say so.
  const key = problem.code !== 'invalid_date' || problem.params?.value === undefined ? problem.code : problem.params.min !== undefined ? 'invalid_date_range' : 'invalid_date_value';
  return t('domain:fieldError.withField', { field, problem: t(`domain:fieldError.${key}`, { ...params, defaultValue: sentence(problem.detail) }) });
}

/** A problem's `params` as the reader reads them (see `readable`), for the catalogs' placeholders. */
export function readableParams(params: Readonly<Record<string, unknown>> | undefined, locale: Locale | undefined, code?: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params ?? {}).map(([name, value]) => {
      // A count the API computed travels as `value` text; it reads as the number it is.
      const counted = name === 'value' && COUNTED_VALUE_CODES.has(code as FieldProblemCode) && typeof value === 'string' && /^\d+$/.test(value);
      // A day refused as out of range (`invalid_date` with a value, and the range's days) reads as the page writes days.
      const day = ['value', 'min', 'max'].includes(name) && code === 'invalid_date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
      if (day && locale) return [name, formatDate(value, locale)];
      return [name, readable(counted ? Number(value) : value, locale)];
    }),
  );
}

/**
 * A value as the reader reads it: an instant (when a round begins) "November 30, 2026 12:57", its
 * day as `locale` writes days ("2026-11-30 12:57" without one; the catalogs say it is UTC); a
 * number (a limit: `min`, `max`) as `locale` writes it ("5 000" in Ukrainian, "5,000" in English;
 * as it is without a locale). Other values, what was sent, as they are.
 */
function readable(value: unknown, locale: Locale | undefined): unknown {
  if (typeof value === 'number' && locale) return numberFormat(locale).format(value);
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(value)) return value;
  // The catalogs say the time is UTC: the day as the page writes days, the time as it is.
  return `${locale ? formatDate(value.slice(0, 10), locale) : value.slice(0, 10)} ${value.slice(11, 16)}`;
}

/**
 * The problems a list names one by one: all of them, but for the last entry of a long list, which
 * counts the problems not named (`problemCount` reads it). A `(body)` problem of its own (a body
 * that is not an object, a `__proto__` key) is named like any other.
 */
export function namedProblems(problems: readonly FieldProblem[]): readonly FieldProblem[] {
  return problemCount(problems) === problems.length ? problems : problems.slice(0, -1);
}

/** The schema writes messages in lower case so they read inside the API's detail; alone they start a sentence. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The DOM id of a field's input, for labels, `aria-describedby` and the error summary's links. */
export function fieldId(key: string): string {
  return `field-${key.replace(/[^A-Za-z0-9-]/g, '-')}`;
}

export const errorId = (key: string) => `${fieldId(key)}-error`;
