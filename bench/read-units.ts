/**
 * `npm run bench:read-units`: DynamoDB read units one profile update costs (compute-matches' reads:
 * the profile's matching view, the network index partitions in its scope, its own matches) next to
 * one full table scan, at 1 000 and 10 000 profiles, against DynamoDB Local with
 * ReturnConsumedCapacity. Writes bench/results/read-units.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { generateSyntheticProfiles } from '@culturebridge/domain/synthetic';
import { MatchStore, batchWrite, membershipItems, profileItem } from '@culturebridge/store';
import { ensureTable, localDocumentClient, localDynamoDbClient, startDynamoDbLocal } from '../local/dynamodb-local.js';
import { recomputeMatches } from '../functions/compute-matches/recompute.js';

const SIZES = (process.argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '1000,10000').split(',').map(Number);
const SAMPLE = 25;

async function measure(endpoint: string, size: number) {
  const tableName = `bench-${size}`;
  const client = localDynamoDbClient(endpoint);
  await ensureTable(client, tableName);
  client.destroy();
  const doc = localDocumentClient(endpoint);

  const profiles = generateSyntheticProfiles({ count: size });
  const loadStart = Date.now();
  await batchWrite(doc, tableName, profiles.flatMap((p) => [profileItem(p), ...membershipItems(p)]));
  process.stdout.write(`  ${size}: loaded ${profiles.length} profiles in ${((Date.now() - loadStart) / 1000).toFixed(1)} s\n`);

  // Matches exist in a live table: compute them for a sample first, so the scan also reads some.
  const active = profiles.filter((p) => p.status === 'active');
  const sample = Array.from({ length: SAMPLE }, (_, i) => active[Math.floor((i * active.length) / SAMPLE)]!);
  const perUpdate: number[] = [];
  for (const profile of sample) {
    const store = new MatchStore(doc, tableName, { measureCapacity: true });
    await recomputeMatches(profile.id, 'bench', { matches: store, doc, tableName, now: () => new Date().toISOString() });
    perUpdate.push(store.consumedReadUnits);
  }

  let scanUnits = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: tableName, ReturnConsumedCapacity: 'TOTAL', ExclusiveStartKey }));
    scanUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);

  perUpdate.sort((a, b) => a - b);
  const median = perUpdate[Math.floor(perUpdate.length / 2)] ?? 0;
  const max = perUpdate[perUpdate.length - 1] ?? 0;
  doc.destroy();
  return { size, median, max, scanUnits, ratio: median / scanUnits };
}

const db = await startDynamoDbLocal();
try {
  const rows = [];
  for (const size of SIZES) rows.push(await measure(db.endpoint, size));
  const table = [
    '# Read units per profile update',
    '',
    `Node ${process.version}; DynamoDB Local (in memory); ${SAMPLE} sampled updates per size; \`npm run bench:read-units\`.`,
    '',
    '| profiles | read units per update (median) | per update (max) | one full table scan | update / scan |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.size.toLocaleString('en-GB').replace(/,/g, ' ')} | ${r.median.toFixed(1)} | ${r.max.toFixed(1)} | ${r.scanUnits.toFixed(1)} | ${(r.ratio * 100).toFixed(1)} % (1/${Math.round(1 / r.ratio)}) |`),
    '',
    'An update reads the profile\'s matching view (consistent GetItem), the network-index partitions of its networks',
    '(and the open scope when it opted in; eventually consistent Query), its own match items (consistent Query),',
    'and, for the exposure cap, the open matches of each partner about to be proposed (a small Query each).',
    'The scan reads every item once, eventually consistent, as cheaply as a scan can.',
    '',
  ].join('\n');
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/read-units.md', table);
  console.log(`\n${table}`);
} finally {
  await db.stop();
}
