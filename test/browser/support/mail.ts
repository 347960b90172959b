import { localMails } from '../../../local/ses-local.js';
import { pollUntil } from '../../../local/poll.js';
import type { Page } from 'playwright-core';
import type { Platform } from '../../../local/platform.js';

const SIGN_IN_LINK = /https?:\/\/[^\s"<>]+#\/sign-in\?token=[A-Za-z0-9_%-]+/;

/** The sign-in (or confirmation) links mailed to an address so far, oldest first. */
export async function signInLinks(platform: Platform, address: string): Promise<string[]> {
  const mails = (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(address));
  return mails.flatMap((m) => SIGN_IN_LINK.exec(m.body.text ?? '')?.[0] ?? []);
}

/** Waits for a link newer than the `seen` ones already there. */
export async function nextSignInLink(platform: Platform, address: string, seen: number): Promise<string> {
  return pollUntil(
    `a sign-in link mailed to ${address}`,
    async () => {
      const links = await signInLinks(platform, address);
      return links.length > seen ? links.at(-1) : undefined;
    },
    { timeoutMs: 15_000, intervalMs: 100 },
  );
}

/** Signs in from the sign-in form the page shows, with the link SES local received; returns the link. */
export async function signInThroughMail(platform: Platform, page: Page, email: string, timeout = 20_000): Promise<string> {
  await page.getByLabel('Your e-mail address').waitFor({ timeout });
  const seen = (await signInLinks(platform, email)).length;
  await page.getByLabel('Your e-mail address').fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.getByText('Check your e-mail').waitFor({ timeout });
  const link = await nextSignInLink(platform, email, seen);
  await page.goto(link);
  // The link's page says what will happen and acts only on the click.
  await page.getByRole('heading', { level: 1, name: /^Sign in as [^@\s]…@/ }).waitFor({ timeout });
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  return link;
}
