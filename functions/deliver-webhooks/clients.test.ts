import { describe, expect, it, vi } from 'vitest';

const posted = vi.hoisted(() => [] as { timeoutMs: number; strict: boolean }[]);
vi.mock('./send.js', () => ({
  postWebhook: async (_url: string, _body: string, _headers: Record<string, string>, options: { timeoutMs: number; strict: boolean }) => {
    posted.push(options);
    return { status: 204, durationMs: 1 };
  },
}));

const { storeDeps } = await import('./clients.js');

describe('deliver-webhooks in AWS', () => {
  it('gives every request 10 s (issue 13) and refuses private targets unless told otherwise', async () => {
    const config = { TABLE_NAME: 't', SENDER_EMAIL: 'no-reply@culturebridge.example', CONFIGURATION_SET: 'c', OPERATOR_EMAIL: 'ops@culturebridge.example' };
    await storeDeps(config as never).post('https://crm.city.example/hooks', '{}', {});
    await storeDeps({ ...config, WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } as never).post('http://127.0.0.1:9/hooks', '{}', {});
    expect(posted).toEqual([
      { strict: true, timeoutMs: 10_000 },
      { strict: false, timeoutMs: 10_000 },
    ]);
  });
});
