import { GetCommand, PutCommand, paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NetworkInput, type Network } from '@culturebridge/domain';
import { fromItem } from './profile-items.js';
import { ENTITY, keys } from './table.js';

export function networkItem(network: Network) {
  return { ...keys.network(network.id), entity: ENTITY.network, ...network };
}

/** Network records, created by the operator (`npm run network`) and by the demo seed. */
export class NetworkStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Every network, ordered by id: one Query of the networks partition. */
  async list(): Promise<Network[]> {
    const items: Network[] = [];
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.networksPartition, ':prefix': keys.networkRecordPrefix },
      ConsistentRead: true,
    })) {
      items.push(...(page.Items ?? []).map((i) => fromItem<Network>(i)));
    }
    return items;
  }

  async ids(): Promise<Set<string>> {
    return new Set((await this.list()).map((n) => n.id));
  }

  async get(id: string): Promise<Network | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.network(id), ConsistentRead: true }));
    return out.Item ? fromItem<Network>(out.Item) : undefined;
  }

  /**
   * Adds a network, or updates the name, time zone and given settings of the one with this id, so
   * running the command (or the seed) twice keeps one network. Settings not given are kept.
   * Throws a ZodError for invalid input.
   */
  async put(input: NetworkInput, now: string): Promise<{ network: Network; created: boolean }> {
    const parsed = NetworkInput.parse(input);
    const existing = await this.get(parsed.id);
    const network: Network = {
      ...parsed,
      settings: { ...existing?.settings, ...parsed.settings },
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: networkItem(network) }));
    return { network, created: !existing };
  }
}
