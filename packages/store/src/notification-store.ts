import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient, paginateQuery, paginateScan } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { NOTIFICATION_RECORD_DAYS, type DigestEntry } from '@culturebridge/domain';
import { isLostTransactionRace } from './errors.js';
import { batchGet } from './batch.js';
import { ENTITY, keys, TABLE } from './table.js';

export type NotificationStatus = 'claimed' | 'sent';

/** What a notification record says about its mail; never the address (that stays on the coordinator). */
export interface NotificationFacts {
  notificationId: string;
  recipientRole: 'coordinator' | 'member';
  recipientId: string;
  networkId?: string;
  matchId?: string;
  kind: 'immediate' | 'digest';
  correlationId?: string;
}

export interface NotificationRecord extends NotificationFacts {
  status: NotificationStatus;
  claimToken?: string;
  claimedUntil?: string;
  sentAt?: string;
}

export type ClaimResult = 'claimed' | 'sent' | 'busy';

/** What a member is told about, one lease and one "last told" record each: a membership, or its part in a meeting. */
export type ToldSubject = { kind: 'membership'; profileId: string; networkId: string } | { kind: 'meeting'; meetingId: string; profileId: string };

/**
 * What the member was last told of a subject: a status and the version it held it at, and `from`,
 * the status the change told came from, when its event said so (a membership's `previousStatus`:
 * whether a rejection was a join request declined or a removal; see ToldMembership).
 */
export interface Told<S extends string = string> {
  status: S;
  statusVersion: number;
  from?: S;
}

const toldKey = (subject: ToldSubject) => (subject.kind === 'membership' ? keys.membershipTold(subject.profileId, subject.networkId) : keys.meetingTold(subject.meetingId, subject.profileId));

/**
 * Notification records outlive the event archive (365 days in prod), so replaying archived events
 * finds them and sends nothing again (membershipMailDecision reads the same lifetime).
 */
const RECORD_DAYS = NOTIFICATION_RECORD_DAYS;

export interface PendingDigestEntry extends DigestEntry {
  /** A coordinator's digest (about `networkId`) or a member's (about its profile, `recipientId`). */
  recipientRole: 'coordinator' | 'member';
  recipientId: string;
  networkId?: string;
  entryKey: string;
}

/**
 * The exactly-once bookkeeping for e-mails: a record per (match, recipient, kind) is claimed with a
 * conditional write before sending and marked sent after. Only the change to `sent` is published
 * (CoordinatorNotified), through the stream like every other fact.
 */
