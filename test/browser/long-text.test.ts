import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Platform } from '../../local/platform.js';
import { localSession } from '../../local/sessions.js';
import { screenshot } from './support/chromium.js';
import { nextSignInLink, signInLinks } from './support/mail.js';
import { startSeededPlatform } from './support/seeded-platform.js';

/**
 * Text the members write (or a list brings in) with no space to break at: a name of 120 letters,
 * a list cell of hundreds. It wraps where it must; it never widens its table so far that the other
 * columns (the member's status, the problem with a row) are out of view, nor runs out of its card
 * on a phone.
 */

const WAIT = { timeout: 20_000 };
const COORDINATOR = 'coordinator@eu4culture.example';
const LONG_NAME = 'Ш'.repeat(120);
const HEADER = 'name,kind,country,region,contact_name,contact_email,themes,languages';

let platform: Platform;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ({ platform, browser } = await startSeededPlatform('long-text'));
  // A member whose name is one unbroken word of the longest length a name may have, brought in by a list.
  const session = await localSession(platform.sessionKeyFile, COORDINATOR, { networks: ['eu4culture'] });
  const csv = `${HEADER}\n${LONG_NAME},city,GE,,${'Н'.repeat(120)},long@long-name.example,music:high,ka\n`;
  const imported = await fetch(`${platform.apiUrl}/networks/eu4culture/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' },
    body: JSON.stringify({ file: Buffer.from(csv).toString('base64'), dryRun: false }),
  });
  expect(imported.status).toBe(200);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await platform?.stop();
});

/** A browser `width` px wide signed in as the coordinator, with a link asked for through the API and used with a click. */
async function coordinatorPage(width: number): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const seen = (await signInLinks(platform, COORDINATOR)).length;
  const asked = await fetch(`${platform.apiUrl}/auth/magic-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: COORDINATOR }) });
  expect(asked.status).toBe(202);
  await page.goto(await nextSignInLink(platform, COORDINATOR, seen));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.hash.startsWith('#/sign-in'), WAIT);
  return page;
}

/** How wide the page is laid out, scrolling included (px). */
const pageWidth = async (page: Page) => (await page.evaluate('document.documentElement.scrollWidth')) as number;

/** The tables whose caption starts with `caption`, as an expression evaluated in the page. */
const tablesCaptioned = (caption: string) => `[...document.querySelectorAll('table')].filter((t) => (t.caption?.textContent ?? '').startsWith(${JSON.stringify(caption)}))`;

/** The right edge of each column header of the table captioned `caption`, by the header's text (px). */
async function headerRightEdges(page: Page, caption: string): Promise<Record<string, number>> {
  return (await page.evaluate(`Object.fromEntries(${tablesCaptioned(caption)}.flatMap((t) => [...t.querySelectorAll('thead th')]).map((h) => [h.textContent, h.getBoundingClientRect().right]))`)) as Record<string, number>;
}

/** How high each status badge of the table captioned `caption` is, in its font size (one line is about 1.6, two over 3). */
async function badgeHeights(page: Page, caption: string): Promise<number[]> {
  return (await page.evaluate(`${tablesCaptioned(caption)}.flatMap((t) => [...t.querySelectorAll('.badge')]).map((b) => b.getBoundingClientRect().height / parseFloat(getComputedStyle(b).fontSize))`)) as number[];
}

describe('long unbroken text in the coordinator pages', () => {
  let desktop: Page;
  let phone: Page;

  it('a member named with 120 letters and no space leaves every column of the members table in view at 1280 px', async () => {
    desktop = await coordinatorPage(1280);
    await desktop.goto(`${platform.apiUrl}/#/dashboard/eu4culture`);
    const table = desktop.getByRole('table', { name: /^Members of the network/ });
    await table.getByRole('link', { name: LONG_NAME }).waitFor(WAIT);
    await screenshot(desktop, 'long-name-dashboard-1280.png');
    const edges = await headerRightEdges(desktop, 'Members of the network');
    expect(Object.keys(edges)).toContain('Status');
    expect(Object.entries(edges).filter(([, right]) => right > 1280)).toEqual([]);
    // Short words elsewhere stay whole: no status badge is broken onto a second line ("activ|e").
    const heights = await badgeHeights(desktop, 'Members of the network');
    expect(heights.length).toBeGreaterThan(10);
    expect(heights.filter((ratio) => ratio > 2.5)).toEqual([]);
  });

  it('on a phone (390 px) the long name wraps inside its card, and the page does not scroll sideways', async () => {
    phone = await coordinatorPage(390);
    await phone.goto(`${platform.apiUrl}/#/dashboard/eu4culture`);
    const link = phone.getByRole('table', { name: /^Members of the network/ }).getByRole('link', { name: LONG_NAME });
    await link.waitFor(WAIT);
    await screenshot(phone, 'long-name-dashboard-390.png');
    const name = await link.boundingBox();
    const card = await link.locator('xpath=ancestor::tr[1]').boundingBox();
    expect(name && card && name.x + name.width <= card.x + card.width).toBe(true);
    expect(await pageWidth(phone)).toBeLessThanOrEqual(390);
  });

  it("the member's page names it on a phone without running off the screen", async () => {
    await phone.getByRole('table', { name: /^Members of the network/ }).getByRole('link', { name: LONG_NAME }).click();
    const heading = phone.getByRole('heading', { level: 1, name: LONG_NAME });
    await heading.waitFor(WAIT);
    const box = await heading.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);
    expect(await pageWidth(phone)).toBeLessThanOrEqual(390);
  });

  it('an import preview whose problem quotes a long unbroken cell keeps the Problem column in view at 1280 px', async () => {
    await desktop.goto(`${platform.apiUrl}/#/dashboard/eu4culture/import`);
    await desktop.getByLabel('Member list (CSV or XLSX)').waitFor(WAIT);
    const csv = `${HEADER}\nGori,city,GE,${'Я'.repeat(300)},Nino,culture@gori-long.example,music:high,ka\n`;
    await desktop.getByLabel('Member list (CSV or XLSX)').setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await desktop.getByRole('button', { name: 'Preview' }).click();
    const problems = desktop.getByRole('table', { name: /^Rows that will not be imported/ });
    await problems.waitFor(WAIT);
    await screenshot(desktop, 'long-cell-import-1280.png');
    const edges = await headerRightEdges(desktop, 'Rows that will not be imported');
    expect(edges.Problem).toBeLessThanOrEqual(1280);
  });
});
