import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NetworkSettings, networkShortName, type NetworkSettingsInput } from '@culturebridge/domain';
import { ENTITY, keys } from './table.js';

/**
 * Per-network settings (reminder, expiry, re-proposal pause, display name): one small item per
 * network, set by `npm run coordinator -- network-settings`; a network without it gets the defaults.
 * Without a display name of its own, a network is named by its record's short name (`npm run network
 * -- add --name …`, issue 19), so mails never fall back to the id of a network that has a name.
 */
export class NetworkSettingsStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * A network's settings, defaults filled in. `withName` also reads the network's record (a second
   * GetItem), for callers that name the network in a mail; matching and the expiry sweep need only
   * the lifecycle settings and do not pay for it.
   */
  async get(networkId: string, { withName = false }: { withName?: boolean } = {}): Promise<NetworkSettings> {
    const [own, record] = await Promise.all([
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.networkSettings(networkId) })),
      withName ? this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.network(networkId), ProjectionExpression: '#name', ExpressionAttributeNames: { '#name': 'name' } })) : undefined,
    ]);
    // Stored settings were validated when written; parsing again applies defaults added since.
    const settings = NetworkSettings.parse(own.Item?.settings ?? {});
    const recordName = typeof record?.Item?.name === 'string' ? record.Item.name : undefined;
    return settings.displayName === undefined && recordName ? { ...settings, displayName: networkShortName(recordName) } : settings;
  }

  async getMany(networkIds: readonly string[], options: { withName?: boolean } = {}): Promise<Map<string, NetworkSettings>> {
    const ids = [...new Set(networkIds)];
    const values = await Promise.all(ids.map((id) => this.get(id, options)));
    return new Map(ids.map((id, i) => [id, values[i] as NetworkSettings]));
  }

  /** Validates (throws a ZodError naming each bad field) and stores a network's settings. */
  async put(networkId: string, input: NetworkSettingsInput): Promise<NetworkSettings> {
    const settings = NetworkSettings.parse(input);
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.networkSettings(networkId), entity: ENTITY.networkSettings, networkId, settings } }));
    return settings;
  }
}
