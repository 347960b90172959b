import { describe, expect, it } from 'vitest';
import { environmentLocale } from './cli-locale.js';

describe("a command's language from the terminal's", () => {
  it('reads LC_ALL, then LC_MESSAGES, then LANG, as POSIX does: the first one set decides', () => {
    expect(environmentLocale({ LANG: 'uk_UA.UTF-8' })).toBe('uk');
    expect(environmentLocale({ LANG: 'ka_GE.UTF-8', LC_MESSAGES: 'ru_RU.UTF-8' })).toBe('ru');
    expect(environmentLocale({ LANG: 'ka_GE.UTF-8', LC_MESSAGES: 'ru_RU.UTF-8', LC_ALL: 'uz_UZ.UTF-8@latin' })).toBe('uz');
    // Empty counts as unset.
    expect(environmentLocale({ LANG: 'ro_MD.UTF-8', LC_ALL: '' })).toBe('ro');
    expect(environmentLocale({ LANG: 'hy' })).toBe('hy');
  });

  it('is none for C/POSIX, for nothing set, and for a language the app does not speak (even when a later variable names one it does)', () => {
    expect(environmentLocale({})).toBeUndefined();
    expect(environmentLocale({ LANG: 'C.UTF-8' })).toBeUndefined();
    expect(environmentLocale({ LANG: 'POSIX' })).toBeUndefined();
    expect(environmentLocale({ LANG: 'ru_RU.UTF-8', LC_ALL: 'de_DE.UTF-8' })).toBeUndefined();
  });
});
