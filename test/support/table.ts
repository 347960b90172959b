import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { NetworkStore } from '@culturebridge/store';
import { ensureTable, localDocumentClient, localDynamoDbClient } from '../../local/dynamodb-local.js';


export interface TestTable {
  endpoint: string;
  tableName: string;
  doc: DynamoDBDocumentClient;
  scanAll(): Promise<Record<string, unknown>[]>;
}

/** A fresh table on the shared DynamoDB Local, so test files never see each other's items. */
export async function freshTable(prefix = 'test'): Promise<TestTable> {
  const endpoint = inject('dynamodbEndpoint');
  const tableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  const client = localDynamoDbClient(endpoint);
  await ensureTable(client, tableName);
  client.destroy();
  const doc = localDocumentClient(endpoint);
  return {
    endpoint,
    tableName,
    doc,
    scanAll: async () => (await doc.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items ?? [],
  };
}

/** Networks a test's profiles may name: a profile may name only networks that exist. */
export async function addNetworks(table: Pick<TestTable, 'doc' | 'tableName'>, ids: readonly string[]): Promise<void> {
  const store = new NetworkStore(table.doc, table.tableName);
  for (const id of ids) await store.put({ id, name: `Network ${id}` }, new Date().toISOString());
}
