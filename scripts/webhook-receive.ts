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
import { Webhook } from 'standardwebhooks';
import { startWebhookReceiver } from '../local/webhook-receiver.js';
import { parseOptions } from './cli-options.js';

const USAGE = 'usage: npm run webhook:receive -- --port <port> --secret <whsec_…> [--secret <whsec_…>] [--status <code>]';
const { values } = parseOptions({ options: { port: { type: 'string' }, secret: { type: 'string', multiple: true }, status: { type: 'string' } } }, USAGE);

/** Whether the standardwebhooks library can sign with it (`whsec_` and base64), as it must at each delivery. */
const usableSecret = (secret: string) => {
  try {
    return secret.startsWith('whsec_') && Boolean(new Webhook(secret));
  } catch {
    return false;
  }
};
const whole = (value: string | undefined, min: number, max: number) => value !== undefined && /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max;
// Checked before listening: a bad --status used to crash the receiver at the first delivery, a bad secret to reject every one.
const problems = [
  ...(whole(values.port, 0, 65535) ? [] : [`--port: expected a port from 0 to 65535, got ${JSON.stringify(values.port ?? '')}`]),
  ...(values.secret?.length ? values.secret.filter((s) => !usableSecret(s)).map((s) => `--secret: expected whsec_ and base64 (as \`npm run partner -- add\` printed it), got ${JSON.stringify(s)}`) : ['--secret: required (the whsec_… secret `npm run partner -- add` printed)']),
  ...(values.status === undefined || whole(values.status, 200, 599) ? [] : [`--status: expected an HTTP status from 200 to 599, got ${JSON.stringify(values.status)}`]),
];
if (problems.length > 0) {
  console.error([...problems, USAGE].join('\n'));
  process.exit(2);
}
const secrets = values.secret as string[];
const receiver = await startWebhookReceiver({ port: Number(values.port), secrets, status: values.status ? Number(values.status) : undefined, log: (line) => console.log(line) });
console.log(`listening on http://localhost:${receiver.port}/ — verifying with ${secrets.length} secret(s); Ctrl-C to stop`);
process.on('SIGINT', () => void receiver.stop().then(() => process.exit(0)));
process.on('SIGTERM', () => void receiver.stop().then(() => process.exit(0)));
