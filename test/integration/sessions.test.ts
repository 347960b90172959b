import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_SESSION } from '@culturebridge/auth';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { createProfilesApi } from '../../functions/profiles-api/app.js';
import { call, type ApiResult } from '../support/api-event.js';
import { profilesApiOptions, recordingMailer, type RecordingMailer } from '../support/profiles-api.js';
import { addNetworks, freshTable, type TestTable } from '../support/table.js';

const APP = 'https://app.culturebridge.example';
const TOKEN_IN_LINK = /#\/sign-in\?token=([A-Za-z0-9_-]{43})/;
const FROM_APP = { origin: APP };

let table: TestTable;
let mailer: RecordingMailer;
let api: ReturnType<typeof createProfilesApi>;
let now = new Date('2026-11-30T09:00:00.000Z');
const later = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));

beforeAll(async () => {
  table = await freshTable('sessions');
  await addNetworks(table, ['eu4culture']);
  mailer = recordingMailer();
  api = createProfilesApi(profilesApiOptions(table.doc, table.tableName, { mailer, appBaseUrl: APP, now: () => now.toISOString() }));
});

async function linkFor(email: string): Promise<string> {
  expect((await call(api, { method: 'POST', path: '/auth/magic-link', body: { email } })).status).toBe(202);
  return TOKEN_IN_LINK.exec(mailer.sent.filter((m) => m.to === email).at(-1)?.mail.text ?? '')?.[1] ?? '';
}

/** The cookie a browser would send back from a Set-Cookie answer. */
function cookieOf(result: ApiResult): string {
  const set = result.cookies.find((c) => c.startsWith(`${BROWSER_SESSION.cookieName}=`));
  expect(set, 'a session cookie').toBeDefined();
  return (set as string).split(';')[0] as string;
}

async function signInInBrowser(email: string) {
  const verified = await call(api, { method: 'POST', path: '/auth/verify', body: { token: await linkFor(email) }, headers: FROM_APP });
  expect(verified.status).toBe(200);
  return { verified, cookie: cookieOf(verified) };
}

