import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from './send.js';

let port = 0;
const server = createServer((req, res) => {
  if (req.url === '/redirect') return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
  if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end(), 2_000);
  res.writeHead(Number(req.url?.slice(1)) || 204).end('ignored body');
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const local = { strict: false, timeoutMs: 1_000 };
const strict = { strict: true, timeoutMs: 1_000 };

describe('postWebhook', () => {
  it('locally reaches a receiver on localhost and keeps only the status', async () => {
    expect((await postWebhook(`http://localhost:${port}/204`, '{}', {}, local)).result).toEqual({ ok: true, status: 204 });
    expect((await postWebhook(`http://127.0.0.1:${port}/500`, '{}', {}, local)).result).toEqual({ ok: false, status: 500, error: 'HTTP 500' });
  });

  it('does not follow redirects', async () => {
    const { result } = await postWebhook(`http://127.0.0.1:${port}/redirect`, '{}', {}, local);
    expect(result).toEqual({ ok: false, status: 302, error: 'HTTP 302 (redirects are not followed)' });
  });

  it('times out', async () => {
    const { result, durationMs } = await postWebhook(`http://127.0.0.1:${port}/slow`, '{}', {}, { strict: false, timeoutMs: 200 });
    expect(result).toEqual({ ok: false, error: 'timeout after 200 ms' });
    expect(durationMs).toBeLessThan(2_000);
  });

  it('in AWS (strict) refuses plain http, and loopback, private and link-local addresses, literal or resolved', async () => {
    expect((await postWebhook(`http://example.org/`, '{}', {}, strict)).result).toMatchObject({ ok: false, error: 'http is not allowed, only https' });
    for (const url of ['https://127.0.0.1/', 'https://10.0.0.8/', 'https://169.254.169.254/latest/meta-data/', 'https://[::1]/', 'https://[fd00::1]/', `https://localhost:${port}/`]) {
      const { result } = await postWebhook(url, '{}', {}, strict);
      expect(result, url).toMatchObject({ ok: false, error: expect.stringMatching(/^refused address /) });
    }
  });
});
