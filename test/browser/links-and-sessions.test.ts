import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BROWSER_SESSION } from '@culturebridge/auth';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { EU4CULTURE } from '../../local/demo/networks.js';
import type { Platform } from '../../local/platform.js';
import { localMails } from '../../local/ses-local.js';
import { pollUntil } from '../../local/poll.js';
import { localSession } from '../../local/sessions.js';
import { launchChromium } from './support/chromium.js';
import { nextSignInLink, signInLinks } from './support/mail.js';
import { startSeededPlatform } from './support/seeded-platform.js';
import { approveMemberships } from '../support/platform.js';

/**
 * Mail links in a real browser: a mail scanner that opens every link in a fresh headless Chromium
 * spends nothing, and a member signed in once is signed in in every tab that a mail link opens.
 */

const WAIT = { timeout: 20_000 };
const COORDINATOR = 'coordinator@eu4culture.example';
const SOROCA = { name: 'Soroca', email: 'culture@soroca.example' };

let platform: Platform;
let browser: Browser;

beforeAll(async () => {
  ({ platform, browser } = await startSeededPlatform('links'));
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const post = (path: string, body: unknown) =>
  fetch(`${platform.apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const tokenOf = (link: string) => new URL(link.replace('#/', '')).searchParams.get('token') ?? '';
const proposedFor = (id: string) => platform.eventBridge.events.filter((e) => e.event['detail-type'] === 'MatchProposed' && JSON.stringify(e.event.detail).includes(id));

describe('links act only on a click', () => {
  it('a fresh headless Chromium that opens a sign-in link and a confirmation link spends neither; a real click confirms', async () => {
    // A profile submitted without a session: pending, with a confirmation link in the mail.
    const before = (await signInLinks(platform, SOROCA.email)).length;
    const created = await post('/profiles', validProfileInput({
      name: SOROCA.name, country: 'MD', region: 'Soroca', networks: [EU4CULTURE], openToOutsideNetwork: false,
      contact: { name: 'Ion', email: SOROCA.email }, themes: [{ id: 'visual-arts', priority: 'high' }, { id: 'climate-environment', priority: 'high' }],
      offers: ['artists'], needs: ['venue'], languages: ['ro', 'en'],
    }));
    expect(created.status).toBe(201);
    const id = String(((await created.json()) as { id: string }).id);
    // The coordinator approves its join request, so only the confirmation stands between it and matching.
    await approveMemberships(platform, id, [EU4CULTURE]);
    const confirmLink = await nextSignInLink(platform, SOROCA.email, before);
    const seen = (await signInLinks(platform, COORDINATOR)).length;
    expect((await post('/auth/magic-link', { email: COORDINATOR })).status).toBe(202);
    const signInLink = await nextSignInLink(platform, COORDINATOR, seen);

    // The scanner: its own browser, opens each link, lets the page load and run, and closes.
    const scanner = await launchChromium();
    try {
      const page = await (await scanner.newContext()).newPage();
      await page.goto(signInLink, { waitUntil: 'networkidle' });
      // The page did run: it shows what the link would do, with the address masked.
      await page.getByRole('heading', { level: 1, name: 'Sign in as c…@eu4culture.example' }).waitFor(WAIT);
      await page.goto(confirmLink, { waitUntil: 'networkidle' });
      await page.getByRole('heading', { level: 1, name: 'Confirm the profile Soroca for the EU4Culture network' }).waitFor(WAIT);
      await page.waitForLoadState('networkidle');
      expect(await page.content()).not.toContain(SOROCA.email);
    } finally {
      await scanner.close();
    }
    await platform.settle();

    // Both tokens still work; the profile is still pending; nothing was proposed for it.
    for (const link of [signInLink, confirmLink]) expect((await post('/auth/link', { token: tokenOf(link) })).status).toBe(200);
    const owner = await localSession(platform.sessionKeyFile, SOROCA.email, { profiles: [id] });
    const read = async () => (await (await fetch(`${platform.apiUrl}/profiles/${id}`, { headers: { authorization: `Bearer ${owner}` } })).json()) as { status: string };
    expect((await read()).status).toBe('pending');
    expect(proposedFor(id)).toEqual([]);

    // A person opens the confirmation link and presses the button.
    const person = await browser.newContext();
    const page = await person.newPage();
    await page.goto(confirmLink);
    await page.getByRole('button', { name: 'Confirm the profile Soroca' }).click();
    await page.getByText('Your profile is confirmed.').waitFor(WAIT);
    expect(page.url()).not.toContain('token=');
    expect((await read()).status).toBe('active');
    await platform.settle();
    await pollUntil('a MatchProposed event for Soroca', async () => (proposedFor(id).length > 0 ? true : undefined), { timeoutMs: 15_000, intervalMs: 100 });
    // The sign-in link, never clicked, still signs in.
    expect((await post('/auth/link', { token: tokenOf(signInLink) })).status).toBe(200);
    await person.close();
  });
});

describe('one session per browser', () => {
  it('signed in once, three mail links opened in new tabs are each signed in, and sign-out ends it for every tab', async () => {
    const context = await browser.newContext();
    const first = await context.newPage();
    const seen = (await signInLinks(platform, COORDINATOR)).length;
    await first.goto(`${platform.apiUrl}/#/sign-in`);
    await first.getByLabel('Your e-mail address').fill(COORDINATOR);
    await first.getByRole('button', { name: 'Send me a sign-in link' }).click();
    const link = await nextSignInLink(platform, COORDINATOR, seen);
    // The same link opened in a second tab too (as mail clients do), and used in the first.
    const twin = await context.newPage();
    await twin.goto(link);
    await first.goto(link);
    await first.getByRole('button', { name: 'Sign in', exact: true }).click();
    await first.getByRole('heading', { level: 1, name: /^Dashboard: EU4Culture/ }).waitFor(WAIT);
    // Its click in the second tab finds the browser signed in already and goes on, not "no longer works".
    await twin.getByRole('button', { name: 'Sign in', exact: true }).click();
    await twin.getByRole('heading', { level: 1, name: /^Dashboard: EU4Culture/ }).waitFor(WAIT);
    // The used link opened once more (clicked again in the mail, or the page reloaded before it
    // left): this browser is signed in, so it goes on too, not "This sign-in link does not work any more".
    await twin.goto(link);
    await twin.getByRole('heading', { level: 1, name: /^Dashboard: EU4Culture/ }).waitFor(WAIT);
    expect(await twin.getByText(/does not work any more/).count()).toBe(0);
    await twin.close();
    // In a browser that is not signed in, the used link says so and offers a new one.
    const stranger = await browser.newContext();
    const elsewhere = await stranger.newPage();
    await elsewhere.goto(link);
    await elsewhere.getByText(/does not work any more/).waitFor(WAIT);
    await elsewhere.getByLabel('Your e-mail address').waitFor(WAIT);
    // A link used in that other browser, opened in this signed-in one: it did nothing here, so it
    // says so rather than going on as whoever is signed in.
    const seenThere = (await signInLinks(platform, COORDINATOR)).length;
    await elsewhere.getByLabel('Your e-mail address').fill(COORDINATOR);
    await elsewhere.getByRole('button', { name: 'Send me a sign-in link' }).click();
    const theirs = await nextSignInLink(platform, COORDINATOR, seenThere);
    await elsewhere.goto(theirs);
    await elsewhere.getByRole('button', { name: 'Sign in', exact: true }).click();
    await elsewhere.getByRole('heading', { level: 1, name: /^Dashboard: EU4Culture/ }).waitFor(WAIT);
    await stranger.close();
    const here = await context.newPage();
    await here.goto(theirs);
    await here.getByText(/does not work any more/).waitFor(WAIT);
    await here.close();

    // Chromium took the Secure, HttpOnly cookie on http://localhost, and the page cannot read it.
    const [cookie] = (await context.cookies()).filter((c) => c.name === BROWSER_SESSION.cookieName);
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + BROWSER_SESSION.idleSeconds - 120);
    expect(await first.evaluate('document.cookie')).not.toContain(BROWSER_SESSION.cookieName);

    // Links from the coordinator's mail: the demo coordinator reads a daily digest (#20), sent now as
    // `npm start`'s printed command does; it links each match and the preferences page.
    await platform.runDigests(new Date(), { sendPendingNow: true });
    const mails = await localMails(platform.ses.endpoint);
    const links = [...new Set(mails.filter((m) => m.destination.to.includes(COORDINATOR)).flatMap((m) => (m.body.text ?? '').match(/https?:\/\/\S+#\/(?:matches|preferences)\/\S+/g) ?? []))];
    const matchLinks = links.filter((l) => l.includes('#/matches/')).slice(0, 2);
    const preferences = links.find((l) => l.includes('#/preferences/coordinators/'));
    expect(matchLinks).toHaveLength(2);
    expect(preferences).toBeDefined();

    let openTab: Awaited<ReturnType<typeof context.newPage>> | undefined;
    for (const link of [...matchLinks, preferences as string]) {
      const tab = await context.newPage();
      openTab = tab;
      await tab.goto(link);
      await tab.getByRole('button', { name: 'Sign out' }).waitFor(WAIT);
      expect(await tab.getByRole('button', { name: 'Send me a sign-in link' }).count(), link).toBe(0);
      if (link === preferences) await tab.getByRole('heading', { level: 1, name: 'Your e-mail settings' }).waitFor(WAIT);
    }
    // A reload keeps it too.
    await first.reload();
    await first.getByRole('heading', { level: 1, name: /^Dashboard: EU4Culture/ }).waitFor(WAIT);

    // Signing out in one tab ends the session on the server: the cookie a copy kept signs in nobody.
    const secret = cookie?.value ?? '';
    await first.getByRole('button', { name: 'Sign out' }).click();
    // It says so, where one signs in again (it landed on the interest form without a word).
    await first.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor(WAIT);
    await first.getByText('You are signed out on this browser.', { exact: false }).waitFor(WAIT);
    const replayed = await fetch(`${platform.apiUrl}/me`, { headers: { cookie: `${BROWSER_SESSION.cookieName}=${secret}` } });
    expect(replayed.status).toBe(403);
    const other = await context.newPage();
    await other.goto(`${platform.apiUrl}/#/dashboard`);
    await other.getByRole('button', { name: 'Send me a sign-in link' }).waitFor(WAIT);
    // A tab still open from before says why it must sign in again, at once: the tab that signed out
    // tells the others (they drop typed work too), so it needs no request of its own to find out.
    await openTab?.getByText(/Your session has ended: you signed out \(perhaps in another tab\)/).waitFor(WAIT);

    // Someone else signs in on this browser afterwards: the first person's old link, opened again,
    // says it did nothing rather than going on into the other person's account.
    const EUNIC = 'coordinator@eunic-cca.example';
    const seenEunic = (await signInLinks(platform, EUNIC)).length;
    await other.getByLabel('Your e-mail address').fill(EUNIC);
    await other.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await other.goto(await nextSignInLink(platform, EUNIC, seenEunic));
    await other.getByRole('button', { name: 'Sign in', exact: true }).click();
    await other.getByRole('heading', { level: 1, name: /^Dashboard: EUNIC/ }).waitFor(WAIT);
    await other.goto(link);
    await other.getByText(/does not work any more/).waitFor(WAIT);
    await context.close();
  });
});

describe('the sign-in page after a refused request', () => {
  it('a request refused for too many links shows only that, not the "Check your e-mail" of the request before', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const address = 'limits@links-page.example';
      await page.goto(`${platform.apiUrl}/#/sign-in`);
      await page.getByLabel('Your e-mail address').fill(address);
      await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
      await page.getByText('Check your e-mail').waitFor(WAIT);
      // The address's other links of the quarter hour, asked for elsewhere (5 per 15 minutes).
      for (let i = 0; i < 4; i++) expect((await post('/auth/magic-link', { email: address })).status).toBe(202);
      await page.getByRole('button', { name: 'Send another link' }).click();
      await page.getByText('Too many sign-in links were asked for').waitFor(WAIT);
      expect(await page.getByText('Check your e-mail').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
