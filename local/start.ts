/**
 * `npm start`: the whole platform on one machine, with demo data on first start.
 * `npm start -- --fresh` forgets the data kept under .data/ and seeds again.
 * `npm start -- --faults 0.1` injects faults into 10 % of AWS SDK calls, PutEvents entries and
 * target deliveries (local/faults.ts), to watch the pipeline recover.
 * `npm start -- --no-demo` starts an empty platform (no demo networks on first start).
 * `SES_ENDPOINT=<url>` uses a running aws-ses-v2-local instead of starting one.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CoordinatorStore, NetworkStore, backfillNetworkMatches } from '@culturebridge/store';
import { seedCoordinators, seedDemo, seedNetworks } from './demo/seed.js';
import { localDocumentClient } from './dynamodb-local.js';
import { writeLocalEndpoints } from './endpoints-file.js';
import { LOCAL_CONFIGURATION_SET, LOCAL_SENDER, startPlatform } from './platform.js';

const DATA_DIR = resolve(process.env.CULTUREBRIDGE_DATA_DIR ?? '.data/dynamodb');
/** The built web app; `npm start` builds it first (the prestart script). */
const WEB_ROOT = resolve(process.env.CULTUREBRIDGE_WEB_ROOT ?? 'web/dist');

async function main(): Promise<void> {
  const fresh = process.argv.includes('--fresh');
  const faultsAt = process.argv.indexOf('--faults');
  const faultRate = faultsAt >= 0 ? Number(process.argv[faultsAt + 1]) : 0;
  if (!(faultRate >= 0 && faultRate <= 1)) throw new Error(`--faults expects a rate from 0 to 1 (e.g. 0.1), got ${process.argv[faultsAt + 1]}`);
  const apiPort = Number(process.env.PORT ?? 3000);
  const dynamodbPort = Number(process.env.DYNAMODB_PORT ?? 8000);
  const started = Date.now();

  if (fresh) rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  console.log(`Starting CultureBridge (DynamoDB Local on port ${dynamodbPort}, data in ${DATA_DIR}${fresh ? ', reset' : ''}) …`);

  if (!existsSync(join(WEB_ROOT, 'index.html'))) console.log(`No web app build in ${WEB_ROOT}: run \`npm run build:web\` (npm start does) to serve it; the API runs without it.`);
  if (faultRate > 0) console.log(`Injecting faults into ${(faultRate * 100).toFixed(1)} % of AWS SDK calls, PutEvents entries and deliveries.`);
  const platform = await startPlatform({
    schedules: true,
    apiPort,
    dynamodbPort,
    dataDir: DATA_DIR,
    webRoot: WEB_ROOT,
    eventBridgePort: Number(process.env.EVENTBRIDGE_PORT ?? 0),
    sesPort: Number(process.env.SES_PORT ?? 0),
    sesEndpoint: process.env.SES_ENDPOINT || undefined,
    faults: faultRate > 0 ? { rate: faultRate } : undefined,
  });

  writeLocalEndpoints({ sesEndpoint: platform.ses.endpoint, senderEmail: LOCAL_SENDER, configurationSet: LOCAL_CONFIGURATION_SET, appBaseUrl: platform.apiUrl }, join(DATA_DIR, 'endpoints.json'));
  if (!platform.created) {
    // Data kept from an earlier version: give matches stored before the network projection theirs.
    const doc = localDocumentClient(platform.dynamodbEndpoint);
    const backfilled = await backfillNetworkMatches(doc, platform.tableName);
    doc.destroy();
    if (backfilled > 0) console.log(`  ${backfilled} network match copies written for matches stored by an earlier version`);
  }

  if (platform.created && !process.argv.includes('--no-demo')) {
    console.log('First start: loading the demo networks (EU4Culture cities, EUNIC clusters) …');
    const doc = localDocumentClient(platform.dynamodbEndpoint);
    await seedNetworks(new NetworkStore(doc, platform.tableName), (line) => console.log(line));
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
  console.log(`  EventBridge     ${platform.eventBridge.endpoint} (PutEvents, TestEventPattern and rules; event log kept in ${DATA_DIR})`);
  console.log('  Partners        npm run partner -- list   (webhooks are delivered from here too; docs/partners.md)');
  console.log(`  DynamoDB Local  ${platform.dynamodbEndpoint} (table ${platform.tableName})`);
  console.log('Sign in with a magic link: ask for one in the web app (or POST /auth/magic-link) and open it from Mails.');
  console.log('  Demo coordinators: coordinator@eu4culture.example, coordinator@eunic-cca.example; demo members: culture@<city>.example');
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = async () => {
    if (stopping) {
      // A second Ctrl-C: leave now. The stream checkpoints are on disk, so the next start resumes.
      console.log('Stopping at once; the next start picks up what was left.');
      process.exit(130);
    }
    stopping = true;
    console.log('\nStopping: finishing the work in flight (Ctrl-C again to leave at once) …');
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
