import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ProfileInput, pairKey } from '@culturebridge/domain';
import { ActivityStore, CoordinatorStore, MatchStore, NetworkStore, ProfileStore, sortedPair } from '@culturebridge/store';
import { DEMO_MEMBERS, EU4CULTURE } from '../../local/demo/networks.js';
import { seedCoordinators, seedDemo, seedNetworks } from '../../local/demo/seed.js';
import { freePort } from '../../local/free-port.js';
import type { Platform } from '../../local/platform.js';
import { localSession } from '../../local/sessions.js';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { platformDocumentClient, startTestPlatform } from '../support/platform.js';
import { catalogString, webCatalog } from './support/catalog.js';
import { SCREENSHOTS, launchChromium, screenshot, seriousAccessibilityViolations } from './support/chromium.js';
import { nextSignInLink, signInLinks } from './support/mail.js';
import { askingPagesOf } from './support/page-limit.js';

/**
 * The coordinator's everyday questions on the dashboard, in Debian's chromium against the whole local
 * platform seeded with the demo networks: who has no confirmed partner yet, what one member's
 * situation is, and what happened this week; on a desktop and on a 390 px phone.
 */
const COORDINATOR = 'coordinator@eu4culture.example';
const uk = webCatalog('uk');
const WAIT = { timeout: 20_000 };

type Member = { id: string; name: string; status: string; country: string; themes: { id: string }[] };
type NetworkMatch = { matchId: string; profileIds: [string, string]; names: [string, string]; state: string; score: number };

let platform: Platform;
let browser: Browser;
const contexts: BrowserContext[] = [];
let members: Member[] = [];
let confirmed: NetworkMatch;
let coordinatorSession = '';

async function api<T>(method: string, path: string, session: string): Promise<T> {
  const response = await fetch(`${platform.apiUrl}${path}`, { method, headers: { authorization: `Bearer ${session}` } });
  expect(response.status, `${method} ${path}`).toBe(200);
  return (await response.json()) as T;
}

/** Every item of a network's paged list (members, matches), following the API's cursor: it answers a page at a time. */
async function everyPage<T>(net: string, list: 'members' | 'matches', session: string): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<Record<typeof list, T[]> & { cursor?: string }>('GET', `/networks/${net}/${list}${cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`}`, session);
    all.push(...page[list]);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return all;
}

const everyMember = (net: string, session: string) => everyPage<Member>(net, 'members', session);

const emailOf = (name: string) => DEMO_MEMBERS.find((m) => m.profile.name === name)?.profile.contact.email as string;

beforeAll(async () => {
  const apiPort = await freePort();
  [platform, browser] = await Promise.all([startTestPlatform('dashboard', { apiPort }), launchChromium()]);
  const doc = platformDocumentClient(platform);
  // Since #19 a profile may name only networks that exist as records: seed them as npm start does.
  await seedNetworks(new NetworkStore(doc, platform.tableName), () => undefined);
  await seedCoordinators(new CoordinatorStore(doc, platform.tableName), () => undefined);
  doc.destroy();
  await seedDemo(platform.apiUrl, platform.sessionKeyFile, () => undefined);
  await platform.settle();

  // Two members accept each other: the network's one confirmed partnership.
  coordinatorSession = await localSession(platform.sessionKeyFile, COORDINATOR, { networks: [EU4CULTURE] });
  const { matches } = await api<{ matches: NetworkMatch[] }>('GET', `/networks/${EU4CULTURE}/matches`, coordinatorSession);
  confirmed = matches.find((m) => m.state === 'proposed') as NetworkMatch;
  for (const [i, id] of confirmed.profileIds.entries()) {
    const session = await localSession(platform.sessionKeyFile, emailOf(confirmed.names[i] as string), { profiles: [id] });
    await api('POST', `/matches/${id}/${confirmed.profileIds[1 - i]}/accept`, session);
  }
  await platform.settle();
  members = await everyMember(EU4CULTURE, coordinatorSession);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await platform?.stop();
});

/**
 * A page signed in as the EU4Culture coordinator. The browser's session is an HttpOnly cookie the
 * API sets on sign-in (issue 12), so the page signs in by the mailed link as a coordinator does
 * (the sign-in itself has its own browser test).
 */
async function coordinatorPage(viewport: { width: number; height: number }, mobile: boolean): Promise<Page> {
  // Signed in by mail once; later pages carry that browser's cookies. Each test signing in anew
  // ran into the sign-in limit (5 links per address in 15 minutes) by the sixth page.
  const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile, ...(signedIn ? { storageState: signedIn } : {}) });
  contexts.push(context);
  const page = await context.newPage();
  if (signedIn) {
    await page.goto(`${platform.apiUrl}/#/dashboard`);
    await page.getByRole('heading', { level: 1, name: /^Dashboard: / }).waitFor(WAIT);
    return page;
  }
  await page.goto(`${platform.apiUrl}/#/sign-in`);
  await page.getByLabel('Your e-mail address').waitFor(WAIT);
  const seen = (await signInLinks(platform, COORDINATOR)).length;
  await page.getByLabel('Your e-mail address').fill(COORDINATOR);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.getByText('Check your e-mail').waitFor(WAIT);
  await page.goto(await nextSignInLink(platform, COORDINATOR, seen));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Dashboard: / }).waitFor(WAIT);
  signedIn = await context.storageState();
  return page;
}
let signedIn: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;

