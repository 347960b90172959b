import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where the domain's catalogs (`<locale>.json`) are found in Node, in this order:
 * - beside the bundle: a Lambda's `index.mjs` is this module bundled, and the stack copies
 *   packages/domain/locales into its asset as `locales/` (infra NodeFunction, afterBundling);
 * - in the source tree, when running from source (tsx, vitest, `npm start`): packages/domain/locales.
 * Only the locales a process actually renders are read, once each, on first use.
 */
export const CATALOG_DIRS: readonly URL[] = [new URL('./locales/', import.meta.url), new URL('../../locales/', import.meta.url)];

/** The parsed `<locale>.json`; throws (naming where it looked) when no directory holds it. */
export function readCatalogFile(locale: string): unknown {
  for (const dir of CATALOG_DIRS) {
    let text: string;
    try {
      text = readFileSync(new URL(`${locale}.json`, dir), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    return JSON.parse(text) as unknown;
  }
  throw new Error(`CultureBridge locale catalog ${locale}.json not found in ${CATALOG_DIRS.map((dir) => fileURLToPath(dir)).join(' or ')}`);
}
