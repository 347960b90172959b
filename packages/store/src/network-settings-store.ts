import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NetworkSettings, type NetworkSettingsInput } from '@culturebridge/domain';
import { ENTITY, keys } from './table.js';

/**
 * Per-network settings (reminder, expiry, re-proposal pause, display name). One small item per
 * network until networks are records (issue 19), which will hold the same `settings` attribute; a
 * network without the item gets the defaults.
 */
export class NetworkSettingsStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(networkId: string): Promise<NetworkSettings> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.networkSettings(networkId) }));
    // Stored settings were validated when written; parsing again applies defaults added since.
    return NetworkSettings.parse(out.Item?.settings ?? {});
  }

  async getMany(networkIds: readonly string[]): Promise<Map<string, NetworkSettings>> {
    const ids = [...new Set(networkIds)];
    const values = await Promise.all(ids.map((id) => this.get(id)));
    return new Map(ids.map((id, i) => [id, values[i] as NetworkSettings]));
  }

  /** Validates (throws a ZodError naming each bad field) and stores a network's settings. */
  async put(networkId: string, input: NetworkSettingsInput): Promise<NetworkSettings> {
    const settings = NetworkSettings.parse(input);
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.networkSettings(networkId), entity: ENTITY.networkSettings, networkId, settings } }));
    return settings;
  }
}
