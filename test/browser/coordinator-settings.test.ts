import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { DEMO_MEMBERS, EU4CULTURE } from '../../local/demo/networks.js';
import type { Platform } from '../../local/platform.js';
import { localSession } from '../../local/sessions.js';
import { screenshot, seriousAccessibilityViolations } from './support/chromium.js';
import { signInThroughMail } from './support/mail.js';
import { startSeededPlatform } from './support/seeded-platform.js';

/**
 * A coordinator's own e-mail settings in a real browser: the digest hour is kept in a time zone,
 * and a coordinator who never chose one (UTC, the default) is offered the device's own.
 */
const COORDINATOR = 'coordinator@eu4culture.example';
const WAIT = { timeout: 20_000 };

let platform: Platform;
let browser: Browser;
let ids: string[];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ({ platform, browser, ids } = await startSeededPlatform('coordinator-settings'));
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await platform?.stop();
});

async function storedPreference(): Promise<{ timeZone: string; digestHour: number; mode: string }> {
  const session = await localSession(platform.sessionKeyFile, COORDINATOR, { networks: [EU4CULTURE] });
  const response = await fetch(`${platform.apiUrl}/networks/${EU4CULTURE}/settings`, { headers: { authorization: `Bearer ${session}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { coordinator: { preference: { timeZone: string; digestHour: number; mode: string } } }).coordinator.preference;
}

describe("a coordinator's e-mail settings", () => {
  it("offers the device's time zone to a coordinator still on UTC, and keeps it once saved", async () => {
    expect((await storedPreference()).timeZone).toBe('UTC');
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Asia/Tbilisi' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${platform.apiUrl}/#/preferences/coordinators/me`);
    await signInThroughMail(platform, page, COORDINATOR, WAIT.timeout);
    await page.getByRole('heading', { level: 1, name: 'Your e-mail settings' }).waitFor(WAIT);

    const zone = page.getByLabel('Time zone');
    expect(await zone.inputValue()).toBe('UTC');
    // Each zone is offered with the offset it keeps.
    expect(await zone.locator('option[value="Asia/Tbilisi"]').innerText()).toBe('Asia/Tbilisi, UTC+04:00');
    // The digest would come at 08:00 UTC, noon in Tbilisi: the page says which zone the device is in.
    await page.getByText('This device is set to Asia/Tbilisi, UTC+04:00.').waitFor(WAIT);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'coordinator-settings-device-zone.png');
    await page.getByRole('button', { name: 'Use Asia/Tbilisi, UTC+04:00' }).click();
    expect(await zone.inputValue()).toBe('Asia/Tbilisi');
    expect(await page.getByText('This device is set to Asia/Tbilisi, UTC+04:00.').count()).toBe(0);
    // Nothing is stored until the coordinator saves.
    expect((await storedPreference()).timeZone).toBe('UTC');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved').waitFor(WAIT);
    expect(await storedPreference()).toMatchObject({ timeZone: 'Asia/Tbilisi', digestHour: 8, mode: 'digest' });

    // Reopened, the saved zone is shown and nothing more is offered.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your e-mail settings' }).waitFor(WAIT);
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Asia/Tbilisi');
    expect(await page.getByRole('button', { name: /^Use / }).count()).toBe(0);
  });
});

describe("a member who opens a coordinator's page", () => {
  it('is told the page is for coordinators and that it is signed in as a member, with a link to its own profile, on every coordinator page', async () => {
    // One address, one demo profile: Charentsavan's.
    const index = DEMO_MEMBERS.findIndex((m) => DEMO_MEMBERS.filter((o) => o.profile.contact.email === m.profile.contact.email).length === 1);
    const member = DEMO_MEMBERS[index]!;
    const id = ids[index]!;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${platform.apiUrl}/#/preferences/coordinators/c-1`);
    await signInThroughMail(platform, page, member.profile.contact.email, WAIT.timeout);
    const pages = ['/preferences/coordinators/c-1', '/preferences/coordinators/me', '/dashboard', `/dashboard/${EU4CULTURE}`, `/dashboard/${EU4CULTURE}/members/${id}`, `/dashboard/${EU4CULTURE}/import`, '/meetings', `/meetings/${EU4CULTURE}`];
    for (const [n, route] of pages.entries()) {
      if (n > 0) await page.goto(`${platform.apiUrl}/#${route}`);
      await page.getByRole('heading', { level: 1, name: 'This page is for network coordinators' }).waitFor(WAIT);
      await page.getByText('You are signed in as a member').waitFor(WAIT);
      expect(await page.getByText('This address coordinates no network.').count(), route).toBe(0);
      const own = page.getByRole('link', { name: `My profile: ${member.profile.name}` });
      expect(await own.getAttribute('href'), route).toBe(`#/profiles/${id}`);
    }
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'coordinator-page-as-member.png');
    await page.getByRole('link', { name: `My profile: ${member.profile.name}` }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(member.profile.name) }).waitFor(WAIT);
  });
});
