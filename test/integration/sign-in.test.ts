import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Logger } from '@aws-lambda-powertools/logger';
import { RATE_LIMITS } from '@culturebridge/auth';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { createProfilesApi } from '../../functions/profiles-api/app.js';
import { CLIENT_ADDRESS_HEADER, ORIGIN_VERIFY_HEADER } from '@culturebridge/api/api-routes';
import type { Platform } from '../../local/platform.js';
import { localMails } from '../../local/ses-local.js';
import { pollUntil } from '../../local/poll.js';
import { localSession } from '../../local/sessions.js';
import { call } from '../support/api-event.js';
import { approveMemberships, ensureNetworks, sharedMemberApi, startTestPlatform, submitProfile } from '../support/platform.js';
import { bearer, profilesApiOptions, recordingMailer } from '../support/profiles-api.js';
import { addNetworks, freshTable } from '../support/table.js';

const BASE_URL = 'https://app.culturebridge.example';
const TOKEN_IN_LINK = /#\/sign-in\?token=([A-Za-z0-9_-]{43})/;


/**
 * One instant for a whole test, a minute into the next 15-minute rate-limit window (so never before
 * a session minted now): the limits count in fixed windows, and a test whose requests straddled a
 * window's end saw its counter start again (60 requests from one client, then 202 instead of 429).
 */
function frozenInWindow(): () => string {
  const windowMs = RATE_LIMITS.perClient.windowSeconds * 1000;
  const at = new Date(Math.ceil(Date.now() / windowMs) * windowMs + 60_000).toISOString();
  return () => at;
}

/**
 * Resolves once at least `marginMs` of the current fixed window of `limit` remain, polling the
 * clock (at most `marginMs` plus a second): the platform's API reads the real clock, and a flood
 * whose requests straddled a window's end saw its counter start again (202 where 429 was due).
 */
async function roomInWindow(limit: keyof typeof RATE_LIMITS, marginMs = 30_000): Promise<void> {
  const windowMs = RATE_LIMITS[limit].windowSeconds * 1000;
  await pollUntil(`${marginMs} ms left in the ${limit} window`, async () => (windowMs - (Date.now() % windowMs) >= marginMs ? true : undefined), { timeoutMs: marginMs + 1_000, intervalMs: 250 });
}

