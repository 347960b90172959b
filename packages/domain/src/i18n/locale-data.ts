import type { LocaleData } from './catalog.js';
import type { Locale } from './locales.js';
import { az } from './locales/az.js';
import { en } from './locales/en.js';
import { hy } from './locales/hy.js';
import { ka } from './locales/ka.js';
import { kk } from './locales/kk.js';
import { ro } from './locales/ro.js';
import { ru } from './locales/ru.js';
import { uk } from './locales/uk.js';
import { uz } from './locales/uz.js';

/** Every locale's strings and synonyms, one file each under `locales/`. */
export const LOCALE_DATA: Readonly<Record<Locale, LocaleData>> = { en, ru, uk, ka, hy, az, ro, kk, uz };
