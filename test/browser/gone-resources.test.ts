import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ProfileInput, type Locale } from '@culturebridge/domain';
import { EU4CULTURE } from '../../local/demo/networks.js';
import type { Platform } from '../../local/platform.js';
import { localSession } from '../../local/sessions.js';
import { catalogString as at, demoMember, demoMemberEmail, webCatalog as web } from './support/catalog.js';
import { screenshot } from './support/chromium.js';
import { nextSignInLink, signInLinks } from './support/mail.js';
import { startSeededPlatform } from './support/seeded-platform.js';

/**
 * A page showing something that is erased, or moved to another contact address, in another tab
 * (or by someone else) meanwhile: its next refresh answers 404. The page says what happened, in the
 * reader's language, and offers the next step; it never goes on showing the old data. Then a match
 * that changed meanwhile, and typed work on the profile form that survives a reload, the back
 * button and a save made meanwhile in another tab.
 */

const WAIT = { timeout: 20_000 };
const COORDINATOR = 'coordinator@eu4culture.example';
const en = web('en');
const ka = web('ka');
const uk = web('uk');
const ro = web('ro');
const hy = web('hy');

let platform: Platform;
let browser: Browser;
let ids: string[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ({ platform, browser, ids } = await startSeededPlatform('gone'));
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await platform?.stop();
});

const member = (name: string) => demoMember(ids, name);

/** A browser (in `locale`, on a phone if asked) signed in as `email` with a link asked for through the API and used with a click. */
async function signedIn(email: string, { locale = 'en', phone = false }: { locale?: Locale; phone?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: locale === 'en' ? 'en-GB' : locale, ...(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}) });
  contexts.push(context);
  const page = await context.newPage();
  const seen = (await signInLinks(platform, email)).length;
  const asked = await fetch(`${platform.apiUrl}/auth/magic-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
  expect(asked.status).toBe(202);
  await page.goto(await nextSignInLink(platform, email, seen));
  await page.getByRole('button', { name: at(web(locale), 'signIn.signInButton'), exact: true }).click();
  await page.waitForURL((url) => !url.hash.startsWith('#/sign-in'), WAIT);
  await page.close();
  return context;
}

async function call(method: string, path: string, session: string, body?: unknown): Promise<Response> {
  return fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${session}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function openProfile(context: BrowserContext, id: string, partners = at(en, 'myProfile.partners')): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${platform.apiUrl}/#/profiles/${id}`);
  await page.getByRole('heading', { level: 2, name: partners }).waitFor(WAIT);
  return page;
}

