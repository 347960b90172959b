import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LOCALES, REGION_COUNTRY_CODES, REGION_LANGUAGE_CODES, localeData, type Locale, type ProfileInput } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { freePort } from '../../local/free-port.js';
import type { Platform } from '../../local/platform.js';
import { localSession } from '../../local/sessions.js';
import { NetworkStore } from '@culturebridge/store';
import { seedNetworks } from '../../local/demo/seed.js';
import { platformDocumentClient, startTestPlatform, submitProfile } from '../support/platform.js';
import { labelsBelowTheirBox, launchChromium, screenshot, seriousAccessibilityViolations } from './support/chromium.js';
import { catalogString as at, webCatalog as web } from './support/catalog.js';
import { nextSignInLink, signInLinks } from './support/mail.js';

/**
 * The web app in other languages, in Debian's chromium against the whole local platform: a Georgian
 * reader fills in and submits the form, an Armenian member reads a match with its reasons, and
 * axe-core finds nothing serious in any of the nine languages. Expected words come from the very
 * catalogs the app ships (plus a few written out here, so a broken catalog cannot pass unnoticed).
 */

const WAIT = { timeout: 20_000 };
const ka = web('ka');
/** A country's name in a locale's domain catalog (the names the region's countries have everywhere). */
const countryNameInCatalog = (locale: Locale, code: string) => (localeData(locale).messages.country as Record<string, string>)[code] as string;
const kaDomain = localeData('ka').messages;

const GYUMRI: ProfileInput = validProfileInput({
  name: 'Գյումրի',
  country: 'AM',
  region: 'Շիրակ',
  contact: { name: 'Անի', email: 'culture@gyumri-hy.example' },
  themes: [{ id: 'visual-arts', priority: 'high' }],
  offers: ['artists'],
  needs: ['venue'],
  languages: ['hy', 'en'],
  locale: 'hy',
});
const KUTAISI: ProfileInput = validProfileInput({
  name: 'ქუთაისი',
  country: 'GE',
  contact: { name: 'ნინო', email: 'culture@kutaisi-ka.example' },
  themes: [{ id: 'visual-arts', priority: 'high' }],
  offers: ['venue'],
  needs: ['artists'],
  languages: ['ka', 'en'],
  locale: 'ka',
});

let platform: Platform;
let browser: Browser;
const contexts: BrowserContext[] = [];
let gyumriId = '';

beforeAll(async () => {
  const apiPort = await freePort();
  [platform, browser] = await Promise.all([startTestPlatform('browser-languages', { apiPort }), launchChromium()]);
  // The networks as the operator adds them (#19), so the form lists them by their real names.
  const doc = platformDocumentClient(platform);
  await seedNetworks(new NetworkStore(doc, platform.tableName), () => undefined);
  doc.destroy();
  gyumriId = await submitProfile(platform, GYUMRI);
  await submitProfile(platform, KUTAISI);
  await platform.settle();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await platform?.stop();
});

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
let gyumriBrowser: StorageState | undefined;

/**
 * Gyumri's signed-in browser state (its session cookie), made once: a sign-in link asked for through
 * the API, opened and used with a click, as a member does. Later tabs reuse the cookie, so the
 * per-mailbox sign-in limit is not spent once per language.
 */
