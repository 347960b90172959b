/**
 * `npm start`: the platform on one machine. It wires the real handlers to local stand-ins of the
 * AWS services and holds no business logic of its own.
 */
import './quiet-sdk.js';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureTable, localDynamoDbClient, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from './dynamodb-local.js';
import { startHttpServer } from './http-server.js';

const TABLE_NAME = 'culturebridge-local';
const DATA_DIR = resolve('.data/dynamodb');

async function main(): Promise<void> {
  const fresh = process.argv.includes('--fresh');
  const apiPort = Number(process.env.PORT ?? 3000);
  const dbPort = Number(process.env.DYNAMODB_PORT ?? 8000);

  if (fresh) rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });

  console.log(`Starting DynamoDB Local on port ${dbPort} (data in ${DATA_DIR}${fresh ? ', reset' : ''}) …`);
  const db = await startDynamoDbLocal({ port: dbPort, path: DATA_DIR });
  const client = localDynamoDbClient(db.endpoint);
  await ensureTable(client, TABLE_NAME);
  client.destroy();

  // The handlers read their configuration from the environment at import, as in Lambda.
  Object.assign(process.env, {
    TABLE_NAME,
    DYNAMODB_ENDPOINT: db.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    ALLOWED_ORIGINS: `http://localhost:${apiPort}`,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  });
  const profilesApi = await import('../functions/profiles-api/handler.js');

  let server;
  try {
    server = await startHttpServer(apiPort, [{ prefix: '/profiles', functionName: 'profiles-api', handler: profilesApi.handler }]);
  } catch (error) {
    await db.stop();
    throw error;
  }

  console.log('');
  console.log('CultureBridge is running locally:');
  console.log(`  API             http://localhost:${apiPort}/profiles`);
  console.log(`  DynamoDB Local  ${db.endpoint} (table ${TABLE_NAME})`);
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping …');
    server.close();
    await db.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`\nCultureBridge could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
