import type { Server } from 'node:http';
import sesLocal from 'aws-ses-v2-local';
import { portInUse } from './free-port.js';

export interface SesLocal {
  /** The SES v2 endpoint for an SESv2Client (SES_ENDPOINT). */
  endpoint: string;
  /** The web view of the mails received so far; GET `${endpoint}/store` lists them as JSON. */
  viewerUrl: string;
  stop(): Promise<void>;
}

/** A stored mail as aws-ses-v2-local's `GET /store` returns it. */
export interface LocalMail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

/**
 * aws-ses-v2-local is CommonJS compiled from ESM (`exports.default`): Node's ESM loader hands the
 * whole exports object to a default import, TypeScript's types the function itself. Accept both.
 */
const server = (typeof sesLocal === 'function' ? sesLocal : (sesLocal as unknown as { default: typeof sesLocal }).default) as typeof sesLocal;

/** Starts aws-ses-v2-local (SES v2 SendEmail, a mail store and a viewer) on a port, 0 for a free one. */
export async function startSesLocal(port = 0): Promise<SesLocal> {
  if (port !== 0 && (await portInUse(port))) throw new Error(`port ${port} is already in use, so SES local cannot start there; stop what uses it or start with SES_PORT=<another port>`);
  const http: Server = await server({ host: '127.0.0.1', port });
  const address = http.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  const endpoint = `http://127.0.0.1:${actual}`;
  return {
    endpoint,
    viewerUrl: `${endpoint}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

/** The mails SES local holds (all of them: its store is per process). */
export async function localMails(endpoint: string): Promise<LocalMail[]> {
  const response = await fetch(`${endpoint}/store`);
  if (!response.ok) throw new Error(`SES local answered ${response.status}`);
  return ((await response.json()) as { emails: LocalMail[] }).emails;
}
