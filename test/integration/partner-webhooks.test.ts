// Partner webhooks end to end (issue 13): npm start's platform, a partner in the table, and a local
// receiver that verifies every request with the standardwebhooks library.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newWebhookSecret } from '@culturebridge/domain/partner';
import { PartnerStore } from '@culturebridge/store';
import type { Platform } from '../../local/platform.js';
import type { WebhookReceiver } from '../../local/webhook-receiver.js';
import { operatorCommand } from '../support/operator-command.js';
import { ensureNetworks, platformDocumentClient, startTestPlatform } from '../support/platform.js';
import { addPartner, matchPair, receiver, stopReceivers } from '../support/webhooks.js';

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
    // Both members' join requests and their approval are about that network too (#19).
    expect(types(eunic)).toEqual(['MatchProposed', 'MembershipApproved', 'MembershipApproved', 'MembershipRequested', 'MembershipRequested', 'ProfileSubmitted', 'ProfileSubmitted']);
    expect(eu.received).toEqual([]);
    for (const w of eunic.received) expect(JSON.stringify(w.event)).toContain('eunic-cca-x');
  });

  it('redeliver --event sends a partner only an event its filters let through (another network\'s, or a type it left out, is refused)', async () => {
    const eunic = await receiver([]);
    const eunicPartner = await addPartner(platform, { webhook: eunic.url, networks: ['eunic-redeliver'] });
    eunic.useSecrets([eunicPartner.secret]);
    const eu = await receiver([]);
    const euPartner = await addPartner(platform, { webhook: eu.url, networks: ['eu4culture-redeliver'] });
    eu.useSecrets([euPartner.secret]);
    const confirmedOnly = await receiver([]);
    const confirmedPartner = await addPartner(platform, { webhook: confirmedOnly.url, events: ['MatchConfirmed'] });
    confirmedOnly.useSecrets([confirmedPartner.secret]);
    await matchPair(platform, 'eunic-redeliver');
    const proposed = eunic.received.find((w) => w.event?.['detail-type'] === 'MatchProposed');
    expect(proposed).toBeDefined();

    for (const [partner, r] of [[euPartner.partner, eu], [confirmedPartner.partner, confirmedOnly]] as const) {
      const out = await operatorCommand(platform, 'partner', 'redeliver', partner.id, '--event', proposed?.id ?? '');
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(/does not receive this event/);
      expect(r.received).toEqual([]);
    }
    const again = await operatorCommand(platform, 'partner', 'redeliver', eunicPartner.partner.id, '--event', proposed?.id ?? '');
    expect(again.stdout).toContain('redelivered 1 of 1');
  });

  it('redeliver sends a past event again with the same webhook-id, and deliveries lists both attempts', async () => {
    const secret = newWebhookSecret();
    const r = await receiver([secret]);
    const { partner } = await addPartner(platform, { webhook: r.url, events: ['MatchProposed'] }, secret);
    await matchPair(platform);
    const first = r.received[0];
    expect(first?.event?.['detail-type']).toBe('MatchProposed');

    const out = await operatorCommand(platform, 'partner', 'redeliver', partner.id, '--event', first?.id ?? '');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('redelivered 1 of 1');
    expect(r.received).toHaveLength(2);
    expect(r.received[1]?.id).toBe(first?.id);
    expect(r.received[1]?.rejected).toBeUndefined();
    expect(r.received[1]?.event).toEqual(first?.event);

    const listed = await operatorCommand(platform, 'partner', 'deliveries', partner.id);
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('(redelivery)');
    expect(lines.every((l) => l.includes(first?.id ?? '-') && l.includes('delivered'))).toBe(true);
  });

  const partnerCli = (...args: string[]) => operatorCommand(platform, 'partner', ...args);
  const store = () => new PartnerStore(platformDocumentClient(platform), platform.tableName);

  it('npm run partner -- add names every bad field and stores nothing', async () => {
    const before = (await store().list()).length;
    const out = await partnerCli('add', '--name', '', '--contact', 'nope', '--aws-account', '123', '--webhook', 'ftp://x', '--events', 'MatchProposed,Nonsense');
    expect(out.code).toBe(1);
    for (const field of ['name:', 'contact:', 'awsAccount:', 'webhook:', 'events:']) expect(out.stderr).toContain(field);
    expect(out.stderr).toContain('Nonsense');
    expect(await store().list()).toHaveLength(before);
  });

  it('npm run partner -- add names each bad field once, and a URL too long as too long', async () => {
    const before = (await store().list()).length;
    const out = await partnerCli('add', '--name', ' ', '--contact', `${'c'.repeat(260)}@x.example`, '--aws-account', '123', '--webhook', `https://hooks.example.org/${'a'.repeat(3000)}`, '--events', 'MatchProposed,Nonsense');
    expect(out.code).toBe(1);
    const lines = out.stderr.trim().split('\n');
    expect(lines.map((l) => /^([\w.[\]]+):/.exec(l)?.[1])).toEqual(['name', 'contact', 'awsAccount', 'webhook', 'events']);
    // The field is named at the start of its line, never again right after it ("webhook: webhook: …").
    for (const line of lines) expect(line).not.toMatch(/^([\w.[\]]+)[: ]+\1\b/);
    expect(out.stderr).toContain('webhook: too long (at most 2048 characters)');
    expect(out.stderr).toContain('contact: too long (at most 254 characters)');
    expect(await store().list()).toHaveLength(before);
  });

  it('npm run partner -- add refuses a partner that could receive nothing, and filters without a webhook, naming the fields', async () => {
    const before = (await store().list()).length;
    const none = await partnerCli('add', '--name', ' ', '--contact', 'n@x.example', '--events', 'MatchProposed');
    expect(none.code).toBe(1);
    expect(none.stderr.trim().split('\n').map((l) => l.split(':')[0])).toEqual(['name', 'webhook', 'awsAccount', 'events']);
    const awsOnly = await partnerCli('add', '--name', 'Account', '--contact', 'a@x.example', '--aws-account', '111111111111', '--networks', 'eu4culture');
    expect(awsOnly.code).toBe(1);
    expect(awsOnly.stderr).toMatch(/^networks: filters only webhook deliveries/m);
    expect(await store().list()).toHaveLength(before);
  });

  it('npm run partner -- add refuses a network that is not on CultureBridge (a typo would silently deliver nothing) and stores nothing', async () => {
    await ensureNetworks(platform, ['eu4culture']);
    const before = (await store().list()).length;
    const out = await partnerCli('add', '--name', 'EUNIC site', '--contact', 'web@eunic.example', '--webhook', 'https://eunic.example/hooks', '--networks', 'eu4culture,eunic-cca');
    expect(out.code).toBe(1);
    // Only the unknown one is named as unknown; the known ones are listed to choose from.
    expect(out.stderr).toMatch(/^networks: unknown network\(s\) eunic-cca; known: .*eu4culture/m);
    expect(out.stdout).not.toContain('whsec_');
    expect(await store().list()).toHaveLength(before);
  });

  let cliPartner = '';
  let firstSecret = '';
  it('npm run partner -- add prints the secret once; list shows the partner without it; disable and enable', async () => {
    await ensureNetworks(platform, ['eu4culture']);
    const added = await partnerCli('add', '--name', 'City CRM', '--contact', 'IT@City.example', '--aws-account', '111111111111', '--webhook', 'https://crm.city.example/hooks', '--events', 'MatchProposed,MatchConfirmed', '--networks', 'eu4culture');
    expect(added.code).toBe(0);
    cliPartner = /added partner (\S+)/.exec(added.stdout)?.[1] as string;
    firstSecret = /(whsec_[A-Za-z0-9+/=]+)/.exec(added.stdout)?.[1] as string;
    expect(firstSecret).toMatch(/^whsec_/);
    const listed = await partnerCli('list');
    expect(listed.stdout).toContain(`${cliPartner}  enabled   "City CRM"  <it@city.example>  aws:111111111111  webhook:https://crm.city.example/hooks  events:MatchProposed,MatchConfirmed  networks:eu4culture`);
    expect(listed.stdout).not.toContain('whsec_');
    expect((await partnerCli('disable', cliPartner)).stdout).toContain(`disabled partner ${cliPartner}`);
    expect(await store().get(cliPartner)).toMatchObject({ status: 'disabled', disabledReason: 'operator' });
    expect((await partnerCli('enable', cliPartner)).stdout).toContain(`enabled partner ${cliPartner}`);
    expect((await store().get(cliPartner))?.status).toBe('enabled');
  });

  it('npm run partner -- deliveries --failed lists only failed attempts; redeliver --from --to sends that window\'s events again', async () => {
    const secret = newWebhookSecret();
    const r = await receiver([secret], { status: 500 });
    const { partner } = await addPartner(platform, { webhook: r.url, events: ['MatchProposed'] }, secret);
    const from = new Date().toISOString();
    await matchPair(platform);
    const failedId = r.received[0]?.id as string;
    expect(r.received[0]?.status).toBe(500);

    const failed = (await partnerCli('deliveries', partner.id, '--failed')).stdout.trim().split('\n');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const line of failed) expect(line).toMatch(new RegExp(`${failedId}.*MatchProposed.*failed  500`));

    r.answerWith(204);
    const to = new Date().toISOString();
    const out = await partnerCli('redeliver', partner.id, '--from', from, '--to', to);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('redelivered 1 of 1');
    expect(r.received.at(-1)).toMatchObject({ id: failedId, status: 204 });
    expect(r.received.at(-1)?.rejected).toBeUndefined();
    const all = (await partnerCli('deliveries', partner.id)).stdout;
    expect(all).toMatch(new RegExp(`${failedId}.*\\(redelivery\\)  delivered  204`));
    // Still only the failed attempts under --failed.
    expect((await partnerCli('deliveries', partner.id, '--failed')).stdout).not.toContain('delivered');
    // A window before the event holds nothing to send.
    const empty = await partnerCli('redeliver', partner.id, '--from', '2020-01-01T00:00:00Z', '--to', '2020-01-02T00:00:00Z');
    expect(empty.stdout).toContain('redelivered 0 of 0');
  });

  it('redeliver refuses a reversed window or a time that is not ISO 8601, and reads a huge window only over the kept days', async () => {
    const secret = newWebhookSecret();
    const r = await receiver([secret]);
    const { partner } = await addPartner(platform, { webhook: r.url, events: ['MatchProposed'] }, secret);
    const reversed = await partnerCli('redeliver', partner.id, '--from', '2026-11-30T00:00:00Z', '--to', '2026-11-29T00:00:00Z');
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toMatch(/--from: .*after --to/);
    const loose = await partnerCli('redeliver', partner.id, '--from', 'Dec 1 2026', '--to', '1');
    expect(loose.code).toBe(2);
    expect(loose.stderr).toMatch(/--from: expected an ISO 8601 time[\s\S]*--to: expected an ISO 8601 time/);
    // Before: a query per day from 1970 to 9999 (2.9 million), the command never ended.
    const huge = await partnerCli('redeliver', partner.id, '--from', '1970-01-01T00:00:00Z', '--to', '9999-01-01T00:00:00Z');
    expect(huge.code).toBe(0);
    expect(huge.stderr).toMatch(/kept 30 days/);
    // The other tests' MatchProposed events of today are in the window, each sent once.
    expect(huge.stdout).toMatch(/redelivered (\d+) of \1 event/);
  });

  it('npm run partner -- rotate-secret prints a new secret, remove deletes the partner', async () => {
    const rotated = await partnerCli('rotate-secret', cliPartner);
    const fresh = /(whsec_[A-Za-z0-9+/=]+)/.exec(rotated.stdout)?.[1];
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(firstSecret);
    expect((await store().get(cliPartner))?.webhook?.secrets.map((s) => s.secret)).toEqual([fresh, firstSecret]);
    expect((await partnerCli('remove', cliPartner)).stdout).toContain(`removed partner ${cliPartner}`);
    expect(await store().get(cliPartner)).toBeUndefined();
    expect((await partnerCli('disable', cliPartner)).code).toBe(1);
  });
});

