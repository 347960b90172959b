/**
 * Bootstraps network coordinators (there is no coordinator API yet):
 *
 *   npm run coordinator -- add --network eu4culture --email coordinator@example.org --name "Ana" \
 *     [--mode immediate|digest|off] [--time-zone Europe/Berlin] [--digest-hour 8] [--locale ka]
 *   npm run coordinator -- list --network eu4culture
 *   npm run coordinator -- network-settings --network eu4culture [--display-name "EU4Culture"] \
 *     [--reminder-days 7] [--expire-days 21] [--repropose-days 90]
 *
 * `--display-name ""` clears the network's own display name: mails then name it by its record's
 * name (`npm run network -- add --name`), or by its id.
 *
 * Locally (default) it writes to the table of `npm start` (DynamoDB Local on DYNAMODB_PORT or 8000).
 * Against AWS: TABLE_NAME=<the stack's TableName output> with your usual AWS credentials and region.
 * Adding the same address to the same network again updates its name and preference.
 */
import { LOCALES } from '@culturebridge/domain';
import { CoordinatorStore, NetworkSettingsStore } from '@culturebridge/store';
import { operatorDocumentClient, reportFailure } from './operator-table.js';
import { parseOptions } from './cli-options.js';

const USAGE = `usage:
  npm run coordinator -- add --network <id> --email <address> --name <name> [--mode immediate|digest|off] [--time-zone <IANA zone>] [--digest-hour <0-23>] [--locale ${LOCALES.join('|')}]
  npm run coordinator -- list --network <id>
  npm run coordinator -- network-settings --network <id> [--display-name <name>] [--reminder-days <n>] [--expire-days <n>] [--repropose-days <n>]
    --display-name "" clears the network's own display name (mails then use its record's name, or its id)`;

async function main(): Promise<number> {
  const { positionals, values } = parseOptions({
    allowPositionals: true,
    options: {
      network: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      mode: { type: 'string' },
      'time-zone': { type: 'string' },
      'digest-hour': { type: 'string' },
      locale: { type: 'string' },
      'display-name': { type: 'string' },
      'reminder-days': { type: 'string' },
      'expire-days': { type: 'string' },
      'repropose-days': { type: 'string' },
    },
  }, USAGE);
  const [command] = positionals;
  if ((command !== 'add' && command !== 'list' && command !== 'network-settings') || !values.network) {
    console.error(USAGE);
    return 2;
  }
  const { doc, tableName } = operatorDocumentClient();
  const store = new CoordinatorStore(doc, tableName);
  try {
    if (command === 'network-settings') {
      // Until networks are records (issue 19), their settings are one item each; unset fields keep their value.
      const settingsStore = new NetworkSettingsStore(doc, tableName);
      const current = await settingsStore.get(values.network);
      const days = (flag: string | undefined, fallback: number) => (flag === undefined ? fallback : Number(flag));
      // An empty --display-name clears it (the help says so); any other is checked as a name.
      const clearName = values['display-name'] === '';
      const displayName = clearName ? undefined : (values['display-name'] ?? current.displayName);
      const settings = await settingsStore.put(values.network, {
        reminderAfterDays: days(values['reminder-days'], current.reminderAfterDays),
        expireAfterDays: days(values['expire-days'], current.expireAfterDays),
        reproposeAfterDays: days(values['repropose-days'], current.reproposeAfterDays),
        ...(displayName === undefined ? {} : { displayName }),
      });
      if (clearName) console.log(`display name cleared: mails name ${values.network} by its record's name, or by its id`);
      console.log(`settings of ${values.network}: ${JSON.stringify(settings)}`);
      return 0;
    }
    if (command === 'list') {
      for (const c of await store.ofNetwork(values.network)) console.log(`${c.id}  ${c.preference.mode.padEnd(9)} ${(c.locale ?? 'en').padEnd(3)} ${c.name} <${c.email}>`);
      return 0;
    }
    const result = await store.add({
      networkId: values.network,
      email: values.email ?? '',
      name: values.name ?? '',
      preference: {
        // A daily digest unless asked otherwise: one mail a day, not one per match.
        mode: (values.mode ?? 'digest') as 'digest',
        timeZone: values['time-zone'] ?? 'UTC',
        digestHour: values['digest-hour'] === undefined ? 8 : Number(values['digest-hour']),
      },
      // Validated by CoordinatorInput like every other option; absent means English.
      ...(values.locale === undefined ? {} : { locale: values.locale as 'en' }),
    });
    console.log(`${result.created ? 'added' : 'updated'} coordinator ${result.coordinator.id} of ${result.coordinator.networkId} (${result.coordinator.preference.mode}, ${result.coordinator.locale ?? 'en'})`);
    return 0;
  } catch (error) {
    return reportFailure(error, 'the coordinator');
  } finally {
    doc.destroy();
  }
}

main().then((code) => process.exit(code));