describe('a page whose resource is gone', () => {
  it('my profile, withdrawn in another tab: Refresh says so in the member\'s language (Georgian) and offers the form, not the old profile', async () => {
    const zugdidi = member('Zugdidi');
    const context = await signedIn(zugdidi.email);
    const page = await openProfile(context, zugdidi.id);
    await page.getByLabel('Language', { exact: true }).selectOption('ka');
    await page.getByRole('heading', { level: 2, name: at(ka, 'myProfile.partners') }).waitFor(WAIT);
    expect(await page.getByRole('heading', { level: 1, name: /Zugdidi/ }).count()).toBe(1);

    // The other tab withdraws it.
    const other = await openProfile(context, zugdidi.id, at(ka, 'myProfile.partners'));
    await other.getByRole('button', { name: at(ka, 'myProfile.withdraw') }).click();
    await other.getByRole('button', { name: at(ka, 'myProfile.yesErase') }).click();
    await other.getByRole('heading', { level: 1, name: at(ka, 'myProfile.withdrawnTitle') }).waitFor(WAIT);

    await page.getByRole('button', { name: at(ka, 'common.refresh') }).click();
    await page.getByRole('heading', { level: 1, name: at(ka, 'myProfile.goneTitle') }).waitFor(WAIT);
    expect(await page.getByText(at(ka, 'myProfile.goneLead')).count()).toBe(1);
    // Nothing of the old profile stays to be read or acted on.
    expect(await page.getByText('Zugdidi').count()).toBe(0);
    expect(await page.getByRole('button', { name: at(ka, 'myProfile.edit') }).count()).toBe(0);
    expect(await page.getByRole('button', { name: at(ka, 'common.refresh') }).count()).toBe(0);
    // The address keeps no other profile: the next step is the form.
    await page.getByRole('link', { name: at(ka, 'myProfile.fillForm') }).click();
    await page.waitForURL((url) => url.hash === '' || url.hash === '#/', WAIT);
  });

  it('my profile, moved to another address in another tab: Refresh says so, and offers the address\'s other profile', async () => {
    const poti = member('Poti');
    const session = await localSession(platform.sessionKeyFile, poti.email, { profiles: [poti.id] });
    const read = await call('GET', `/profiles/${poti.id}`, session);
    expect(read.status).toBe(200);
    const stored = (await read.json()) as Record<string, unknown> & { version: number };
    const input = Object.fromEntries(Object.keys(ProfileInput.shape).filter((k) => k in stored).map((k) => [k, stored[k]])) as ProfileInput;
    const { version } = stored;
    // The same address keeps a second profile.
    const second = await call('POST', '/profiles', session, { ...input, name: 'Poti Maritime Museum', contact: { ...input.contact } });
    expect(second.status).toBe(201);

    const context = await signedIn(poti.email);
    const page = await openProfile(context, poti.id);
    // Moved in another tab (or by the member's colleague), and the new address opened the link
    // mailed to it: the profile is that address's now.
    const newAddress = 'culture@poti-city.example';
    const seen = (await signInLinks(platform, newAddress)).length;
    const moved = await call('PUT', `/profiles/${poti.id}`, session, { ...input, version, contact: { ...input.contact, email: newAddress } });
    expect(moved.status).toBe(200);
    const token = /token=([A-Za-z0-9_-]+)/.exec(await nextSignInLink(platform, newAddress, seen))?.[1];
    const verified = await fetch(`${platform.apiUrl}/auth/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    expect(((await verified.json()) as { confirmed: string[] }).confirmed).toEqual([poti.id]);

    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('heading', { level: 1, name: at(en, 'myProfile.goneTitle') }).waitFor(WAIT);
    expect(await page.getByText(at(en, 'myProfile.goneLead')).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 2, name: at(en, 'myProfile.partners') }).count()).toBe(0);
    await page.getByRole('link', { name: at(en, 'myProfile.toProfiles') }).click();
    // The only profile left opens at once.
    await page.getByRole('heading', { level: 1, name: /Poti Maritime Museum/ }).waitFor(WAIT);
  });

  it('an answer to a match of a profile withdrawn in another tab says the profile is gone, not "Not found" on the card', async () => {
    const kutaisi = member('Kutaisi');
    const context = await signedIn(kutaisi.email);
    const page = await openProfile(context, kutaisi.id);
    const accept = page.getByRole('button', { name: /^Accept/ }).first();
    await accept.waitFor(WAIT);
    const session = await localSession(platform.sessionKeyFile, kutaisi.email, { profiles: [kutaisi.id] });
    expect((await call('DELETE', `/profiles/${kutaisi.id}`, session)).status).toBe(204);

    await accept.click();
    await page.getByRole('heading', { level: 1, name: at(en, 'myProfile.goneTitle') }).waitFor(WAIT);
    expect(await page.getByText(at(en, 'problem.notFound.title')).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Accept/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: at(en, 'myProfile.fillForm') }).count()).toBe(1);
  });

  it('the coordinator\'s page of a member who withdrew meanwhile: removing it says the member is gone and leads back to the dashboard', async () => {
    const rivne = member('Rivne');
    const context = await signedIn(COORDINATOR);
    const page = await context.newPage();
    await page.goto(`${platform.apiUrl}/#/dashboard/${EU4CULTURE}/members/${rivne.id}`);
    await page.getByRole('heading', { level: 1, name: 'Rivne' }).waitFor(WAIT);

    const session = await localSession(platform.sessionKeyFile, rivne.email, { profiles: [rivne.id] });
    expect((await call('DELETE', `/profiles/${rivne.id}`, session)).status).toBe(204);

    await page.getByRole('button', { name: 'Remove from EU4Culture' }).click();
    await page.getByRole('button', { name: 'Remove Rivne' }).click();
    await page.getByRole('heading', { level: 1, name: at(en, 'member.goneTitle') }).waitFor(WAIT);
    expect(await page.getByText(at(en, 'member.goneLead')).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 2, name: at(en, 'member.contact') }).count()).toBe(0);
    await page.getByRole('link', { name: /^← Dashboard: EU4Culture/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Dashboard: EU4Culture/ }).waitFor(WAIT);
  });
});

