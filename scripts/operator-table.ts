import { fieldPath } from '@culturebridge/domain';
import { createDocumentClient } from '@culturebridge/store';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb-local.js';
import { LOCAL_TABLE_NAME } from '../local/platform.js';

/** A loopback endpoint: a DynamoDB Local on this machine, never a table in AWS. */
const LOOPBACK = /^https?:\/\/(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?(\/|$)/i;

/**
 * The table the operator's commands write to, from the environment: `npm start`'s DynamoDB Local
 * (DYNAMODB_PORT or 8000) without TABLE_NAME; with TABLE_NAME, that table in AWS with the usual
 * credentials and region, through DYNAMODB_ENDPOINT when set (a VPC endpoint), unless that endpoint
 * is a loopback address (a DynamoDB Local of its own, as the tests run): then this machine. `local`
 * also decides the checks: a partner's webhook may be http://localhost only on this machine.
 */
export function operatorTarget(env: NodeJS.ProcessEnv): { local: boolean; tableName: string; endpoint: string | undefined } {
  const local = !env.TABLE_NAME || LOOPBACK.test(env.DYNAMODB_ENDPOINT ?? '');
  const endpoint = env.DYNAMODB_ENDPOINT ?? (local ? `http://localhost:${env.DYNAMODB_PORT ?? 8000}` : undefined);
  return { local, tableName: env.TABLE_NAME ?? LOCAL_TABLE_NAME, endpoint };
}

/** A document client for `operatorTarget(process.env)`: DynamoDB Local takes the local region and keys. */
export function operatorDocumentClient() {
  const { local, tableName, endpoint } = operatorTarget(process.env);
  const doc = createDocumentClient(endpoint ? { endpoint, ...(local ? { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS } : {}) } : {});
  return { doc, tableName, local };
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
