/**
 * What a schema must do to validate configuration and messages: zod's classic and mini builds both
 * do it, so a function with a small bundle budget (the authorizer) can use the mini build.
 */
export interface SafeParser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/**
 * Reads a function's configuration from the environment once, at cold start. A missing or malformed
 * variable stops the function before it serves anything, naming every bad variable.
 */
export function loadConfig<T>(functionName: string, schema: SafeParser<T>, env: NodeJS.ProcessEnv = process.env): T {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');
    throw new Error(`${functionName} configuration is invalid: ${problems}`);
  }
  return parsed.data;
}

/** A queued message this function cannot read; failing it lets SQS retry and then dead-letter it. */
export class UnreadableMessage extends Error {
  constructor(messageId: string, what: string) {
    super(`message ${messageId} is not a readable ${what}`);
    this.name = 'UnreadableMessage';
  }
}

interface ErrorLogger {
  error(message: string, ...extra: unknown[]): void;
}

/**
 * Parses an SQS message body as JSON and validates it. What cannot be read is never dropped: it
 * is logged (id and issue count only, never the body) and thrown, so the message fails on its own,
 * is retried, then dead-letters and the alarm fires.
 */
export function readMessage<T>(record: { messageId: string; body: string }, schema: SafeParser<T>, what: string, logger: ErrorLogger): T {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    body = undefined;
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    logger.error(`message is not a readable ${what}; it will be dead-lettered`, { messageId: record.messageId, issues: parsed.error.issues.length });
    throw new UnreadableMessage(record.messageId, what);
  }
  return parsed.data;
}
