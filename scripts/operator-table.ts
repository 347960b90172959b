import { fieldPath } from '@culturebridge/domain';
import { createDocumentClient } from '@culturebridge/store';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb-local.js';
import { LOCAL_TABLE_NAME } from '../local/platform.js';

/**
 * The table the operator's commands write to: `npm start`'s DynamoDB Local (DYNAMODB_PORT or 8000)
 * by default; with TABLE_NAME set, that table in AWS with the usual credentials and region
 * (DYNAMODB_ENDPOINT overrides the endpoint either way).
 */
export function operatorDocumentClient() {
  const local = !process.env.TABLE_NAME;
  const tableName = process.env.TABLE_NAME ?? LOCAL_TABLE_NAME;
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? (local ? `http://localhost:${process.env.DYNAMODB_PORT ?? 8000}` : undefined);
  const doc = createDocumentClient(endpoint ? { endpoint, ...(local ? { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS } : {}) } : {});
  return { doc, tableName };
}

/**
 * One line per issue of a zod error (or one shaped like it), each "<field>: <problem>" with the
 * field named once. Messages are written for the API, where the field travels beside them, so most
 * already start with it ("webhook: too long …", "name must not be empty"): that start is read as
 * the field ("name: must not be empty"), and only a message that does not name it gets it in front
 * ("networks[0]: network id must be …"). Undefined when `error` has no issues.
 */
export function issueLines(error: unknown): string[] | undefined {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  return issues?.map((i) => {
    const field = i.path.length > 0 ? fieldPath(i.path) : 'input';
    if (i.message.startsWith(`${field}:`)) return i.message;
    return `${field}: ${i.message.startsWith(`${field} `) ? i.message.slice(field.length + 1) : i.message}`;
  });
}

/** Prints a zod error field by field, anything else as one line; returns the exit code 1. */
export function reportFailure(error: unknown, what: string): number {
  console.error(issueLines(error)?.join('\n') ?? `could not store ${what}: ${(error as Error).message}`);
  return 1;
}
