import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { OutgoingEvent } from './map-record.js';

export const MAX_ENTRIES_PER_CALL = 10;
export const MAX_BYTES_PER_CALL = 256 * 1024;

export interface PublishOptions {
  busName: string;
  maxAttempts: number;
  baseDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/** PutEvents counts an entry's size as AWS documents it: source, detail type, detail, resources, 14 bytes of time. */
function entrySize(entry: PutEventsRequestEntry): number {
  return Buffer.byteLength(entry.Source ?? '') + Buffer.byteLength(entry.DetailType ?? '') + Buffer.byteLength(entry.Detail ?? '') + 14;
}

/**
 * Splits events into PutEvents calls of at most 10 entries and 256 KB. A call never holds two
 * events of the same item: entries inside one call may fail independently, and retrying one while
 * a later change of the same item went through would reverse their order.
 */
export function chunk(events: OutgoingEvent[], entries: PutEventsRequestEntry[]): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  let items = new Set<string>();
  events.forEach((event, index) => {
    const size = entrySize(entries[index] as PutEventsRequestEntry);
    if (current.length === MAX_ENTRIES_PER_CALL || bytes + size > MAX_BYTES_PER_CALL || items.has(event.itemKey)) {
      if (current.length) chunks.push(current);
      current = [];
      bytes = 0;
      items = new Set();
    }
    current.push(index);
    bytes += size;
    items.add(event.itemKey);
  });
  if (current.length) chunks.push(current);
  return chunks;
}

/**
 * Publishes in stream order, one call after another. Only the entries PutEvents reports as failed are
 * sent again, with backoff. Returns the index of the first event that could not be published after
 * all attempts (nothing after it was attempted), or undefined when all were published.
 */
export async function publishInOrder(
  client: EventBridgeClient,
  events: OutgoingEvent[],
  { busName, maxAttempts, baseDelayMs, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) }: PublishOptions,
  logger?: Logger,
): Promise<number | undefined> {
  const entries: PutEventsRequestEntry[] = events.map((e) => ({
    EventBusName: busName,
    Source: e.source,
    DetailType: e.detailType,
    Detail: JSON.stringify(e.detail),
  }));
  for (const call of chunk(events, entries)) {
    let pending = call;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > maxAttempts) {
        logger?.error('events could not be published', { unpublished: pending.length, detailTypes: pending.map((i) => events[i]?.detailType) });
        return Math.min(...pending);
      }
      if (attempt > 1) await sleep(baseDelayMs * 2 ** (attempt - 2));
      try {
        const out = await client.send(new PutEventsCommand({ Entries: pending.map((i) => entries[i] as PutEventsRequestEntry) }));
        const failed = pending.filter((_, position) => out.Entries?.[position]?.ErrorCode || !out.Entries?.[position]?.EventId);
        if (failed.length) {
          logger?.warn('PutEvents reported failed entries; retrying only those', {
            failed: failed.length,
            errorCodes: [...new Set(pending.map((_, p) => out.Entries?.[p]?.ErrorCode).filter(Boolean))],
            attempt,
          });
        }
        pending = failed;
      } catch (error) {
        // The SDK already retried throttling and network faults; the whole call counts as failed.
        logger?.warn('PutEvents call failed', { error: (error as Error).name, attempt });
      }
    }
  }
  return undefined;
}
