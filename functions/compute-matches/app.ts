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

/** A match that stopped holding exposure slots (rule slot-freed). */
const SlotFreed = z.object({
  'detail-type': z.enum(['MatchDeclined', 'MatchExpired', 'MatchWithdrawn']),
  detail: z.object({
    metadata: z.object({ correlationId: z.string().min(1) }),
    data: z.object({ profileIds: z.tuple([z.string().min(1), z.string().min(1)]) }),
  }),
});

const MatchingTrigger = z.union([ProfileChanged, SlotFreed]);
type MatchingTrigger = z.infer<typeof MatchingTrigger>;

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
  const recompute = async (profileId: string, event: MatchingTrigger) => {
    try {
      const result = await recomputeMatches(profileId, event.detail.metadata.correlationId, deps);
      deps.logger.info('matches recomputed', { profileId, event: event['detail-type'], ...result });
    } catch (error) {
      deps.logger.warn('matches not recomputed; the message will be retried', { profileId, error: (error as Error).name, reason: (error as Error).message });
      throw error;
    }
  };
  const processRecord = async (record: SQSRecord) => {
    const event = readMessage(record, MatchingTrigger, 'profile or match event', deps.logger);
    if (!('profileIds' in event.detail.data)) return recompute(profileIdOf(event as z.infer<typeof ProfileChanged>), event);
    // Both sides have a slot free: each may take its next best partner, and so may whoever waited
    // for one of their slots. A waiter's note goes only after its recompute (which writes a new
    // note if it still waits), so a failure here leaves it for the retry.
    for (const side of event.detail.data.profileIds) {
      await recompute(side, event);
      for (const { waiter, note } of await deps.matches.slotWaiters(side)) {
        await recompute(waiter, event);
        await deps.matches.removeSlotWait(side, waiter, note);
      }
    }
  };
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, processRecord, new BatchProcessor(EventType.SQS), { context, processInParallel: false });
}
