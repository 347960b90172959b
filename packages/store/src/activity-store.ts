import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ACTIVITY_RETENTION_DAYS, activityOrderParts, type ActivityEntry } from '@culturebridge/domain';
import { ENTITY, keys, TABLE } from './table.js';

/**
 * The activity feed's items, one partition per network (`ACTIVITY#<network>`), sorted by time. Kept
 * by record-activity from the events on the bus; they expire after ACTIVITY_RETENTION_DAYS and map
 * to no event (the publisher ignores them).
 */
export class ActivityStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records an entry; the same event recorded again overwrites itself (same key, same content). */
  async record(entry: ActivityEntry): Promise<void> {
    const expires = Math.floor(new Date(entry.occurredAt).getTime() / 1000) + ACTIVITY_RETENTION_DAYS * 86_400;
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.activity(entry.networkId, entry.occurredAt, entry.eventId), entity: ENTITY.activity, ...entry, [TABLE.ttlAttribute]: expires },
      }),
    );
  }

  /**
   * One page of a network's entries from `from` (ISO 8601) on, newest first: one Query of its
   * partition with DynamoDB's `Limit` (`limit` entries at most), started after `after` (the
   * `[occurredAt, eventId]` of the last entry of the page before). `last`: where this page stopped,
   * when DynamoDB says more may follow (the next page may then be empty). An `after` before `from`
   * (a cursor kept while the window moved on, or made up) is past the end: no entries, no `last`.
   */
  async page(networkId: string, from: string, { limit, after }: { limit: number; after?: readonly [string, string] }): Promise<{ entries: ActivityEntry[]; last?: [string, string] }> {
    const start = after ? keys.activity(networkId, after[0], after[1]) : undefined;
    // DynamoDB refuses a start key outside the key condition; everything after it (older) is outside too.
    // Both are ASCII up to the time's end, so a string comparison orders them as DynamoDB's bytes do.
    if (start && start.SK < from) return { entries: [] };
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK >= :from',
        ExpressionAttributeValues: { ':pk': keys.activityPartition(networkId), ':from': from },
        ScanIndexForward: false,
        Limit: limit,
        // Rebuilt from the path's network and the cursor's parts: nothing a caller sends is a key.
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const entries = (out.Items ?? []).map((i): ActivityEntry => ({ eventId: i.eventId, type: i.type, occurredAt: i.occurredAt, networkId: i.networkId, profileIds: i.profileIds, ...(i.matchId ? { matchId: i.matchId } : {}) }));
    const sk = out.LastEvaluatedKey?.SK;
    return typeof sk === 'string' ? { entries, last: activityOrderParts(sk) } : { entries };
  }
}
