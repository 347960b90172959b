import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PartnerInput, partnerTargetIssues, rotateSecrets, webhookUrlProblem, type DisabledReason, type Partner } from '@culturebridge/domain/partner';
import { batchGet } from './batch.js';
import { fromItem } from './profile-items.js';
import { ENTITY, keys, TABLE } from './table.js';

/** How long delivery attempts and the events webhooks carried are kept (days); older ones: replay from the archive. */
export const DELIVERY_RECORD_DAYS = 30;

/** One webhook delivery attempt as `npm run partner -- deliveries` shows it: never the body. */
export interface DeliveryAttempt {
  partnerId: string;
  eventId: string;
  detailType: string;
  attempt: number;
  attemptedAt: string;
  /** The HTTP status, when the endpoint answered. */
  status?: number;
  durationMs: number;
  outcome: 'delivered' | 'failed';
  /** Why it failed: "HTTP 500", "timeout after 10000 ms", "refused address 10.0.0.1" … */
  error?: string;
  redelivery?: boolean;
}

/** An event as EventBridge delivered it (the webhook body, byte for byte after JSON.stringify). */
export interface StoredEvent {
  id: string;
  time: string;
  'detail-type': string;
  [field: string]: unknown;
}

const expiry = (from: Date) => Math.floor(from.getTime() / 1000) + DELIVERY_RECORD_DAYS * 24 * 3600;

/**
 * The partner registry (issue 13), the record of webhook delivery attempts, and the events webhooks
 * carried (for `redeliver`). Partners hold a contact address and signing secrets: the publisher maps
 * none of these items to an event.
 */
