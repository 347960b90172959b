import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { readMessage } from '@culturebridge/runtime';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { recomputeMatches, type RecomputeDeps } from './recompute.js';

/**
 * Only what this function needs from a profile event, read leniently: an additive field or a newer
 * event must not stop matching. Anything it cannot read fails the message, which SQS retries and
 * then dead-letters: nothing is dropped silently.
 */
const ProfileChanged = z.object({
  'detail-type': z.enum(['ProfileSubmitted', 'ProfileUpdated', 'ProfileWithdrawn', 'MembershipApproved', 'MembershipRejected', 'MembershipEnded']),
  detail: z.object({
    metadata: z.object({ correlationId: z.string().min(1) }),
    data: z.union([z.object({ profile: z.object({ id: z.string().min(1) }) }), z.object({ profileId: z.string().min(1) })]),
  }),
});

function profileIdOf(event: z.infer<typeof ProfileChanged>): string {
  const data = event.detail.data;
  return 'profileId' in data ? data.profileId : data.profile.id;
}


/**
 * compute-matches: one SQS message per profile event. Records are processed one after another and
 * each failure is reported on its own, so a conflict or a throttle retries only that message.
 * Recomputing is idempotent: it reads the current state, so a redelivered or late event is harmless.
 */
export function createComputeMatchesHandler(deps: RecomputeDeps & { logger: Logger }) {
  const processRecord = async (record: SQSRecord) => {
    const event = readMessage(record, ProfileChanged, 'profile event', deps.logger);
    const profileId = profileIdOf(event);
    try {
      const result = await recomputeMatches(profileId, event.detail.metadata.correlationId, deps);
      deps.logger.info('matches recomputed', { profileId, event: event['detail-type'], ...result });
    } catch (error) {
      deps.logger.warn('matches not recomputed; the message will be retried', { profileId, error: (error as Error).name, reason: (error as Error).message });
      throw error;
    }
  };
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, processRecord, new BatchProcessor(EventType.SQS), { context, processInParallel: false });
}
