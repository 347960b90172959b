import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { Webhook } from 'standardwebhooks';
import * as z from 'zod';
import { composeEndpointDisabledMails, eventSubject, nextStep, signingSecrets, wantsEvent, type Partner } from '@culturebridge/domain/partner';
import type { Mailer } from '@culturebridge/mail';
import { readMessage } from '@culturebridge/runtime';
import type { DeliveryAttempt, PartnerStore, StoredEvent } from '@culturebridge/store';
import type { SendOutcome } from './send.js';

/** SQS delays a message by at most 15 minutes; longer waits are covered in hops of this size. */
export const MAX_SQS_DELAY_SECONDS = 900;

/** An event as EventBridge hands it to the queue (the webhook body). */
const BusEvent = z.looseObject({ id: z.string().min(1), time: z.string().min(1), source: z.string(), 'detail-type': z.string().min(1), detail: z.looseObject({ data: z.unknown() }) });

/** One delivery of one event to one partner, due at `dueAt`; put on the same queue by the fan-out and by retries. */
export const AttemptMessage = z.strictObject({
  kind: z.literal('webhook-attempt'),
  partnerId: z.string().min(1),
  attempt: z.number().int().min(1),
  dueAt: z.iso.datetime(),
  event: BusEvent,
});
export type AttemptMessage = z.infer<typeof AttemptMessage>;

const Message = z.union([AttemptMessage, BusEvent]);

export interface WebhookQueue {
  /** Puts messages on the delivery queue, each visible after `delaySeconds` (≤ 900). */
  send(messages: { body: string; delaySeconds: number }[]): Promise<void>;
  /** Puts a message whose attempts are used up on the dead-letter queue (its alarm fires). */
  deadLetter(body: string): Promise<void>;
}

export interface DeliverWebhooksDeps {
  partners: Pick<PartnerStore, 'list' | 'get' | 'disable' | 'markFailing' | 'clearFailing' | 'markDisabledNoticeSent' | 'recordAttempt' | 'putEvent'>;
  /** The networks of these profiles (events carry ids; erased profiles are simply absent). */
  networksOf(profileIds: readonly string[]): Promise<string[]>;
  queue: WebhookQueue;
  post(url: string, body: string, headers: Record<string, string>): Promise<SendOutcome>;
  mailer: Mailer;
  /** Told, with the partner's contact, when an endpoint is disabled after three days of failures. */
  operatorEmail: string;
  now: () => Date;
  logger: Logger;
  /** How long the fan-out reuses the partner list (ms; default 30 000). A new partner gets events after at most this. */
  partnerCacheMs?: number;
}

/**
 * The Standard Webhooks headers for one attempt: `webhook-id` is the event id (the same on every
 * attempt and redelivery, so receivers can deduplicate), `webhook-timestamp` the attempt's time in
 * seconds, and `webhook-signature` one `v1,<base64 HMAC-SHA256>` per live secret, space-separated
 * (two during a rotation). Signed by the standardwebhooks library.
 */
export function webhookHeaders(secrets: readonly string[], eventId: string, at: Date, body: string): Record<string, string> {
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(eventId, at, body)).join(' '),
  };
}

type AttemptDeps = Pick<DeliverWebhooksDeps, 'partners' | 'post' | 'now' | 'logger'>;

/**
 * Signs and sends one attempt and records it (time, status, duration, error; never the body). Used by
 * the queue path and by `npm run partner -- redeliver`. Clears the partner's run of failures on success.
 */
export async function attemptDelivery(deps: AttemptDeps, partner: Partner, event: StoredEvent, attempt: number, options: { redelivery?: boolean } = {}): Promise<{ outcome: SendOutcome; record: DeliveryAttempt }> {
  const webhook = partner.webhook;
  if (!webhook) throw new Error(`partner ${partner.id} has no webhook`);
  const at = deps.now();
  const body = JSON.stringify(event);
  const outcome = await deps.post(webhook.url, body, webhookHeaders(signingSecrets(webhook.secrets, at), event.id, at, body));
  const { result } = outcome;
  const record: DeliveryAttempt = {
    partnerId: partner.id,
    eventId: event.id,
    detailType: event['detail-type'],
    attempt,
    attemptedAt: at.toISOString(),
    ...(result.status !== undefined ? { status: result.status } : {}),
    durationMs: outcome.durationMs,
    outcome: result.ok ? 'delivered' : 'failed',
    ...(result.ok ? {} : { error: result.error }),
    ...(options.redelivery ? { redelivery: true } : {}),
  };
  await deps.partners.recordAttempt(record);
  if (result.ok && partner.failingSince) await deps.partners.clearFailing(partner.id);
  deps.logger.info('webhook attempt', { partnerId: partner.id, eventId: event.id, attempt, status: result.status, outcome: record.outcome, durationMs: outcome.durationMs });
  return { outcome, record };
}

const attemptBody = (partnerId: string, event: StoredEvent, attempt: number, dueAt: Date): string =>
  JSON.stringify({ kind: 'webhook-attempt', partnerId, attempt, dueAt: dueAt.toISOString(), event: event as AttemptMessage['event'] } satisfies AttemptMessage);

const delayUntil = (dueAt: Date, now: Date) => Math.min(MAX_SQS_DELAY_SECONDS, Math.max(0, Math.ceil((dueAt.getTime() - now.getTime()) / 1000)));

