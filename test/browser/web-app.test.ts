import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_MEMBERS, EU4CULTURE } from '../../local/demo/networks.js';
import type { Platform } from '../../local/platform.js';
import { localSession } from '../../local/sessions.js';
import { descriptionOf, screenshot, seriousAccessibilityViolations } from './support/chromium.js';
import { nextSignInLink, signInLinks, signInThroughMail as signInWithMail } from './support/mail.js';
import { parseCsv } from './support/csv.js';
import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { catalogTools } from '../../web/src/i18n/catalog-tools.js';
import { describeTopReason } from '../../web/src/lib/top-reason.js';
import { startSeededPlatform } from './support/seeded-platform.js';
import { localMails } from '../../local/ses-local.js';
import { pollUntil } from '../../local/poll.js';

/**
 * The web app in Debian's chromium against the whole local platform (DynamoDB Local, the local
 * EventBridge, SES local), seeded with the demo networks as `npm start` seeds them. The tests run
 * in order and tell one story: a new city signs up and accepts a partner, then the network's
 * coordinator sees it on the dashboard.
 */

const GYUMRI = { name: 'Gyumri', email: 'culture@gyumri.example' };
const COORDINATOR = 'coordinator@eu4culture.example';
const WAIT = { timeout: 20_000 };

let platform: Platform;
let browser: Browser;
const contexts: BrowserContext[] = [];
let gyumriId = '';
let potiId = '';
let ids: string[] = [];

beforeAll(async () => {
  // Each member import call takes one row (member-lists reads this at cold start), so a three-row
  // list is imported in several calls, as a large one is with the deployed 20 s slice.
  process.env.IMPORT_SLICE_MS = '0';
  ({ platform, browser, ids } = await startSeededPlatform('browser'));
  potiId = ids[DEMO_MEMBERS.findIndex((m) => m.profile.name === 'Poti')] as string;
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await platform?.stop();
});

async function newPage(viewport = { width: 1280, height: 900 }, mobile = false): Promise<Page> {
  const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile, acceptDownloads: true });
  contexts.push(context);
  return context.newPage();
}

const signInThroughMail = (page: Page, email: string) => signInWithMail(platform, page, email, WAIT.timeout);

async function api<T>(method: string, path: string, session: string): Promise<T> {
  const response = await fetch(`${platform.apiUrl}${path}`, { method, headers: { authorization: `Bearer ${session}` } });
  expect(response.status, `${method} ${path}`).toBe(200);
  return (await response.json()) as T;
}

