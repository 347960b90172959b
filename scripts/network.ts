/**
 * Manages networks: a profile may name only networks that exist.
 *
 *   npm run network -- add --id eu4culture --name "EU4Culture" [--time-zone Europe/Berlin]
 *   npm run network -- list
 *   npm run network -- index-rejected
 *
 * Locally (default) it writes to the table of `npm start` (DynamoDB Local on DYNAMODB_PORT or 8000).
 * Against AWS: TABLE_NAME=<the stack's TableName output> with your usual AWS credentials and region.
 * Adding an existing id again updates its name and time zone. `index-rejected` is run once after
 * the 2026-11-30 deploy: rejected memberships stored before it get their index key (see
 * scripts/index-rejected.ts), so coordinators find everyone they took out.
 */
import { NetworkStore } from '@culturebridge/store';
import { indexRejectedMemberships } from './index-rejected.js';
import { operatorDocumentClient, reportFailure } from './operator-table.js';
import { parseOptions } from './cli-options.js';

const USAGE = `usage:
  npm run network -- add --id <id> --name <display name> [--time-zone <IANA zone>]
  npm run network -- list
  npm run network -- index-rejected`;

async function main(): Promise<number> {
  const { positionals, values } = parseOptions({
    allowPositionals: true,
    options: { id: { type: 'string' }, name: { type: 'string' }, 'time-zone': { type: 'string' } },
  }, USAGE);
  const [command] = positionals;
  if (command !== 'add' && command !== 'list' && command !== 'index-rejected') {
    console.error(USAGE);
    return 2;
  }
  const { doc, tableName } = operatorDocumentClient();
  const store = new NetworkStore(doc, tableName);
  try {
    if (command === 'index-rejected') {
      const indexed = await indexRejectedMemberships(doc, tableName);
      console.log(`indexed ${indexed} rejected ${indexed === 1 ? 'membership' : 'memberships'}`);
      return 0;
    }
    if (command === 'list') {
      for (const n of await store.list()) console.log(`${n.id.padEnd(32)} ${n.timeZone.padEnd(20)} ${n.name}`);
      return 0;
    }
    const { network, created } = await store.put(
      { id: values.id ?? '', name: values.name ?? '', ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}) },
      new Date().toISOString(),
    );
    console.log(`${created ? 'added' : 'updated'} network ${network.id} "${network.name}" (${network.timeZone})`);
    return 0;
  } catch (error) {
    return reportFailure(error, 'the network');
  } finally {
    doc.destroy();
  }
}

main().then((code) => process.exit(code));
