import type { Page } from 'playwright-core';

/**
 * Makes the page ask a paged list of the API (`path`: its route without the query) for `limit`
 * items a page, whatever it asks, so that a small demo network's list takes several answers.
 * Returns every request's URL as it was sent (before the rewrite), in order.
 */
export async function askingPagesOf(page: Page, path: string, limit: number): Promise<URL[]> {
  const asked: URL[] = [];
  await page.route(new RegExp(`${path}(\\?|$)`), async (route) => {
    const url = new URL(route.request().url());
    asked.push(new URL(url));
    url.searchParams.set('limit', String(limit));
    await route.continue({ url: url.toString() });
  });
  return asked;
}
