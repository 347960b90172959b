import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { EVENT_SCHEMAS } from '@culturebridge/events';
import { recomputeMatches, type RecomputeDeps } from './recompute.js';

/** The profile events this function consumes, as EventBridge hands them to the SQS buffer. */
const ProfileChanged = z.discriminatedUnion('detail-type', [
  z.object({ 'detail-type': z.literal('ProfileSubmitted'), detail: EVENT_SCHEMAS.ProfileSubmitted }),
  z.object({ 'detail-type': z.literal('ProfileUpdated'), detail: EVENT_SCHEMAS.ProfileUpdated }),
  z.object({ 'detail-type': z.literal('ProfileWithdrawn'), detail: EVENT_SCHEMAS.ProfileWithdrawn }),
]);

function profileIdOf(event: z.infer<typeof ProfileChanged>): string {
  return event['detail-type'] === 'ProfileWithdrawn' ? event.detail.data.profileId : event.detail.data.profile.id;
}

/**
 * compute-matches: one SQS message per profile event. Records are processed one after another and
 * each failure is reported on its own, so a conflict or a throttle retries only that message.
 * Recomputing is idempotent: it reads the current state, so a redelivered or late event is harmless.
 */
export function createComputeMatchesHandler(deps: RecomputeDeps & { logger: Logger }) {
  const processRecord = async (record: SQSRecord) => {
    const parsed = ProfileChanged.safeParse(JSON.parse(record.body));
    if (!parsed.success) {
      // Not retryable: a malformed message would fail the same way every time. Log and drop it.
      deps.logger.error('message is not a profile event; dropped', { messageId: record.messageId, issues: parsed.error.issues.length });
      return;
    }
    const profileId = profileIdOf(parsed.data);
    try {
      const result = await recomputeMatches(profileId, parsed.data.detail.metadata.correlationId, deps);
      deps.logger.info('matches recomputed', { profileId, event: parsed.data['detail-type'], ...result });
    } catch (error) {
      deps.logger.warn('matches not recomputed; the message will be retried', { profileId, error: (error as Error).name, message: (error as Error).message });
      throw error;
    }
  };
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, processRecord, new BatchProcessor(EventType.SQS), { context, processInParallel: false });
}
