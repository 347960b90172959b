import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium: playwright-core drives it, nothing is downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

export const SCREENSHOTS = resolve('test-results/browser');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core's serious and critical findings on the page as it is now, one line each. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  if ((await page.evaluate('typeof axe')) === 'undefined') await page.addScriptTag({ content: axe.source });
  const violations = (await page.evaluate('axe.run({ resultTypes: ["violations"] }).then((r) => r.violations)')) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The text of the elements an input's `aria-describedby` names: its hint and its error messages. */
export async function descriptionOf(page: Page, selector: string): Promise<string> {
  const ids = ((await page.locator(selector).getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
  return texts.join(' ');
}

/**
 * The checkboxes and radio buttons whose label begins on a line below the box (the label wrapped
 * away from it as a whole), as "#id: label". A label's first line box must start above the bottom of
 * its box.
 */
export async function labelsBelowTheirBox(page: Page): Promise<string[]> {
  return (await page.evaluate(`[...document.querySelectorAll('input[type=checkbox], input[type=radio]')]
    .filter((input) => input.id && input.getClientRects().length > 0)
    .flatMap((input) => {
      const label = document.querySelector('label[for="' + CSS.escape(input.id) + '"]');
      if (!label) return [];
      const range = document.createRange();
      range.selectNodeContents(label);
      const firstLine = range.getClientRects()[0];
      const box = input.getBoundingClientRect();
      return firstLine && firstLine.top >= box.bottom ? ['#' + input.id + ': ' + label.textContent] : [];
    })`)) as string[];
}
