import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENTITY, TABLE, keys } from './table.js';

/**
 * What a token lets its holder do: sign in as the address, and for a confirmation link also confirm
 * that one profile. A plain sign-in never confirms anything, so a profile someone else submitted
 * with your address stays pending until you open the mail that was about it (or confirm it signed in).
 */
export interface TokenGrant {
  addressHash: string;
  /** `invite-member`: a coordinator imported the profile; the link confirms it like `confirm-profile`. */
  purpose: 'sign-in' | 'confirm-profile' | 'invite-member';
  profileId?: string;
  /** The address as the link's page may show it ("c…@orhei.example"); never the whole address. */
  maskedAddress?: string;
  /** A confirmation link for a contact change: the profile version that asked for it (see PendingContact). */
  contactChange?: number;
}

function grantOf(item: Record<string, unknown> | undefined): TokenGrant | undefined {
  if (typeof item?.addressHash !== 'string') return undefined;
  return {
    addressHash: item.addressHash,
    purpose: item.purpose === 'confirm-profile' || item.purpose === 'invite-member' ? item.purpose : 'sign-in',
    ...(typeof item.profileId === 'string' ? { profileId: item.profileId } : {}),
    ...(typeof item.maskedAddress === 'string' ? { maskedAddress: item.maskedAddress } : {}),
    ...(typeof item.contactChange === 'number' ? { contactChange: item.contactChange } : {}),
  };
}

/** Spending a token: its hash, the instant (epoch s) it must still be valid at, and this use's id (see consumeToken). */
export interface TokenSpend {
  tokenHash: string;
  nowEpoch: number;
  useId: string;
}

/**
 * The conditional write that spends a token (marks it used by `useId` if it exists, is unused and
 * has not expired): alone in consumeToken, or inside the transaction that confirms what a
 * confirmation link is about (ProfileStore.confirm), so that the link is spent only with its effect.
 */
export function spendTokenUpdate(tableName: string, spend: TokenSpend) {
  return {
    TableName: tableName,
    Key: keys.token(spend.tokenHash),
    UpdateExpression: 'SET usedBy = :use',
    ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(usedBy) AND #expires > :now',
    ExpressionAttributeNames: { '#expires': TABLE.ttlAttribute },
    ExpressionAttributeValues: { ':now': spend.nowEpoch, ':use': spend.useId },
  };
}

/** A token's item, read consistently (undefined once TTL removed it). */
export async function tokenItem(doc: DynamoDBDocumentClient, tableName: string, tokenHash: string): Promise<Record<string, unknown> | undefined> {
  return (await doc.send(new GetCommand({ TableName: tableName, Key: keys.token(tokenHash), ConsistentRead: true }))).Item;
}

/**
 * Magic-link tokens and the counters that limit them. A token item holds the token's hash and the
 * hash of the address it was sent to, nothing else; it is marked used once and expires by TTL.
 */
export class SignInStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async saveToken(tokenHash: string, grant: TokenGrant, expiresAtEpoch: number, createdAt: string): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.token(tokenHash), entity: ENTITY.token, ...grant, [TABLE.ttlAttribute]: expiresAtEpoch, createdAt },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      // 256 random bits never collide: an existing item is this put's own first attempt, applied
      // with its reply lost and retried by the SDK.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /**
   * Uses a token: marks it used by `useId` if it exists, is unused and has not expired, in one
   * conditional write, so two requests racing with the same link cannot both succeed. Returns what
   * the token was issued for. When the condition fails the item is read back: marked with this very
   * `useId`, the write was applied and only its reply was lost (the SDK retried it), so the use is
   * ours. A used token stays until its TTL removes it. TTL deletion lags by up to days, hence the
   * explicit expiry check.
   */
  async consumeToken(tokenHash: string, nowEpoch: number, useId: string = randomUUID()): Promise<TokenGrant | undefined> {
    try {
      const out = await this.doc.send(new UpdateCommand({ ...spendTokenUpdate(this.tableName, { tokenHash, nowEpoch, useId }), ReturnValues: 'ALL_NEW' }));
      return grantOf(out.Attributes);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await tokenItem(this.doc, this.tableName, tokenHash);
      return current?.usedBy === useId ? grantOf(current) : undefined;
    }
  }

  /**
   * What a token would grant, without using it: the page a link opens describes it and waits for a
   * click. A read only, so loading, prefetching or scanning the page spends nothing.
   */
  async peekToken(tokenHash: string, nowEpoch: number): Promise<(TokenGrant & { expiresAt: number }) | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.token(tokenHash), ConsistentRead: true }));
    // A used token stays until its TTL removes it (marked `usedBy`), but grants nothing more.
    const grant = out.Item?.usedBy === undefined ? grantOf(out.Item) : undefined;
    const expiresAt = Number(out.Item?.[TABLE.ttlAttribute]);
    return grant && expiresAt > nowEpoch ? { ...grant, expiresAt } : undefined;
  }

  /** Counts one request against a fixed window and returns the count so far (this one included). */
  async countRequest(limit: string, keyHash: string, window: { start: number; end: number }): Promise<number> {
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.rateCounter(limit, keyHash, window.start),
        UpdateExpression: 'ADD hits :one SET entity = :entity, #expires = :end',
        ExpressionAttributeNames: { '#expires': TABLE.ttlAttribute },
        ExpressionAttributeValues: { ':one': 1, ':entity': ENTITY.rateCounter, ':end': window.end },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.hits ?? 0);
  }
}