describe('sign-in by magic link, on the local platform with SES local', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startTestPlatform('sign-in', { appBaseUrl: BASE_URL });
  });
  afterAll(async () => platform?.stop());

  async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${platform.apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  }
  const get = async (path: string, session?: string) => {
    const response = await fetch(`${platform.apiUrl}${path}`, { headers: session ? { authorization: `Bearer ${session}` } : {} });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  /** The token of the newest mail to `address`, read from SES local as a member would read their inbox. */
  async function tokenMailedTo(address: string): Promise<string> {
    const mails = (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(address));
    const token = TOKEN_IN_LINK.exec(mails.at(-1)?.body.text ?? '')?.[1];
    if (!token) throw new Error(`no sign-in link was mailed to ${address}`);
    return token;
  }

  it('answers a known and an unknown address identically', async () => {
    const known = validProfileInput({ contact: { name: 'Nino', email: `nino-${randomUUID().slice(0, 6)}@kutaisi.example` } });
    await submitProfile(platform, known);
    const unknown = `nobody-${randomUUID().slice(0, 6)}@nowhere.example`;

    const forKnown = await post('/auth/magic-link', { email: known.contact.email });
    const forUnknown = await post('/auth/magic-link', { email: unknown });
    expect(forKnown.status).toBe(202);
    expect(forUnknown.status).toBe(forKnown.status);
    expect(forUnknown.body).toEqual(forKnown.body);
    const comparable = (h: Headers) => [...h.entries()].filter(([name]) => !['date', 'content-length'].includes(name));
    expect(comparable(forUnknown.headers)).toEqual(comparable(forKnown.headers));
  });

  it('mails a single-use link whose session names the profiles of the address', async () => {
    const email = `anna-${randomUUID().slice(0, 6)}@gyumri.example`;
    const id = await submitProfile(platform, validProfileInput({ name: 'Gyumri', country: 'AM', contact: { name: 'Anna', email } }));
    expect((await post('/auth/magic-link', { email })).status).toBe(202);
    const token = await tokenMailedTo(email);

    const verified = await post('/auth/verify', { token });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ profiles: [id], networks: [], confirmed: [] });
    const session = String(verified.body.session);
    expect((await get('/me', session)).body).toEqual({ profiles: [{ id, name: 'Gyumri', status: 'active' }], networks: [] });
    expect((await get(`/profiles/${id}`, session)).body.contact).toEqual({ name: 'Anna', email });

    const reused = await post('/auth/verify', { token });
    expect(reused.status).toBe(401);
    expect(reused.body.type).toBe('/problems/invalid-token');
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await post('/auth/verify', { token: tampered })).status).toBe(401);
  });

  it('writes the sign-in mail in the language of the asking page, and a confirmation in the profile\'s', async () => {
    const email = `olena-${randomUUID().slice(0, 6)}@vinnytsia.example`;
    expect((await post('/auth/magic-link', { email, locale: 'uk' })).status).toBe(202);
    const signIn = (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(email)).at(-1);
    expect(signIn?.subject).toBe('CultureBridge: ваше посилання для входу');
    expect(signIn?.body.text).toContain('Посилання діє один раз протягом 15 хвилин.');
    expect((await post('/auth/magic-link', { email, locale: 'xx' })).status).toBe(400);

    const aysel = `aysel-${randomUUID().slice(0, 6)}@shaki.example`;
    // Since profiles may name only networks on the platform, the one the profile names must exist.
    await ensureNetworks(platform, validProfileInput().networks);
    expect((await post('/profiles', validProfileInput({ name: 'Shaki', country: 'AZ', contact: { name: 'Aysel', email: aysel }, locale: 'az' }))).status).toBe(201);
    const confirmation = (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(aysel)).at(-1);
    expect(confirmation?.subject).toBe('CultureBridge: Shaki profilini təsdiqləyin');
    expect(confirmation?.body.text).toContain('Link 15 dəqiqə ərzində bir dəfə işləyir.');
  });

  it('keeps a profile submitted without a session pending and unmatched until its address confirms it', async () => {
    const net = `net-${randomUUID().slice(0, 8)}`;
    const partner = validProfileInput({ name: 'Gyumri', country: 'AM', networks: [net], openToOutsideNetwork: false, contact: { name: 'Anna', email: `anna@${net}.example` }, offers: ['curatorial-support'], needs: ['venue'], themes: [{ id: 'climate-environment', priority: 'high' }], languages: ['hy', 'en'] });
    await submitProfile(platform, partner);
    const email = `nino@${net}.example`;
    const created = await post('/profiles', validProfileInput({ name: 'Kutaisi', networks: [net], openToOutsideNetwork: false, contact: { name: 'Nino', email }, offers: ['venue'], needs: ['curatorial-support'], themes: [{ id: 'climate-environment', priority: 'high' }] }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', version: 1 });
    expect(created.body.session).toBeUndefined();
    const id = String(created.body.id);
    await approveMemberships(platform, id, [net]);
    await platform.settle();
    const proposedFor = () => platform.eventBridge.events.filter((e) => e.event['detail-type'] === 'MatchProposed' && JSON.stringify(e.event.detail).includes(id));
    expect(proposedFor()).toEqual([]);

    const mail = (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(email)).at(-1);
    expect(mail?.subject).toBe('CultureBridge: confirm the profile Kutaisi');
    const verified = await post('/auth/verify', { token: await tokenMailedTo(email) });
    expect(verified.body).toMatchObject({ profiles: [id], confirmed: [id] });
    await platform.settle();
    expect(proposedFor()).toHaveLength(1);
    // Version 2 was the coordinator's approval, 3 the confirmation.
    expect((await get(`/profiles/${id}`, String(verified.body.session))).body).toMatchObject({ status: 'active', version: 3 });
  });

  it('keeps a profile active, with its matches and its old address\'s session, while a new contact address waits; the new address\'s link moves it', async () => {
    const net = `net-${randomUUID().slice(0, 8)}`;
    const shape = { networks: [net], openToOutsideNetwork: false, themes: [{ id: 'climate-environment' as const, priority: 'high' as const }] };
    await submitProfile(platform, validProfileInput({ ...shape, name: 'Gyumri', country: 'AM', contact: { name: 'Anna', email: `anna@${net}.example` }, offers: ['curatorial-support'], needs: ['venue'], languages: ['hy', 'en'] }));
    const mine = validProfileInput({ ...shape, name: 'Kutaisi', contact: { name: 'Nino', email: `nino@${net}.example` }, offers: ['venue'], needs: ['curatorial-support'] });
    const id = await submitProfile(platform, mine);
    await platform.settle();
    const eventsOf = (type: string) => platform.eventBridge.events.filter((e) => e.event['detail-type'] === type && JSON.stringify(e.event.detail).includes(id));
    expect(eventsOf('MatchProposed')).toHaveLength(1);

    const moved = `someone-else@${net}.example`;
    // Version 2 is the approval of its membership.
    const updated = await sharedMemberApi(platform).call('PUT', `/profiles/${id}`, { ...mine, contact: { name: 'Nino', email: moved }, version: 2 });
    expect(updated.body).toMatchObject({ status: 'active', version: 3 });
    await platform.settle();
    // Until the new address answers, the profile stays with the old one, matched as before.
    const oldSession = await localSession(platform.sessionKeyFile, `nino@${net}.example`);
    expect((await get(`/profiles/${id}`, oldSession)).body).toMatchObject({ status: 'active', contact: { email: `nino@${net}.example` }, pendingContact: { email: moved } });
    expect((await get(`/profiles/${id}/matches`, oldSession)).body.matches).toHaveLength(1);
    expect(eventsOf('MatchWithdrawn')).toHaveLength(0);
    // Nothing of the waiting address reaches an event.
    expect(JSON.stringify(platform.eventBridge.events)).not.toContain(moved);

    const verified = await post('/auth/verify', { token: await tokenMailedTo(moved) });
    expect(verified.body).toMatchObject({ profiles: [id], confirmed: [id] });
    await platform.settle();
    expect((await get(`/profiles/${id}`, oldSession)).status).toBe(404);
    const newSession = String(verified.body.session);
    expect((await get(`/profiles/${id}`, newSession)).body).toMatchObject({ status: 'active', contact: { email: moved } });
    expect((await get(`/profiles/${id}/matches`, newSession)).body.matches).toHaveLength(1);
    expect(eventsOf('MatchWithdrawn')).toHaveLength(0);
    expect(JSON.stringify(platform.eventBridge.events)).not.toContain(moved);
  });

  it('limits links per address with 429 and Retry-After', async () => {
    const email = `flood-${randomUUID().slice(0, 6)}@example.org`;
    await roomInWindow('perAddress');
    for (let i = 0; i < RATE_LIMITS.perAddress.limit; i++) expect((await post('/auth/magic-link', { email })).status).toBe(202);
    const limited = await post('/auth/magic-link', { email });
    expect(limited.status).toBe(429);
    expect(limited.body.type).toBe('/problems/rate-limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(RATE_LIMITS.perAddress.windowSeconds);
    // Only the allowed number of mails went out.
    expect((await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(email))).toHaveLength(RATE_LIMITS.perAddress.limit);
  });

  it('counts plus-tagged and differently cased addresses against one mailbox\'s limit, and mails each as given', async () => {
    const mailbox = `flood-${randomUUID().slice(0, 8)}`;
    const asked = Array.from({ length: RATE_LIMITS.perAddress.limit }, (_, i) => (i % 2 ? `${mailbox}+${i}@Example.ORG` : `${mailbox.toUpperCase()}+${i}@example.org`));
    await roomInWindow('perAddress');
    for (const email of asked) expect((await post('/auth/magic-link', { email })).status).toBe(202);
    expect((await post('/auth/magic-link', { email: `${mailbox}+one-more@example.org` })).status).toBe(429);
    expect((await post('/auth/magic-link', { email: `${mailbox}@example.org` })).status).toBe(429);
    const mails = (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.some((to) => to.toLowerCase().startsWith(mailbox)));
    // As given, tag included (the API stores and mails addresses lower-cased, as everywhere).
    expect(mails.map((m) => m.destination.to[0]).sort()).toEqual(asked.map((a) => a.toLowerCase()).sort());
  });

  it('plays API Gateway with the authorizer: 403 without a session (it may come as a header or a cookie, so the authorizer decides), 403 with a bad one', async () => {
    const missing = await get('/me');
    expect(missing).toEqual({ status: 403, body: { message: 'Forbidden' } });
    const forged = await get('/me', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
    expect(forged).toEqual({ status: 403, body: { message: 'Forbidden' } });
    // A public route takes anonymous callers, but refuses a bad session all the same.
    expect((await post('/auth/magic-link', { email: 'someone@example.org' }, { authorization: 'Bearer nonsense' })).status).toBe(403);
  });
});

describe('what a link confirms', () => {
  const victim = 'v@victim.example';
  const setup = async () => {
    const table = await freshTable('sign-in-confirm');
    await addNetworks(table, ['eu4culture']);
    const mailer = recordingMailer();
    const api = createProfilesApi(profilesApiOptions(table.doc, table.tableName, { mailer, now: frozenInWindow() }));
    const tokenTo = (address: string) => TOKEN_IN_LINK.exec(mailer.sent.filter((m) => m.to === address).at(-1)?.mail.text ?? '')?.[1] ?? '';
    return { api, tokenTo };
  };

  it('never confirms a profile someone else submitted with your address when you merely sign in', async () => {
    const { api, tokenTo } = await setup();
    const planted = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput({ contact: { name: 'Not me', email: victim } }) });
    const id = String(planted.body.id);
    expect((await call(api, { method: 'POST', path: '/auth/magic-link', body: { email: victim } })).status).toBe(202);
    const signedIn = await call(api, { method: 'POST', path: '/auth/verify', body: { token: tokenTo(victim) } });
    expect(signedIn.body).toMatchObject({ profiles: [id], confirmed: [] });
    const session = { authorization: `Bearer ${String(signedIn.body.session)}` };
    expect((await call(api, { method: 'GET', path: `/profiles/${id}`, headers: session })).body.status).toBe('pending');
    // Seeing it in My profile, the address owner may confirm it, or withdraw it.
    const confirmed = await call(api, { method: 'POST', path: `/profiles/${id}/confirm`, headers: session });
    expect(confirmed.body).toMatchObject({ id, status: 'active', version: 2 });
  });

  it('refuses a confirmation link for a profile whose contact has moved to another address since', async () => {
    const { api, tokenTo } = await setup();
    const created = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput({ contact: { name: 'X', email: 'x@first.example' } }) });
    const id = String(created.body.id);
    const link = tokenTo('x@first.example');
    // Signed in as the first address, its owner moves the contact elsewhere before opening the link.
    const owner = await bearer('x@first.example');
    expect((await call(api, { method: 'PUT', path: `/profiles/${id}`, body: { ...validProfileInput({ contact: { name: 'V', email: victim } }), version: 1 }, headers: owner })).status).toBe(200);
    const verified = await call(api, { method: 'POST', path: '/auth/verify', body: { token: link } });
    expect(verified.body.confirmed).toEqual([]);
    expect(verified.body.profiles).not.toContain(id);
    expect((await call(api, { method: 'GET', path: `/profiles/${id}`, headers: await bearer(victim) })).body.status).toBe('pending');
  });

  it('limits confirmation links sent by moving profiles to an address, and the refused move stores nothing', async () => {
    const { api } = await setup();
    const own = 'spammer@example.org';
    const owner = await bearer(own);
    const ids: string[] = [];
    for (let i = 0; i <= RATE_LIMITS.perAddress.limit; i++) {
      const created = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput({ name: `P${i}`, contact: { name: 'S', email: own } }), headers: owner });
      ids.push(String(created.body.id));
    }
    const move = (id: string) => call(api, { method: 'PUT', path: `/profiles/${id}`, body: { ...validProfileInput({ contact: { name: 'V', email: victim } }), version: 1 }, headers: owner });
    for (const id of ids.slice(0, -1)) expect((await move(id)).status).toBe(200);
    const refused = await move(ids.at(-1) ?? '');
    expect(refused.status).toBe(429);
    expect((await call(api, { method: 'GET', path: `/profiles/${ids.at(-1)}`, headers: owner })).body).toMatchObject({ version: 1, contact: { email: own } });
    expect((await call(api, { method: 'GET', path: `/profiles/${ids.at(-1)}`, headers: owner })).body).not.toHaveProperty('pendingContact');
  });
});

