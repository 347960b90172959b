import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import type { Partner } from '@culturebridge/domain/partner';
import type { DeliveryAttempt, StoredEvent } from '@culturebridge/store';
import { createDeliverWebhooksHandler, MAX_SQS_DELAY_SECONDS, webhookHeaders, type DeliverWebhooksDeps } from './app.js';
import type { SendOutcome } from './send.js';

const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
const context = {} as Context;
const sqs = (...bodies: unknown[]): SQSEvent => ({ Records: bodies.map((b, i) => ({ messageId: String(i), body: JSON.stringify(b) })) } as unknown as SQSEvent);

const event = (detailType = 'MatchProposed', data: unknown = { matchId: 'a|b', profileIds: ['a', 'b'], sharedNetworks: [] }) => ({
  version: '0', id: 'e-1', 'detail-type': detailType, source: 'culturebridge.matches', account: '1', time: '2026-11-30T10:00:00Z', region: 'eu-central-1', resources: [], detail: { metadata: {}, data },
});

function partner(id: string, overrides: Partial<Partner> = {}): Partner {
  return { id, name: id, contact: `${id}@p.example`, webhook: { url: `https://${id}.example/h`, secrets: [{ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', createdAt: '2026-11-01T00:00:00Z' }] }, status: 'enabled', createdAt: '', updatedAt: '', ...overrides };
}

function harness(partners: Partner[], answer: (url: string) => SendOutcome['result'], now = new Date('2026-11-30T10:00:00Z')) {
  const sent: { body: string; delaySeconds: number }[] = [];
  const dead: string[] = [];
  const records: DeliveryAttempt[] = [];
  const kept: StoredEvent[] = [];
  const mails: string[] = [];
  const mailed: { to: string; text: string }[] = [];
  let networkLookups = 0;
  const byId = new Map(partners.map((p) => [p.id, p]));
  const deps: DeliverWebhooksDeps = {
    partners: {
      list: async () => partners,
      get: async (id) => byId.get(id),
      disable: async (id, reason) => { const p = byId.get(id); if (!p || p.status === 'disabled') return undefined; Object.assign(p, { status: 'disabled', disabledReason: reason }); return p; },
      markFailing: async (id) => { const p = byId.get(id) as Partner; p.failingSince ??= now.toISOString(); return p.failingSince; },
      clearFailing: async (id) => { delete (byId.get(id) as Partner).failingSince; },
      markDisabledNoticeSent: async (id) => byId.get(id),
      recordAttempt: async (r) => void records.push(r),
      putEvent: async (e) => void kept.push(e),
    },
    networksOf: async () => { networkLookups++; return ['eu4culture']; },
    queue: { send: async (m) => void sent.push(...m), deadLetter: async (b) => void dead.push(b) },
    post: async (url) => ({ result: answer(url), durationMs: 3 }),
    mailer: { send: async (to, mail) => { mails.push(to); mailed.push({ to, text: mail.text }); return 'id'; } },
    operatorEmail: 'operator@culturebridge.example',
    now: () => now,
    logger,
  };
  return { handler: createDeliverWebhooksHandler(deps), sent, dead, records, kept, mails, mailed, lookups: () => networkLookups, setNow: (d: Date) => void (now = d) };
}

describe('fan-out', () => {
  it('turns one event into one attempt message per subscribed partner: 1 000 partners, one rule, one lookup', async () => {
    const partners = Array.from({ length: 1000 }, (_, i) => partner(`p${i}`, i % 2 ? { networks: ['eu4culture'] } : i % 3 ? { events: ['MatchConfirmed'] } : {}));
    const h = harness(partners, () => ({ ok: true, status: 204 }));
    const out = await h.handler(sqs(event()), context);
    expect(out.batchItemFailures).toEqual([]);
    const expected = partners.filter((p, i) => i % 2 === 1 || i % 3 === 0);
    expect(h.sent.map((m) => JSON.parse(m.body).partnerId).sort()).toEqual(expected.map((p) => p.id).sort());
    expect(h.sent.every((m) => m.delaySeconds === 0 && JSON.parse(m.body).attempt === 1)).toBe(true);
    expect(h.lookups()).toBe(1);
    expect(h.kept.map((e) => e.id)).toEqual(['e-1']);
  });

  it('keeps nothing and sends nothing when no partner wants the event', async () => {
    const h = harness([partner('p', { events: ['ProfileSubmitted'] }), partner('q', { status: 'disabled' })], () => ({ ok: true, status: 204 }));
    await h.handler(sqs(event()), context);
    expect(h.sent).toEqual([]);
    expect(h.kept).toEqual([]);
  });
});

describe('attempts', () => {
  const attempt = (n: number, dueAt = '2026-11-30T10:00:00.000Z', partnerId = 'p') => ({ kind: 'webhook-attempt', partnerId, attempt: n, dueAt, event: event() });

  it('puts a not-yet-due attempt back in hops of at most 15 minutes without sending', async () => {
    const h = harness([partner('p')], () => ({ ok: true, status: 204 }));
    await h.handler(sqs(attempt(6, '2026-11-30T20:00:00.000Z')), context);
    expect(h.records).toEqual([]);
    expect(h.sent.map((m) => [JSON.parse(m.body), m.delaySeconds])).toEqual([[attempt(6, '2026-11-30T20:00:00.000Z'), MAX_SQS_DELAY_SECONDS]]);
  });

  it('dead-letters after the tenth failed attempt when the run of failures is younger than three days', async () => {
    const h = harness([partner('p', { failingSince: '2026-11-29T10:00:00.000Z' })], () => ({ ok: false, status: 503, error: 'HTTP 503' }));
    await h.handler(sqs(attempt(10)), context);
    expect(h.dead).toHaveLength(1);
    expect(h.sent).toEqual([]);
    expect(h.records.map((r) => [r.attempt, r.outcome, r.status])).toEqual([[10, 'failed', 503]]);
  });

  it('schedules the next attempt on a failure and clears the run of failures on success', async () => {
    const p = partner('p');
    let ok = false;
    const h = harness([p], () => (ok ? { ok: true, status: 200 } : { ok: false, error: 'timeout after 10000 ms' }));
    await h.handler(sqs(attempt(3)), context);
    expect(JSON.parse(h.sent[0]?.body ?? '{}')).toMatchObject({ attempt: 4, dueAt: '2026-11-30T10:30:00.000Z' });
    expect(p.failingSince).toBe('2026-11-30T10:00:00.000Z');
    ok = true;
    await h.handler(sqs(attempt(4)), context);
    expect(p.failingSince).toBeUndefined();
  });

  it('when three days of failures disable an endpoint, the contact is told what to fix and the operator gets the commands', async () => {
    const h = harness([partner('p', { failingSince: '2026-11-27T09:00:00.000Z' })], () => ({ ok: false, status: 503, error: 'HTTP 503' }));
    await h.handler(sqs(attempt(4)), context);
    const toPartner = h.mailed.find((m) => m.to === 'p@p.example')?.text ?? '';
    const toOperator = h.mailed.find((m) => m.to === 'operator@culturebridge.example')?.text ?? '';
    expect(h.mailed).toHaveLength(2);
    expect(toPartner).not.toContain('npm run partner');
    expect(toPartner).toMatch(/2xx/);
    expect(toPartner).toMatch(/CultureBridge operator\b.*enable/i);
    expect(toOperator).toContain('npm run partner -- enable p');
    expect(toOperator).toContain('npm run partner -- redeliver p --from 2026-11-27T09:00:00.000Z');
  });

  it('drops attempts for a disabled or removed partner, sending nothing', async () => {
    const h = harness([partner('p', { status: 'disabled', disabledReason: 'operator' })], () => ({ ok: true, status: 204 }));
    const out = await h.handler(sqs(attempt(1), attempt(1, undefined, 'gone')), context);
    expect(out.batchItemFailures).toEqual([]);
    expect(h.records).toEqual([]);
  });

  it('fails (for SQS to retry) an unreadable message instead of dropping it', async () => {
    const h = harness([], () => ({ ok: true, status: 204 }));
    const out = await h.handler(sqs({ kind: 'webhook-attempt' }, attempt(1, undefined, 'removed')), context);
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: '0' }]);
  });
});

describe('signing', () => {
  it('signs with each live secret; the standardwebhooks library verifies with either', () => {
    const a = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const b = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;
    const now = new Date();
    const body = JSON.stringify(event());
    const headers = webhookHeaders([a, b], 'e-1', now, body);
    expect(headers['webhook-id']).toBe('e-1');
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(new Webhook(a).verify(body, headers)).toEqual(event());
    expect(new Webhook(b).verify(body, headers)).toEqual(event());
    expect(() => new Webhook(a).verify(body.replace('e-1', 'e-2'), headers)).toThrow();
  });
});
