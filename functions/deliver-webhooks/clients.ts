import { Logger } from '@aws-lambda-powertools/logger';
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { WEBHOOK_TIMEOUT_MS } from '@culturebridge/domain/partner';
import { sesMailer } from '@culturebridge/mail';
import { MatchStore, PartnerStore, createDocumentClient } from '@culturebridge/store';
import type { DeliverWebhooksDeps, WebhookQueue } from './app.js';
import type { DeliverWebhooksConfig } from './config.js';
import { postWebhook } from './send.js';

/** The queue in AWS: SendMessageBatch in tens; a batch entry SQS refuses fails the whole call (the message is retried). */
export function sqsQueue(sqs: SQSClient, queueUrl: string, deadLetterQueueUrl: string): WebhookQueue {
  return {
    async send(messages) {
      for (let i = 0; i < messages.length; i += 10) {
        const chunk = messages.slice(i, i + 10);
        const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: chunk.map((m, j) => ({ Id: String(j), MessageBody: m.body, DelaySeconds: m.delaySeconds })) }));
        if (out.Failed?.length) throw new Error(`SQS refused ${out.Failed.length} of ${chunk.length} messages: ${out.Failed[0]?.Code ?? ''}`);
      }
    },
    async deadLetter(body) {
      await sqs.send(new SendMessageCommand({ QueueUrl: deadLetterQueueUrl, MessageBody: body }));
    },
  };
}

/** Everything but the queue, from configuration (the local runtime brings its own queue). */
export function storeDeps(config: Omit<DeliverWebhooksConfig, 'QUEUE_URL' | 'DEAD_LETTER_QUEUE_URL'>): Omit<DeliverWebhooksDeps, 'queue'> {
  const doc = createDocumentClient(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {});
  const matches = new MatchStore(doc, config.TABLE_NAME);
  const ses = new SESv2Client({ maxAttempts: 3, ...(config.SES_ENDPOINT ? { endpoint: config.SES_ENDPOINT } : {}) });
  const strict = config.WEBHOOK_ALLOW_PRIVATE_TARGETS !== 'true';
  return {
    partners: new PartnerStore(doc, config.TABLE_NAME),
    networksOf: async (ids) => [...(await matches.profiles(ids)).values()].flatMap((p) => p.networks),
    post: (url, body, headers) => postWebhook(url, body, headers, { strict, timeoutMs: WEBHOOK_TIMEOUT_MS }),
    mailer: sesMailer(ses, { sender: config.SENDER_EMAIL, configurationSet: config.CONFIGURATION_SET }),
    operatorEmail: config.OPERATOR_EMAIL,
    now: () => new Date(),
    logger: new Logger({ serviceName: 'deliver-webhooks' }),
  };
}