describe('sign-in tokens against the clock, and what reaches the logs', () => {
  it('limits requests per client address, read from the viewer address CloudFront passes when there is one', async () => {
    const table = await freshTable('sign-in-clients');
    const originSecret = 'generated-origin-secret';
    const api = createProfilesApi(profilesApiOptions(table.doc, table.tableName, { originSecret, now: frozenInWindow() }));
    const ask = (i: number, viewer: string, secret = originSecret) =>
      call(api, { method: 'POST', path: '/auth/magic-link', body: { email: `member-${i}@example.org` }, headers: { [CLIENT_ADDRESS_HEADER]: viewer, [ORIGIN_VERIFY_HEADER]: secret } });
    for (let i = 0; i < RATE_LIMITS.perClient.limit; i++) expect((await ask(i, '203.0.113.7')).status).toBe(202);
    const limited = await ask(99, '203.0.113.7');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Someone else behind the same CloudFront edge is not affected.
    expect((await ask(100, '198.51.100.20')).status).toBe(202);
    // A direct caller who names a new viewer address each time, without CloudFront's secret, is
    // counted by its own connection address: the limit holds.
    for (let i = 0; i < RATE_LIMITS.perClient.limit; i++) expect((await ask(200 + i, `192.0.2.${i}`, 'guessed')).status).toBe(202);
    expect((await ask(300, '192.0.2.250', 'guessed')).status).toBe(429);
  });

  it('refuses a link after 15 minutes, and never logs a token, a link, a session or an address', async () => {
    const table = await freshTable('sign-in-clock');
    let now = new Date('2026-11-24T10:00:00.000Z');
    const mailer = recordingMailer();
    const logs: string[] = [];
    const logger = new Logger({ serviceName: 'test', logLevel: 'DEBUG' });
    // Powertools writes through its own console; capture everything it would print.
    (logger as unknown as { console: Record<string, (s: string) => void> }).console = Object.fromEntries(['debug', 'info', 'warn', 'error', 'log', 'trace'].map((level) => [level, (s: string) => logs.push(s)]));
    const api = createProfilesApi(profilesApiOptions(table.doc, table.tableName, { mailer, logger, now: () => now.toISOString() }));
    const email = 'nino@kutaisi.example';

    const ask = async () => {
      expect((await call(api, { method: 'POST', path: '/auth/magic-link', body: { email } })).status).toBe(202);
      return TOKEN_IN_LINK.exec(mailer.sent.at(-1)?.mail.text ?? '')?.[1] ?? '';
    };
    const late = await ask();
    now = new Date(now.getTime() + 15 * 60 * 1000 + 1000);
    const refused = await call(api, { method: 'POST', path: '/auth/verify', body: { token: late } });
    expect(refused.status).toBe(401);

    const fresh = await ask();
    now = new Date(now.getTime() + 14 * 60 * 1000);
    const verified = await call(api, { method: 'POST', path: '/auth/verify', body: { token: fresh } });
    expect(verified.status).toBe(200);
    // A failure inside a request is logged with its error: make one happen with a token in the body.
    await call(api, { method: 'POST', path: '/auth/verify', rawBody: `{"token": "${fresh}"` });

    expect(logs.length).toBeGreaterThan(0);
    const logged = logs.join('\n');
    for (const secret of [late, fresh, String(verified.body.session), email, '#/sign-in']) expect(logged).not.toContain(secret);
    // The stored token is only its hash.
    const stored = JSON.stringify(await table.scanAll());
    expect(stored).not.toContain(fresh);
    expect(stored).not.toContain(late);
  });
});