describe('the web app in a real browser', () => {
  it('a new city fills in the form, confirms it from the mail, sees its matches with their reasons and accepts one', async () => {
    const page = await newPage();
    await page.goto(`${platform.apiUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Find partners for cultural cooperation' }).waitFor(WAIT);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('City', { exact: true }).check();
    await page.getByLabel('Name', { exact: true }).fill(GYUMRI.name);
    await page.getByLabel('Country').selectOption('AM');
    await page.getByLabel('City or region').fill('Shirak');
    await page.getByRole('group', { name: 'Networks you belong to' }).getByLabel(/^EU4Culture/).check();
    await page.getByLabel('Contact person').fill('Anna Petrosyan');
    await page.getByLabel('Contact e-mail').fill(GYUMRI.email);
    for (const theme of ['Visual arts', 'Climate and environment']) {
      await page.getByLabel(theme, { exact: true }).check();
      await page.getByLabel(`Priority of ${theme}`).selectOption('high');
    }
    await page.getByRole('group', { name: 'Formats you look for' }).getByLabel('Artist residency').check();
    await page.getByRole('group', { name: 'What you can offer a partner' }).getByLabel('Artists').check();
    await page.getByRole('group', { name: 'What you need from a partner' }).getByLabel('Venue').check();
    const languages = page.getByRole('group', { name: 'Working languages' });
    await languages.getByLabel('Armenian').check();
    await languages.getByLabel('English').check();
    await page.getByLabel('Describe what you would like to do').fill('A residency for young visual artists on climate, in the old town of Gyumri.');
    // Free tags count for matching (the text score, and a tag naming a theme is that theme): the
    // hint said "only the themes above count for matching".
    expect(await descriptionOf(page, '#field-freeTags')).toBe('Separate them with commas. Matching reads them with your description, and a tag that names a theme counts as that theme.');
    await screenshot(page, 'form.png');

    const seen = (await signInLinks(platform, GYUMRI.email)).length;
    await page.getByRole('button', { name: 'Send my profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your e-mail' }).waitFor(WAIT);

    // The confirmation mail's link opens the app, which says what it will confirm; the click confirms and signs in.
    const link = await nextSignInLink(platform, GYUMRI.email, seen);
    expect(link.startsWith(`${platform.apiUrl}/#/sign-in?token=`)).toBe(true);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Confirm the profile Gyumri for the EU4Culture network' }).waitFor(WAIT);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Confirm the profile Gyumri' }).click();
    await page.getByText('Your profile is confirmed.').waitFor(WAIT);
    // Not "partners appear within seconds": EU4Culture approves new members first, and the page says so.
    await page.getByText('The coordinators of EU4Culture approve new members first; we propose partners as soon as one of them does.').waitFor(WAIT);
    expect(await page.getByText('they appear below within seconds').count()).toBe(0);
    gyumriId = decodeURIComponent(/#\/profiles\/([^?]+)/.exec(page.url())?.[1] ?? '');
    expect(gyumriId).not.toBe('');
    // The used token is gone from the address bar.
    expect(page.url()).not.toContain('token=');

    // Joining EU4Culture is a request: the coordinator approves it on the dashboard.
    const coordinatorPage = await newPage();
    await coordinatorPage.goto(`${platform.apiUrl}/#/dashboard`);
    await signInThroughMail(coordinatorPage, COORDINATOR);
    const request = coordinatorPage.locator('tr[data-request="Gyumri"]');
    await request.waitFor(WAIT);
    expect(await seriousAccessibilityViolations(coordinatorPage)).toEqual([]);
    await request.getByRole('button', { name: 'Approve Gyumri' }).click();
    await coordinatorPage.getByText('Gyumri approved: matching starts now.').waitFor(WAIT);
    // The row's buttons are gone: focus is on the line that says what was done.
    expect(await coordinatorPage.evaluate('document.activeElement?.textContent')).toBe('Gyumri approved: matching starts now.');
    await request.waitFor({ state: 'detached', ...WAIT });

    // Matching runs asynchronously; the page polls until the partners are there.
    const poti = page.getByRole('article', { name: 'Poti' });
    await poti.waitFor(WAIT);
    // The reasons in short sentences, from Gyumri's side ("you").
    await expect(poti.innerText()).resolves.toMatch(/Both give [^.\n]*Visual arts[^.\n]* high priority\./);
    await expect(poti.innerText()).resolves.toMatch(/Poti offers a venue, which you need\./);
    await expect(poti.innerText()).resolves.toMatch(/You offer artists, which Poti needs\./);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'my-profile.png');

    await poti.getByRole('button', { name: 'Accept the match with Poti' }).click();
    await poti.getByText('You accepted. Waiting for Poti to answer.').waitFor(WAIT);
    await expect(poti.innerText()).resolves.not.toContain('culture@poti.example');

    // Poti accepts too (through the API, as its own member would): now both see each other's contact.
    const potiSession = await localSession(platform.sessionKeyFile, 'culture@poti.example', { profiles: [potiId] });
    await api('POST', `/matches/${potiId}/${gyumriId}/accept`, potiSession);
    await page.getByRole('button', { name: 'Refresh' }).first().click();
    await poti.getByText('Contact: Culture department of Poti').waitFor(WAIT);
    await expect(poti.innerText()).resolves.toContain('culture@poti.example');
  });

  it('answers a mail\'s decline link only after the member confirms on the page', async () => {
    const gyumriSession = await localSession(platform.sessionKeyFile, GYUMRI.email, { profiles: [gyumriId] });
    type Matches = { matches: { partner: { id: string; name: string }; state: string }[] };
    const other = (await api<Matches>('GET', `/profiles/${gyumriId}/matches`, gyumriSession)).matches.find((m) => m.state === 'proposed');
    expect(other).toBeDefined();
    const partner = other?.partner as { id: string; name: string };

    // A fresh tab: no session yet, so the link asks to sign in first and comes back afterwards.
    const page = await newPage();
    await page.goto(`${platform.apiUrl}/#/matches/${gyumriId}/${partner.id}/decline`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor(WAIT);
    await signInThroughMail(page, GYUMRI.email);

    await page.getByRole('heading', { level: 1, name: `Decline the match with ${partner.name}?` }).waitFor(WAIT);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // Opening the link answered nothing.
    const before = (await api<Matches>('GET', `/profiles/${gyumriId}/matches`, gyumriSession)).matches.find((m) => m.partner.id === partner.id);
    expect(before?.state).toBe('proposed');

    await page.getByRole('button', { name: `Decline the match with ${partner.name}` }).click();
    await page.getByText(`You declined ${partner.name}.`).waitFor(WAIT);
    // The card's badge says the state, and its line says what follows, without repeating the badge.
    const card = page.getByRole('article', { name: partner.name });
    await card.getByText('This pair will not be proposed again.').waitFor(WAIT);
    await expect(card.innerText()).resolves.toMatch(/\bDeclined This pair will not be proposed again\./);
    const after = (await api<Matches>('GET', `/profiles/${gyumriId}/matches`, gyumriSession)).matches.find((m) => m.partner.id === partner.id);
    expect(after?.state).toBe('declined');
  });

  it('the coordinator signs in by magic link and sees the match on the dashboard: members, heat-map, graph, waiting list and CSV', async () => {
    const page = await newPage();
    await page.goto(`${platform.apiUrl}/#/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor(WAIT);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const link = await signInThroughMail(page, COORDINATOR);
    await page.getByRole('heading', { level: 1, name: /^Dashboard: EU4Culture/ }).waitFor(WAIT);
    // A link works once: opened again (in another tab), it asks for a new one.
    const again = await newPage();
    await again.goto(link);
    await again.getByText('This sign-in link does not work any more').waitFor(WAIT);
    expect(again.url()).not.toContain('token=');

    const coordinatorSession = await localSession(platform.sessionKeyFile, COORDINATOR, { networks: [EU4CULTURE] });
    type NetworkMatch = { matchId: string; profileIds: string[]; names: string[]; state: string; score: number; topReason?: { kind: string; id?: string } };
    const { matches } = await api<{ matches: NetworkMatch[] }>('GET', `/networks/${EU4CULTURE}/matches`, coordinatorSession);
    const confirmed = matches.find((m) => m.profileIds.includes(gyumriId) && m.profileIds.includes(potiId));
    expect(confirmed?.state).toBe('confirmed');
    const matchId = confirmed?.matchId as string;

    // Members with their status.
    const memberRow = page.locator('tr[data-member="Gyumri"]');
    await expect(memberRow.innerText()).resolves.toMatch(/Gyumri\s+City\s+Armenia\s+active/);
    // The match, confirmed by both, in the table (folded away below the graph: the page stays short) and as an edge of the graph.
    await page.getByText(`Show all ${matches.length} matches`).click();
    await expect(page.locator(`tr[data-match-id="${matchId}"]`).innerText()).resolves.toMatch(/Confirmed by both/);
    expect(await page.locator(`svg.match-graph line[data-match-id="${matchId}"][data-state="confirmed"]`).count()).toBe(1);
    expect(await page.locator('svg.match-graph g[data-member]').count()).toBe(DEMO_MEMBERS.filter((m) => m.profile.networks.includes(EU4CULTURE)).length + 1);
    // Gyumri's priorities in the heat-map, and the same in its table.
    expect(await page.locator('svg.heat-map g[data-member="Gyumri"] g[data-theme="visual-arts"][data-priority="high"]').count()).toBe(1);
    await page.getByText('The heat-map as a table').click();
    const heatRow = page.getByRole('table', { name: 'Priority each member gives to each theme' }).getByRole('row', { name: /^Gyumri/ });
    await expect(heatRow.innerText()).resolves.toContain('High');
    // Matches still waiting, and for whom (the demo's own matches wait for both sides).
    const waiting = page.getByRole('table', { name: /^Matches waiting for an answer/ }).locator('tbody tr');
    expect(await waiting.count()).toBe(matches.filter((m) => m.state === 'proposed' || m.state === 'accepted').length);
    await expect(waiting.first().innerText()).resolves.toMatch(/\tBoth\t/);

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard.png');

    // The CSV export is made in the browser; it reads back as the API's matches (RFC 4180).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^culturebridge-eu4culture-matches-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync(await download.path(), 'utf8');
    // In the page's language (English here): headers, the state in words, the score out of 100 as
    // the pages give it, times a spreadsheet reads as dates on the browser's clocks.
    expect(text.startsWith('\uFEFFMatch,Member A,Member B,State,Score (of 100),Accepted by,Main reason,')).toBe(true);
    const records = parseCsv(text.slice(1));
    expect(records).toHaveLength(matches.length + 1);
    const row = records.find((r) => r[0] === matchId);
    expect(row?.slice(0, 5)).toEqual([matchId, confirmed?.names[0], confirmed?.names[1], 'Confirmed by both', String(Math.round((confirmed?.score ?? 0) * 100))]);
    expect(row?.[7]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(row?.[6]).toBe(describeTopReason(catalogTools('en'), confirmed?.topReason));
    expect(row?.[6]).not.toBe('');
  });

  it('the coordinator imports a member list on the web page, previewing it first, and exports the members', async () => {
    const page = await newPage();
    await page.goto(`${platform.apiUrl}/#/dashboard/${EU4CULTURE}/import`);
    await signInThroughMail(page, COORDINATOR);
    await page.getByRole('heading', { level: 1, name: /^Import members: EU4Culture/ }).waitFor(WAIT);
    // The invitations' language: the row's locale column, else the page's.
    await page.getByText(/locale column \(en, ru, uk, ka, hy, az, ro, kk, uz\); rows without one get English, the language of this page/).waitFor(WAIT);
    // Excel's "CSV UTF-8" in a semicolon locale: a byte-order mark and `;`; one row is wrong.
    const csv = [
      'name;kind;country;region;contact_name;contact_email;themes;languages',
      'Telavi;city;GE;Kakheti;Culture office;culture@telavi.example;cultural-heritage:high|crafts;ka|en',
      'Batumi;harbour;GE;Adjara;Culture office;culture@batumi.example;maritime;ka',
      'Sighnaghi;city;GE;Kakheti;Culture office;culture@sighnaghi.example;cultural-heritage:high;ka|en',
    ].join('\r\n');
    await page.getByLabel('Member list (CSV or XLSX)').setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]) });
    // A preview takes a few seconds on a large list: the page says it is reading meanwhile.
    let releasePreview = () => {};
    const previewHeld = new Promise<void>((resolve) => (releasePreview = resolve));
    await page.route(`**/networks/${EU4CULTURE}/imports`, async (route) => {
      await previewHeld;
      return route.continue();
    });
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('Reading the file…').waitFor(WAIT);
    releasePreview();
    await page.getByText(/CSV, utf-8, separated by ";": 3 rows\. Would create 2, update 0, leave 0 unchanged, keep 0 as their members'; 1 invalid\./).waitFor(WAIT);
    await expect(page.locator('tr[data-row="2"]').innerText()).resolves.toMatch(/Telavi\s+created/);
    expect(await page.getByText('Reading the file…').count()).toBe(0);
    await page.unrouteAll();
    // The problem in the page's words, from its code (the API's English message is the fallback).
    await expect(page.locator('tr[data-problem-row="3"]').first().innerText()).resolves.toMatch(/kind\s+harbour\s+“harbour” is not one of the choices\./);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The preview wrote nothing.
    const coordinatorSession = await localSession(platform.sessionKeyFile, COORDINATOR, { networks: [EU4CULTURE] });
    const names = async () => (await api<{ members: { name: string; status: string }[] }>('GET', `/networks/${EU4CULTURE}/members`, coordinatorSession)).members.map((m) => `${m.name} ${m.status}`);
    expect(await names()).not.toContain('Telavi pending');

    const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the error report (CSV)' }).click()]);
    expect(readFileSync(await report.path(), 'utf8')).toContain('“harbour” is not one of the choices.');
    // The page switched to Russian after the preview: the report downloaded then is Russian too.
    await page.getByLabel('Language', { exact: true }).selectOption('ru');
    const ru = JSON.parse(readFileSync(new URL('../../web/src/i18n/locales/ru.json', import.meta.url), 'utf8')) as { memberImport: { errorReport: string }; app: { language: string } };
    const reportButton = page.getByRole('button', { name: ru.memberImport.errorReport });
    const [inRussian] = await Promise.all([page.waitForEvent('download'), reportButton.click()]);
    expect(readFileSync(await inRussian.path(), 'utf8')).toContain('«harbour» нет среди вариантов.');
    await page.getByLabel(ru.app.language, { exact: true }).selectOption('en');

    // The list takes two calls (one row each here). The second call fails: the page says how far the
    // import got and how to finish it.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/networks/${EU4CULTURE}/imports`, async (route) => {
      const body = route.request().postDataJSON() as { fromRow?: number };
      if (body.fromRow === undefined) return route.continue();
      await held;
      return route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503 }) });
    });
    await page.getByRole('button', { name: 'Import 2 members' }).click();
    await page.getByText('Importing: 1 of 2 members done…').waitFor(WAIT);
    // Leaving meanwhile is asked about first (beforeunload); the page stays.
    const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.type()))));
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);
    const bar = page.getByRole('progressbar', { name: 'Import progress' });
    expect([await bar.getAttribute('value'), await bar.getAttribute('max')]).toEqual(['1', '2']);
    release();
    await page.getByText('1 of 2 members were imported before this. Import the same file again to finish').waitFor(WAIT);
    expect(await names()).toContain('Telavi pending');
    expect(await names()).not.toContain('Sighnaghi pending');
    await page.unrouteAll();

    // Imported again: Telavi is found as the first attempt left it, Sighnaghi is added.
    await page.getByRole('button', { name: 'Import 2 members' }).click();
    await page.getByText("Created 1, updated 0, unchanged 1, kept as their members' 0, invalid 1. New members were sent an invitation to confirm their profile.").waitFor(WAIT);
    // Previewed again, the list has nothing left to import: the button stays off.
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText(/3 rows\. Would create 0, update 0, leave 2 unchanged/).waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Import 0 members' }).isDisabled()).toBe(true);
    // Imported: invited once each, pending until the member confirms.
    expect(await names()).toEqual(expect.arrayContaining(['Telavi pending', 'Sighnaghi pending']));
    expect((await signInLinks(platform, 'culture@telavi.example')).length).toBe(1);
    expect((await signInLinks(platform, 'culture@sighnaghi.example')).length).toBe(1);

    // A file over the limit is named before anything is uploaded.
    await page.getByLabel('Member list (CSV or XLSX)').setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(4 * 1024 * 1024 + 1, 0x20) });
    await page.getByText('This file is 4.1 MB; at most 4 MB can be imported at once.').waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Preview' }).isDisabled()).toBe(true);

    // The same members saved from Excel as a workbook (binary, sent as base64): read from its first
    // sheet, each row found as imported.
    const workbook = await writeXlsxFile(csv.split('\r\n').map((line) => line.split(';')), { sheet: 'Members' }).toBuffer();
    await page.getByLabel('Member list (CSV or XLSX)').setInputFiles({ name: 'members.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: workbook });
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText(/XLSX: 3 rows\. Would create 0, update 0, leave 2 unchanged, keep 0 as their members'; 1 invalid\./).waitFor(WAIT);
    await expect(page.locator('tr[data-row="4"]').innerText()).resolves.toMatch(/Sighnaghi\s+unchanged/);

    await page.goto(`${platform.apiUrl}/#/dashboard/${EU4CULTURE}`);
    // The workbook export: the header, and each member's status as text.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export members (XLSX)' }).click()]);
    expect(xlsx.suggestedFilename()).toBe(`${EU4CULTURE}-members.xlsx`);
    const sheet = await readSheet(readFileSync(await xlsx.path()));
    expect(sheet[0]?.slice(0, 8)).toEqual(['Name', 'Kind', 'Country', 'City or region', 'Contact person', 'Contact e-mail', 'Status', 'Membership']);
    expect(sheet.find((r) => r[0] === 'Telavi')?.slice(6, 8)).toEqual(['pending', 'approved']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export members (CSV with ;)' }).click()]);
    expect(download.suggestedFilename()).toBe(`${EU4CULTURE}-members.csv`);
    const exported = readFileSync(await download.path(), 'utf8');
    // In the page's language: the headers and each member's status in words.
    expect(exported.startsWith('\uFEFFName;Kind;Country;City or region;Contact person;Contact e-mail;Status;Membership;Confirmed partners;Open proposals;Last activity (UTC)\r\n')).toBe(true);
    const rows = parse(exported.slice(1), { delimiter: ';' }) as string[][];
    expect(rows.find((r) => r[0] === 'Telavi')?.slice(6, 8)).toEqual(['pending', 'approved']);
    expect(rows.find((r) => r[0] === 'Gyumri')?.[8]).toBe('Poti');
  });

  it('the member edits its profile, is sent back to sign in when the session has expired, and withdraws the profile', async () => {
    const page = await newPage();
    await page.goto(`${platform.apiUrl}/#/profiles/${gyumriId}`);
    await signInThroughMail(page, GYUMRI.email);
    await page.getByRole('heading', { level: 1, name: /^Gyumri/ }).waitFor(WAIT);

    await page.getByRole('button', { name: 'Edit profile' }).click();
    await expect(page.getByLabel('Contact e-mail').inputValue()).resolves.toBe(GYUMRI.email);
    await page.getByLabel('City or region').fill('Shirak Province');
    await page.getByLabel('Music', { exact: true }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your changes are saved.').waitFor(WAIT);
    await page.getByText('Shirak Province, Armenia').waitFor(WAIT);
    await page.locator('.summary-list').getByText(/Music \(medium\)/).waitFor(WAIT);

    // Someone else saved in between: the API's 409 is explained and nothing is overwritten.
    await page.getByRole('button', { name: 'Edit profile' }).click();
    await page.route(`**/profiles/${gyumriId}`, (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({ status: 409, contentType: 'application/problem+json', body: JSON.stringify({ type: '/problems/version-conflict', title: 'The profile was changed by someone else', status: 409, currentVersion: 9 }) })
        : route.continue(),
    );
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Someone changed this meanwhile').waitFor(WAIT);
    await page.unrouteAll();
    await page.getByRole('button', { name: 'Cancel' }).click();

    // An expired session: API Gateway's authorizer answers 403 {"message":"Forbidden"}.
    await page.route(`**/profiles/${gyumriId}/matches`, (route) => route.fulfill({ status: 403, contentType: 'application/json', body: '{"message":"Forbidden"}' }));
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByText(/Your session has ended: you signed out \(perhaps in another tab\), or it expired after a week without use/).waitFor(WAIT);
    expect(page.url()).toContain('#/sign-in?reason=expired');
    await page.unrouteAll();
    // Signing in again leads back to the profile.
    await signInThroughMail(page, GYUMRI.email);
    await page.getByRole('heading', { level: 1, name: /^Gyumri/ }).waitFor(WAIT);

    await page.getByRole('button', { name: 'Withdraw my profile' }).click();
    await page.getByRole('button', { name: 'Yes, erase my profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your profile was withdrawn' }).waitFor(WAIT);
    const coordinatorSession = await localSession(platform.sessionKeyFile, COORDINATOR, { networks: [EU4CULTURE] });
    const gone = await fetch(`${platform.apiUrl}/profiles/${gyumriId}`, { headers: { authorization: `Bearer ${coordinatorSession}` } });
    expect(gone.status).toBe(404);
  });

  it('shows the schema\'s messages next to each field on a phone, and the API\'s problem+json errors in the same places', async () => {
    const page = await newPage({ width: 390, height: 844 }, true);
    await page.goto(`${platform.apiUrl}/`);
    await page.getByRole('button', { name: 'Send my profile' }).click();

    const summary = page.locator('.error-summary');
    await summary.waitFor(WAIT);
    expect(await page.evaluate('document.activeElement?.className')).toBe('error-summary');
    const expected: [string, RegExp][] = [
      // Phrased in the app from each problem's code, named by the field's label.
      ['#field-kind', /Kind: this is required\./],
      ['#field-name', /Name: this is required\./],
      ['#field-country', /Country: this is required\./],
      ['#field-networks', /Networks you belong to: choose at least 1\./],
      ['#field-contact-name', /Contact person: this is required\./],
      ['#field-contact-email', /Contact e-mail: this is required\./],
      ['#field-themes', /Themes: choose at least 1\./],
      ['#field-languages', /Working languages: choose at least 1\./],
    ];
    for (const [selector, message] of expected) expect(await descriptionOf(page, selector)).toMatch(message);
    expect(await page.locator('#field-name').getAttribute('aria-invalid')).toBe('true');

    // Messages follow the edits, as the schema sees them.
    await page.getByLabel('Contact e-mail').fill('not-an-email');
    expect(await descriptionOf(page, '#field-contact-email')).toMatch(/Contact e-mail: enter an e-mail address such as culture@city\.example\./);
    // The form applies the domain's one-line text rule, as the API does, phrased from its code.
    await page.getByLabel('Name', { exact: true }).fill('\u200b\u200b');
    expect(await descriptionOf(page, '#field-name')).toMatch(/Name: write at least one visible character\./);
    await page.getByLabel('Name', { exact: true }).fill('');
    // The summary leads to its field.
    await summary.getByRole('button', { name: 'Name: this is required.', exact: true }).click();
    expect(await page.evaluate('document.activeElement?.id')).toBe('field-name');
    // Nothing is wider than the phone.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'form-phone.png');

    // A valid profile, answered by a problem only the server can know about.
    await page.getByLabel('Organisation', { exact: true }).check();
    await page.getByLabel('Name', { exact: true }).fill('Tbilisi Photo Festival');
    await page.getByLabel('Country').selectOption('GE');
    await page.getByRole('group', { name: 'Networks you belong to' }).getByLabel(/^EU4Culture/).check();
    await page.getByLabel('Contact person').fill('Nino');
    await page.getByLabel('Contact e-mail').fill('festival@tbilisi-photo.example');
    await page.getByLabel('Music', { exact: true }).focus();
    await page.keyboard.press('Space');
    await page.getByLabel('Visual arts', { exact: true }).check();
    await page.getByRole('group', { name: 'Working languages' }).getByLabel('Georgian').check();
    expect(await summary.count()).toBe(0);

    await page.route('**/profiles', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fulfill({
        status: 400,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: '/problems/invalid-fields',
          title: 'Your request has invalid fields',
          status: 400,
          detail: '2 fields are invalid: name, themes[1].priority.',
          errors: [
            { field: 'name', pointer: '#/name', detail: 'a profile with this name already exists in eu4culture' },
            { field: 'themes[1].priority', pointer: '#/themes/1/priority', detail: 'priority is not accepted for this theme' },
          ],
        }),
      });
    });
    await page.getByRole('button', { name: 'Send my profile' }).click();
    await summary.waitFor(WAIT);
    expect(await descriptionOf(page, '#field-name')).toMatch(/A profile with this name already exists in eu4culture/);
    // themes[1] is the second theme sent, in taxonomy order: Music.
    await expect(page.locator('#field-themes-music-error').innerText()).resolves.toMatch(/Priority is not accepted for this theme/);
    expect(await descriptionOf(page, '#field-themes-visual-arts')).toBe('');
    // A server message goes once its field changes.
    await page.getByLabel('Name', { exact: true }).fill('Tbilisi Photo Festival 2027');
    expect(await page.locator('#field-name-error').count()).toBe(0);
  });

  it('keeps a keyboard user\'s place: after each answer, edit, save or cancel, focus is on what took the pressed button\'s place, never back at the page\'s start', async () => {
    const kutaisi = DEMO_MEMBERS.find((m) => m.profile.name === 'Kutaisi');
    const kutaisiId = ids[DEMO_MEMBERS.findIndex((m) => m.profile.name === 'Kutaisi')] as string;
    const email = kutaisi?.profile.contact.email as string;
    type Matches = { matches: { matchId: string; partner: { id: string; name: string }; state: string; acceptedBy: string[] }[] };
    const session = await localSession(platform.sessionKeyFile, email, { profiles: [kutaisiId] });
    const open = (await api<Matches>('GET', `/profiles/${kutaisiId}/matches`, session)).matches.filter((m) => m.state === 'proposed' && !m.acceptedBy.includes(kutaisiId));
    expect(open.length).toBeGreaterThanOrEqual(3);
    const [first, second, third] = open as [Matches['matches'][number], Matches['matches'][number], Matches['matches'][number]];

    const page = await newPage({ width: 390, height: 844 }, true);
    await page.goto(`${platform.apiUrl}/#/profiles/${kutaisiId}`);
    await signInThroughMail(page, email);
    const focused = () => page.evaluate('document.activeElement === document.body ? "(the page)" : (document.activeElement?.textContent ?? "").trim()') as Promise<string>;
    const focusIsIn = (selector: string) => page.evaluate(`Boolean(document.activeElement?.closest(${JSON.stringify(selector)}))`) as Promise<boolean>;
    const press = async (name: string | RegExp, within = page.locator('body')) => {
      await within.getByRole('button', { name }).focus();
      await page.keyboard.press('Enter');
    };

    // Accepting: the button goes, focus goes to the card's state line, which says what happened.
    const card = page.getByRole('article', { name: first.partner.name });
    await press(`Accept the match with ${first.partner.name}`, card);
    await card.getByText(`You accepted. Waiting for ${first.partner.name} to answer.`).waitFor(WAIT);
    expect(await focusIsIn(`[aria-labelledby="match-${first.matchId}"]`), await focused()).toBe(true);
    expect(await focused()).toContain(`You accepted. Waiting for ${first.partner.name} to answer.`);

    // Declining asks first; keeping the match returns to Decline; declining for good lands on the card.
    const other = page.getByRole('article', { name: second.partner.name });
    await press(`Decline the match with ${second.partner.name}`, other);
    expect(await focused()).toBe(`Yes, decline ${second.partner.name}`);
    await press('Keep the match', other);
    expect(await focused()).toBe(`Decline the match with ${second.partner.name}`);
    await press(`Decline the match with ${second.partner.name}`, other);
    await press(`Yes, decline ${second.partner.name}`, other);
    // The state line, not the question, which says the same words before the answer is sent.
    await other.locator('.match-card__state', { hasText: 'This pair will not be proposed again.' }).waitFor(WAIT);
    expect(await focusIsIn(`[aria-labelledby="match-${second.matchId}"]`), await focused()).toBe(true);

    // An answer still on its way when the member moves on does not pull focus back to its card.
    {
      let answered = () => undefined as void;
      const inFlight = new Promise<void>((resolve) => (answered = resolve));
      await page.route(`**/matches/${kutaisiId}/${third.partner.id}/accept`, async (route) => {
        await inFlight;
        await route.continue();
      });
      const thirdCard = page.getByRole('article', { name: third.partner.name });
      await press(`Accept the match with ${third.partner.name}`, thirdCard);
      await press('Edit profile');
      expect(await focusIsIn('section[aria-labelledby="profile-title"]'), await focused()).toBe(true);
      answered();
      await thirdCard.locator('.match-card__state', { hasText: `You accepted. Waiting for ${third.partner.name} to answer.` }).waitFor(WAIT);
      await page.unrouteAll();
      expect(await focusIsIn('section[aria-labelledby="profile-title"]'), await focused()).toBe(true);
      await press('Cancel');
    }

    // Editing: the form opens with focus in it; Cancel and Save return to Edit profile. While the
    // save is under way the pressed button keeps focus (a disabled button drops it).
    await press('Edit profile');
    expect(await focusIsIn('section[aria-labelledby="profile-title"]'), await focused()).toBe(true);
    await press('Cancel');
    expect(await focused()).toBe('Edit profile');
    await press('Edit profile');
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/profiles/${kutaisiId}`, async (route) => {
      if (route.request().method() === 'PUT') await held;
      await route.continue();
    });
    await press('Save changes');
    await page.getByRole('button', { name: 'Sending…' }).waitFor(WAIT);
    expect(await focused()).toBe('Sending…');
    release();
    await page.getByText('Your changes are saved.').waitFor(WAIT);
    await page.unrouteAll();
    expect(await focused()).toBe('Edit profile');

    // Withdrawing asks first; keeping the profile returns to the button.
    await press('Withdraw my profile');
    expect(await focused()).toBe('Yes, erase my profile');
    await press('Keep it');
    expect(await focused()).toBe('Withdraw my profile');
  });

  it('tells a member what would improve its matches only once a network approved it, without calling proposals it does not have weaker', async () => {
    const kutaisi = DEMO_MEMBERS.find((m) => m.profile.name === 'Kutaisi');
    const kutaisiId = ids[DEMO_MEMBERS.findIndex((m) => m.profile.name === 'Kutaisi')] as string;
    const page = await newPage({ width: 390, height: 844 }, true);
    // Kutaisi as it would be with no proposal and no formats chosen (the API's hints say so), first
    // while EU4Culture has not yet approved it.
    let membership = 'requested';
    await page.route(`**/profiles/${kutaisiId}`, async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      const profile = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...profile, memberships: { [EU4CULTURE]: membership } } });
    });
    await page.route(`**/profiles/${kutaisiId}/matches`, (route) => route.fulfill({ json: { profileId: kutaisiId, matches: [], hints: [{ kind: 'add-formats', field: 'formats' }] } }));
    await page.goto(`${platform.apiUrl}/#/profiles/${kutaisiId}`);
    await signInThroughMail(page, kutaisi?.profile.contact.email as string);
    const hints = page.getByRole('note', { name: 'Get better matches' });

    // Not approved yet: no partner can be proposed whatever the profile says, and the page says why.
    await page.getByText('The coordinators of EU4Culture approve new members first; we propose partners as soon as one of them does.').waitFor(WAIT);
    expect(await hints.count()).toBe(0);

    // Approved, and still nothing proposed: the hints, which do not speak of weaker proposals.
    membership = 'approved';
    await page.getByRole('button', { name: 'Refresh' }).click();
    await hints.waitFor(WAIT);
    expect(await hints.innerText()).toContain('You have no proposals yet. Edit your profile below to:');
    expect(await hints.innerText()).not.toContain('weaker');
    await page.getByText('No partners proposed yet.', { exact: false }).waitFor(WAIT);
    await page.unrouteAll();
  });

  it('asks before changing a profile\'s contact address, keeps the profile with the old one while the new one waits (a typo can be cancelled), and moves it only when the new address opens its link', async () => {
    const sevan = DEMO_MEMBERS.find((m) => m.profile.name === 'Sevan');
    const sevanId = ids[DEMO_MEMBERS.findIndex((m) => m.profile.name === 'Sevan')] as string;
    const email = sevan?.profile.contact.email as string;
    const typo = 'culture@sevan-ctiy.example';
    const moved = 'culture@sevan-city.example';
    const page = await newPage({ width: 390, height: 844 }, true);
    await page.goto(`${platform.apiUrl}/#/profiles/${sevanId}`);
    await signInThroughMail(page, email);
    const session = await localSession(platform.sessionKeyFile, email, { profiles: [sevanId] });
    const stored = () => api<{ contact: { email: string }; pendingContact?: { email: string } }>('GET', `/profiles/${sevanId}`, session);
    const change = async (address: string) => {
      await page.getByRole('button', { name: 'Edit profile' }).click();
      await page.getByLabel('Contact e-mail').fill(address);
      await page.getByRole('button', { name: 'Save changes' }).click();
      const question = page.getByRole('group', { name: `Move this profile to ${address}?` });
      await question.waitFor(WAIT);
      return question;
    };

    // Asked first, naming the address and that the profile stays this address's until then; going back changes nothing.
    const question = await change(typo);
    expect(await page.evaluate('(document.activeElement?.textContent ?? "").trim()')).toBe(`Yes, send the link to ${typo}`);
    expect(await question.innerText()).toContain(`Sevan stays yours, with ${email}, until the link is opened there`);
    await question.getByRole('button', { name: 'Check the address again' }).click();
    expect(await page.getByLabel('Contact e-mail').inputValue()).toBe(typo);
    expect(await stored()).not.toHaveProperty('pendingContact');

    const seenTypo = (await signInLinks(platform, typo)).length;
    await page.getByRole('button', { name: 'Save changes' }).click();
    await question.getByRole('button', { name: `Yes, send the link to ${typo}` }).click();
    // The profile stays on the page, still this browser's, with the change that waits and a way to cancel it.
    const waiting = page.getByRole('status').filter({ hasText: `Waiting for ${typo} to confirm` });
    await waiting.waitFor(WAIT);
    expect(await waiting.innerText()).toContain(`Sevan stays yours, with ${email}, until ${typo} confirms the change with the link we sent there.`);
    // The change waits on one mailed link: the notice says how a lost or expired one is replaced.
    expect(await waiting.innerText()).toContain(`No mail at ${typo}, or its link expired? Cancel the change, then enter the new address again`);
    // It lapses a week after its link was sent (CONTACT_CHANGE_LIFETIME_DAYS): the notice says when.
    const { pendingContact } = await api<{ pendingContact: { requestedAt: string } }>('GET', `/profiles/${sevanId}`, session);
    const lapses = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(Date.parse(pendingContact.requestedAt) + 7 * 86_400_000));
    expect(await waiting.innerText()).toContain(`If ${typo} has not confirmed it by ${lapses}, the change lapses and Sevan stays with ${email}.`);
    await screenshot(page, 'contact-change-waiting.png');
    await page.getByRole('heading', { level: 1, name: /^Sevan\b/ }).waitFor(WAIT);
    expect(await stored()).toMatchObject({ contact: { email }, pendingContact: { email: typo } });
    await nextSignInLink(platform, typo, seenTypo);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A typo: cancelled from the notice, the profile keeps its address and the notice goes.
    await waiting.getByRole('button', { name: `Cancel the change and keep ${email}` }).click();
    await waiting.waitFor({ state: 'detached', ...WAIT });
    expect(await stored()).not.toHaveProperty('pendingContact');
    expect(await page.evaluate('document.activeElement?.id')).toBe('profile-title');

    // The right address, whose link, opened there, makes the profile its own.
    const seen = (await signInLinks(platform, moved)).length;
    await (await change(moved)).getByRole('button', { name: `Yes, send the link to ${moved}` }).click();
    await page.getByRole('status').filter({ hasText: `Waiting for ${moved} to confirm` }).waitFor(WAIT);
    const link = await nextSignInLink(platform, moved, seen);
    const theirs = await newPage();
    await theirs.goto(link);
    await theirs.getByRole('heading', { level: 1, name: `Make c…@sevan-city.example the contact address of Sevan` }).waitFor(WAIT);
    // The link's use is held back until the page is checked: the profile is shown only once the change is applied.
    // (A name is matched as a case-insensitive substring: 'Sevan' alone also matches this page's own heading, "… the contact address of Sevan".)
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await theirs.route('**/auth/verify', async (route) => {
      await held;
      await route.continue();
    });
    const profileHeading = theirs.getByRole('heading', { level: 1, name: /^Sevan\b/ });
    await theirs.getByRole('button', { name: 'Confirm the new address' }).click();
    expect(await profileHeading.count()).toBe(0);
    release();
    await profileHeading.waitFor(WAIT);
    await theirs.unroute('**/auth/verify');
    expect(await api<{ contact: { email: string } }>('GET', `/profiles/${sevanId}`, await localSession(platform.sessionKeyFile, moved, { profiles: [sevanId] }))).toMatchObject({ contact: { email: moved } });
    expect(await theirs.getByText(`Waiting for ${moved} to confirm`).count()).toBe(0);
  });

  it('says so when it cannot learn whether the browser is signed in (the API failing), and tries again on request', async () => {
    const page = await newPage();
    await page.route('**/me', (route) => route.fulfill({ status: 502, contentType: 'application/json', body: '{"message":"Internal Server Error"}' }));
    await page.goto(`${platform.apiUrl}/#/dashboard/${EU4CULTURE}`);
    await page.getByText('Something went wrong on our side').waitFor(WAIT);
    expect(await page.getByText('Checking whether you are signed in…').count()).toBe(0);
    await page.unrouteAll();
    await page.getByRole('button', { name: 'Try again' }).click();
    // The API answers again: a browser without a session is asked to sign in.
    await page.getByLabel('Your e-mail address').waitFor(WAIT);
    expect(await page.getByText('Something went wrong on our side').count()).toBe(0);
  });

  it('a member the coordinator takes out of the network is mailed, and its own page, opened from the mail, says its membership ended', async () => {
    const rivne = DEMO_MEMBERS.findIndex((m) => m.profile.name === 'Rivne');
    const [id, email] = [ids[rivne] as string, DEMO_MEMBERS[rivne]?.profile.contact.email as string];
    const coordinator = await localSession(platform.sessionKeyFile, COORDINATOR, { networks: [EU4CULTURE] });
    await api('POST', `/networks/${EU4CULTURE}/requests/${id}/reject`, coordinator);
    const link = await pollUntil(
      'the mail that the membership of Rivne ended',
      async () => {
        const mail = (await localMails(platform.ses.endpoint)).find((m) => m.destination.to.includes(email) && m.subject === 'CultureBridge · EU4Culture: Rivne is no longer a member of the network');
        return mail ? /https?:\/\/\S+#\/profiles\/[0-9a-f-]+/.exec(mail.body.text ?? '')?.[0] : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    expect(link).toBe(`${platform.apiUrl}/#/profiles/${id}`);

    const page = await newPage();
    await page.goto(link);
    await signInThroughMail(page, email);
    await page.getByRole('heading', { level: 1, name: /^Rivne\b/ }).waitFor(WAIT);
    const note = page.getByRole('status').filter({ hasText: 'Rivne is not a member of EU4Culture' });
    await note.waitFor(WAIT);
    await expect(note.innerText()).resolves.toContain('The coordinators of EU4Culture ended the membership or turned down the request to join: Rivne is not proposed to the network\'s members. If you think this is a mistake, write to the network\'s coordinator.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Approved again: the note is gone.
    await api('POST', `/networks/${EU4CULTURE}/requests/${id}/approve`, coordinator);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /^Rivne\b/ }).waitFor(WAIT);
    await page.getByRole('heading', { level: 2, name: 'Proposed partners' }).waitFor(WAIT);
    expect(await page.getByText('Rivne is not a member of EU4Culture').count()).toBe(0);
  });
});