/** Kept in test-results/browser by every run (copies from a clean run are checked in under docs/screenshots). */
async function keepScreenshot(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
}

async function noWiderThan(page: Page, width: number): Promise<void> {
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
}

const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 }, mobile: false, suffix: '' },
  { name: '390 px phone', viewport: { width: 390, height: 844 }, mobile: true, suffix: '-phone' },
] as const;

describe.each(VIEWPORTS)('the dashboard answers a coordinator on a $name', ({ viewport, mobile, suffix }) => {
  it('filters the members with no confirmed partner, opens a member page, and reads this week\'s activity', async () => {
    const page = await coordinatorPage(viewport, mobile);
    await page.goto(`${platform.apiUrl}/#/dashboard/${EU4CULTURE}`);
    await page.getByRole('heading', { level: 1, name: /^Dashboard: EU4Culture/ }).waitFor(WAIT);

    // "Who has no confirmed partner yet?"
    await page.getByRole('radio', { name: 'No confirmed partner' }).check();
    const expected = members.filter((m) => m.status === 'active' && !confirmed.profileIds.includes(m.id)).map((m) => m.name).sort();
    await page.getByText(`${expected.length} of ${members.length} members`).waitFor(WAIT);
    const rows = page.locator('table.members-table tbody tr');
    expect((await Promise.all((await rows.all()).map((row) => row.getAttribute('data-member')))).sort()).toEqual(expected);
    for (const name of confirmed.names) expect(await page.locator(`table.members-table tr[data-member="${name}"]`).count()).toBe(0);

    // The heat-map counts the members choosing each theme.
    const theme = members[0]?.themes[0]?.id as string;
    const choosing = members.filter((m) => m.themes.some((t) => t.id === theme)).length;
    expect(await page.locator(`svg.heat-map text.heat-map__column[data-theme="${theme}"]`).textContent()).toMatch(new RegExp(`\\(${choosing}\\)$`));

    // "What happened this week?" The confirmation is in this week's feed, from the events.
    const thisWeek = page.getByRole('region', { name: /^This week/ });
    const confirmation = thisWeek.locator('li[data-type="MatchConfirmed"]');
    await confirmation.first().waitFor(WAIT);
    await expect(confirmation.first().innerText()).resolves.toContain(`${confirmed.names[0]} and ${confirmed.names[1]} confirmed their partnership`);
    expect(await thisWeek.locator('li[data-type="ProfileSubmitted"]').count()).toBe(members.length);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await noWiderThan(page, viewport.width);
    await keepScreenshot(page, `dashboard-no-confirmed-partner${suffix}.png`);
    // Longer words, same width: the graph's filters ("Подтверждённые обеими сторонами") stay on the screen.
    await page.getByLabel('Language', { exact: true }).selectOption('ru');
    await page.getByRole('heading', { level: 1, name: /^Панель: EU4Culture/ }).waitFor(WAIT);
    await noWiderThan(page, viewport.width);
    await page.getByLabel('Язык', { exact: true }).selectOption('en');
    await page.getByRole('heading', { level: 1, name: /^Dashboard: EU4Culture/ }).waitFor(WAIT);

    // A member page: profile, contact, matches with their states.
    const name = expected[0] as string;
    await page.locator(`table.members-table tr[data-member="${name}"]`).getByRole('link', { name }).click();
    await page.getByRole('heading', { level: 1, name, exact: true }).waitFor(WAIT);
    const contact = page.getByRole('region', { name: 'Contact' });
    await expect(contact.innerText()).resolves.toContain(emailOf(name));
    const member = members.find((m) => m.name === name) as Member;
    const theirs = (await api<{ matches: { partner: { name: string }; state: string; score: number }[] }>('GET', `/profiles/${member.id}/matches`, coordinatorSession)).matches;
    const matchRows = page.locator('table.member-matches tbody tr');
    expect(await matchRows.count()).toBe(theirs.length);
    for (const m of theirs) await expect(page.locator(`table.member-matches tr[data-partner="${m.partner.name}"]`).innerText()).resolves.toMatch(m.state === 'proposed' ? /Proposed/ : /./);
    // The score as the match page writes it ("Score: 22/100" on a phone card, "22/100" under "Score").
    for (const m of theirs) await expect(page.locator(`table.member-matches tr[data-partner="${m.partner.name}"]`).innerText()).resolves.toContain(`${Math.round(m.score * 100)}/100`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await noWiderThan(page, viewport.width);
    await keepScreenshot(page, `member${suffix}.png`);

    // The confirmed partner's page says so.
    await page.goto(`${platform.apiUrl}/#/dashboard/${EU4CULTURE}/members/${confirmed.profileIds[0]}`);
    await page.getByRole('heading', { level: 1, name: confirmed.names[0], exact: true }).waitFor(WAIT);
    await expect(page.locator(`table.member-matches tr[data-partner="${confirmed.names[1]}"]`).innerText()).resolves.toContain('Confirmed by both');
  });

  it('draws "Find by name" and "Days without an answer" as the app\'s other inputs: labelled, as tall, the same border, font and focus ring, and fitting the screen', async () => {
    type Look = { style: Record<string, string>; height: number; width: number };
    // The first element `selector` finds: its border, font and padding as drawn, and its size.
    const look = (page: Page, selector: string) =>
      page.evaluate(`(() => {
        const el = document.querySelector(${JSON.stringify(selector)});
        const s = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return { style: { borderWidth: s.borderTopWidth, borderStyle: s.borderTopStyle, borderColor: s.borderTopColor, borderRadius: s.borderTopLeftRadius, fontSize: s.fontSize, paddingLeft: s.paddingLeft }, height: box.height, width: box.width };
      })()`) as Promise<Look>;
    const page = await coordinatorPage(viewport, mobile);
    // The reference: the first text box of the interest form.
    await page.goto(`${platform.apiUrl}/#/`);
    await page.locator('main input[type="text"]').first().waitFor(WAIT);
    const reference = await look(page, 'main input[type="text"]');
    await page.goto(`${platform.apiUrl}/#/dashboard/${EU4CULTURE}`);
    await page.getByRole('heading', { level: 1, name: /^Dashboard: EU4Culture/ }).waitFor(WAIT);
    await page.getByRole('radio', { name: 'Has not answered for some days' }).check();
    const inputs = [
      ['Find by name', '.filters__search input'],
      ['Days without an answer', '.filters__days input'],
    ] as const;
    for (const [label, selector] of inputs) {
      // Labelled: found by its label.
      const input = page.getByLabel(label);
      expect(await input.count(), label).toBe(1);
      const got = await look(page, `fieldset.filters ${selector}`);
      expect({ label, ...got.style }).toEqual({ label, ...reference.style });
      expect(got.height, label).toBeGreaterThanOrEqual(reference.height - 0.5);
      await input.focus();
      expect(await page.evaluate(`getComputedStyle(document.activeElement).outlineStyle`), label).not.toBe('none');
    }
    // Room for a name: the search box is as wide as the form's boxes, or as its filters box where that is narrower (a phone).
    const searchWidth = (await look(page, 'fieldset.filters .filters__search input')).width;
    const room = (await page.evaluate(`(() => { const f = document.querySelector('fieldset.filters'); const s = getComputedStyle(f); return f.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); })()`)) as number;
    expect(searchWidth).toBeGreaterThanOrEqual(Math.min(reference.width, room) - 1);
    expect(searchWidth).toBeLessThanOrEqual(viewport.width - 32);
    await noWiderThan(page, viewport.width);
    await page.getByLabel('Find by name').fill('Kut');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator('fieldset.filters').screenshot({ path: join(SCREENSHOTS, `dashboard-filter-inputs${suffix}.png`) });
  });
});

describe('a member export the API takes a while to write', () => {
  it('says the file is being prepared until it arrives, and a second press meanwhile starts no second export', async () => {
    const page = await coordinatorPage({ width: 1280, height: 900 }, false);
    await page.goto(`${platform.apiUrl}/#/dashboard/${EU4CULTURE}`);
    await page.getByRole('heading', { level: 1, name: /^Dashboard: EU4Culture/ }).waitFor(WAIT);
    // The real API's answer is held until the page has been looked at: for a network of 2 000
    // members it takes seconds, during which the button looked as if nothing had happened.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let exports = 0;
    await page.route(
      (url) => url.pathname.endsWith(`/networks/${EU4CULTURE}/export`),
      async (route) => {
        exports += 1;
        await held;
        await route.continue();
      },
    );
    const button = page.getByRole('button', { name: 'Export members (XLSX)' });
    const download = page.waitForEvent('download', WAIT);
    await button.click();
    const preparing = page.getByRole('status').filter({ hasText: 'Preparing the file…' });
    await preparing.waitFor(WAIT);
    expect(await button.getAttribute('aria-disabled')).toBe('true');
    // Pressed again (a click Playwright would wait on: it counts aria-disabled as disabled).
    await button.dispatchEvent('click');
    release();
    expect((await download).suggestedFilename()).toBe(`${EU4CULTURE}-members.xlsx`);
    await preparing.waitFor({ state: 'detached', ...WAIT });
    expect(await button.getAttribute('aria-disabled')).toBeNull();
    expect(exports).toBe(1);
    await page.unroute((url) => url.pathname.endsWith(`/networks/${EU4CULTURE}/export`));
  });

  it('says so when the import template cannot be downloaded (the API failing), where nothing was said before', async () => {
    const page = await coordinatorPage({ width: 1280, height: 900 }, false);
    await page.goto(`${platform.apiUrl}/#/dashboard/${EU4CULTURE}/import`);
    await page.getByRole('heading', { level: 1, name: /^Import members: EU4Culture/ }).waitFor(WAIT);
    const unhandled: string[] = [];
    page.on('pageerror', (error) => unhandled.push(error.message));
    await page.route('**/imports/template', (route) => route.fulfill({ status: 502, contentType: 'application/json', body: '{"message":"Internal Server Error"}' }));
    await page.getByRole('button', { name: 'Download the template' }).click();
    await page.getByRole('alert').filter({ hasText: 'Something went wrong on our side' }).waitFor(WAIT);
    await page.unrouteAll();
    const download = page.waitForEvent('download', WAIT);
    await page.getByRole('button', { name: 'Download the template' }).click();
    expect((await download).suggestedFilename()).toBe(`${EU4CULTURE}-members-template.csv`);
    await page.getByRole('alert').filter({ hasText: 'Something went wrong on our side' }).waitFor({ state: 'detached', ...WAIT });
    expect(unhandled).toEqual([]);
  });
});

describe('the dashboard lists who is waiting for approval', () => {
  /** A city submits its profile naming EU4Culture: it waits for the coordinator's approval. */
  async function askToJoin(name: string, contact: { name: string; email: string }): Promise<void> {
    const response = await fetch(`${platform.apiUrl}/profiles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await localSession(platform.sessionKeyFile, contact.email, { profiles: [] })}` },
      body: JSON.stringify(validProfileInput({ name, country: 'UA', networks: [EU4CULTURE], contact })),
    });
    expect(response.status).toBe(201);
  }

  it('filters "Awaiting approval": a city that asked to join is listed until the coordinator answers', async () => {
    await askToJoin('Chernivtsi', { name: 'Olena', email: 'culture@chernivtsi-dashboard.example' });
    const page = await coordinatorPage({ width: 1280, height: 900 }, false);
    await page.goto(`${platform.apiUrl}/#/dashboard/${EU4CULTURE}`);
    await page.getByRole('heading', { level: 1, name: /^Dashboard: EU4Culture/ }).waitFor(WAIT);

    await page.getByRole('radio', { name: 'Awaiting approval' }).check();
    const rows = page.locator('table.members-table tbody tr');
    await page.locator('table.members-table tr[data-member="Chernivtsi"]').waitFor(WAIT);
    expect(await rows.count()).toBe(1);
    await expect(rows.first().innerText()).resolves.toContain('awaiting approval');
    // Members already in the network are not listed under this filter.
    for (const m of members.slice(0, 3)) expect(await page.locator(`table.members-table tr[data-member="${m.name}"]`).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // On a phone the request is a card: nothing wider than the screen, its buttons in reach.
    const phone = await coordinatorPage({ width: 390, height: 844 }, true);
    await phone.goto(`${platform.apiUrl}/#/dashboard/${EU4CULTURE}`);
    const request = phone.locator('table.join-requests tr[data-request="Chernivtsi"]');
    await request.waitFor(WAIT);
    await noWiderThan(phone, 390);
    const approve = request.getByRole('button', { name: 'Approve Chernivtsi' });
    const box = await approve.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
  });

  it('takes an answered request\'s buttons away at once, showing the answer, and writes the day it was asked as the page\'s language does', async () => {
    await askToJoin('Uzhhorod', { name: 'Ivan', email: 'culture@uzhhorod-dashboard.example' });
    const { requests } = await api<{ requests: { name: string; requestedAt: string }[] }>('GET', `/networks/${EU4CULTURE}/requests`, coordinatorSession);
    const requestedAt = requests.find((r) => r.name === 'Uzhhorod')?.requestedAt as string;
    const page = await coordinatorPage({ width: 1280, height: 900 }, false);
    await page.goto(`${platform.apiUrl}/#/dashboard/${EU4CULTURE}`);
    const request = page.locator('table.join-requests tr[data-request="Uzhhorod"]');
    await request.waitFor(WAIT);
    await expect(request.locator('td[data-label="Asked"]').innerText()).resolves.toBe(new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(requestedAt)));

    // The dashboard's reload after the answer takes seconds on a large network: it is held back
    // here, so the row must change by itself, not by the reload taking it away.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/networks/${EU4CULTURE}/requests`, async (route) => {
      if (route.request().method() === 'GET') await held;
      await route.continue();
    });
    await request.getByRole('button', { name: 'Approve Uzhhorod' }).click();
    await request.getByText('Approved', { exact: true }).waitFor(WAIT);
    expect(await request.getByRole('button').count()).toBe(0);
    release();
    // Once the dashboard has reloaded, the member is in the network and no longer asking.
    await request.waitFor({ state: 'detached', ...WAIT });
    await page.unroute(`**/networks/${EU4CULTURE}/requests`);
  });

  it('answering a request whose member withdrew meanwhile says the member no longer asks, and the row leaves, on a phone in Ukrainian', async () => {
    const contact = { name: 'Oksana', email: 'culture@lutsk-dashboard.example' };
    await askToJoin('Lutsk', contact);
    const { requests } = await api<{ requests: { id: string; name: string }[] }>('GET', `/networks/${EU4CULTURE}/requests`, coordinatorSession);
    const lutsk = requests.find((r) => r.name === 'Lutsk')?.id as string;
    const page = await coordinatorPage({ width: 390, height: 844 }, true);
    await page.getByLabel('Language', { exact: true }).selectOption('uk');
    const request = page.locator('table.join-requests tr[data-request="Lutsk"]');
    await request.waitFor(WAIT);

    // The member withdraws its profile while the dashboard is open.
    const withdrawn = await fetch(`${platform.apiUrl}/profiles/${lutsk}`, { method: 'DELETE', headers: { authorization: `Bearer ${await localSession(platform.sessionKeyFile, contact.email, { profiles: [lutsk] })}` } });
    expect(withdrawn.status).toBe(204);

    await request.getByRole('button', { name: catalogString(uk, 'joinRequests.approveName').replace('{{name}}', 'Lutsk') }).click();
    await page.getByText(catalogString(uk, 'joinRequests.gone').replace('{{name}}', 'Lutsk')).waitFor(WAIT);
    await request.waitFor({ state: 'detached', ...WAIT });
    expect(await page.getByText(catalogString(uk, 'problem.notFound.title')).count()).toBe(0);
  });

  it("a member's page follows matching after the coordinator takes it out and approves it again: its matches leave, then come back, with no reload", async () => {
    const cahul = members.find((m) => m.name === 'Cahul') as Member;
    const page = await coordinatorPage({ width: 390, height: 844 }, true);
    await page.goto(`${platform.apiUrl}/#/dashboard/${EU4CULTURE}/members/${cahul.id}`);
    const rows = page.locator('table.member-matches tbody tr');
    await rows.first().waitFor(WAIT);

    await page.getByRole('button', { name: 'Remove from EU4Culture' }).click();
    await page.getByRole('button', { name: 'Remove Cahul' }).click();
    // Matching withdraws its proposals after the answer came back.
    await page.getByText('No match yet.').waitFor(WAIT);
    await page.getByRole('button', { name: 'Approve Cahul again' }).click();
    await rows.first().waitFor(WAIT);
  });
});

