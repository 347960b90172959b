import { MAGIC_LINK, maskAddress, newMagicToken } from '@culturebridge/auth';
import { composeSignInMail, DEFAULT_LOCALE, type Locale, type Profile, type SignInMailSubject, type SignInPurpose } from '@culturebridge/domain';
import type { Mailer } from '@culturebridge/mail';
import { addressHash, type ProfileStore, type SignInStore, type SuppressionStore } from '@culturebridge/store';

/*
 * Mailing a sign-in, confirmation or invitation link: profiles-api's sign-in service, member-lists'
 * imports and the operator's import command (scripts/members.ts) all send links this one way.
 */

/** Where a link mail that was not sent is noted (no address: personal data stays out of logs). */
export interface WarnLogger {
  warn(message: string, ...extra: unknown[]): void;
}

/** What mailing a link needs: the operator's import command uses it without the API's session key. */
export interface MagicLinkDeps {
  logger: WarnLogger;
  signIns: SignInStore;
  suppressions: SuppressionStore;
  mailer: Mailer;
  /** The web app's origin, for links in sign-in mails (never taken from the request). */
  appBaseUrl: string;
  profiles: Pick<ProfileStore, 'get'>;
  /**
   * The networks an invitation names, by their display names, as one list in `locale`. Only the
   * senders of invitations (member-lists, the import command) pass it (see `invitationNetworks`):
   * profiles-api sends none, and stays without the network settings store.
   */
  invitationNetworks?: (networkIds: readonly string[], locale: Locale) => Promise<string>;
}

/**
 * What a link's mail names: a confirmation its profile, an invitation also the networks that listed
 * it, by their display names (callers pass only the profile's id, so the names are read here, once
 * for every caller). Undefined when the profile is gone by now: there is nothing left to confirm.
 */
async function mailSubjectOf(deps: MagicLinkDeps, purpose: SignInPurpose, about: LinkProfile | undefined, locale: Locale, contactChange: boolean): Promise<SignInMailSubject | undefined> {
  if (purpose === 'sign-in') return { purpose };
  const profile = typeof about === 'string' ? await deps.profiles.get(about) : about;
  if (!profile) return undefined;
  if (purpose === 'confirm-profile') return { purpose, profile: profile.name, ...(contactChange ? { contactChange } : {}) };
  if (!deps.invitationNetworks) throw new Error('an invitation names its networks: pass invitationNetworks (member-lists and the import command do)');
  return { purpose, profile: profile.name, network: await deps.invitationNetworks(profile.networks, locale) };
}

/**
 * The profile a link is about: its id (read when the mail is written), or the profile at hand (an
 * import has just created it; no read).
 */
export type LinkProfile = string | (Pick<Profile, 'id' | 'name' | 'networks'> & Partial<Pick<Profile, 'pendingContact'>>);

/**
 * Issues a token and mails its link. The same happens for every address, known or not, so neither
 * the answer nor its timing tells whether an address has a profile. Suppressed addresses (bounced
 * or complained) get no mail, but a token is still stored so the work done is the same.
 * The mail is in `locale` (English when absent). An invitation (`invite-member`) stays valid for a week, every other link for 15 minutes.
 */
export async function sendMagicLink(deps: MagicLinkDeps, email: string, purpose: SignInPurpose, now: Date, profile?: LinkProfile, locale?: Locale): Promise<void> {
  const profileId = typeof profile === 'string' ? profile : profile?.id;
  // Sent to the address of a contact change waiting: the link applies that change, and no later one.
  const waiting = typeof profile === 'object' ? profile.pendingContact : undefined;
  const contactChange = purpose === 'confirm-profile' && waiting && addressHash(waiting.email) === addressHash(email) ? waiting.version : undefined;
  const { token, hash } = newMagicToken();
  const ttlSeconds = purpose === 'invite-member' ? MAGIC_LINK.inviteTtlSeconds : MAGIC_LINK.ttlSeconds;
  const expires = Math.floor(now.getTime() / 1000) + ttlSeconds;
  await deps.signIns.saveToken(hash, { addressHash: addressHash(email), purpose, maskedAddress: maskAddress(email), ...(profileId ? { profileId } : {}), ...(contactChange ? { contactChange } : {}) }, expires, now.toISOString());
  if (await deps.suppressions.isSuppressed(email)) return;
  const about = await mailSubjectOf(deps, purpose, profile, locale ?? DEFAULT_LOCALE, contactChange !== undefined);
  if (!about) {
    deps.logger.warn('link mail not sent: its profile is gone', { purpose });
    return;
  }
  try {
    await deps.mailer.send(email, composeSignInMail(token, about, ttlSeconds / 60, { baseUrl: deps.appBaseUrl }, locale));
  } catch (error) {
    // SES refusing this one address (e.g. unverified in the sandbox) must not answer differently
    // from a delivered link; throttling still fails the request (503), as a retry may succeed.
    if ((error as { name?: string }).name !== 'MessageRejected') throw error;
    deps.logger.warn('sign-in mail rejected by SES', { purpose, error: 'MessageRejected' });
  }
}
