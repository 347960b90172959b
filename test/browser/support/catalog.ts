import { readFileSync } from 'node:fs';
import type { Locale, Messages } from '@culturebridge/domain';
import { DEMO_MEMBERS } from '../../../local/demo/networks.js';

/** The web app's catalog of a locale, as it ships: tests expect the very words the app shows. */
export function webCatalog(locale: Locale): Messages {
  return JSON.parse(readFileSync(new URL(`../../../web/src/i18n/locales/${locale}.json`, import.meta.url), 'utf8')) as Messages;
}

/** A catalog string by its dotted key; like i18next, a key may itself hold a dot ("fieldName" → "contact.name"). */
export function catalogString(messages: Messages, key: string): string {
  const parts = key.split('.');
  let value: Messages | string | undefined = messages;
  for (let i = 0; i < parts.length && typeof value === 'object'; i++) {
    const flat: Messages | string | undefined = value[parts.slice(i).join('.')];
    if (typeof flat === 'string') return flat;
    value = value[parts[i] as string];
  }
  if (typeof value !== 'string') throw new Error(`no string at ${key}`);
  return value;
}

/** A demo member of a seeded platform by its name: its profile id (`ids` in DEMO_MEMBERS' order) and contact address. */
export function demoMember(ids: readonly string[], name: string): { id: string; email: string } {
  const index = DEMO_MEMBERS.findIndex((m) => m.profile.name === name);
  if (index < 0 || ids[index] === undefined) throw new Error(`no demo member ${name}`);
  return { id: ids[index], email: DEMO_MEMBERS[index]?.profile.contact.email as string };
}

/** The contact address of a seeded demo member by its profile id. */
export function demoMemberEmail(ids: readonly string[], id: string): string {
  const email = DEMO_MEMBERS[ids.indexOf(id)]?.profile.contact.email;
  if (email === undefined) throw new Error(`no demo member with id ${id}`);
  return email;
}
