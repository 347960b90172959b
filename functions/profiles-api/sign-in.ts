import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { BROWSER_SESSION, RATE_LIMITS, addressLimitKey, clientNetworkKey, TOKEN_PATTERN, hashToken, newBrowserSession, retryAfterSeconds, signSession, windowAt, type RateLimitName } from '@culturebridge/auth';
import type { Locale, SignInPurpose } from '@culturebridge/domain';
import { HttpProblem, PROBLEM_TYPES } from '@culturebridge/http';
import type { Mailer } from '@culturebridge/mail';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { CLIENT_ADDRESS_HEADER, ORIGIN_VERIFY_HEADER } from '@culturebridge/api/api-routes';
import { sendMagicLink, type LinkProfile, type WarnLogger } from '@culturebridge/api/magic-link';
import { awaitsAddress, type AddressBook, type ProfileStore, type SessionStore, type SignInStore, type SuppressionStore, type TokenGrant, type TokenSpend } from '@culturebridge/store';

export interface SignInDeps {
  logger: WarnLogger;
  profiles: ProfileStore;
  addresses: AddressBook;
  signIns: SignInStore;
  /** Server-side sessions: one per signed-in browser (or API client), ended by signing out. */
  sessions: SessionStore;
  suppressions: SuppressionStore;
  mailer: Mailer;
  /** The HS256 key sessions are signed and verified with. */
  sessionKey: Uint8Array;
  /** The web app's origin, for links in sign-in mails (never taken from the request). */
  appBaseUrl: string;
  /** The secret CloudFront sends with every request it forwards (AWS only; absent locally). */
  originSecret?: string | undefined;
}

export interface IssuedSession {
  session: string;
  expiresAt: string;
  profiles: string[];
  networks: string[];
}

/** A new server-side session: its JWT (bearer), and the secret and lifetime its cookie carries. */
export interface OpenedSession extends IssuedSession {
  cookie: { secret: string; maxAgeSeconds: number; expiresAt: string };
  confirmed: string[];
}

/** What a link would do, as its page describes it before anyone presses the button. */
export interface LinkDescription {
  purpose: SignInPurpose;
  /** The address the link signs in as, masked ("c…@orhei.example"). */
  address: string;
  expiresAt: string;
  /** For a confirmation link, the profile it confirms (or moves to this address), while it still awaits this address. */
  profile?: { id: string; name: string; networks: string[]; status: string };
  /** The link makes this address the contact of `profile` (a contact change waiting), rather than confirming a new profile. */
  contactChange?: true;
}

const invalidToken = () =>
  new HttpProblem(401, 'This sign-in link does not work', 'The link is unknown, was already used, or is older than 15 minutes. Ask for a new one.', PROBLEM_TYPES.invalidToken);

// Addresses, of mailboxes and of clients, are personal data: counters are keyed by their hash.
const limitKey = (value: string) => createHash('sha256').update(value).digest('hex');

const sameSecret = (sent: string | undefined, expected: string) =>
  sent !== undefined && sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));

/**
 * The caller's address. Behind CloudFront, API Gateway's sourceIp is the edge server, shared by
 * everyone it serves, so CloudFront's viewer-request function passes the viewer's own. It is
 * believed only on requests that carry CloudFront's origin secret: anyone calling the execute-api
 * URL directly could otherwise name a new address on every request and escape the limit.
 */
export function clientAddressOf(event: APIGatewayProxyEventV2, originSecret: string | undefined): string {
  const viaCloudFront = originSecret !== undefined && sameSecret(event.headers[ORIGIN_VERIFY_HEADER], originSecret);
  return (viaCloudFront && event.headers[CLIENT_ADDRESS_HEADER]) || event.requestContext.http.sourceIp;
}

