import { isLocale, type Locale } from '@culturebridge/domain';

/**
 * The language a terminal asks for, as POSIX picks it for messages: the first of LC_ALL,
 * LC_MESSAGES and LANG that is set and not empty decides ("uk_UA.UTF-8" → "uk"). None for C or
 * POSIX, when none is set, or when the one that decides names a language the app does not speak
 * (a later variable is not consulted then: the terminal asked for that language).
 */
export function environmentLocale(env: NodeJS.ProcessEnv = process.env): Locale | undefined {
  const setting = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  const language = setting?.split(/[_.@-]/)[0]?.toLowerCase();
  return language !== undefined && isLocale(language) ? language : undefined;
}
