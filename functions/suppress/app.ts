import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { readMessage } from '@culturebridge/runtime';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { SuppressionStore } from '@culturebridge/store';
import { SesMailEvent, suppressionsFrom } from './ses-event.js';

export interface SuppressDeps {
  suppressions: Pick<SuppressionStore, 'suppress'>;
  now: () => Date;
  logger: Logger;
}

/**
 * suppress: one SQS message per SES bounce or complaint event (default bus → rule → SQS buffer).
 * Writes one suppression item per address that must not be mailed again; the put is idempotent, so
 * a redelivered event changes nothing. Logs counts and the reason, never an address.
 */
export function createSuppressHandler(deps: SuppressDeps) {
  const processRecord = async (record: SQSRecord) => {
    const event = readMessage(record, SesMailEvent, 'SES bounce or complaint event', deps.logger);
    const suppressions = suppressionsFrom(event, deps.now().toISOString());
    for (const s of suppressions) await deps.suppressions.suppress(s.address, s.reason, s.at);
    deps.logger.info(suppressions.length > 0 ? 'addresses suppressed' : 'nothing to suppress', {
      detailType: event['detail-type'],
      suppressed: suppressions.length,
    });
  };
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, processRecord, new BatchProcessor(EventType.SQS), { context, processInParallel: false });
}