describe('one session per browser: an HttpOnly cookie backed by a server-side session', () => {
  it('a same-origin verify sets a __Host- HttpOnly, Secure, SameSite=Lax, persistent cookie and gives the page no token', async () => {
    const { verified, cookie } = await signInInBrowser('ana@orhei.example');
    expect(verified.body.session).toBeUndefined();
    const set = verified.cookies[0] ?? '';
    expect(set).toMatch(new RegExp(`^${BROWSER_SESSION.cookieName}=[A-Za-z0-9_-]{43}; Max-Age=${BROWSER_SESSION.idleSeconds}; Path=/; HttpOnly; Secure; SameSite=Lax$`));
    expect(verified.body.expiresAt).toBe(new Date(now.getTime() + BROWSER_SESSION.idleSeconds * 1000).toISOString());
    const me = await call(api, { method: 'GET', path: '/me', headers: { cookie } });
    expect(me.status).toBe(200);
    // The table keeps only the secret's hash.
    expect(JSON.stringify(await table.scanAll())).not.toContain(cookie.split('=')[1]);
  });

  it('an API client (no Origin, no Fetch Metadata) gets a bearer token that belongs to a server-side session', async () => {
    const verified = await call(api, { method: 'POST', path: '/auth/verify', body: { token: await linkFor('api@orhei.example') } });
    expect(verified.cookies).toEqual([]);
    const bearer = { authorization: `Bearer ${String(verified.body.session)}` };
    expect((await call(api, { method: 'GET', path: '/me', headers: bearer })).status).toBe(200);
    // Signing out ends it on the server: the token still verifies as a JWT, but its session is gone.
    expect((await call(api, { method: 'POST', path: '/auth/sign-out', headers: bearer })).status).toBe(204);
    expect((await call(api, { method: 'GET', path: '/me', headers: bearer })).status).toBe(401);
  });

  it('signing out ends the session on the server and clears the cookie; the old cookie signs in nobody', async () => {
    const { cookie } = await signInInBrowser('ion@soroca.example');
    const out = await call(api, { method: 'POST', path: '/auth/sign-out', headers: { cookie, ...FROM_APP } });
    expect(out.status).toBe(204);
    expect(out.cookies).toEqual([`${BROWSER_SESSION.cookieName}=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax`]);
    const after = await call(api, { method: 'GET', path: '/me', headers: { cookie } });
    expect(after.status).toBe(401);
    expect(after.cookies[0]).toMatch(/Max-Age=0/);
    // On a public route the dead cookie is no credential: the caller is anonymous, and it is cleared.
    const anonymous = await call(api, { method: 'POST', path: '/auth/magic-link', body: { email: 'x@soroca.example' }, headers: { cookie } });
    expect(anonymous.status).toBe(202);
    expect(anonymous.cookies[0]).toMatch(/Max-Age=0/);
  });

  it('a new sign-in in the same browser replaces its session: the old one ends on the server', async () => {
    const { cookie: old } = await signInInBrowser('first@orhei.example');
    const again = await call(api, { method: 'POST', path: '/auth/verify', body: { token: await linkFor('second@orhei.example') }, headers: { cookie: old, ...FROM_APP } });
    expect(again.status).toBe(200);
    expect((await call(api, { method: 'GET', path: '/me', headers: { cookie: old } })).status).toBe(401);
    expect((await call(api, { method: 'GET', path: '/me', headers: { cookie: cookieOf(again) } })).status).toBe(200);
  });

  it('refuses cookie-authenticated writes that do not come from the app (CSRF), and takes those that do', async () => {
    const email = 'nino@balti.example';
    const created = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput({ contact: { name: 'Nino', email } }) });
    const id = String(created.body.id);
    const { cookie } = await signInInBrowser(email);
    const confirm = (headers: Record<string, string>) => call(api, { method: 'POST', path: `/profiles/${id}/confirm`, headers: { cookie, ...headers } });
    const foreignRequests: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, {}];
    for (const foreign of foreignRequests) {
      const refused = await confirm(foreign);
      expect(refused.status, JSON.stringify(foreign)).toBe(403);
      expect(refused.body.title).toBe('Refused: not sent from CultureBridge');
    }
    expect((await call(api, { method: 'GET', path: `/profiles/${id}`, headers: { cookie } })).body.status).toBe('pending');
    expect((await confirm({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await confirm(FROM_APP)).status).toBe(200);
    // Reads are not writes: no Origin needed.
    expect((await call(api, { method: 'GET', path: `/profiles/${id}`, headers: { cookie } })).body.status).toBe('active');
  });

  it('refuses a cross-site verify before spending the token (no login CSRF)', async () => {
    const token = await linkFor('v@orhei.example');
    const refused = await call(api, { method: 'POST', path: '/auth/verify', body: { token }, headers: { origin: 'https://evil.example' } });
    expect(refused.status).toBe(403);
    expect(refused.cookies).toEqual([]);
    expect((await call(api, { method: 'POST', path: '/auth/verify', body: { token }, headers: FROM_APP })).status).toBe(200);
  });

  it('renews the cookie while in use, ends after a week unused, and after 30 days whatever happens', async () => {
    const { cookie } = await signInInBrowser('coordinator@orhei.example');
    // Within the first hour nothing is rewritten.
    later(30 * 60);
    expect((await call(api, { method: 'GET', path: '/me', headers: { cookie } })).cookies).toEqual([]);
    // Used again after six days: renewed for another week from now.
    later(6 * 24 * 3600);
    const renewed = await call(api, { method: 'GET', path: '/me', headers: { cookie } });
    expect(renewed.status).toBe(200);
    expect(renewed.cookies[0]).toMatch(new RegExp(`Max-Age=${BROWSER_SESSION.idleSeconds};`));
    // Used every six days, it lives until its 30th day and not a second longer.
    for (let day = 6; day + 6 < 30; day += 6) {
      later(6 * 24 * 3600);
      expect((await call(api, { method: 'GET', path: '/me', headers: { cookie } })).status, `day ${day + 6}`).toBe(200);
    }
    later(6 * 24 * 3600);
    expect((await call(api, { method: 'GET', path: '/me', headers: { cookie } })).status).toBe(401);

    const { cookie: idle } = await signInInBrowser('idle@orhei.example');
    later(BROWSER_SESSION.idleSeconds + 1);
    expect((await call(api, { method: 'GET', path: '/me', headers: { cookie: idle } })).status).toBe(401);
  });
});

describe('links describe themselves and act only on a click', () => {
  it('describes a sign-in link with a masked address, as often as asked, without spending it', async () => {
    const token = await linkFor('culture@orhei.example');
    for (let i = 0; i < 3; i++) {
      const described = await call(api, { method: 'POST', path: '/auth/link', body: { token } });
      expect(described.status).toBe(200);
      expect(described.body).toEqual({ purpose: 'sign-in', address: 'c…@orhei.example', expiresAt: expect.any(String) });
      expect(JSON.stringify(described.body)).not.toContain('culture@');
    }
    expect((await call(api, { method: 'POST', path: '/auth/verify', body: { token }, headers: FROM_APP })).status).toBe(200);
    expect((await call(api, { method: 'POST', path: '/auth/link', body: { token } })).status).toBe(401);
  });

  it('describes a confirmation link with the profile and its networks, and confirms nothing until verified', async () => {
    const email = 'culture@soroca.example';
    const created = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput({ name: 'Soroca', networks: ['eu4culture'], contact: { name: 'Ion', email } }) });
    const token = TOKEN_IN_LINK.exec(mailer.sent.filter((m) => m.to === email).at(-1)?.mail.text ?? '')?.[1] ?? '';
    const described = await call(api, { method: 'POST', path: '/auth/link', body: { token } });
    expect(described.body).toMatchObject({ purpose: 'confirm-profile', address: 'c…@soroca.example', profile: { id: created.body.id, name: 'Soroca', networks: ['eu4culture'], status: 'pending' } });
    const stored = (await table.scanAll()).find((i) => i.PK === `PROFILE#${String(created.body.id)}` && i.SK === 'PROFILE');
    expect(stored?.status).toBe('pending');
    const verified = await call(api, { method: 'POST', path: '/auth/verify', body: { token }, headers: FROM_APP });
    expect(verified.body.confirmed).toEqual([created.body.id]);
  });
});