describe('the dashboard of a large network', () => {
  it('lists the first 100 members, more on demand, and finds one by name', async () => {
    const net = 'hundreds-of-cities';
    const doc = platformDocumentClient(platform);
    const at = new Date().toISOString();
    await new NetworkStore(doc, platform.tableName).put({ id: net, name: 'Hundreds of cities' }, at);
    await new CoordinatorStore(doc, platform.tableName).add({ networkId: net, name: 'Lela', email: COORDINATOR });
    // Imported members (pending, membership approved), as a coordinator's list makes them: not matched.
    const profiles = new ProfileStore(doc, platform.tableName);
    const names = [...Array.from({ length: 230 }, (_, i) => `City ${String(i + 1).padStart(3, '0')}`), 'Zugdidi'];
    for (let i = 0; i < names.length; i += 20) {
      await Promise.all(
        names.slice(i, i + 20).map((name) =>
          profiles.create(ProfileInput.parse(validProfileInput({ name, networks: [net], contact: { name, email: `${name.replace(' ', '-').toLowerCase()}@${net}.example` } })), { id: randomUUID(), status: 'pending', now: at, membership: 'approved' }),
        ),
      );
    }
    doc.destroy();

    const page = await coordinatorPage({ width: 1280, height: 900 }, false);
    await page.goto(`${platform.apiUrl}/#/dashboard/${net}`);
    await page.getByRole('heading', { level: 1, name: /^Dashboard: Hundreds of cities/ }).waitFor(WAIT);
    const rows = page.locator('table.members-table tbody tr');
    await page.getByText('231 members The first 100 are listed.').waitFor(WAIT);
    expect(await rows.count()).toBe(100);
    await page.getByRole('button', { name: 'Show 100 more' }).click();
    await page.getByText('231 members The first 200 are listed.').waitFor(WAIT);
    expect(await rows.count()).toBe(200);
    await page.getByRole('button', { name: 'Show 31 more' }).click();
    await page.locator('table.members-table tr[data-member="Zugdidi"]').waitFor(WAIT);
    expect(await rows.count()).toBe(231);
    expect(await page.getByRole('button', { name: /^Show \d+ more$/ }).count()).toBe(0);

    // A name, not a scroll: the search starts the list again from its top.
    await page.getByLabel('Find by name').fill('zUGdid');
    await page.getByText('1 of 231 members').waitFor(WAIT);
    expect(await rows.count()).toBe(1);
    await page.getByLabel('Find by name').fill('city 2');
    await page.getByText('31 of 231 members').waitFor(WAIT);
    expect(await rows.count()).toBe(31);
    // The charts stay readable and light: themes counted per priority, the graph of one member at a time.
    expect(await page.locator('svg.heat-map').count()).toBe(0);
    await expect(page.locator('table.theme-counts tr[data-theme="climate-environment"]').innerText()).resolves.toMatch(/Climate and environment\s+231\s+0\s+0\s+231/);
    await page.getByText('With 231 members the graph draws one member and its partners').waitFor(WAIT);
    expect(await page.locator('svg.match-graph').count()).toBe(0);
    await page.getByLabel('Focus on').selectOption({ label: 'Zugdidi' });
    expect(await page.locator('svg.match-graph g[data-member]').count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The coordinator takes a member out from its page, asked once more, and can undo it there.
    const session = await localSession(platform.sessionKeyFile, COORDINATOR, { networks: [net] });
    const listed = async () => (await everyMember(net, session)).map((m) => m.name);
    await page.getByLabel('Find by name').fill('Zugdidi');
    await page.locator('table.members-table tr[data-member="Zugdidi"]').getByRole('link', { name: 'Zugdidi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zugdidi' }).waitFor(WAIT);
    // Each step replaces the button pressed; focus goes to the one that takes its place.
    const focused = () => page.evaluate('(document.activeElement?.textContent ?? "").trim()') as Promise<string>;
    await page.getByRole('button', { name: 'Remove from Hundreds of cities' }).click();
    await page.getByText('Remove Zugdidi from Hundreds of cities? Its matches in the network are withdrawn').waitFor(WAIT);
    expect(await focused()).toBe('Remove Zugdidi');
    await page.getByRole('button', { name: 'Keep as a member' }).click();
    expect(await focused()).toBe('Remove from Hundreds of cities');
    expect(await listed()).toContain('Zugdidi');
    await page.getByRole('button', { name: 'Remove from Hundreds of cities' }).click();
    await page.getByRole('button', { name: 'Remove Zugdidi' }).click();
    await page.getByText('Zugdidi is no longer a member of Hundreds of cities').waitFor(WAIT);
    expect(await focused()).toBe('Approve Zugdidi again');
    expect(await listed()).not.toContain('Zugdidi');
    // Opened again later, the page still offers the way back.
    await page.reload();
    await page.getByText('Zugdidi is no longer a member of Hundreds of cities').waitFor(WAIT);
    await page.getByRole('button', { name: 'Approve Zugdidi again' }).click();
    await page.getByRole('button', { name: 'Remove from Hundreds of cities' }).waitFor(WAIT);
    expect(await focused()).toBe('Remove from Hundreds of cities');
    expect(await listed()).toContain('Zugdidi');
  });

  it('lists the members taken out (or turned down) under "Removed or declined", each leading to the page that approves it again', async () => {
    // A removed member was listed nowhere: only its page's URL led back to "Approve again".
    const net = 'hundreds-of-cities';
    const session = await localSession(platform.sessionKeyFile, COORDINATOR, { networks: [net] });
    const city = (await everyMember(net, session)).find((m) => m.name === 'City 007') as Member;
    await api('POST', `/networks/${net}/requests/${city.id}/reject`, session);

    const page = await coordinatorPage({ width: 1280, height: 900 }, false);
    await page.goto(`${platform.apiUrl}/#/dashboard/${net}`);
    await page.getByRole('heading', { level: 1, name: /^Dashboard: Hundreds of cities/ }).waitFor(WAIT);
    await page.getByRole('radio', { name: 'Removed or declined' }).check();
    await page.getByText('Removed or declined: 1').waitFor(WAIT);
    const rows = page.locator('table.members-table tbody tr');
    expect(await rows.count()).toBe(1);
    const row = page.locator('table.members-table tr[data-member="City 007"]');
    await expect(row.innerText()).resolves.toContain('removed or declined');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await row.getByRole('link', { name: 'City 007' }).click();
    await page.getByRole('heading', { level: 1, name: 'City 007' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Approve City 007 again' }).click();
    await page.getByRole('button', { name: 'Remove from Hundreds of cities' }).waitFor(WAIT);

    // Back on the dashboard, nobody is left under the filter, and the city is a member again.
    await page.getByRole('link', { name: /^← Dashboard/ }).click();
    await page.getByRole('radio', { name: 'Removed or declined' }).check();
    await page.getByText('Nobody was removed or declined.').waitFor(WAIT);
    await page.getByRole('radio', { name: 'All members' }).check();
    await page.getByLabel('Find by name').fill('City 007');
    await page.locator('table.members-table tr[data-member="City 007"]').waitFor(WAIT);
  });

  it('reads a network larger than one answer page by page, saying how many it has read, then counts, sorts and finds across all pages', async () => {
    // The members route answered a whole network at once (a network of 10 000 passed Lambda's 6 MB
    // response limit); it answers at most 250 at a time now, and the dashboard follows the cursor.
    const net = 'hundreds-of-cities';
    const doc = platformDocumentClient(platform);
    const at = new Date().toISOString();
    const profiles = new ProfileStore(doc, platform.tableName);
    const towns = Array.from({ length: 30 }, (_, i) => `Town ${String(i + 1).padStart(2, '0')}`);
    await Promise.all(
      towns.map((name) =>
        profiles.create(ProfileInput.parse(validProfileInput({ name, networks: [net], contact: { name, email: `${name.replace(' ', '-').toLowerCase()}@${net}.example` } })), { id: randomUUID(), status: 'pending', now: at, membership: 'approved' }),
      ),
    );
    doc.destroy();

    const page = await coordinatorPage({ width: 1280, height: 900 }, false);
    // The second page is held until the first one's progress has been seen.
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const asked: string[] = [];
    await page.route(/\/networks\/hundreds-of-cities\/members\?/, async (route) => {
      const url = new URL(route.request().url());
      asked.push(`${url.searchParams.get('limit')} ${url.searchParams.has('cursor') ? 'cursor' : 'first'}`);
      if (url.searchParams.has('cursor')) await held;
      await route.continue();
    });
    await page.goto(`${platform.apiUrl}/#/dashboard/${net}`);
    await page.getByText('Loading the network… Members read so far: 250').waitFor(WAIT);
    release();
    await page.getByText('261 members The first 100 are listed.').waitFor(WAIT);
    expect(asked).toEqual(['250 first', '250 cursor']);
    // Sorted by name across both pages, whatever page each came in.
    await expect(page.locator('table.members-table tbody tr').first().getAttribute('data-member')).resolves.toBe('City 001');
    await page.getByLabel('Find by name').fill('town');
    await page.getByText('30 of 261 members').waitFor(WAIT);
    expect(await page.locator('table.members-table tbody tr').count()).toBe(30);
    await expect(page.locator('table.theme-counts tr[data-theme="climate-environment"]').innerText()).resolves.toMatch(/Climate and environment\s+261\s+0\s+0\s+261/);
  });
});

describe('the dashboard of a network with more matches than one answer holds', () => {
  it('reads the matches page by page and lists every one, best first, as one answer did', async () => {
    // The matches route answered a whole network at once (25 000 matches are about 9 MB, past
    // Lambda's 6 MB response limit); it answers at most 2 000 at a time now. Here the page asks
    // for one at a time, so the demo network's few matches take several answers.
    const all = await everyPage<NetworkMatch>(EU4CULTURE, 'matches', coordinatorSession);
    expect(all.length).toBeGreaterThan(1);

    const page = await coordinatorPage({ width: 1280, height: 900 }, false);
    const asked = await askingPagesOf(page, `/networks/${EU4CULTURE}/matches`, 1);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /^Dashboard: / }).waitFor(WAIT);
    const rows = page.getByRole('region', { name: 'All matches', exact: true }).locator('tr[data-match-id]');
    // The table sits in a closed disclosure: its rows are there, not shown.
    await rows.nth(all.length - 1).waitFor({ ...WAIT, state: 'attached' });
    const listed: (string | null)[] = [];
    for (let i = 0; i < (await rows.count()); i++) listed.push(await rows.nth(i).getAttribute('data-match-id'));
    const best = [...all].sort((a, b) => b.score - a.score || a.matchId.localeCompare(b.matchId)).map((m) => m.matchId);
    expect(listed).toEqual(best);
    expect(asked.length).toBeGreaterThanOrEqual(all.length);
    // Named from the members it has read: each page asked without names (no membership items read per page).
    expect(new Set(asked.map((url) => url.searchParams.get('names')))).toEqual(new Set(['omit']));
    for (const match of all) {
      const pair = await page.getByRole('region', { name: 'All matches', exact: true }).locator(`tr[data-match-id="${match.matchId}"] th`).textContent();
      for (const name of match.names) expect(pair).toContain(name);
    }
  });

  it('leaves out a pair with someone who has left the network, as the server does by default', async () => {
    // Asked without names, the server no longer checks each pair's membership: the dashboard drops
    // the pairs whose ids are not among the members it has read.
    const doc = platformDocumentClient(platform);
    const now = new Date().toISOString();
    const leaver = await new ProfileStore(doc, platform.tableName).create(
      ProfileInput.parse(validProfileInput({ name: 'Gone Town', networks: [EU4CULTURE], contact: { name: 'Gone', email: 'gone@town.example' } })),
      { id: randomUUID(), status: 'pending', now, membership: 'approved' },
    );
    await new ProfileStore(doc, platform.tableName).setMembership(leaver.id, EU4CULTURE, 'rejected', now);
    const partner = members[0] as Member;
    const matchId = pairKey(leaver.id, partner.id);
    // A copy left behind in the projection, scored best of all so it would lead the list.
    await new MatchStore(doc, platform.tableName).put({ matchId, profileIds: sortedPair(leaver.id, partner.id), state: 'proposed', acceptedBy: [], score: 0.99, summary: 'x', reasons: [], sharedNetworks: [EU4CULTURE], version: 1, proposedAt: now, updatedAt: now }, undefined);
    doc.destroy();
    await platform.settle();
    const unnamed = await api<{ matches: { matchId: string; state: string }[] }>('GET', `/networks/${EU4CULTURE}/matches?names=omit`, coordinatorSession);
    expect(unnamed.matches.find((m) => m.matchId === matchId)?.state).toBe('proposed');
    const all = await everyPage<NetworkMatch>(EU4CULTURE, 'matches', coordinatorSession);
    expect(all.map((m) => m.matchId)).not.toContain(matchId);

    const page = await coordinatorPage({ width: 1280, height: 900 }, false);
    const rows = page.getByRole('region', { name: 'All matches', exact: true }).locator('tr[data-match-id]');
    await rows.nth(all.length - 1).waitFor({ ...WAIT, state: 'attached' });
    const listed: (string | null)[] = [];
    for (let i = 0; i < (await rows.count()); i++) listed.push(await rows.nth(i).getAttribute('data-match-id'));
    expect(listed).toEqual([...all].sort((a, b) => b.score - a.score || a.matchId.localeCompare(b.matchId)).map((m) => m.matchId));
  });
});

describe("the dashboard's activity of a busy network", () => {
  it('shows the newest page, reads older pages on "Show older", newest first, and keeps them on a refresh', async () => {
    // The activity route answered two weeks of entries at once, however many; it answers a page at
    // a time now. Here each page holds three entries, so the demo network's feed takes several.
    await platform.settle();
    type Page = { thisWeek: { eventId: string }[]; lastWeek: { eventId: string }[]; cursor?: string };
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const answer: Page = await api<Page>('GET', `/networks/${EU4CULTURE}/activity${cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`}`, coordinatorSession);
      all.push(...answer.thisWeek.map((e) => e.eventId), ...answer.lastWeek.map((e) => e.eventId));
      cursor = answer.cursor;
    } while (cursor !== undefined);
    expect(all.length).toBeGreaterThan(6);

    const page = await coordinatorPage({ width: 1280, height: 900 }, false);
    const asked = await askingPagesOf(page, `/networks/${EU4CULTURE}/activity`, 3);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /^Dashboard: / }).waitFor(WAIT);
    const feed = page.getByRole('region', { name: 'Activity', exact: true });
    const entries = feed.locator('li[data-event-id]');
    const older = feed.getByRole('button', { name: 'Show older' });
    await older.waitFor(WAIT);
    expect(await entries.count()).toBe(3);
    // The weeks are UTC weeks, and each time is a UTC time: it says so, for a reader in Tbilisi or Kyiv.
    await expect(entries.first().locator('time').innerText()).resolves.toMatch(/\d\d:\d\d( [AP]M)? UTC$/);
    // Only the newest are read: the count says so.
    await expect(feed.getByRole('heading', { name: /^This week/ }).innerText()).resolves.toBe('This week (at least 3)');

    for (let shown = 3; shown < all.length; ) {
      await older.click();
      shown = Math.min(shown + 3, all.length);
      await entries.nth(shown - 1).waitFor(WAIT);
    }
    // A page that came full has a cursor even when nothing follows (DynamoDB stops at the limit and
    // says where; docs/api.md: the last page may be empty): then one more "Show older" reads that
    // empty page, adds nothing and goes. The feed's length is the demo's, so either can happen.
    if (all.length % 3 === 0) {
      await older.click();
      await older.waitFor({ ...WAIT, state: 'detached' });
      expect(await entries.count()).toBe(all.length);
    }
    await older.waitFor({ ...WAIT, state: 'detached' });
    const listed = async () => Promise.all((await entries.all()).map((li) => li.getAttribute('data-event-id')));
    expect(await listed()).toEqual(all);
    const thisWeek = await feed.locator('section[aria-labelledby="activity-this-week"] li').count();
    await expect(feed.getByRole('heading', { name: /^This week/ }).innerText()).resolves.toBe(`This week (${thisWeek})`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A refresh reads as many pages again, from the newest: nothing shown is dropped.
    const before = asked.length;
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => asked.length - before, WAIT).toBeGreaterThanOrEqual(Math.ceil(all.length / 3));
    await older.waitFor({ ...WAIT, state: 'detached' });
    expect(await listed()).toEqual(all);
  });

  it('keeps every entry shown when new ones arrived before a refresh, and a page read while a refresh runs', async () => {
    // A refresh read again as many pages as were opened, from the newest: k new entries pushed the k
    // oldest shown off the list. And a "Show older" answered while a refresh ran was tied to the data
    // the refresh replaced: it vanished when the refresh landed.
    await platform.settle();
    const doc = platformDocumentClient(platform);
    const activity = new ActivityStore(doc, platform.tableName);
    const arrive = async (n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const eventId = randomUUID();
        await activity.record({ eventId, type: 'ProfileSubmitted', occurredAt: new Date().toISOString(), networkId: EU4CULTURE, profileIds: [members[i % members.length]?.id as string] });
        ids.push(eventId);
      }
      return ids.reverse();
    };
    const page = await coordinatorPage({ width: 1280, height: 900 }, false);
    await askingPagesOf(page, `/networks/${EU4CULTURE}/activity`, 3);
    await page.reload();
    const feed = page.getByRole('region', { name: 'Activity', exact: true });
    const entries = feed.locator('li[data-event-id]');
    const older = feed.getByRole('button', { name: 'Show older' });
    const listed = async () => Promise.all((await entries.all()).map((li) => li.getAttribute('data-event-id')));
    await older.waitFor(WAIT);
    await older.click();
    await entries.nth(5).waitFor(WAIT);
    const opened = await listed();
    expect(opened).toHaveLength(6);

    // Four new entries, more than a page: the refresh reads until the oldest shown entry again.
    const first = await arrive(4);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(async () => (await listed())[0], WAIT).toBe(first[0]);
    // Then every entry shown before (a page read whole may show a few older ones after them).
    const refreshed = await listed();
    expect(refreshed.slice(0, first.length + opened.length)).toEqual([...first, ...opened]);

    // A refresh held until "Show older" has answered: the older page stays when the refresh lands.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = true;
    await page.route(new RegExp(`/networks/${EU4CULTURE}/activity$`), async (route) => {
      if (holding) {
        holding = false;
        await held;
      }
      await route.fallback();
    });
    const second = await arrive(2);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await older.click();
    await entries.nth(refreshed.length).waitFor(WAIT);
    const withOlder = await listed();
    release();
    await expect.poll(async () => (await listed())[0], WAIT).toBe(second[0]);
    expect((await listed()).slice(0, second.length + withOlder.length)).toEqual([...second, ...withOlder]);
    doc.destroy();
  });
});
