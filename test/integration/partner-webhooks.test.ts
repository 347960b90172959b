// Partner webhooks end to end (issue 13): npm start's platform, a partner in the table, and a local
// receiver that verifies every request with the standardwebhooks library.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newWebhookSecret } from '@culturebridge/domain/partner';
import type { Platform } from '../../local/platform.js';
import type { WebhookReceiver } from '../../local/webhook-receiver.js';
import { startTestPlatform } from '../support/platform.js';
import { addPartner, matchPair, receiver, stopReceivers } from '../support/webhooks.js';

const run = promisify(execFile);
afterEach(stopReceivers);
const busEvent = (platform: Platform, id: string) => platform.eventBridge.events.find((e) => e.event.id === id)?.event;

describe('webhooks through npm start\'s platform', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startTestPlatform('webhooks');
  });
  afterAll(async () => platform?.stop());

  it('a profile change reaches the partner as a signed MatchProposed, the body exactly the event on the bus', async () => {
    const secret = newWebhookSecret();
    const r = await receiver([secret]);
    const { partner, store } = await addPartner(platform, { webhook: r.url, events: ['MatchProposed'] }, secret);
    await matchPair(platform);

    const verified = r.received.filter((w) => !w.rejected);
    expect(verified.map((w) => w.event?.['detail-type'])).toEqual(['MatchProposed']);
    expect(r.received.every((w) => !w.rejected)).toBe(true);
    const [delivery] = verified;
    expect(delivery?.id).toBe(delivery?.event?.id);
    expect(delivery?.event).toEqual(busEvent(platform, delivery?.id ?? ''));
    expect(delivery?.signature).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(JSON.stringify(delivery?.event)).not.toMatch(/@/);

    const attempts = await store.deliveries(partner.id);
    expect(attempts).toEqual([expect.objectContaining({ eventId: delivery?.id, detailType: 'MatchProposed', attempt: 1, outcome: 'delivered', status: 204 })]);
    expect(attempts[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(Object.keys(attempts[0] ?? {})).not.toContain('body');
  });

  it('a 410 disables the endpoint: one attempt, no retry, and later events are not sent', async () => {
    const secret = newWebhookSecret();
    const r = await receiver([secret], { status: 410 });
    const { partner, store } = await addPartner(platform, { webhook: r.url, events: ['MatchProposed'] }, secret);
    await matchPair(platform);
    expect(r.received).toHaveLength(1);
    expect(await store.get(partner.id)).toMatchObject({ status: 'disabled', disabledReason: 'gone' });
    await matchPair(platform);
    expect(r.received).toHaveLength(1);
    expect(platform.webhooks.deadLetters).toEqual([]);
  });

  it('after a rotation both signatures are sent, so the old and the new secret each verify', async () => {
    const oldSecret = newWebhookSecret();
    const r = await receiver([oldSecret]);
    const { partner, store } = await addPartner(platform, { webhook: r.url, events: ['MatchProposed'] }, oldSecret);
    const newSecret = newWebhookSecret();
    await store.rotateSecret(partner.id, newSecret, new Date());

    await matchPair(platform);
    r.useSecrets([newSecret]);
    await matchPair(platform);
    expect(r.received.map((w) => w.rejected)).toEqual([undefined, undefined]);
    expect(r.received.map((w) => w.signature.split(' ').length)).toEqual([2, 2]);
    r.useSecrets([newWebhookSecret()]);
    await matchPair(platform);
    expect(r.received[2]?.rejected).toMatch(/signature/i);
  });

  it('--networks delivers only events about that network\'s members', async () => {
    const eu = await receiver([]);
    const eunic = await receiver([]);
    const euPartner = await addPartner(platform, { webhook: eu.url, networks: ['eu4culture-x'] });
    eu.useSecrets([euPartner.secret]);
    const eunicPartner = await addPartner(platform, { webhook: eunic.url, networks: ['eunic-cca-x'] });
    eunic.useSecrets([eunicPartner.secret]);

    await matchPair(platform, 'eunic-cca-x');
    const types = (r: WebhookReceiver) => r.received.map((w) => w.event?.['detail-type']).sort();
    expect(types(eunic)).toEqual(['MatchProposed', 'ProfileSubmitted', 'ProfileSubmitted']);
    expect(eu.received).toEqual([]);
    for (const w of eunic.received) expect(JSON.stringify(w.event)).toContain('eunic-cca-x');
  });

  it('redeliver sends a past event again with the same webhook-id, and deliveries lists both attempts', async () => {
    const secret = newWebhookSecret();
    const r = await receiver([secret]);
    const { partner } = await addPartner(platform, { webhook: r.url, events: ['MatchProposed'] }, secret);
    await matchPair(platform);
    const first = r.received[0];
    expect(first?.event?.['detail-type']).toBe('MatchProposed');

    const env = { ...process.env, TABLE_NAME: platform.tableName, DYNAMODB_ENDPOINT: platform.dynamodbEndpoint };
    const out = await run('npx', ['tsx', 'scripts/partner.ts', 'redeliver', partner.id, '--event', first?.id ?? ''], { env });
    expect(out.stdout).toContain('redelivered 1 of 1');
    expect(r.received).toHaveLength(2);
    expect(r.received[1]?.id).toBe(first?.id);
    expect(r.received[1]?.rejected).toBeUndefined();
    expect(r.received[1]?.event).toEqual(first?.event);

    const listed = await run('npx', ['tsx', 'scripts/partner.ts', 'deliveries', partner.id], { env });
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('(redelivery)');
    expect(lines.every((l) => l.includes(first?.id ?? '-') && l.includes('delivered'))).toBe(true);
  });
});
