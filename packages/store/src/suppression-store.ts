import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addressHash } from './address-book.js';
import { ENTITY, keys } from './table.js';

export type SuppressionReason = 'bounce' | 'complaint';

export interface SuppressionRecord {
  reason: SuppressionReason;
  at: string;
}

/**
 * Our own suppression list, fed by SES bounce and complaint events (functions/suppress) and read by
 * every sender before it claims a mail. It adds to SES's configuration-set suppression: this one is
 * testable locally and lets a sender skip without spending a send.
 */
export class SuppressionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Idempotent: the same bounce delivered again overwrites the item with the same facts. */
  async suppress(address: string, reason: SuppressionReason, at: string): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.suppression(addressHash(address)), entity: ENTITY.suppression, reason, at },
      }),
    );
  }

  async get(address: string): Promise<SuppressionRecord | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.suppression(addressHash(address)), ConsistentRead: true }));
    return out.Item ? { reason: out.Item.reason as SuppressionReason, at: String(out.Item.at) } : undefined;
  }

  async isSuppressed(address: string): Promise<boolean> {
    return (await this.get(address)) !== undefined;
  }
}
