/**
 * A webhook receiver for partner developers (`npm run webhook:receive`) and for the tests: it verifies
 * every request with the standardwebhooks library, exactly as a partner's own endpoint should, and
 * reports the event or why it was rejected. Wiring only: no CultureBridge logic.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  /** The parsed body when verified. */
  event?: { id: string; 'detail-type': string; [field: string]: unknown };
  /** Why it was rejected, when it was. */
  rejected?: string;
  /** The status answered. */
  status: number;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** Changes what the receiver answers to verified requests from now on (default 204). */
  answerWith(status: number): void;
  /** Replaces the secrets it verifies with (any one may match). */
  useSecrets(secrets: string[]): void;
  stop(): Promise<void>;
}

export interface ReceiverOptions {
  port?: number;
  secrets: string[];
  status?: number;
  /** When false, the timestamp is not checked against the clock (tests that move a ManualClock). */
  checkTimestamp?: boolean;
  log?: (line: string) => void;
}

export async function startWebhookReceiver(options: ReceiverOptions): Promise<WebhookReceiver> {
  let secrets = [...options.secrets];
  let status = options.status ?? 204;
  const received: ReceivedWebhook[] = [];
  const log = options.log ?? (() => undefined);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => String(req.headers[name] ?? '');
      const headers = { 'webhook-id': header('webhook-id'), 'webhook-timestamp': header('webhook-timestamp'), 'webhook-signature': header('webhook-signature') };
      let event: ReceivedWebhook['event'];
      let rejected: string | undefined = 'no secret matched';
      for (const secret of secrets) {
        try {
          if (options.checkTimestamp === false) {
            // Tests on a ManualClock: the signature is checked over the timestamp as sent (the library
            // signs the expected value); only the library's five-minute age check is left out.
            const expected = new Webhook(secret).sign(headers['webhook-id'], new Date(Number(headers['webhook-timestamp']) * 1000), body);
            if (!headers['webhook-signature'].split(' ').includes(expected)) throw new WebhookVerificationError('No matching signature found');
            event = JSON.parse(body) as ReceivedWebhook['event'];
          } else {
            event = new Webhook(secret).verify(body, headers) as ReceivedWebhook['event'];
          }
          rejected = undefined;
          break;
        } catch (error) {
          rejected = error instanceof Error ? error.message : String(error);
        }
      }
      const answer = rejected ? 400 : status;
      received.push({ id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'], status: answer, ...(event ? { event } : {}), ...(rejected ? { rejected } : {}) });
      if (rejected) log(`rejected ${headers['webhook-id'] || '(no webhook-id)'}: ${rejected}`);
      else log(`verified ${headers['webhook-id']} ${event?.['detail-type'] ?? ''} → ${answer}\n${JSON.stringify(event, null, 2)}`);
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    port,
    received,
    answerWith: (s) => void (status = s),
    useSecrets: (s) => void (secrets = [...s]),
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