describe('a page whose match changed meanwhile', () => {
  it('accepting a proposal the partner declined meanwhile (a phone, in Ukrainian) says so and shows the match as declined, with nothing left to press', async () => {
    const poltava = member('Poltava');
    const context = await signedIn(poltava.email, { locale: 'uk', phone: true });
    const page = await openProfile(context, poltava.id, at(uk, 'myProfile.partners'));
    const session = await localSession(platform.sessionKeyFile, poltava.email, { profiles: [poltava.id] });
    const listed = (await (await call('GET', `/profiles/${poltava.id}/matches`, session)).json()) as { matches: { state: string; partner: { id: string; name: string } }[] };
    const partner = listed.matches.find((m) => m.state === 'proposed')?.partner;
    if (!partner) throw new Error('Poltava has no open proposal');
    const card = page.getByRole('article', { name: partner.name });
    const accept = card.getByRole('button', { name: new RegExp(`^${at(uk, 'match.accept')}`) });
    await accept.waitFor(WAIT);

    // The partner declines in its own browser while this page is open.
    const partnerSession = await localSession(platform.sessionKeyFile, demoMemberEmail(ids, partner.id), { profiles: [partner.id] });
    expect((await call('POST', `/matches/${partner.id}/${poltava.id}/decline`, partnerSession)).status).toBe(200);

    await accept.click();
    await card.getByText(at(uk, 'problem.matchState.state.declined')).waitFor(WAIT);
    // The card says where the match stands now, and offers no answer it would refuse again.
    await card.getByText(at(uk, 'match.status.declined')).waitFor(WAIT);
    expect(await card.getByText(at(uk, 'match.status.waitingYou')).count()).toBe(0);
    expect(await card.getByRole('button').count()).toBe(0);
    await screenshot(page, 'stale-accept-declined-uk.png');
  });
});

