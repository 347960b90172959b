// The slice of EventBridge's AWS JSON 1.1 protocol that the local bus speaks: PutEvents request and
// response shapes, the error body the SDK parses, and EventBridge's request and entry validation.
// Error codes and messages mirror what the real service returns, so publisher code that inspects
// them behaves the same locally.

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';
export const TARGET_PREFIX = 'AWSEvents.';
export const PUT_EVENTS_TARGET = `${TARGET_PREFIX}PutEvents`;
export const MAX_ENTRIES_PER_REQUEST = 10;
/** EventBridge limits the summed size of a request's entries (not the raw body) to 256 KB. */
export const MAX_ENTRIES_SIZE_BYTES = 256 * 1024;

export interface PutEventsRequestEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  /** The SDK sends epoch seconds; a string (ISO 8601) is accepted too. */
  Time?: number | string;
  TraceHeader?: string;
}

export interface PutEventsRequest {
  Entries: PutEventsRequestEntry[];
  EndpointId?: string;
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export interface PutEventsResponse {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

/** An error answered as the whole request's response, in the shape the AWS SDK deserializes. */
export class AwsJsonError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = type;
  }

  toBody(): { __type: string; message: string } {
    return { __type: this.type, message: this.message };
  }
}

/** Checks the request-level shape; entry-level problems are reported per entry by checkEntry. */
export function parsePutEventsRequest(body: unknown): PutEventsRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AwsJsonError('SerializationException', 'Request body must be a JSON object');
  }
  const entries = (body as { Entries?: unknown }).Entries;
  if (entries === undefined || entries === null) {
    throw new AwsJsonError(
      'ValidationException',
      "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
    );
  }
  if (!Array.isArray(entries)) throw new AwsJsonError('SerializationException', 'Entries must be an array');
  if (entries.length < 1) {
    throw new AwsJsonError(
      'ValidationException',
      "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  if (entries.length > MAX_ENTRIES_PER_REQUEST) {
    throw new AwsJsonError(
      'ValidationException',
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES_PER_REQUEST} (got ${entries.length})`,
    );
  }
  entries.forEach((entry: unknown, index) => assertEntryShape(entry, index));
  const typed = entries as PutEventsRequestEntry[];
  const total = typed.reduce((sum, entry) => sum + entrySize(entry), 0);
  if (total > MAX_ENTRIES_SIZE_BYTES) {
    throw new AwsJsonError(
      'ValidationException',
      `Total size of the entries in the request is over the limit (${total} bytes > ${MAX_ENTRIES_SIZE_BYTES}).`,
    );
  }
  return { Entries: typed };
}

function assertEntryShape(entry: unknown, index: number): asserts entry is PutEventsRequestEntry {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new AwsJsonError('SerializationException', `Entries[${index}] must be an object`);
  }
  const record = entry as Record<string, unknown>;
  for (const field of ['Source', 'DetailType', 'Detail', 'EventBusName', 'TraceHeader'] as const) {
    const value = record[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new AwsJsonError('SerializationException', `Entries[${index}].${field} must be a string`);
    }
  }
  const resources = record.Resources;
  if (resources !== undefined && resources !== null && (!Array.isArray(resources) || !resources.every((r) => typeof r === 'string'))) {
    throw new AwsJsonError('SerializationException', `Entries[${index}].Resources must be a list of strings`);
  }
  const time = record.Time;
  if (time !== undefined && time !== null && parseTime(time) === undefined) {
    throw new AwsJsonError('SerializationException', `Entries[${index}].Time is not a valid timestamp`);
  }
}

/** Entry size as EventBridge computes it ("Calculating PutEvents event entry size"). */
export function entrySize(entry: PutEventsRequestEntry): number {
  const bytes = (s: string | undefined) => (s ? Buffer.byteLength(s, 'utf8') : 0);
  let size = entry.Time !== undefined && entry.Time !== null ? 14 : 0;
  size += bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail);
  for (const resource of entry.Resources ?? []) size += bytes(resource);
  return size;
}

export type EntryCheck =
  | { ok: true; source: string; detailType: string; detail: Record<string, unknown>; eventBusName: string; resources: string[]; time: string }
  | { ok: false; errorCode: string; errorMessage: string };

/** Validates one entry as EventBridge does and normalises it for the envelope. */
export function checkEntry(entry: PutEventsRequestEntry, now: Date = new Date(), { serviceEvent = false }: { serviceEvent?: boolean } = {}): EntryCheck {
  const required = (field: 'Source' | 'DetailType' | 'Detail'): EntryCheck => ({
    ok: false,
    errorCode: 'InvalidArgument',
    errorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
  });
  if (!entry.Source) return required('Source');
  if (!entry.DetailType) return required('DetailType');
  if (!entry.Detail) return required('Detail');
  // The "aws." namespace belongs to AWS services; EventBridge refuses it from PutEvents callers.
  if (entry.Source.startsWith('aws.') && !serviceEvent) {
    return { ok: false, errorCode: 'NotAuthorizedForSourceException', errorMessage: 'Not authorized for the source.' };
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    detail = undefined;
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return { ok: false, errorCode: 'MalformedDetail', errorMessage: 'Detail is malformed.' };
  }
  return {
    ok: true,
    source: entry.Source,
    detailType: entry.DetailType,
    detail: detail as Record<string, unknown>,
    eventBusName: busNameOf(entry.EventBusName),
    resources: entry.Resources ?? [],
    time: formatEventTime(entry.Time === undefined || entry.Time === null ? now : (parseTime(entry.Time) ?? now)),
  };
}

/** EventBusName may be a name or an ARN (`arn:aws:events:region:account:event-bus/name`). */
export function busNameOf(eventBusName: string | undefined): string {
  if (!eventBusName) return 'default';
  const arn = /^arn:[^:]+:events:[^:]*:[^:]*:event-bus\/(.+)$/.exec(eventBusName);
  return arn?.[1] ?? eventBusName;
}

function parseTime(time: unknown): Date | undefined {
  let date: Date | undefined;
  if (typeof time === 'number') date = new Date(time * 1000);
  else if (typeof time === 'string') date = /^\d+(\.\d+)?$/.test(time) ? new Date(Number(time) * 1000) : new Date(time);
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** EventBridge envelopes carry second precision: 2017-12-22T18:43:48Z. */
export function formatEventTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
