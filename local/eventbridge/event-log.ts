// The in-memory record of accepted events, in arrival order, and its query filters for
// GET /_local/events.

import type { EventEnvelope } from './envelope.js';

export interface LoggedEvent {
  eventBusName: string;
  /** Names of the rules on the bus whose pattern matched, in the order they were added. */
  matchedRules: string[];
  event: EventEnvelope;
}

export interface EventLogQuery {
  source?: string;
  detailType?: string;
  eventBusName?: string;
  /** Only events accepted after the event with this id. */
  since?: string;
}

export class UnknownEventIdError extends Error {
  constructor(readonly eventId: string) {
    super(`No event with id ${eventId} in the event log`);
    this.name = 'UnknownEventIdError';
  }
}

export function queryEventLog(log: readonly LoggedEvent[], query: EventLogQuery): LoggedEvent[] {
  let start = 0;
  if (query.since !== undefined) {
    const index = log.findIndex((entry) => entry.event.id === query.since);
    if (index === -1) throw new UnknownEventIdError(query.since);
    start = index + 1;
  }
  return log
    .slice(start)
    .filter(
      (entry) =>
        (query.source === undefined || entry.event.source === query.source) &&
        (query.detailType === undefined || entry.event['detail-type'] === query.detailType) &&
        (query.eventBusName === undefined || entry.eventBusName === query.eventBusName),
    );
}