export function signInService(deps: SignInDeps) {
  /** Counts the request against every limit; 429 with Retry-After if any is exhausted. */
  async function enforceLimits(email: string, event: APIGatewayProxyEventV2, now: Date): Promise<void> {
    const client = limitKey(clientNetworkKey(clientAddressOf(event, deps.originSecret)));
    const checks: [RateLimitName, string][] = [
      ['perAddress', limitKey(addressLimitKey(email))],
      ['perClient', client],
      ['perClientDay', client],
    ];
    const counted = await Promise.all(
      checks.map(async ([name, key]) => {
        const window = windowAt(name, now.getTime());
        return { name, window, count: await deps.signIns.countRequest(name, key, window) };
      }),
    );
    const exceeded = counted.filter((c) => c.count > RATE_LIMITS[c.name].limit);
    if (exceeded.length === 0) return;
    const retryAfter = Math.max(...exceeded.map((c) => retryAfterSeconds(c.window, now.getTime())));
    throw new HttpProblem(
      429,
      'Too many sign-in links',
      `Too many sign-in links were asked for ${exceeded.some((c) => c.name === 'perAddress') ? 'for this address' : 'from your network'}. Use a link you already received, or try again in ${Math.ceil(retryAfter / 60)} minutes.`,
      PROBLEM_TYPES.rateLimited,
      { retryAfterSeconds: retryAfter },
      { 'Retry-After': String(retryAfter) },
    );
  }

  const sendLink = (email: string, purpose: SignInPurpose, now: Date, profile?: LinkProfile, locale?: Locale) => sendMagicLink(deps, email, purpose, now, profile, locale);

  /**
   * A bearer session naming what the address owns right now; with `sid`, it belongs to that
   * server-side session and ends with it.
   */
  async function sessionFor(hash: string, now: Date, sid?: string): Promise<IssuedSession> {
    const owned = await deps.addresses.ownedBy(hash);
    const profiles = [...new Set(owned.profiles)].sort();
    const networks = [...new Set(owned.coordinators.map((c) => c.networkId))].sort();
    const signed = await signSession(deps.sessionKey, { sub: hash, profiles, networks, ...(sid ? { sid } : {}) }, now);
    return { ...signed, profiles, networks };
  }

  /**
   * Describes a link without using it: for the page that asks for the click. 401 like `verify` for
   * a token that would not work, so the page can say so before anyone presses anything.
   */
  async function describe(token: string, now: Date): Promise<LinkDescription> {
    if (!TOKEN_PATTERN.test(token)) throw invalidToken();
    const grant = await deps.signIns.peekToken(hashToken(token), Math.floor(now.getTime() / 1000));
    if (!grant) throw invalidToken();
    const profile = (grant.purpose === 'confirm-profile' || grant.purpose === 'invite-member') && grant.profileId ? await deps.profiles.get(grant.profileId) : undefined;
    const stillTheirs = profile !== undefined && awaitsAddress(profile, grant.addressHash, grant.contactChange);
    return {
      purpose: grant.purpose,
      address: grant.maskedAddress ?? '…',
      expiresAt: new Date(grant.expiresAt * 1000).toISOString(),
      ...(stillTheirs ? { profile: { id: profile.id, name: profile.name, networks: profile.networks, status: profile.status }, ...(grant.contactChange ? { contactChange: true as const } : {}) } : {}),
    };
  }

  /**
   * Spends a link's token. A confirmation link spends it in the transaction that confirms its
   * profile or applies its contact change (ProfileStore.confirm), so a failure there leaves the
   * link working for the next click; one with nothing left to confirm is spent alone, as a sign-in.
   */
  async function useLink(spend: TokenSpend, grant: TokenGrant, now: Date): Promise<{ grant: TokenGrant; confirmed: string[] }> {
    if ((grant.purpose === 'confirm-profile' || grant.purpose === 'invite-member') && grant.profileId) {
      // A race lost on every attempt throws (503 kept-changing): nothing is confirmed and the link is unspent.
      const outcome = await deps.profiles.confirm(grant.profileId, grant.addressHash, now.toISOString(), grant.contactChange, spend);
      if (outcome === 'confirmed') return { grant, confirmed: [grant.profileId] };
      if (outcome === 'spent') throw invalidToken();
    }
    const spent = await deps.signIns.consumeToken(spend.tokenHash, spend.nowEpoch, spend.useId);
    if (!spent) throw invalidToken();
    return { grant: spent, confirmed: [] };
  }

  /**
   * Uses a link's token and opens a server-side session (cookie secret and bearer JWT). A
   * confirmation link also confirms the one profile it was sent about, if that profile still names
   * this address, or applies the contact change it was sent about, if that change still waits (see
   * ProfileStore.confirm); a plain sign-in confirms nothing.
   */
  async function verify(token: string, now: Date): Promise<OpenedSession> {
    if (!TOKEN_PATTERN.test(token)) throw invalidToken();
    const nowEpoch = Math.floor(now.getTime() / 1000);
    const spend = { tokenHash: hashToken(token), nowEpoch, useId: randomUUID() };
    const peeked = await deps.signIns.peekToken(spend.tokenHash, nowEpoch);
    if (!peeked) throw invalidToken();
    // The session is stored before the link is spent: if storing it fails, the link still works.
    // When the link is then refused or its spending fails, the session (never handed out: its
    // secret is only here) is deleted again.
    const { secret, id } = newBrowserSession();
    const idleExpiresAt = nowEpoch + BROWSER_SESSION.idleSeconds;
    await deps.sessions.create({ id, addressHash: peeked.addressHash, createdAt: nowEpoch, absoluteExpiresAt: nowEpoch + BROWSER_SESSION.absoluteSeconds, idleExpiresAt });
    const { grant, confirmed } = await useLink(spend, peeked, now).catch(async (error: unknown) => {
      // The answer is the link's failure; a session left behind only waits for its TTL, unusable.
      await deps.sessions.delete(id).catch((cleanup: unknown) => deps.logger.warn('unused session not deleted', { error: (cleanup as Error).name }));
      throw error;
    });
    const cookie = { secret, maxAgeSeconds: BROWSER_SESSION.idleSeconds, expiresAt: new Date(idleExpiresAt * 1000).toISOString() };
    return { ...(await sessionFor(grant.addressHash, now, id)), cookie, confirmed };
  }

  return { enforceLimits, sendLink, sessionFor, describe, verify };
}

export type SignInService = ReturnType<typeof signInService>;
