import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Meeting } from '@culturebridge/domain';
import type { WriteResult } from './errors.js';
import { fromItem } from './profile-items.js';
import { ENTITY, keys } from './table.js';

/** What a list of meetings reads of each (`MeetingLists.page`). */
export type MeetingListing = Pick<Meeting, 'id' | 'name' | 'date' | 'startTime' | 'timeZone' | 'rounds' | 'participants' | 'version' | 'cancelledAt'>;

/** The attributes `MeetingListing` holds. */
const LISTED = ['id', 'name', 'date', 'startTime', 'timeZone', 'rounds', 'participants', 'version', 'cancelledAt'] as const satisfies readonly (keyof MeetingListing)[];

export function meetingItem(meeting: Meeting) {
  return { ...keys.meeting(meeting.networkId, meeting.id), entity: ENTITY.meeting, ...meeting };
}

/**
 * A network's meetings, one item each with its timetable (a few KB: 10 rounds × 100 tables is
 * well under DynamoDB's 400 KB). Writes carry the version read, as profile writes do.
 */
export class MeetingStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(networkId: string, id: string): Promise<Meeting | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.meeting(networkId, id), ConsistentRead: true }));
    return out.Item ? fromItem<Meeting>(out.Item) : undefined;
  }

  /** The network's meetings, by id. */
  async ofNetwork(networkId: string): Promise<Meeting[]> {
    const items: Meeting[] = [];
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.meetingPartition(networkId), ':prefix': keys.meetingPrefix },
      ConsistentRead: true,
    })) {
      items.push(...(page.Items ?? []).map((i) => fromItem<Meeting>(i)));
    }
    return items;
  }

  /** Stores a new meeting (version 1); false if the id exists already. */
  async create(meeting: Meeting): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: meetingItem(meeting), ConditionExpression: 'attribute_not_exists(PK)' }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Replaces the meeting if it is still at `expectedVersion` (the new one is expectedVersion + 1). */
  async replace(meeting: Meeting, expectedVersion: number): Promise<WriteResult<Meeting>> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: meetingItem(meeting),
          ConditionExpression: 'attribute_exists(PK) AND version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
      return { outcome: 'ok', value: meeting };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await this.get(meeting.networkId, meeting.id);
      return current ? { outcome: 'conflict', currentVersion: current.version } : { outcome: 'not-found' };
    }
  }
}

/**
 * The network's meetings as its list shows them, a page at a time. Apart from MeetingStore so that
 * the functions that never list meetings (profiles-api, notify) do not bundle it.
 */
export class MeetingLists {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * One page of the network's meetings, by id, as a list shows them: one Query of `limit` items at
   * most (DynamoDB stops at 1 MB read too), started after the meeting `after`, projected to what a
   * list shows (no timetable comes back). `last`: where the page stopped, when more may follow.
   */
  async page(networkId: string, { limit, after }: { limit: number; after?: string }): Promise<{ meetings: MeetingListing[]; last?: string }> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.meetingPartition(networkId), ':prefix': keys.meetingPrefix },
        // Every name a placeholder: several (name, date, zone…) are DynamoDB reserved words.
        ProjectionExpression: LISTED.map((_, i) => `#a${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(LISTED.map((name, i) => [`#a${i}`, name])),
        Limit: limit,
        ConsistentRead: true,
        // Rebuilt from the path's network and the cursor's id: nothing a caller sends is a key.
        ...(after ? { ExclusiveStartKey: keys.meeting(networkId, after) } : {}),
      }),
    );
    const meetings = (out.Items ?? []).map((i) => fromItem<MeetingListing>(i));
    const sk = out.LastEvaluatedKey?.SK;
    return { meetings, ...(typeof sk === 'string' ? { last: sk.slice(keys.meetingPrefix.length) } : {}) };
  }
}
