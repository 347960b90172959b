/**
 * An error as one log line: its name (left out for a plain `Error`) and message. An error that only
 * wraps others (Powertools' FullBatchFailureError, whose message says "See individual errors
 * below" and logs nothing below; an AggregateError) is named with each inner error instead, each
 * distinct one once with a count ("FullBatchFailureError (MatchWriteConflict: … ×2)"). Messages
 * are the code's own or AWS's, as the outer message was before: never a message body.
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = innerErrors(error);
  if (inner.length === 0) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  const counts = new Map<string, number>();
  for (const e of inner) counts.set(errorMessage(e), (counts.get(errorMessage(e)) ?? 0) + 1);
  return `${error.name} (${[...counts].map(([text, n]) => (n > 1 ? `${text} ×${n}` : text)).join('; ')})`;
}

/** The errors `error` wraps: `recordErrors` (@aws-lambda-powertools/batch) or `errors` (AggregateError). */
function innerErrors(error: Error): unknown[] {
  const { recordErrors } = error as { recordErrors?: unknown };
  if (Array.isArray(recordErrors) && recordErrors.length > 0) return recordErrors;
  return error instanceof AggregateError && error.errors.length > 0 ? error.errors : [];
}
