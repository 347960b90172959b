import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { readMessage } from '@culturebridge/runtime';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { ACTIVITY_TYPES, EventId, EventTime, type ActivityEntry } from '@culturebridge/domain';
import type { ActivityStore } from '@culturebridge/store';

/** Only what the feed needs from an event, read leniently (an additive field must not stop it). */
const FeedEvent = z.object({
  'detail-type': z.enum(ACTIVITY_TYPES),
  detail: z.object({
    // The contract's shapes: an entry's key must be one the feed's cursor can name (ACTIVITY_CURSOR).
    metadata: z.object({ eventId: EventId, occurredAt: EventTime }),
    data: z.union([
      z.object({ matchId: z.string().min(1), profileIds: z.array(z.string().min(1)), sharedNetworks: z.array(z.string().min(1)) }),
      z.object({ profile: z.object({ id: z.string().min(1), networks: z.array(z.string().min(1)) }) }),
    ]),
  }),
});

export interface RecordActivityDeps {
  activity: Pick<ActivityStore, 'record'>;
  logger: Logger;
}

/**
 * record-activity: keeps the dashboard's activity feed, a projection of the events on the bus (rule
 * activity-feed → SQS buffer → here): one entry per event and network concerned, keyed by the event
 * id, so a redelivered event writes the same item again and the feed shows it once.
 */
export function createRecordActivityHandler(deps: RecordActivityDeps) {
  const processRecord = async (record: SQSRecord) => {
    const event = readMessage(record, FeedEvent, 'feed event', deps.logger);
    const { metadata, data } = event.detail;
    const base = { eventId: metadata.eventId, type: event['detail-type'], occurredAt: metadata.occurredAt };
    const entries: ActivityEntry[] =
      'profile' in data
        ? data.profile.networks.map((networkId) => ({ ...base, networkId, profileIds: [data.profile.id] }))
        : data.sharedNetworks.map((networkId) => ({ ...base, networkId, profileIds: data.profileIds, matchId: data.matchId }));
    for (const entry of entries) await deps.activity.record(entry);
    deps.logger.info('activity recorded', { detailType: event['detail-type'], entries: entries.length });
  };
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, processRecord, new BatchProcessor(EventType.SQS), { context, processInParallel: false });
}
