import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENTITY, TABLE, keys } from './table.js';

/** A server-side session as the table keeps it. Times are epoch seconds. */
export interface SessionRecord {
  /** SHA-256 of the cookie's secret: the item's key, and the `sid` claim of the session's JWT. */
  id: string;
  addressHash: string;
  createdAt: number;
  /** The session ends here whatever happens (the absolute lifetime). */
  absoluteExpiresAt: number;
  /** The session ends here unless it is used (and renewed) before. */
  idleExpiresAt: number;
}

/**
 * Server-side sessions: one item per signed-in browser, `SESSION#<id>`, expiring by TTL at the
 * earlier of its idle and absolute deadline. Reading checks both deadlines itself, since TTL
 * deletion lags. Signing out deletes the item, so the session ends on the server.
 */
export class SessionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(record: SessionRecord): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.session(record.id), entity: ENTITY.session, ...record, [TABLE.ttlAttribute]: Math.min(record.idleExpiresAt, record.absoluteExpiresAt) },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      // The id is the hash of 256 random bits and never collides: an existing item is this put's
      // own first attempt, applied with its reply lost and retried by the SDK.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** The session if it exists and neither deadline has passed at `nowEpoch`; otherwise undefined. */
  async get(id: string, nowEpoch: number): Promise<SessionRecord | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.session(id), ConsistentRead: true }));
    const item = out.Item;
    if (!item || typeof item.addressHash !== 'string') return undefined;
    const record: SessionRecord = {
      id,
      addressHash: item.addressHash,
      createdAt: Number(item.createdAt),
      absoluteExpiresAt: Number(item.absoluteExpiresAt),
      idleExpiresAt: Number(item.idleExpiresAt),
    };
    return record.absoluteExpiresAt > nowEpoch && record.idleExpiresAt > nowEpoch ? record : undefined;
  }

  /**
   * Pushes the idle deadline to `idleExpiresAt` (never past the absolute one), if the session still
   * exists: a session signed out meanwhile is not brought back. Returns the new deadline, or
   * undefined when the session is gone.
   */
  async renew(id: string, idleExpiresAt: number): Promise<number | undefined> {
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.session(id),
          UpdateExpression: 'SET idleExpiresAt = :idle, #ttl = :idle',
          ConditionExpression: 'attribute_exists(PK) AND absoluteExpiresAt >= :idle',
          ExpressionAttributeNames: { '#ttl': TABLE.ttlAttribute },
          ExpressionAttributeValues: { ':idle': idleExpiresAt },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(out.Attributes?.idleExpiresAt);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /** Ends the session; ending one that is already gone is fine (sign-out is idempotent). */
  async delete(id: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: keys.session(id) }));
  }
}
