import { cappedProblems, describeIssues, problemCount, type FieldProblem } from '@culturebridge/domain';
import type * as z from 'zod';
import { invalidFields } from './problem.js';

/** Validates a parsed body against a zod schema; every bad field is named in one 400. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw invalidFields(describeIssues(result.error, body));
  return result.data;
}

/**
 * What a route checks beyond its schema (ids looked up in the table), asked about the body as sent
 * when the schema refused it. `named` holds the fields the schema already named: a check skips them
 * and anything not well-formed, so no field is named twice.
 */
export type FurtherChecks = (body: unknown, named: ReadonlySet<string>) => Promise<FieldProblem[]>;

/**
 * `parseBody` for a route that also checks the body against stored data: when the schema refuses
 * the body, `further` is asked too, so the one 400 names every bad field (a schema mistake and an
 * unknown id together, not one answer after the other). When the schema accepts it, `further` is
 * not asked: the caller checks the parsed body as it always does. Throws HttpProblem (400).
 */
export async function parseBodyAlong<S extends z.ZodType>(schema: S, body: unknown, further: FurtherChecks): Promise<z.output<S>> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = describeIssues(result.error, body);
  throw invalidFields(withMoreProblems(problems, await further(body, new Set(problems.map((p) => p.field)))));
}

/** `problems` (capped as `describeIssues` caps them) and `more` in one list, capped the same way. */
export function withMoreProblems(problems: readonly FieldProblem[], more: readonly FieldProblem[]): FieldProblem[] {
  if (more.length === 0) return [...problems];
  const named = problems.at(-1)?.field === '(body)' ? problems.slice(0, -1) : [...problems];
  return cappedProblems([...named, ...more], problemCount(problems) + more.length);
}

/** The field `key` of a body as sent, which may be any JSON (null, a list, a number): undefined unless the body is an object. */
export function sentField(body: unknown, key: string): unknown {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)[key] : undefined;
}

/**
 * The entries of `list` at `key` of a body as sent that are strings the `form` accepts and not
 * already named (as `key[i]`), with their places: what a further check may look up.
 */
export function wellFormedEntries(body: unknown, key: string, form: z.ZodType<string>, named: ReadonlySet<string>): { index: number; id: string }[] {
  const listed = sentField(body, key);
  if (!Array.isArray(listed)) return [];
  return listed.flatMap((id: unknown, index) => (typeof id === 'string' && !named.has(`${key}[${index}]`) && form.safeParse(id).success ? [{ index, id }] : []));
}
