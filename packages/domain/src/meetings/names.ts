import type { Locale } from '../i18n/locales.js';
import { translator } from '../i18n/translate.js';

/**
 * The name a meeting's views, files and mails give a participant in `locale`: its profile's public
 * name, or, for a member whose profile was erased since (a held round keeps the pair, as it
 * happened), "a member who has left" in that language (`mail.departedMember`).
 */
export function participantNames(profiles: ReadonlyMap<string, { name: string }>, locale: Locale): (profileId: string) => string {
  const departed = translator(locale)('mail.departedMember');
  return (profileId) => profiles.get(profileId)?.name ?? departed;
}
