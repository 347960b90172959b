/**
 * A small webhook receiver for partner developers:
 *
 *   npm run webhook:receive -- --port 4000 --secret whsec_… [--secret whsec_… (during a rotation)] [--status 500]
 *
 * Point a partner's webhook at http://localhost:<port>/ (`npm run partner -- add … --webhook
 * http://localhost:4000/`), and every delivery is verified with the standardwebhooks library and
 * printed, or the reason it was rejected is printed. `--status` answers verified deliveries with
 * another status (500 to watch the retries, 410 to see the endpoint disabled).
 */
import { startWebhookReceiver } from '../local/webhook-receiver.js';
import { parseOptions } from './cli-options.js';

const USAGE = 'usage: npm run webhook:receive -- --port <port> --secret <whsec_…> [--secret <whsec_…>] [--status <code>]';
const { values } = parseOptions({ options: { port: { type: 'string' }, secret: { type: 'string', multiple: true }, status: { type: 'string' } } }, USAGE);
const port = Number(values.port);
if (!values.port || !Number.isInteger(port) || port < 0 || port > 65535 || !values.secret?.length || !values.secret.every((s) => s.startsWith('whsec_'))) {
  console.error(USAGE);
  process.exit(2);
}
const receiver = await startWebhookReceiver({ port, secrets: values.secret, status: values.status ? Number(values.status) : undefined, log: (line) => console.log(line) });
console.log(`listening on http://localhost:${receiver.port}/ — verifying with ${values.secret.length} secret(s); Ctrl-C to stop`);
process.on('SIGINT', () => void receiver.stop().then(() => process.exit(0)));
process.on('SIGTERM', () => void receiver.stop().then(() => process.exit(0)));