export class NotificationStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(notificationId: string): Promise<NotificationRecord | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.notification(notificationId), ConsistentRead: true }));
    return out.Item as NotificationRecord | undefined;
  }

  /**
   * The records of those of `notificationIds` that exist, by id, read consistently in batches (see
   * batchGet: unprocessed keys asked again, UnprocessedAfterRetries past the bound, never a record
   * left out as if absent).
   */
  async getMany(notificationIds: readonly string[]): Promise<Map<string, NotificationRecord>> {
    const items = await batchGet(this.doc, this.tableName, notificationIds.map((id) => keys.notification(id)), { consistent: true });
    return new Map(items.map((item) => [(item as unknown as NotificationRecord).notificationId, item as unknown as NotificationRecord]));
  }

  /**
   * Claims the right to send: succeeds when no record exists, or when an earlier claim's lease ran out
   * without the mail being marked sent (that sender crashed). A sent record answers 'sent'; a live
   * claim held by another delivery answers 'busy' (the caller fails the message so it is retried).
   * A failed condition is read back: when the claim holds this very `token`, the put was applied and
   * only its reply was lost (the SDK retried it), so the claim is ours.
   */
  async claim(facts: NotificationFacts, token: string, now: Date, leaseMs: number): Promise<ClaimResult> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.notification(facts.notificationId),
            entity: ENTITY.notification,
            ...facts,
            status: 'claimed' satisfies NotificationStatus,
            claimToken: token,
            claimedUntil: new Date(now.getTime() + leaseMs).toISOString(),
            [TABLE.ttlAttribute]: Math.floor(now.getTime() / 1000) + RECORD_DAYS * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(PK) OR (#status = :claimed AND claimedUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':now': now.toISOString() },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await this.get(facts.notificationId);
      if (current?.status === 'sent') return 'sent';
      return current?.claimToken === token ? 'claimed' : 'busy';
    }
  }

  /**
   * Marks the mail sent, only if this delivery still holds the claim. The sent record keeps the
   * claim's token, so a retry whose first attempt was applied (reply lost) is recognised by it.
   */
  async markSent(notificationId: string, token: string, sentAt: string): Promise<void> {
    try {
      await this.doc.send(new UpdateCommand({ TableName: this.tableName, ...this.markSentUpdate(notificationId, token, sentAt) }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || !(await this.sentWith(notificationId, token))) throw error;
    }
  }

  /** True when the record is sent under this claim token: an earlier attempt of this write took effect. */
  private async sentWith(notificationId: string, token: string): Promise<boolean> {
    const current = await this.get(notificationId);
    return current?.status === 'sent' && current.claimToken === token;
  }

  /**
   * Marks a digest sent and removes the entries it listed, atomically (at most 99 entries). The SDK
   * gives the transaction a ClientRequestToken, so its own retries are idempotent for 10 minutes;
   * a later retry of the same claim is still recognised by the token on the sent record.
   */
  async markDigestSent(notificationId: string, token: string, sentAt: string, entries: readonly Pick<PendingDigestEntry, 'recipientRole' | 'recipientId' | 'entryKey'>[]): Promise<void> {
    if (entries.length > 99) throw new Error('a digest transaction holds at most 99 entries');
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Update: { TableName: this.tableName, ...this.markSentUpdate(notificationId, token, sentAt) } },
          ...entries.map((e) => ({ Delete: { TableName: this.tableName, Key: keys.digestEntry(e.recipientRole, e.recipientId, e.entryKey) } })),
        ],
      }),
    ).catch(async (error: unknown) => {
      if (!isLostTransactionRace(error) || !(await this.sentWith(notificationId, token))) throw error;
    });
  }

  private markSentUpdate(notificationId: string, token: string, sentAt: string) {
    return {
      Key: keys.notification(notificationId),
      UpdateExpression: 'SET #status = :sent, sentAt = :sentAt REMOVE claimedUntil',
      ConditionExpression: '#status = :claimed AND claimToken = :token',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': 'sent', ':claimed': 'claimed', ':token': token, ':sentAt': sentAt },
    };
  }

  /**
   * Takes the lease on telling a member about `subject` (its membership of a network, or a meeting
   * it takes or took part in), for `leaseMs`: one delivery at a time decides and mails, so two events
   * handled at once cannot both read the same "last told" and tell the member contradicting or
   * repeated news. Answers what the member was last told (`told`, absent if nothing yet), or 'busy'
   * while another delivery holds a live lease (the caller fails the message so it is retried). A
   * retry whose first attempt took the lease (reply lost) holds it already: the condition accepts
   * its own token.
   */
  async holdTold<S extends string>(subject: ToldSubject, token: string, now: Date, leaseMs: number): Promise<{ told?: Told<S> } | 'busy'> {
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: toldKey(subject),
          UpdateExpression: 'SET entity = :entity, holder = :token, heldUntil = :until, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(holder) OR heldUntil < :now OR holder = :token',
          ExpressionAttributeNames: { '#ttl': TABLE.ttlAttribute },
          ExpressionAttributeValues: {
            ':entity': subject.kind === 'membership' ? ENTITY.membershipTold : ENTITY.meetingTold,
            ':token': token,
            ':until': new Date(now.getTime() + leaseMs).toISOString(),
            ':now': now.toISOString(),
            ':ttl': Math.floor(now.getTime() / 1000) + RECORD_DAYS * 86_400,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const item = out.Attributes ?? {};
      if (typeof item.toldStatus !== 'string' || typeof item.toldStatusVersion !== 'number') return {};
      // A record written before `toldFrom` was kept has none: not known.
      return { told: { status: item.toldStatus as S, statusVersion: item.toldStatusVersion, ...(typeof item.toldFrom === 'string' ? { from: item.toldFrom as S } : {}) } };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'busy';
      throw error;
    }
  }

  /**
   * Records what the member now knows of `subject` and gives the lease back, only while this
   * delivery holds it. A retry whose first attempt was applied (reply lost) finds the standing
   * recorded and no holder: that is its own success.
   */
  async settleTold(subject: ToldSubject, token: string, told: Told): Promise<void> {
    const key = toldKey(subject);
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          // Without `from`, an earlier standing's is removed: it would describe another change.
          UpdateExpression: `SET toldStatus = :status, toldStatusVersion = :version${told.from === undefined ? '' : ', toldFrom = :from'} REMOVE holder, heldUntil${told.from === undefined ? ', toldFrom' : ''}`,
          ConditionExpression: 'holder = :token',
          ExpressionAttributeValues: { ':token': token, ':status': told.status, ':version': told.statusVersion, ...(told.from === undefined ? {} : { ':from': told.from }) },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
      if (Item?.holder !== undefined || Item?.toldStatus !== told.status || Item?.toldStatusVersion !== told.statusVersion || Item?.toldFrom !== told.from) throw error;
    }
  }

  /**
   * Ends every mail claim (`status` claimed) and mail lease (`holder`: a membership's or a meeting
   * participant's) in the table, as the deliveries that held them would on failure, and answers how
   * many: for a runtime that starts again after its process died (the local platform after a kill),
   * whose deliveries are gone. A claim whose mail SES had accepted before the process died (not yet
   * marked sent) is then sent again: the same gap a lease running out leaves in AWS. In AWS nothing
   * calls this: a dead invocation's message comes back only after its queue's visibility timeout
   * (6 × notify's 60 s), longer than a lease (DEFAULT_LEASE_MS, 5 min), while the local bus retries
   * within seconds and would dead-letter the message against a dead holder's lease. A Scan of the
   * whole table, so for local data only (the functions' policies allow no Scan).
   */
  async releaseLeases(): Promise<number> {
    let released = 0;
    for await (const page of paginateScan({ client: this.doc }, {
      TableName: this.tableName,
      FilterExpression: '#status = :claimed OR attribute_exists(holder)',
      ProjectionExpression: 'PK, SK, #status, claimToken, holder',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':claimed': 'claimed' },
      ConsistentRead: true,
    })) {
      for (const item of page.Items ?? []) {
        const key = { PK: item.PK as string, SK: item.SK as string };
        // False when settled or taken over since the scan read it: no longer the dead holder's.
        const ended = item.status === 'claimed' ? await this.releaseClaimAt(key, item.claimToken as string) : await this.releaseHoldAt(key, item.holder as string);
        if (ended) released++;
      }
    }
    return released;
  }

  /** Gives the lease on `subject` back without recording anything (nothing was decided, or the mail failed). */
  async releaseTold(subject: ToldSubject, token: string): Promise<void> {
    await this.releaseHoldAt(toldKey(subject), token);
  }

  /** Gives a claim back when nothing was sent (e.g. SES refused), so a retry can claim at once. */
  async release(notificationId: string, token: string): Promise<void> {
    await this.releaseClaimAt(keys.notification(notificationId), token);
  }

  /** Deletes the claim at `key` if `token` still holds it; false when it does not (sent, or claimed by another). */
  private async releaseClaimAt(key: { PK: string; SK: string }, token: string): Promise<boolean> {
    return this.applied(
      new DeleteCommand({
        TableName: this.tableName,
        Key: key,
        ConditionExpression: '#status = :claimed AND claimToken = :token',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':claimed': 'claimed', ':token': token },
      }),
    );
  }

  /** Ends the lease at `key` if `holder` still holds it; false when it does not. */
  private async releaseHoldAt(key: { PK: string; SK: string }, holder: string): Promise<boolean> {
    return this.applied(
      new UpdateCommand({ TableName: this.tableName, Key: key, UpdateExpression: 'REMOVE holder, heldUntil', ConditionExpression: 'holder = :token', ExpressionAttributeValues: { ':token': holder } }),
    );
  }

  /** Sends a conditional write; false when its condition failed. */
  private async applied(command: DeleteCommand | UpdateCommand): Promise<boolean> {
    try {
      await this.doc.send(command);
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return false;
    }
  }

  /** Records a match for a coordinator's or member's next digest; the same entry recorded twice stays one. */
  async addDigestEntry(entry: PendingDigestEntry): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.digestEntry(entry.recipientRole, entry.recipientId, entry.entryKey), entity: ENTITY.digestEntry, ...entry },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Deletes digest entries that will never be sent (they name a profile erased or withdrawn since),
   * one DeleteItem each: a digest holds at most 99, and send-digests may delete, not batch-write.
   */
  async dropDigestEntries(entries: readonly Pick<PendingDigestEntry, 'recipientRole' | 'recipientId' | 'entryKey'>[]): Promise<void> {
    for (const e of entries) await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: keys.digestEntry(e.recipientRole, e.recipientId, e.entryKey) }));
  }

  /** Every entry waiting for a digest (one partition, a Query, never a scan). */
  async pendingDigestEntries(): Promise<PendingDigestEntry[]> {
    const items: PendingDigestEntry[] = [];
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.digestPartition },
      ConsistentRead: true,
    })) {
      for (const item of page.Items ?? []) {
        // Entries kept before members had digests name only their coordinator.
        const recipientRole = item.recipientRole ?? 'coordinator';
        const recipientId = item.recipientId ?? item.coordinatorId;
        items.push({ recipientRole, recipientId, ...(item.networkId ? { networkId: item.networkId } : {}), entryKey: item.entryKey, notice: item.notice, occurredAt: item.occurredAt } as PendingDigestEntry);
      }
    }
    return items;
  }
}
