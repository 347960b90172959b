import type { Locale, Messages } from '@culturebridge/domain';
import az from './locales/az.json';
import en from './locales/en.json';
import hy from './locales/hy.json';
import ka from './locales/ka.json';
import kk from './locales/kk.json';
import ro from './locales/ro.json';
import ru from './locales/ru.json';
import uk from './locales/uk.json';
import uz from './locales/uz.json';

/** The web app's own strings, one JSON file per locale (docs/translations.md says how to correct one). */
export const WEB_MESSAGES: Readonly<Record<Locale, Messages>> = { en, ru, uk, ka, hy, az, ro, kk, uz };
