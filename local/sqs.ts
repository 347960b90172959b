import { createHash, randomUUID } from 'node:crypto';
import type { SQSEvent } from 'aws-lambda';

/** An SQS event as Lambda hands it to a function, carrying EventBridge events as message bodies. */
export function sqsEvent(queueName: string, bodies: unknown[]): SQSEvent {
  return {
    Records: bodies.map((body) => {
      const text = JSON.stringify(body);
      return {
        messageId: randomUUID(),
        receiptHandle: randomUUID(),
        body: text,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(Date.now()),
          SenderId: 'events.amazonaws.com',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: createHash('md5').update(text).digest('hex'),
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:local:000000000000:${queueName}`,
        awsRegion: 'local',
      };
    }),
  };
}