/**
 * deliver-webhooks: one queue, two kinds of message.
 * - An event from the bus (the one `partner-webhooks` rule matches every CultureBridge event): it is
 *   kept for `redeliver` and fanned out to one attempt message per partner that wants it, so 1 000
 *   partners cost one rule, one event message and 1 000 small messages, each retried on its own.
 * - An attempt: signed afresh and sent; a failure is retried on the Standard Webhooks schedule by
 *   putting the next attempt on the queue with a delay (in 15-minute hops where longer), then
 *   dead-lettered; 410 Gone disables at once, three days of failures disable and mail the partner's
 *   contact and the operator. A disabled or removed partner's attempts are dropped.
 */
export function createDeliverWebhooksHandler(deps: DeliverWebhooksDeps) {
  const cacheMs = deps.partnerCacheMs ?? 30_000;
  let cached: { at: number; partners: Promise<Partner[]> } | undefined;
  const partners = () => {
    const now = deps.now().getTime();
    if (!cached || now - cached.at >= cacheMs || now < cached.at) cached = { at: now, partners: deps.partners.list() };
    return cached.partners.catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
  };

  const sendDisabledNotice = async (partner: Partner) => {
    if (!partner.webhook) return;
    const { toPartner, toOperator } = composeEndpointDisabledMails(partner, partner.webhook.url, partner.failingSince ?? partner.disabledAt ?? deps.now().toISOString());
    // Mailed before it is marked: a crash in between mails twice rather than never. The partner's
    // version has no operator commands; an operator who is also the contact gets the one with them.
    if (partner.contact !== deps.operatorEmail) await deps.mailer.send(partner.contact, toPartner);
    await deps.mailer.send(deps.operatorEmail, toOperator);
    await deps.partners.markDisabledNoticeSent(partner.id, deps.now());
    deps.logger.info('endpoint disabled; partner and operator told', { partnerId: partner.id });
  };

  const fanOut = async (event: StoredEvent & { detail: { data?: unknown } }) => {
    const detailType = event['detail-type'];
    const candidates = (await partners()).filter((p) => wantsEvent({ ...p, networks: undefined }, detailType, undefined));
    if (candidates.length === 0) return;
    let networks: string[] | undefined;
    if (candidates.some((p) => p.networks)) {
      const subject = eventSubject(event.detail.data);
      networks = [...new Set([...subject.networks, ...(await deps.networksOf(subject.profileIds))])];
    }
    const recipients = candidates.filter((p) => wantsEvent(p, detailType, networks));
    if (recipients.length === 0) return;
    await deps.partners.putEvent(event);
    const now = deps.now();
    await deps.queue.send(recipients.map((p) => ({ body: attemptBody(p.id, event, 1, now), delaySeconds: 0 })));
    deps.logger.info('event fanned out', { eventId: event.id, detailType, partners: recipients.length });
  };

  const deliver = async (message: AttemptMessage) => {
    const now = deps.now();
    const dueAt = new Date(message.dueAt);
    const event = message.event as StoredEvent;
    if (dueAt.getTime() > now.getTime()) {
      // Not due yet: a wait longer than SQS's 15-minute delay, covered one hop at a time.
      await deps.queue.send([{ body: JSON.stringify(message), delaySeconds: delayUntil(dueAt, now) }]);
      return;
    }
    const partner = await deps.partners.get(message.partnerId);
    if (!partner?.webhook || partner.status !== 'enabled') {
      if (partner?.status === 'disabled' && partner.disabledReason === 'failing' && !partner.disabledNoticeSentAt) await sendDisabledNotice(partner);
      deps.logger.info('attempt dropped: partner removed, disabled or without webhook', { partnerId: message.partnerId, eventId: event.id });
      return;
    }
    const { outcome } = await attemptDelivery(deps, partner, event, message.attempt);
    if (outcome.result.ok) return;
    const failingSince = new Date(await deps.partners.markFailing(partner.id, now));
    const step = nextStep(outcome.result, message.attempt, failingSince, now);
    switch (step.action) {
      case 'retry': {
        const next = new Date(now.getTime() + step.delayMs);
        await deps.queue.send([{ body: attemptBody(partner.id, event, step.attempt, next), delaySeconds: delayUntil(next, now) }]);
        return;
      }
      case 'dead-letter':
        await deps.queue.deadLetter(JSON.stringify(message));
        deps.logger.warn('webhook attempts used up; dead-lettered', { partnerId: partner.id, eventId: event.id });
        return;
      case 'disable': {
        const disabled = await deps.partners.disable(partner.id, step.reason, now);
        deps.logger.warn('endpoint disabled', { partnerId: partner.id, reason: step.reason, status: outcome.result.status });
        if (disabled && step.reason === 'failing') await sendDisabledNotice(disabled);
        return;
      }
      case 'done':
        return;
    }
  };

  const processRecord = async (record: SQSRecord) => {
    const message = readMessage(record, Message, 'event or webhook attempt', deps.logger);
    if ('kind' in message && message.kind === 'webhook-attempt') await deliver(message as AttemptMessage);
    else await fanOut(message as StoredEvent & { detail: { data?: unknown } });
  };

  // Attempts to different endpoints must not wait for one another's 10-second timeouts.
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, processRecord, new BatchProcessor(EventType.SQS), { context, processInParallel: true });
}
