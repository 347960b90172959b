import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

let sequence = 1000;

/** A stream record as Lambda delivers it (images in DynamoDB wire form), for tests of the publisher. */
export function streamRecord(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  images: { before?: Record<string, unknown>; after?: Record<string, unknown> },
): DynamoDBRecord {
  const item = (images.after ?? images.before) as { PK: string; SK: string };
  const opts = { removeUndefinedValues: true };
  return {
    eventID: `evt-${sequence}`,
    eventName,
    eventSource: 'aws:dynamodb',
    eventVersion: '1.1',
    awsRegion: 'eu-central-1',
    eventSourceARN: 'arn:aws:dynamodb:eu-central-1:000000000000:table/t/stream/2026',
    dynamodb: {
      ApproximateCreationDateTime: 1795000000,
      Keys: marshall({ PK: item.PK, SK: item.SK }) as never,
      ...(images.before ? { OldImage: marshall(images.before, opts) as never } : {}),
      ...(images.after ? { NewImage: marshall(images.after, opts) as never } : {}),
      SequenceNumber: String(sequence++),
      SizeBytes: 100,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

export const streamEvent = (records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
