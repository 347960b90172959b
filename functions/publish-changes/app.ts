import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mapRecord, type OutgoingEvent } from './map-record.js';
import { publishInOrder, type PublishOptions } from './publisher.js';

export interface PublishChangesDeps {
  eventBridge: EventBridgeClient;
  logger: Logger;
  publish: PublishOptions;
}

class NotPublishedError extends Error {
  constructor() {
    super('the change of this record, or of one before it, was not published; retried from here to keep order');
  }
}

/**
 * The outbox publisher: stream records in, domain events out. Records are mapped and published in
 * order; if one cannot be, it and every later record are reported as failed so the event source
 * mapping retries from there (records after it may be published again: consumers dedupe on the
 * idempotency key). Powertools builds the partial batch response.
 */
export function createPublishChangesHandler({ eventBridge, logger, publish }: PublishChangesDeps) {
  return async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
    const records = event.Records;
    const outgoing: { recordIndex: number; event: OutgoingEvent }[] = [];
    let firstFailed = records.length;
    for (const [index, record] of records.entries()) {
      try {
        const mapped = mapRecord(record);
        if (mapped) outgoing.push({ recordIndex: index, event: mapped });
      } catch (error) {
        logger.error('stream record could not be mapped to an event', {
          sequenceNumber: record.dynamodb?.SequenceNumber,
          error: (error as Error).message.slice(0, 500),
        });
        firstFailed = index;
        break;
      }
    }

    const unpublished = await publishInOrder(eventBridge, outgoing.map((o) => o.event), publish, logger);
    if (unpublished !== undefined) firstFailed = Math.min(firstFailed, outgoing[unpublished]?.recordIndex ?? firstFailed);

    const failed = new Set(records.slice(firstFailed).map((r) => r.dynamodb?.SequenceNumber));
    logger.info('stream batch processed', {
      records: records.length,
      events: outgoing.length,
      failedRecords: failed.size,
      detailTypes: outgoing.map((o) => o.event.detailType),
    });
    return processPartialResponse(
      event,
      async (record: DynamoDBRecord) => {
        if (failed.has(record.dynamodb?.SequenceNumber)) throw new NotPublishedError();
      },
      new BatchProcessor(EventType.DynamoDBStreams),
      { context, processInParallel: false },
    );
  };
}