export class PartnerStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Adds a partner; `secret` (whsec_…) is stored as its first signing secret when it has a webhook.
   * With `knownNetworks` (the networks on CultureBridge), a `networks` filter naming any other is
   * refused: it would match no event, and the partner would silently receive nothing. With `strict`
   * (the partner is added to the table in AWS), a webhook delivery would refuse is refused here
   * (webhookUrlProblem: plain http, loopback, private or link-local addresses such as
   * 169.254.169.254); locally http://localhost receivers are fine. Throws a ZodError-like error
   * with `issues` naming every bad field at once; nothing is stored then.
   */
  async add(input: PartnerInput, options: { now: Date; secret: string; knownEventTypes: readonly string[]; knownNetworks?: readonly string[]; strict: boolean }): Promise<Partner> {
    // Every bad field at once: the schema's issues, unknown detail types and unknown networks together.
    const result = PartnerInput.safeParse(input);
    const unknown = (input.events ?? []).filter((e) => !options.knownEventTypes.includes(e));
    const known = options.knownNetworks;
    const unknownNetworks = known ? [...new Set((input.networks ?? []).filter((n) => !known.includes(n)))] : [];
    const schemaIssues = result.success ? [] : result.error.issues.map((i) => ({ path: i.path, message: i.message }));
    // A URL the schema already refused is named once, for that.
    const undeliverable = typeof input.webhook === 'string' && !schemaIssues.some((i) => i.path[0] === 'webhook') ? webhookUrlProblem(input.webhook, options.strict) : undefined;
    // zod skips the target rule once a field's check aborted (an empty name); it is named all the same.
    const targets = partnerTargetIssues(input).filter((t) => !schemaIssues.some((i) => i.message === t.message));
    const issues = [
      ...schemaIssues,
      ...targets,
      ...(undeliverable ? [{ path: ['webhook'], message: `webhook: ${undeliverable}${options.strict ? '; deliveries from AWS refuse it' : ''}` }] : []),
      ...(unknown.length > 0 ? [{ path: ['events'], message: `unknown detail type(s) ${unknown.join(', ')}; known: ${options.knownEventTypes.join(', ')}` }] : []),
      ...(unknownNetworks.length > 0 ? [{ path: ['networks'], message: `unknown network(s) ${unknownNetworks.join(', ')}; known: ${known?.join(', ') || '(none yet: npm run network -- add)'}` }] : []),
    ];
    if (!result.success || issues.length > 0) throw Object.assign(new Error('invalid partner'), { issues });
    const parsed = result.data;
    const at = options.now.toISOString();
    const partner: Partner = {
      id: randomUUID(),
      name: parsed.name,
      contact: parsed.contact,
      ...(parsed.awsAccount ? { awsAccount: parsed.awsAccount } : {}),
      ...(parsed.webhook ? { webhook: { url: parsed.webhook, secrets: [{ secret: options.secret, createdAt: at }] } } : {}),
      ...(parsed.events ? { events: [...new Set(parsed.events)] } : {}),
      ...(parsed.networks ? { networks: [...new Set(parsed.networks)] } : {}),
      status: 'enabled',
      createdAt: at,
      updatedAt: at,
    };
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.partner(partner.id), entity: ENTITY.partner, ...partner }, ConditionExpression: 'attribute_not_exists(PK)' }));
    return partner;
  }

  async list(): Promise<Partner[]> {
    const partners: Partner[] = [];
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.partnerPartition, ':prefix': keys.partnerPrefix },
    })) {
      partners.push(...(page.Items ?? []).map((i) => fromItem<Partner>(i)));
    }
    return partners;
  }

  async get(id: string): Promise<Partner | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.partner(id), ConsistentRead: true }));
    return out.Item ? fromItem<Partner>(out.Item) : undefined;
  }

  /** Runs one conditional UpdateItem on an existing partner; undefined when there is none (or the condition failed). */
  private async update(id: string, expression: string, values: Record<string, unknown>, condition = 'attribute_exists(PK)', names?: Record<string, string>): Promise<Partner | undefined> {
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.partner(id),
          UpdateExpression: expression,
          ConditionExpression: condition,
          // DynamoDB refuses an empty ExpressionAttributeValues (e.g. "REMOVE failingSince").
          ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
          ...(names ? { ExpressionAttributeNames: names } : {}),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes ? fromItem<Partner>(out.Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /** Makes `secret` the current signing secret; the previous one keeps signing for the grace period. Undefined without a webhook. */
  async rotateSecret(id: string, secret: string, now: Date): Promise<Partner | undefined> {
    const partner = await this.get(id);
    if (!partner?.webhook) return undefined;
    const secrets = rotateSecrets(partner.webhook.secrets, secret, now);
    // Conditioned on the secrets read, so two rotations at once cannot drop one another's secret.
    return this.update(id, 'SET webhook.secrets = :secrets, updatedAt = :now', { ':secrets': secrets, ':now': now.toISOString(), ':read': partner.webhook.secrets }, 'webhook.secrets = :read');
  }

  /** The operator enables: deliveries resume, and the run of failures starts afresh. */
  enable(id: string, now: Date): Promise<Partner | undefined> {
    return this.update(id, 'SET #status = :enabled, updatedAt = :now REMOVE disabledReason, disabledAt, failingSince, disabledNoticeSentAt', { ':enabled': 'enabled', ':now': now.toISOString() }, 'attribute_exists(PK)', { '#status': 'status' });
  }

  /**
   * Disables an enabled partner; undefined when it was already disabled (or does not exist), so of
   * two deliveries that both decide to disable, only one goes on to mail.
   */
  disable(id: string, reason: DisabledReason, now: Date): Promise<Partner | undefined> {
    return this.update(
      id,
      'SET #status = :disabled, disabledReason = :reason, disabledAt = :now, updatedAt = :now',
      { ':disabled': 'disabled', ':enabled': 'enabled', ':reason': reason, ':now': now.toISOString() },
      'attribute_exists(PK) AND #status = :enabled',
      { '#status': 'status' },
    );
  }

  /** Records that the disabled notice went out; undefined when it already had. */
  markDisabledNoticeSent(id: string, now: Date): Promise<Partner | undefined> {
    return this.update(id, 'SET disabledNoticeSentAt = :now', { ':now': now.toISOString() }, 'attribute_exists(PK) AND attribute_not_exists(disabledNoticeSentAt)');
  }

  /** Starts a run of failures at `now` unless one is under way; returns when the run began. */
  async markFailing(id: string, now: Date): Promise<string> {
    const partner = await this.update(id, 'SET failingSince = if_not_exists(failingSince, :now)', { ':now': now.toISOString() });
    return partner?.failingSince ?? now.toISOString();
  }

  /** Ends a run of failures (a delivery succeeded). */
  async clearFailing(id: string): Promise<void> {
    await this.update(id, 'REMOVE failingSince', {}, 'attribute_exists(failingSince)');
  }

  /** Deletes the partner; its delivery records expire on their own. False when there was none. */
  async remove(id: string): Promise<boolean> {
    const out = await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: keys.partner(id), ReturnValues: 'ALL_OLD' }));
    return out.Attributes !== undefined;
  }

  async recordAttempt(attempt: DeliveryAttempt): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.deliveryAttempt(attempt.partnerId, attempt.attemptedAt, attempt.eventId, attempt.attempt),
          entity: ENTITY.deliveryAttempt,
          ...attempt,
          [TABLE.ttlAttribute]: expiry(new Date(attempt.attemptedAt)),
        },
      }),
    );
  }

  /** The partner's attempts, oldest first; only the failed ones with `failed`. */
  async deliveries(partnerId: string, options: { failed?: boolean } = {}): Promise<DeliveryAttempt[]> {
    const attempts: DeliveryAttempt[] = [];
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.deliveryPartition(partnerId) },
      ConsistentRead: true,
    })) {
      attempts.push(...(page.Items ?? []).map((i) => fromItem<DeliveryAttempt & { expiresAt?: number }>(i)).map(({ expiresAt: _e, ...a }) => a));
    }
    return options.failed ? attempts.filter((a) => a.outcome === 'failed') : attempts;
  }

  /** Keeps an event webhooks carried (idempotent: the same event is the same two items). */
  async putEvent(event: StoredEvent): Promise<void> {
    const day = event.time.slice(0, 10);
    const ttl = expiry(new Date(event.time));
    await Promise.all([
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.webhookEvent(day, event.time, event.id), entity: ENTITY.webhookEvent, event, [TABLE.ttlAttribute]: ttl } })),
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.webhookEventById(event.id), entity: ENTITY.webhookEvent, ref: keys.webhookEvent(day, event.time, event.id), [TABLE.ttlAttribute]: ttl } })),
    ]);
  }

  async getEvent(eventId: string): Promise<StoredEvent | undefined> {
    const pointer = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.webhookEventById(eventId) }));
    const ref = pointer.Item?.ref as { PK: string; SK: string } | undefined;
    if (!ref) return undefined;
    // Unprocessed keys are asked again, and throw past the bound: never "not found" for a short read.
    const [item] = await batchGet(this.doc, this.tableName, [ref]);
    return item?.event as StoredEvent | undefined;
  }

  /** Events with from ≤ time ≤ to (ISO 8601), oldest first: one Query per UTC day. */
  async eventsBetween(from: Date, to: Date): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    const fromText = from.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const toText = `${to.toISOString().replace(/\.\d{3}Z$/, 'Z')}#~`;
    for (let day = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate())); day <= to; day = new Date(day.getTime() + 24 * 3600e3)) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const out = await this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': keys.webhookEventDay(day.toISOString().slice(0, 10)), ':from': fromText, ':to': toText },
            ExclusiveStartKey: startKey,
          }),
        );
        events.push(...(out.Items ?? []).map((i) => i.event as StoredEvent));
        startKey = out.LastEvaluatedKey;
      } while (startKey);
    }
    return events;
  }
}
