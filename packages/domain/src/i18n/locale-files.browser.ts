import az from '../../locales/az.json';
import en from '../../locales/en.json';
import hy from '../../locales/hy.json';
import ka from '../../locales/ka.json';
import kk from '../../locales/kk.json';
import ro from '../../locales/ro.json';
import ru from '../../locales/ru.json';
import uk from '../../locales/uk.json';
import uz from '../../locales/uz.json';

/**
 * The web app's copy of the domain's catalogs (package.json `imports`, condition `browser`): Vite
 * bundles all nine, as the app shows every label and reason in the reader's language without a
 * round trip. Node reads the same files from disk instead (`locale-files.node.ts`).
 */
const CATALOGS: Readonly<Record<string, unknown>> = { en, ru, uk, ka, hy, az, ro, kk, uz };

export function readCatalogFile(locale: string): unknown {
  const catalog = CATALOGS[locale];
  if (catalog === undefined) throw new Error(`CultureBridge locale catalog ${locale}.json is not bundled`);
  return catalog;
}
