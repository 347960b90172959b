/**
 * `npm start`: the whole platform on one machine, with demo data on first start.
 * `npm start -- --fresh` forgets the data kept under .data/ and seeds again.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CoordinatorStore } from '@culturebridge/store';
import { seedCoordinators, seedDemo } from './demo/seed.js';
import { localDocumentClient } from './dynamodb-local.js';
import { startPlatform } from './platform.js';

const DATA_DIR = resolve(process.env.CULTUREBRIDGE_DATA_DIR ?? '.data/dynamodb');
/** The built web app; `npm start` builds it first (the prestart script). */
const WEB_ROOT = resolve(process.env.CULTUREBRIDGE_WEB_ROOT ?? 'web/dist');

async function main(): Promise<void> {
  const fresh = process.argv.includes('--fresh');
  const apiPort = Number(process.env.PORT ?? 3000);
  const dynamodbPort = Number(process.env.DYNAMODB_PORT ?? 8000);
  const started = Date.now();

  if (fresh) rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  console.log(`Starting CultureBridge (DynamoDB Local on port ${dynamodbPort}, data in ${DATA_DIR}${fresh ? ', reset' : ''}) …`);

  if (!existsSync(join(WEB_ROOT, 'index.html'))) console.log(`No web app build in ${WEB_ROOT}: run \`npm run build:web\` (npm start does) to serve it; the API runs without it.`);
  const platform = await startPlatform({ schedules: true, apiPort, dynamodbPort, dataDir: DATA_DIR, webRoot: WEB_ROOT, eventBridgePort: Number(process.env.EVENTBRIDGE_PORT ?? 0), sesPort: Number(process.env.SES_PORT ?? 0) });

  if (platform.created) {
    console.log('First start: loading the demo networks (EU4Culture cities, EUNIC clusters) …');
    const doc = localDocumentClient(platform.dynamodbEndpoint);
    await seedCoordinators(new CoordinatorStore(doc, platform.tableName), (line) => console.log(line));
    doc.destroy();
    await seedDemo(platform.apiUrl, platform.sessionKeyFile, (line) => console.log(line));
    await platform.settle();
    console.log(`  ${platform.eventBridge.events.filter((e) => e.event['detail-type'] === 'MatchProposed').length} matches proposed`);
  }

  const url = platform.apiUrl;
  console.log('');
  console.log(`CultureBridge is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s):`);
  console.log(`  Web app         ${url}/`);
  console.log(`  API             ${url}/profiles   (docs/api.md)`);
  console.log(`  Event log       ${url}/_local/events`);
  console.log(`  Dead letters    ${url}/_local/dead-letters`);
  console.log(`  Mails (SES)     ${platform.ses.viewerUrl}   (sent mails; JSON at ${platform.ses.endpoint}/store)`);
  console.log(`  Digests now     curl -X POST '${url}/_local/run-digests?due=now'   (sends every pending digest now; the hourly schedule sends them at each recipient's hour)`);
  console.log(`  Expiry sweep    curl -X POST ${url}/_local/run-expiry   (reminders and expiries; runs hourly here as in AWS)`);
  console.log(`  EventBridge     ${platform.eventBridge.endpoint} (PutEvents endpoint)`);
  console.log(`  DynamoDB Local  ${platform.dynamodbEndpoint} (table ${platform.tableName})`);
  console.log('Sign in with a magic link: ask for one in the web app (or POST /auth/magic-link) and open it from Mails.');
  console.log('  Demo coordinators: coordinator@eu4culture.example, coordinator@eunic-cca.example; demo members: culture@<city>.example');
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping …');
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`\nCultureBridge could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