async function gyumriSignedIn(): Promise<StorageState> {
  if (gyumriBrowser) return gyumriBrowser;
  const context = await browser.newContext({ locale: 'en-GB' });
  contexts.push(context);
  const page = await context.newPage();
  const email = GYUMRI.contact.email;
  const seen = (await signInLinks(platform, email)).length;
  const asked = await fetch(`${platform.apiUrl}/auth/magic-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
  expect(asked.status).toBe(202);
  await page.goto(await nextSignInLink(platform, email, seen));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/#\/profiles/, WAIT);
  // The cookie only: the language this tab remembered must not follow into the others.
  gyumriBrowser = { cookies: (await context.storageState()).cookies, origins: [] };
  return gyumriBrowser;
}

/** A tab whose browser prefers `browserLocale` (navigator.languages), optionally signed in as Gyumri. */
async function newPage(browserLocale: string, signedIn = false): Promise<Page> {
  const context = await browser.newContext({ locale: browserLocale, viewport: { width: 1280, height: 900 }, ...(signedIn ? { storageState: await gyumriSignedIn() } : {}) });
  contexts.push(context);
  return context.newPage();
}

const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

describe('the web app in its members\' languages', () => {
  it('fills in and submits the form with the UI in Georgian, the browser\'s language', async () => {
    const page = await newPage('ka-GE');
    await page.goto(`${platform.apiUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'იპოვეთ პარტნიორები კულტურული თანამშრომლობისთვის' }).waitFor(WAIT);
    expect(await htmlLang(page)).toBe('ka');
    expect(await page.getByLabel(at(ka, 'app.language'), { exact: true }).inputValue()).toBe('ka');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // An empty submit: the problems in Georgian, named by their Georgian field labels.
    await page.getByRole('button', { name: at(ka, 'interest.submit') }).click();
    await page.locator('.error-summary').waitFor(WAIT);
    await expect(page.locator('.error-summary').innerText()).resolves.toContain('სახელწოდება: სავალდებულოა.');

    await page.getByLabel(at(kaDomain, 'kind.city'), { exact: true }).check();
    await page.getByLabel(at(ka, 'fieldName.name'), { exact: true }).fill('ზუგდიდი');
    await page.getByLabel(at(ka, 'fieldName.country')).selectOption('GE');
    // Country names in Georgian (Intl.DisplayNames), sorted as Georgian sorts (Intl.Collator).
    expect(await page.locator('#field-country option[value="GE"]').innerText()).toBe('საქართველო');
    await page.getByLabel(at(ka, 'fieldName.region')).fill('სამეგრელო');
    await page.getByRole('group', { name: at(ka, 'fieldName.networks') }).getByLabel(/^EU4Culture/).check();
    await page.getByLabel(at(ka, 'fieldName.contact.name')).fill('თამარი');
    await page.getByLabel(at(ka, 'fieldName.contact.email')).fill('culture@zugdidi-ka.example');
    const visualArts = at(kaDomain, 'theme.visual-arts');
    await page.getByLabel(visualArts, { exact: true }).check();
    await page.getByLabel(`თემის „${visualArts}“ პრიორიტეტი`).selectOption('high');
    await page.getByRole('group', { name: at(ka, 'fieldName.offers') }).getByLabel(at(kaDomain, 'resource.venue')).check();
    await page.getByRole('group', { name: at(ka, 'fieldName.needs') }).getByLabel(at(kaDomain, 'resource.artists')).check();
    await page.getByRole('group', { name: at(ka, 'fieldName.languages') }).getByLabel('ქართული').check();
    // The language of the member's mails starts as the reader's, and follows the page's language
    // until the member chooses one (switched after the form opened, it stayed on the first).
    expect(await page.getByLabel(at(ka, 'fieldName.locale')).inputValue()).toBe('ka');
    const hy = web('hy');
    await page.getByLabel(at(ka, 'app.language'), { exact: true }).selectOption('hy');
    expect(await page.getByLabel(at(hy, 'fieldName.locale')).inputValue()).toBe('hy');
    await page.getByLabel(at(hy, 'app.language'), { exact: true }).selectOption('ka');
    expect(await page.getByLabel(at(ka, 'fieldName.locale')).inputValue()).toBe('ka');
    expect(await page.locator('.error-summary').count()).toBe(0);
    await screenshot(page, 'form-ka.png');

    const seen = (await signInLinks(platform, 'culture@zugdidi-ka.example')).length;
    await page.getByRole('button', { name: at(ka, 'interest.submit') }).click();
    await page.getByRole('heading', { level: 1, name: 'შეამოწმეთ ელფოსტა' }).waitFor(WAIT);
    await page.getByText('გმადლობთ: მივიღეთ „ზუგდიდი“-ის პროფილი.').waitFor(WAIT);
    // It promises partners only after the network's coordinators approve, as they must (it said "as
    // soon as the address is confirmed").
    await page.getByText(/კოორდინატორები წევრობას დაამტკიცებენ/).waitFor(WAIT);

    // The confirmation link's page asks first (in Georgian), then confirms and signs in; My profile is
    // Georgian too, the member's name marked as Georgian text.
    await page.goto(await nextSignInLink(platform, 'culture@zugdidi-ka.example', seen));
    await page.getByRole('heading', { level: 1, name: 'დაადასტურეთ პროფილი „ზუგდიდი“ ქსელისთვის EU4Culture' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'პროფილის „ზუგდიდი“ დადასტურება' }).click();
    await page.getByText(at(ka, 'myProfile.confirmed')).waitFor(WAIT);
    const heading = page.getByRole('heading', { level: 1 });
    expect(await heading.locator('[lang]').first().getAttribute('lang')).toBe('ka');
    expect(await heading.locator('[lang]').first().innerText()).toBe('ზუგდიდი');
    expect(await htmlLang(page)).toBe('ka');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'my-profile-ka.png');

    // The stored preference, read back by its owner.
    const id = decodeURIComponent(/#\/profiles\/([^?]+)/.exec(page.url())?.[1] ?? '');
    const token = await localSession(platform.sessionKeyFile, 'culture@zugdidi-ka.example', { profiles: [id] });
    const stored = (await (await fetch(`${platform.apiUrl}/profiles/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { locale?: string };
    expect(stored.locale).toBe('ka');
  });

  it('reads a match and its reasons in Armenian, chosen with the switcher and remembered', async () => {
    const page = await newPage('en-GB', true);
    await page.goto(`${platform.apiUrl}/#/profiles/${gyumriId}`);
    await page.getByRole('heading', { level: 2, name: 'Proposed partners' }).waitFor(WAIT);
    expect(await htmlLang(page)).toBe('en');

    await page.getByLabel('Language', { exact: true }).selectOption('hy');
    await page.getByRole('heading', { level: 2, name: 'Առաջարկված գործընկերներ' }).waitFor(WAIT);
    // Remembered: a reload keeps Armenian although the browser prefers English.
    await page.reload();
    const partner = page.getByRole('article', { name: 'ქუთაისი' });
    await partner.waitFor(WAIT);
    expect(await htmlLang(page)).toBe('hy');

    const text = await partner.innerText();
    // From Gyumri's side ("you"), one short sentence per point, in Armenian.
    expect(text).toContain('Երկու կողմերի համար բարձր առաջնահերթություն ունեն՝ Կերպարվեստ։');
    expect(text).toContain('Դուք առաջարկում եք արվեստագետներ, ինչը փնտրում է ქუთაისი։');
    expect(text).toContain('ქუთაისი առաջարկում է տարածք, ինչը ձեզ պետք է։');
    // Country and language names in Armenian although Chromium has no Armenian CLDR data.
    expect(text).toMatch(/Սահմաններից անդին՝ (Հայաստան և Վրաստան|Վրաստան և Հայաստան)։/);
    expect(text).toContain('Քաղաք · Imereti, Վրաստան');
    expect(text).toContain('Ընդհանուր լեզու՝ անգլերեն։');
    // The network by its short name, as the mails name it, not its record's English description.
    expect(text).toContain('Ընդհանուր ցանց՝ EU4Culture։');
    expect(text).not.toContain('cities of');
    expect(text).toContain('Առաջարկված');
    // The partner's name is marked as the Georgian it is, inside the Armenian page.
    expect(await partner.getByRole('heading').locator('[lang]').getAttribute('lang')).toBe('ka');
    expect(await page.getByRole('heading', { level: 1 }).locator('[lang]').getAttribute('lang')).toBe('hy');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'match-hy.png');
  });

  it('names every country and working language of the form in each of the nine languages, never by a bare code', async () => {
    /** The form's country list and "other language" list, as [code, the words shown]. */
    const choices = async (locale: Locale) => {
      const page = await newPage(locale);
      await page.goto(`${platform.apiUrl}/`);
      await page.getByRole('heading', { level: 1, name: at(web(locale), 'interest.title') }).waitFor(WAIT);
      const options = (select: string) =>
        page.evaluate(`[...document.querySelectorAll('${select} option:not([value=""])')].map((o) => [o.value, o.textContent.trim()])`) as Promise<[string, string][]>;
      const lists = { countries: await options('#field-country'), languages: await options('#field-languages select') };
      await page.close();
      return lists;
    };
    const bare = (list: readonly (readonly [string, string])[]) => list.filter(([code, words]) => words.toLowerCase() === code.toLowerCase()).map(([code]) => code);
    const english = await choices('en');
    expect(english.countries.length).toBeGreaterThan(200);
    for (const locale of LOCALES) {
      const { countries, languages } = await choices(locale);
      expect(countries.length, locale).toBe(english.countries.length);
      expect(languages.length, locale).toBe(english.languages.length);
      // Chromium lists Azerbaijani, Kazakh and Uzbek but has no country or language names for them
      // (asked in those, Intl.DisplayNames answered "AF", "AX", "af"), and its English lacks some 50
      // languages' names (Abkhaz, Avar, Chechen, Ossetian…): the catalogs name those.
      expect(bare(countries), `${locale} countries`).toEqual([]);
      expect(bare(languages), `${locale} languages`).toEqual([]);
    }
  });

  it('offers the networks\' countries and languages first in each of the nine languages, each part in the language\'s own order', async () => {
    // Chromium has no Georgian or Armenian names (nor collation): one sorted list began with some
    // 235 English names, and Georgia or Armenia came after all of them.
    const script: Partial<Record<Locale, RegExp>> = { ka: /^[\u10A0-\u10FF]/, hy: /^[\u0530-\u058F]/, ru: /^[\u0400-\u04FF]/, uk: /^[\u0400-\u04FF]/, kk: /^[\u0400-\u04FF]/ };
    for (const locale of LOCALES) {
      const page = await newPage(locale);
      await page.goto(`${platform.apiUrl}/`);
      await page.getByRole('heading', { level: 1, name: at(web(locale), 'interest.title') }).waitFor(WAIT);
      /** A select's option groups as {label, options: [code, words][], sorted: each option after the one before, by the page's own collator}. */
      const groups = (select: string) =>
        page.evaluate(`[...document.querySelectorAll('${select} optgroup')].map((g) => {
          const options = [...g.querySelectorAll('option')].map((o) => [o.value, o.textContent.trim()]);
          const collator = new Intl.Collator(document.documentElement.lang, { sensitivity: 'base', numeric: true });
          return { label: g.label, options, sorted: options.every((o, i) => i === 0 || collator.compare(options[i - 1][1], o[1]) <= 0) };
        })`) as Promise<{ label: string; options: [string, string][]; sorted: boolean }[]>;
      const countries = await groups('#field-country');
      const languages = await groups('#field-languages select');
      expect(countries.map((g) => g.label), locale).toEqual([at(web(locale), 'form.regionCountries'), at(web(locale), 'form.otherCountries')]);
      expect(countries[0]?.options.map(([code]) => code).sort(), locale).toEqual([...REGION_COUNTRY_CODES].sort());
      expect(countries.map((g) => g.sorted), locale).toEqual([true, true]);
      expect(countries[1]?.options.length, locale).toBeGreaterThan(200);
      // The first country is named in the reader's own script, from the catalog where Chromium has no name.
      if (script[locale]) expect(countries[0]?.options[0]?.[1], locale).toMatch(script[locale]);
      expect(countries[0]?.options.map(([, words]) => words).sort(), locale).toEqual(REGION_COUNTRY_CODES.map((code) => countryNameInCatalog(locale, code)).sort());

      expect(languages.map((g) => g.label), locale).toEqual([at(web(locale), 'form.regionLanguages'), at(web(locale), 'form.otherLanguages')]);
      expect(languages[0]?.options.length, locale).toBeGreaterThan(0);
      expect(languages[0]?.options.every(([code]) => (REGION_LANGUAGE_CODES as readonly string[]).includes(code)), locale).toBe(true);
      expect(languages[1]?.options.some(([code]) => (REGION_LANGUAGE_CODES as readonly string[]).includes(code)), locale).toBe(false);
      expect(languages.map((g) => g.sorted), locale).toEqual([true, true]);
      if (script[locale]) expect(languages[0]?.options[0]?.[1], locale).toMatch(script[locale]);
      await page.close();
    }
  });

  it('joins a list with the reader\'s word for "and" in each of the nine languages', async () => {
    for (const locale of LOCALES) {
      const page = await newPage(locale, true);
      await page.goto(`${platform.apiUrl}/#/profiles/${gyumriId}`);
      const row = page.locator('.summary-list__row').filter({ has: page.getByText(at(web(locale), 'summary.languages'), { exact: true }) });
      await row.waitFor(WAIT);
      // Gyumri works in Armenian and English. Chromium lists Kazakh for Intl.ListFormat but has only
      // the root pattern, which wrote "армян, ағылшын" with no "and".
      expect(await row.locator('dd').innerText(), locale).toContain(` ${at(localeData(locale).messages, 'listAnd')} `);
      await page.close();
    }
  });

  it('lays the form out on a 390 px phone in each of the nine languages: every label beside its box, nothing wider than the phone', async () => {
    for (const locale of LOCALES) {
      const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${platform.apiUrl}/`);
      await page.getByRole('heading', { level: 1, name: at(web(locale), 'interest.title') }).waitFor(WAIT);
      // Every theme chosen, so that each shows its priority beside its name.
      for (const theme of await page.locator('#field-themes input[type=checkbox]').all()) await theme.check();
      // "EU4Culture: cities of Armenia, …" and Armenian's long words ("Ֆինանսավորման համատեղ հայտ")
      // wrapped as a whole onto the line below their checkbox.
      expect(await labelsBelowTheirBox(page), locale).toEqual([]);
      expect(await page.evaluate('document.documentElement.scrollWidth'), locale).toBeLessThanOrEqual(390);
      if (locale === 'hy') await screenshot(page, 'form-phone-hy.png');
      await page.close();
    }
  });

  it('writes numbers as each of the nine languages writes them', async () => {
    for (const locale of LOCALES) {
      const page = await newPage(locale);
      await page.goto(`${platform.apiUrl}/`);
      const hint = page.locator('#field-description-hint');
      await hint.waitFor(WAIT);
      await page.locator('#field-description').fill('ა'.repeat(1234));
      // Node has the whole of CLDR; Chromium has no number symbols for Georgian, Armenian,
      // Azerbaijani, Kazakh and Uzbek, and wrote "1,234 / 4,000" in all of them.
      const text = await hint.innerText();
      expect(text, locale).toContain(new Intl.NumberFormat(locale).format(1234));
      expect(text, locale).toContain(new Intl.NumberFormat(locale).format(4000));
      await page.close();
    }
  });

  it('writes a chosen day out in the app\'s language beside the native date input, which the browser draws in its own', async () => {
    const page = await newPage('en-US');
    await page.goto(`${platform.apiUrl}/`);
    await page.getByLabel('Language', { exact: true }).selectOption('uk');
    const from = page.locator('#field-availability-from');
    await from.fill('2026-12-01');
    const chosen = page.locator('#field-availability-from-chosen');
    await expect(chosen.innerText()).resolves.toBe('вівторок, 1 грудня 2026 р.');
    expect(await from.getAttribute('aria-describedby')).toContain('field-availability-from-chosen');
    await page.close();
  });

  it('has no serious or critical accessibility violation in any of the nine languages', async () => {
    for (const locale of LOCALES) {
      const page = await newPage(locale, true);
      await page.goto(`${platform.apiUrl}/`);
      await page.getByRole('heading', { level: 1, name: at(web(locale), 'interest.title') }).waitFor(WAIT);
      expect(await htmlLang(page), locale).toBe(locale);
      await page.getByRole('button', { name: at(web(locale), 'interest.submit') }).click();
      await page.locator('.error-summary').waitFor(WAIT);
      expect(await seriousAccessibilityViolations(page), `${locale} form`).toEqual([]);

      await page.goto(`${platform.apiUrl}/#/profiles/${gyumriId}`);
      await page.getByRole('article', { name: 'ქუთაისი' }).waitFor(WAIT);
      expect(await seriousAccessibilityViolations(page), `${locale} my profile`).toEqual([]);
      await page.close();
    }
  });
});
