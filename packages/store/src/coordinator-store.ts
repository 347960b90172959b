import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { CoordinatorInput, type Coordinator, type Locale, type NotificationPreference } from '@culturebridge/domain';
import { coordinatorAddressItem } from './address-book.js';
import { fromItem } from './profile-items.js';
import { ENTITY, keys } from './table.js';

export function coordinatorItem(coordinator: Coordinator) {
  return { ...keys.coordinator(coordinator.networkId, coordinator.id), entity: ENTITY.coordinator, ...coordinator };
}

/**
 * Network coordinators, bootstrapped by the operator (`npm run coordinator`) and by the demo seed.
 * Their e-mail addresses live only here: mails are addressed from these items, and events and logs
 * carry the coordinator id.
 */
export class CoordinatorStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async ofNetwork(networkId: string): Promise<Coordinator[]> {
    const items: Coordinator[] = [];
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.coordinatorPartition(networkId), ':prefix': keys.coordinatorPrefix },
      ConsistentRead: true,
    })) {
      items.push(...(page.Items ?? []).map((i) => fromItem<Coordinator>(i)));
    }
    return items;
  }

  async ofNetworks(networkIds: readonly string[]): Promise<Coordinator[]> {
    return (await Promise.all([...new Set(networkIds)].map((n) => this.ofNetwork(n)))).flat();
  }

  async get(networkId: string, id: string): Promise<Coordinator | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.coordinator(networkId, id), ConsistentRead: true }));
    return out.Item ? fromItem<Coordinator>(out.Item) : undefined;
  }

  /**
   * Adds a coordinator, or updates name and preference of the one with the same address in the
   * network, so running the command (or the seed) twice keeps one coordinator.
   */
  async add(input: CoordinatorInput): Promise<{ coordinator: Coordinator; created: boolean }> {
    const parsed = CoordinatorInput.parse(input);
    const existing = (await this.ofNetwork(parsed.networkId)).find((c) => c.email === parsed.email);
    const coordinator: Coordinator = { ...parsed, id: existing?.id ?? randomUUID() };
    // The address item lets the coordinator sign in; both are written together.
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: coordinatorItem(coordinator) } },
          { Put: { TableName: this.tableName, Item: coordinatorAddressItem(coordinator.email, coordinator.networkId, coordinator.id) } },
        ],
      }),
    );
    return { coordinator, created: !existing };
  }

  /**
   * A coordinator changes how they hear about matches, and optionally the language of their mails;
   * undefined when no such coordinator exists.
   */
  async setPreference(networkId: string, id: string, preference: NotificationPreference, locale?: Locale): Promise<Coordinator | undefined> {
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.coordinator(networkId, id),
          UpdateExpression: locale ? 'SET preference = :preference, locale = :locale' : 'SET preference = :preference',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':preference': preference, ...(locale ? { ':locale': locale } : {}) },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes ? fromItem<Coordinator>(out.Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
