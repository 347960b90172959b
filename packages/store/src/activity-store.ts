import { PutCommand, type DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { ACTIVITY_RETENTION_DAYS, type ActivityEntry } from '@culturebridge/domain';
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

  /** A network's entries since `from` (ISO 8601), oldest first: one Query of its partition. */
  async since(networkId: string, from: string): Promise<ActivityEntry[]> {
    const entries: ActivityEntry[] = [];
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND SK >= :from',
      ExpressionAttributeValues: { ':pk': keys.activityPartition(networkId), ':from': from },
    })) {
      for (const i of page.Items ?? []) entries.push({ eventId: i.eventId, type: i.type, occurredAt: i.occurredAt, networkId: i.networkId, profileIds: i.profileIds, ...(i.matchId ? { matchId: i.matchId } : {}) });
    }
    return entries;
  }
}