describe('typed work on the profile form', () => {
  it('a member editing on a phone (Romanian) keeps what it typed through a reload and through the back button and forward again, and saves it', async () => {
    const cahul = member('Cahul');
    const context = await signedIn(cahul.email, { locale: 'ro', phone: true });
    const page = await openProfile(context, cahul.id, at(ro, 'myProfile.partners'));
    // Leaving the app asks first; the test answers as a member who leaves anyway.
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    });
    await page.getByRole('button', { name: at(ro, 'myProfile.edit') }).click();
    const description = page.locator('#field-description');
    const text = 'Un festival de film în aer liber pe malul Prutului, cu parteneri din Ucraina.';
    await description.fill(text);
    await page.locator('#field-region').fill('Sudul Moldovei');

    await page.reload();
    await page.getByText(at(ro, 'form.draft.restored')).waitFor(WAIT);
    expect(await description.inputValue()).toBe(text);
    expect(await page.locator('#field-region').inputValue()).toBe('Sudul Moldovei');

    await page.goBack();
    await page.waitForURL((url) => !url.hash.startsWith('#/profiles'), WAIT);
    expect(asked).toContain('beforeunload');
    await page.goForward();
    await page.getByText(at(ro, 'form.draft.restored')).waitFor(WAIT);
    expect(await description.inputValue()).toBe(text);
    await screenshot(page, 'draft-restored-ro.png');

    await page.getByRole('button', { name: at(ro, 'myProfile.saveChanges') }).click();
    await page.getByText(at(ro, 'myProfile.savedChanges')).waitFor(WAIT);
    const session = await localSession(platform.sessionKeyFile, cahul.email, { profiles: [cahul.id] });
    const stored = (await (await call('GET', `/profiles/${cahul.id}`, session)).json()) as { description: string; region: string };
    expect([stored.description, stored.region]).toEqual([text, 'Sudul Moldovei']);
    // Saved, the draft is gone: a reload shows the profile, not the form.
    await page.reload();
    await page.getByRole('button', { name: at(ro, 'myProfile.edit') }).waitFor(WAIT);
    expect(await page.getByText(at(ro, 'form.draft.restored')).count()).toBe(0);
  });

  it('two tabs editing the same profile (a phone, Ukrainian): the later save keeps its typed work on top of the earlier one and names the field both changed', async () => {
    const vinnytsia = member('Vinnytsia');
    const context = await signedIn(vinnytsia.email, { locale: 'uk', phone: true });
    const [first, second] = [await openProfile(context, vinnytsia.id, at(uk, 'myProfile.partners')), await openProfile(context, vinnytsia.id, at(uk, 'myProfile.partners'))];
    for (const tab of [first, second]) await tab.getByRole('button', { name: at(uk, 'myProfile.edit') }).click();

    await first.locator('#field-region').fill('Поділля');
    await first.locator('#field-description').fill('Перша вкладка');
    await first.getByRole('button', { name: at(uk, 'myProfile.saveChanges') }).click();
    await first.getByText(at(uk, 'myProfile.savedChanges')).waitFor(WAIT);

    const mine = 'Спільний фестиваль сучасного танцю з містами Молдови.';
    await second.locator('#field-description').fill(mine);
    await second.locator('#field-freeTags').fill('сучасний танець');
    await second.getByRole('button', { name: at(uk, 'myProfile.saveChanges') }).click();
    await second.getByText(at(uk, 'form.draft.carriedOver')).waitFor(WAIT);
    // The other tab's region is in the form now; this tab's description and tags stay, and the
    // description, changed in both, is named.
    expect(await second.locator('#field-region').inputValue()).toBe('Поділля');
    expect(await second.locator('#field-description').inputValue()).toBe(mine);
    expect(await second.locator('#field-freeTags').inputValue()).toBe('сучасний танець');
    await second.getByText(at(uk, 'form.draft.overlapping').replace('{{fields}}', at(uk, 'fieldName.description'))).waitFor(WAIT);
    await screenshot(second, 'draft-carried-over-uk.png');

    await second.getByRole('button', { name: at(uk, 'myProfile.saveChanges') }).click();
    await second.getByText(at(uk, 'myProfile.savedChanges')).waitFor(WAIT);
    const session = await localSession(platform.sessionKeyFile, vinnytsia.email, { profiles: [vinnytsia.id] });
    const stored = (await (await call('GET', `/profiles/${vinnytsia.id}`, session)).json()) as { description: string; region: string; freeTags: string[] };
    expect([stored.region, stored.description, stored.freeTags]).toEqual(['Поділля', mine, ['сучасний танець']]);
  });

  it('the mail preferences saved over a change made in another tab (Armenian): the page reads the profile again at once, keeps the member\'s choices, names the one changed in both places, and the next Save keeps the other change', async () => {
    const ijevan = member('Ijevan');
    const context = await signedIn(ijevan.email, { locale: 'hy' });
    const page = await context.newPage();
    await page.goto(`${platform.apiUrl}/#/preferences/profiles/${ijevan.id}`);
    const frequency = page.locator('#field-mailFrequency');
    await frequency.waitFor(WAIT);
    await frequency.selectOption('immediate');
    await page.locator('#profile-locale').selectOption('ru');

    // Meanwhile, elsewhere: the description and the mail frequency change.
    const session = await localSession(platform.sessionKeyFile, ijevan.email, { profiles: [ijevan.id] });
    const read = (await (await call('GET', `/profiles/${ijevan.id}`, session)).json()) as Record<string, unknown>;
    const input = Object.fromEntries(Object.keys(ProfileInput.shape).filter((key) => read[key] !== undefined).map((key) => [key, read[key]]));
    const elsewhere = 'Իջևանի արհեստների և ժամանակակից արվեստի փառատոն։';
    expect((await call('PUT', `/profiles/${ijevan.id}`, session, { ...input, description: elsewhere, mailFrequency: 'weekly', version: read.version })).status).toBe(200);

    await page.getByRole('button', { name: at(hy, 'common.save'), exact: true }).click();
    await page.getByText(at(hy, 'prefs.changedElsewhere')).waitFor(WAIT);
    await page.getByText(at(hy, 'prefs.overlapping').replace('{{fields}}', at(hy, 'mailFrequency.label'))).waitFor(WAIT);
    // Not the generic conflict that asks the member to start again.
    expect(await page.getByText(at(hy, 'problem.conflict.detail')).count()).toBe(0);
    expect(await frequency.inputValue()).toBe('immediate');
    expect(await page.locator('#profile-locale').inputValue()).toBe('ru');
    await screenshot(page, 'prefs-changed-elsewhere-hy.png');

    await page.getByRole('button', { name: at(hy, 'common.save'), exact: true }).click();
    await page.getByText(at(hy, 'common.saved')).waitFor(WAIT);
    const stored = (await (await call('GET', `/profiles/${ijevan.id}`, session)).json()) as { description: string; mailFrequency: string; locale: string };
    expect([stored.description, stored.mailFrequency, stored.locale]).toEqual([elsewhere, 'immediate', 'ru']);
  });

  it('signing out in one tab drops the typed profile work of every other tab of the browser (a shared computer): its draft leaves sessionStorage and the form leaves the page', async () => {
    const sevan = member('Sevan');
    const context = await signedIn(sevan.email, { locale: 'ka' });
    const editing = await openProfile(context, sevan.id, at(ka, 'myProfile.partners'));
    editing.on('dialog', (dialog) => void dialog.accept());
    await editing.getByRole('button', { name: at(ka, 'myProfile.edit') }).click();
    const typed = 'სევანის ტბის ფოტოგამოფენა, კონტაქტი: ანი, +374 10 00 00 00';
    await editing.locator('#field-description').fill(typed);
    const drafts = () => editing.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('culturebridge-profile-draft:')).length);
    expect(await drafts()).toBe(1);

    const other = await openProfile(context, sevan.id, at(ka, 'myProfile.partners'));
    await other.getByRole('button', { name: at(ka, 'app.nav.signOut') }).click();
    await other.waitForURL((url) => url.hash.startsWith('#/sign-in'), WAIT);

    await expect.poll(drafts, WAIT).toBe(0);
    await expect.poll(() => editing.locator('#field-description').count(), WAIT).toBe(0);
  });

  it('the interest form, half filled in by someone not signed in, comes back after a reload', async () => {
    const context = await browser.newContext({ locale: 'ro', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${platform.apiUrl}/#/`);
    await page.locator('#field-name').fill('Teatrul din Soroca');
    await page.locator('#field-contact-email').fill('teatru@soroca.example');
    await page.reload();
    await page.getByText(at(ro, 'form.draft.restored')).waitFor(WAIT);
    expect(await page.locator('#field-name').inputValue()).toBe('Teatrul din Soroca');
    // Discarded, it is gone for good.
    await page.getByRole('button', { name: at(ro, 'form.draft.discard') }).click();
    expect(await page.locator('#field-name').inputValue()).toBe('');
    await page.reload();
    await page.locator('#field-name').waitFor(WAIT);
    expect(await page.locator('#field-name').inputValue()).toBe('');
    expect(await page.getByText(at(ro, 'form.draft.restored')).count()).toBe(0);
  });
});

describe('my profile after a save', () => {
  it('leaving the only network that approved it (a phone, Ukrainian): the partners proposed there leave the page by themselves as matching catches up', async () => {
    const lankaran = member('Lankaran');
    const context = await signedIn(lankaran.email, { locale: 'uk', phone: true });
    const page = await openProfile(context, lankaran.id, at(uk, 'myProfile.partners'));
    const cards = page.locator('article.match-card');
    await cards.first().waitFor(WAIT);

    await page.getByRole('button', { name: at(uk, 'myProfile.edit') }).click();
    await page.locator('#field-networks-eunic-caucasus-central-asia').check();
    await page.locator('#field-networks-eu4culture').uncheck();
    await page.getByRole('button', { name: at(uk, 'myProfile.saveChanges') }).click();
    await page.getByText(at(uk, 'myProfile.savedChanges')).waitFor(WAIT);
    // Matching withdraws the EU4Culture proposals after the save's answer: the page looks again
    // without the member pressing Refresh.
    await expect.poll(() => cards.count(), WAIT).toBe(0);
  });
});
