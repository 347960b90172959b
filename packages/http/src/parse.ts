import { describeIssues } from '@culturebridge/domain';
import type * as z from 'zod';
import { invalidFields } from './problem.js';

/** Validates a parsed body against a zod schema; every bad field is named in one 400. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw invalidFields(describeIssues(result.error));
  return result.data;
}
