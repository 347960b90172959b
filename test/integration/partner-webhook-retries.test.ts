// Webhook retries on the Standard Webhooks schedule, walked with a ManualClock (its own file: the
// handlers read the platform's environment once per process, so one platform per test file).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newWebhookSecret, RETRY_DELAYS_MS } from '@culturebridge/domain/partner';
import type { Platform } from '../../local/platform.js';
import { ManualClock } from '../../local/webhook-queue.js';
import { startTestPlatform } from '../support/platform.js';
import { addPartner, matchPair, receiver, stopReceivers } from '../support/webhooks.js';

afterEach(stopReceivers);

describe('retries on the Standard Webhooks schedule, under a fake clock', () => {
  let platform: Platform;
  const clock = new ManualClock(new Date('2026-12-01T08:00:00Z'));
  beforeAll(async () => {
    platform = await startTestPlatform('webhook-retries', { webhookClock: clock });
  });
  afterAll(async () => platform?.stop());

  it('a receiver answering 500 gets 10 attempts 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h apart; three days of failures disable it and mail the contact and the operator', async () => {
    const secret = newWebhookSecret();
    const r = await receiver([secret], { status: 500, checkTimestamp: false });
    const { partner, store } = await addPartner(platform, { webhook: r.url, events: ['MatchProposed'], contact: 'hooks@city-crm.example' }, secret);
    await matchPair(platform);
    expect(r.received).toHaveLength(1);

    for (let next = platform.webhooks.nextDueAt(); next; next = platform.webhooks.nextDueAt()) {
      await platform.webhooks.advance(next.getTime() - clock.now().getTime());
    }
    const times = r.received.map((w) => Number(w.timestamp) * 1000);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(gaps).toEqual([...RETRY_DELAYS_MS]);
    expect(new Set(r.received.map((w) => w.id)).size).toBe(1);
    expect(r.received.every((w) => !w.rejected)).toBe(true);

    // The tenth attempt came 75 h 35 min after the first failure: past three days, so disabled, not dead-lettered.
    expect(await store.get(partner.id)).toMatchObject({ status: 'disabled', disabledReason: 'failing', disabledNoticeSentAt: expect.any(String) });
    const attempts = await store.deliveries(partner.id, { failed: true });
    expect(attempts.map((a) => [a.attempt, a.status, a.error])).toEqual(RETRY_DELAYS_MS.concat(0).map((_, i) => [i + 1, 500, 'HTTP 500']));

    const mails = (await (await fetch(`${platform.ses.endpoint}/store`)).json()) as { emails: { destination: { to: string[] }; subject: string }[] };
    const notices = mails.emails.filter((m) => m.subject.includes('webhooks to Grant system are disabled'));
    expect(notices.map((m) => m.destination.to[0]).sort()).toEqual(['hooks@city-crm.example', 'operator@culturebridge.example']);
  });
});