describe('npm run partner -- add against AWS (TABLE_NAME, no DynamoDB Local endpoint)', () => {
  // No AWS here: the DynamoDB endpoint is a closed local port, so a URL that slipped through would
  // fail on the write instead of reaching anything; a refused one is refused before any request.
  const { DYNAMODB_ENDPOINT: _local, ...inherited } = process.env;
  const env = {
    ...inherited,
    TABLE_NAME: 'culturebridge-Table',
    AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  };
  const addAws = async (webhook: string) => {
    try {
      const out = await promisify(execFile)('npx', ['tsx', 'scripts/partner.ts', 'add', '--name', 'Grant system', '--contact', 'ops@funder.example', '--webhook', webhook], { env });
      return { code: 0, ...out };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it.each([
    ['http://hooks.example.org/cb', 'http is not allowed, only https'],
    ['https://169.254.169.254/latest/meta-data/', 'refused address 169.254.169.254'],
    ['https://10.0.0.8/hooks', 'refused address 10.0.0.8'],
    ['https://localhost:4000/', 'refused address localhost'],
  ])('refuses %s up front, as delivery would (%s), and prints no secret', async (url, reason) => {
    const out = await addAws(url);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`webhook: ${reason}`);
    expect(out.stderr).not.toMatch(/ECONNREFUSED|partner command failed/);
    expect(out.stdout).not.toContain('whsec_');
  });
});
