import type { Browser } from 'playwright-core';
import { CoordinatorStore, NetworkStore } from '@culturebridge/store';
import { seedCoordinators, seedDemo, seedNetworks } from '../../../local/demo/seed.js';
import { freePort } from '../../../local/free-port.js';
import type { Platform } from '../../../local/platform.js';
import { platformDocumentClient, startTestPlatform } from '../../support/platform.js';
import { launchChromium } from './chromium.js';

/**
 * The whole local platform seeded as `npm start` seeds it (demo networks, coordinators and members), and a
 * chromium. The API's own port is in APP_BASE_URL, so the links in the mails open this very app.
 * `ids` are the demo members' profile ids in the order of DEMO_MEMBERS.
 */
export async function startSeededPlatform(prefix: string): Promise<{ platform: Platform; browser: Browser; ids: string[] }> {
  const apiPort = await freePort();
  const [platform, browser] = await Promise.all([startTestPlatform(prefix, { apiPort }), launchChromium()]);
  const doc = platformDocumentClient(platform);
  await seedNetworks(new NetworkStore(doc, platform.tableName), () => undefined);
  await seedCoordinators(new CoordinatorStore(doc, platform.tableName), () => undefined);
  doc.destroy();
  const ids = await seedDemo(platform.apiUrl, platform.sessionKeyFile, () => undefined);
  await platform.settle();
  return { platform, browser, ids };
}
