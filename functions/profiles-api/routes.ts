import { NetworkId, ProfileInput, ProfileUpdate, answerMatch, contactChange, requestedContact, hintsForMatches, isWeakerMatch, revealsContact, toPublicProfile, withoutParticipant, type Answer, type FieldProblem, type Locale, type Meeting, type Profile } from '@culturebridge/domain';
import { HttpProblem, PROBLEM_TYPES, invalidFields, json, keptChanging, noContent, notFound, parseBodyAlong, versionConflict, wellFormedEntries } from '@culturebridge/http';
import { addressHash, DuplicateSubmission, sameProfileData, type MatchItem, type MatchStore, type MeetingStore, type NetworkStore, type ProfileStore } from '@culturebridge/store';
import { MAGIC_LINK } from '@culturebridge/auth';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { coordinates, mayRead, ownsProfile, refusal, type Caller } from '@culturebridge/api/access';
import { requestFingerprint } from '@culturebridge/api/fingerprint';
import { ID_PATTERN } from '@culturebridge/api/path-params';
import { early, type PrefetchingRoute, type Route } from '@culturebridge/api/route';
import type { SignInService } from './sign-in.js';

/** How often an answer is decided again after losing a race for the match (see `answer`). */
const ANSWER_ATTEMPTS = 5;

/** How long a profile submission is remembered, so that sending it again finds the profile it made (s). */
const SUBMISSION_MEMORY_S = 24 * 60 * 60;

interface WarnLogger {
  warn(message: string, ...extra: unknown[]): void;
}

export interface ProfileRouteDeps {
  logger: WarnLogger;
  profiles: ProfileStore;
  matches: MatchStore;
  meetings: Pick<MeetingStore, 'ofNetwork' | 'get' | 'replace'>;
  networks: NetworkStore;
  signIn: SignInService;
  newId: () => string;
  now: () => string;
}

function profileIdOf(event: APIGatewayProxyEventV2): string {
  const id = event.pathParameters?.id ?? '';
  if (!ID_PATTERN.test(id)) throw notFound('profile');
  return id;
}

function partnerIdOf(event: APIGatewayProxyEventV2): string {
  const id = event.pathParameters?.partner ?? '';
  if (!ID_PATTERN.test(id)) throw notFound('match');
  return id;
}

/** A match as one side sees it: the partner's public profile, and its contact only once confirmed. */
function matchView(match: MatchItem, partner: ReturnType<typeof toPublicProfile> | undefined, contact: { name: string; email: string } | undefined) {
  return {
    matchId: match.matchId,
    partner: partner
      ? { id: partner.id, name: partner.name, kind: partner.kind, country: partner.country, region: partner.region, themes: partner.themes, offers: partner.offers, needs: partner.needs, languages: partner.languages }
      : { id: match.partner },
    state: match.state,
    acceptedBy: match.acceptedBy,
    youAccepted: match.acceptedBy.includes(match.owner),
    score: match.score,
    /** A weaker match (below the threshold, windows that never meet, nothing in common, two funders): proposed so that nobody is left with nothing. */
    weaker: isWeakerMatch(match.reasons),
    summary: match.summary,
    reasons: match.reasons,
    sharedNetworks: match.sharedNetworks,
    proposedAt: match.proposedAt,
    updatedAt: match.updatedAt,
    version: match.version,
    ...(contact && revealsContact(match.state) ? { partnerContact: contact } : {}),
  };
}

const etag = (version: number) => ({ etag: `"${version}"` });

/** The profile if the caller may read it; throws a 404 otherwise (not 403: its existence is not for everyone). */
function readable(profile: Profile | undefined, caller: Caller): Profile {
  if (!profile || !mayRead(caller, profile)) throw notFound('profile');
  return profile;
}

/** One problem per network id (`index` its place in `networks`) that is not on the platform. */
async function unknownNetworkProblems(networks: NetworkStore, named: readonly { index: number; id: string }[]): Promise<FieldProblem[]> {
  if (named.length === 0) return [];
  const known = await networks.ids();
  return named
    .filter(({ id }) => !known.has(id))
    .map(({ index, id }) => ({
      field: `networks[${index}]`,
      pointer: `#/networks/${index}`,
      code: 'unknown_network' as const,
      params: { value: id.slice(0, 100) },
      detail: `"${id}" is not a network on CultureBridge; choose one of the listed networks (GET /networks)`,
    }));
}

/**
 * A profile may name only networks on the platform: a 400 names each unknown one as `networks[i]`,
 * before anything is stored. Throws HttpProblem.
 */
export async function requireKnownNetworks(networks: NetworkStore, named: readonly string[]): Promise<void> {
  const problems = await unknownNetworkProblems(networks, named.map((id, index) => ({ index, id })));
  if (problems.length > 0) throw invalidFields(problems);
}

/**
 * A profile body, validated with the networks it names: one 400 names the schema's problems and
 * each well-formed network id that is not on the platform together. Throws HttpProblem.
 */
async function parseProfileBody<S extends z.ZodType<{ networks: string[] }>>(schema: S, body: unknown, networks: NetworkStore): Promise<z.output<S>> {
  const data = await parseBodyAlong(schema, body, (sent, named) => unknownNetworkProblems(networks, wellFormedEntries(sent, 'networks', NetworkId, named)));
  await requireKnownNetworks(networks, data.networks);
  return data;
}

export function profileRoutes({ profiles, matches, meetings, networks, signIn, newId, now, logger }: ProfileRouteDeps) {
  /**
   * The profile is stored by then; failing the request now would make the member submit it again
   * (a second profile). Without the mail it waits, pending, until its owner signs in and confirms it.
   */
  async function mailConfirmation(email: string, at: Date, profile: Pick<Profile, 'id' | 'name' | 'networks'>, locale?: Locale): Promise<void> {
    try {
      // In the language the member chose for its mails; the profile is at hand (just written), not read again.
      await signIn.sendLink(email, 'confirm-profile', at, profile, locale);
    } catch (error) {
      logger.warn('confirmation mail not sent', { profileId: profile.id, error: (error as Error).name });
    }
  }

  /** The profile of the path if the caller owns it; otherwise 403 or 404 (see `refusal`). */
  async function ownedProfile(event: APIGatewayProxyEventV2, caller: Caller, what: string): Promise<string> {
    const id = profileIdOf(event);
    if (!ownsProfile(caller, id)) throw refusal(caller, await profiles.get(id), what);
    return id;
  }

  /** The profile of the path if the caller may read it (owner or coordinator); otherwise 404. */
  async function readableProfile(event: APIGatewayProxyEventV2, caller: Caller): Promise<Profile> {
    return readable(await profiles.get(profileIdOf(event)), caller);
  }

  /**
   * Anyone may submit, but only the contact address can make a profile count: with a session of
   * that address it is active at once (and a refreshed session names it); otherwise it stays
   * pending and the address gets a link to confirm it.
   */
  const create: Route = async (event, caller) => {
    const data = await parseProfileBody(ProfileInput, event.body, networks);
    const at = new Date(now());
    const confirmedBySession = caller.kind === 'session' && caller.claims.sub === addressHash(data.contact.email);
    // The same submission again (a retry after a lost reply, a double send) is answered with the
    // profile it made, without a second profile, mail or rate count.
    const key = requestFingerprint({ by: caller.kind === 'session' ? caller.claims.sub : null, data }).toString('base64url');
    const earlier = await profiles.submitted(key);
    let profile: Profile | undefined = earlier === undefined ? undefined : await profiles.get(earlier);
    // A profile erased since is not an answer: the same data again makes a new one.
    const once = { key, expiresAt: Math.floor(at.getTime() / 1000) + SUBMISSION_MEMORY_S, ...(earlier !== undefined && !profile ? { replaces: earlier } : {}) };
    let repeated = profile !== undefined;
    if (!profile) {
      if (!confirmedBySession) await signIn.enforceLimits(data.contact.email, event, at);
      try {
        // Naming a network asks to join it: a coordinator of the network approves (or rejects) it.
        profile = await profiles.create(data, { id: newId(), status: confirmedBySession ? 'active' : 'pending', now: at.toISOString(), membership: 'requested', once });
      } catch (error) {
        if (!(error instanceof DuplicateSubmission)) throw error;
        profile = await profiles.get(error.profileId);
        if (!profile) throw notFound('profile');
        repeated = true;
      }
    }
    let session: Awaited<ReturnType<SignInService['sessionFor']>> | undefined;
    // A bearer client gets a token naming the new profile (of the same server-side session); the
    // browser's cookie session needs nothing new, as access is read afresh on every call.
    if (confirmedBySession && caller.via === 'bearer') session = await signIn.sessionFor(addressHash(data.contact.email), at, caller.sessionId);
    else if (!repeated) await mailConfirmation(data.contact.email, at, profile, data.locale);
    return json(
      201,
      { id: profile.id, version: profile.version, status: profile.status, ...(session ? { session: session.session, expiresAt: session.expiresAt } : {}) },
      { location: `/profiles/${profile.id}`, ...etag(profile.version) },
    );
  };

  /** The owner and the coordinators of its networks see the whole profile, contact included. */
  const read: Route = async (event, caller) => {
    const profile = await readableProfile(event, caller);
    return json(200, profile, etag(profile.version));
  };

  const update: Route = async (event, caller) => {
    const id = await ownedProfile(event, caller, 'change it');
    const { version, ...data } = await parseProfileBody(ProfileUpdate, event.body, networks);
    const at = new Date(now());
    const before = await profiles.get(id);
    // A new contact address gets a confirmation link: the same limits as any link, checked before
    // anything is stored, so changing the address back and forth cannot flood an inbox. An active
    // profile stays with its contact until the new address confirms (see contactChange).
    const change = before ? contactChange(before, data.contact.email) : 'none';
    // A waiting change hangs on its link, which lasts MAGIC_LINK.ttlSeconds: the same new address
    // saved again after that (lost mail, link opened too late) gets a fresh one.
    const renews = change === 'keep' && before?.pendingContact !== undefined && at.getTime() - Date.parse(before.pendingContact.requestedAt) >= MAGIC_LINK.ttlSeconds * 1000;
    const mails = change === 'move' || change === 'request' || renews;
    if (mails) await signIn.enforceLimits(data.contact.email, event, at);
    const result = await profiles.update(id, version, data, at.toISOString(), { renewContactRequest: renews });
    switch (result.outcome) {
      case 'ok': {
        if (mails) await mailConfirmation(requestedContact(result.value).email, at, result.value, result.value.locale);
        return json(200, { id, version: result.value.version, status: result.value.status }, etag(result.value.version));
      }
      case 'conflict': {
        // A retry of an update that already succeeded (its reply lost) finds its own write: the
        // very next version, holding exactly what was sent (its new contact perhaps still waiting).
        // It gets that write's answer.
        const current = await profiles.get(id);
        if (current && current.version === version + 1 && sameProfileData({ ...current, contact: requestedContact(current) }, data)) return json(200, { id, version: current.version, status: current.status }, etag(current.version));
        throw versionConflict(version, result.currentVersion);
      }
      case 'not-found':
        throw notFound('profile');
    }
  };

  /**
   * Takes the member out of every meeting of its networks (see withoutParticipant). Before the
   * erasure, so that a retry after a failure does it again: once erased, its networks are unknown.
   */
  async function leaveMeetings(id: string, networkIds: readonly string[]): Promise<void> {
    for (const networkId of networkIds) {
      for (const found of await meetings.ofNetwork(networkId)) {
        let current: Meeting | undefined = found;
        // A coordinator's change at the same moment wins the race: read it again and go on.
        for (let attempt = 1; current; attempt++) {
          const next = withoutParticipant(current, id, now());
          if (next === current) break;
          const result = await meetings.replace(next, current.version);
          if (result.outcome !== 'conflict') break;
          // Nothing is erased yet: the member withdraws again (503, as a lost race everywhere else).
          if (attempt >= 3) throw keptChanging('meeting');
          current = await meetings.get(networkId, current.id);
        }
      }
    }
  }

  /**
   * A retry of an erasure that already succeeded (a double click, its reply lost) is answered 204
   * again, whether or not the session still lists the profile, but only to the address that erased
   * it: anyone else gets the 404 of an id that never existed.
   */
  const erase: Route = async (event, caller) => {
    const erasedBefore = async (id: string) => caller.kind === 'session' && (await profiles.erasedBy(id)) === caller.claims.sub;
    const id = profileIdOf(event);
    if (!ownsProfile(caller, id)) {
      if (await erasedBefore(id)) return noContent();
      throw refusal(caller, await profiles.get(id), 'withdraw it');
    }
    const profile = await profiles.get(id);
    if (profile) await leaveMeetings(id, profile.networks);
    const result = await profiles.erase(id, caller.kind === 'session' ? caller.claims.sub : undefined);
    if (result.outcome === 'not-found' && !(await erasedBefore(id))) throw notFound('profile');
    return noContent();
  };

  /** A signed-in owner confirms a pending profile (e.g. when the confirmation mail was lost). */
  const confirm: Route = async (event, caller) => {
    const id = await ownedProfile(event, caller, 'confirm it');
    if (caller.kind !== 'session') throw notFound('profile');
    const outcome = await profiles.confirm(id, caller.claims.sub, now());
    if (outcome === 'refused') throw notFound('profile');
    const profile = await profiles.get(id);
    if (!profile) throw notFound('profile');
    return json(200, { id, version: profile.version, status: profile.status }, etag(profile.version));
  };

  /**
   * The owner sees all its matches and, once confirmed, the partner's contact. A coordinator sees
   * only matches within the networks they coordinate, and never a partner's contact: that is for
   * the two members. The profile and its matches are read while the caller is authenticated.
   */
  const listMatches: PrefetchingRoute<{ profile: Promise<Profile | undefined>; items: Promise<MatchItem[]> }> = {
    prefetch: (event) => {
      const id = profileIdOf(event);
      return { profile: early(profiles.get(id)), items: early(matches.matchesOf(id)) };
    },
    handle: async (_event, caller, prefetched) => {
      const profile = readable(await prefetched.profile, caller);
      const { id } = profile;
      const owner = ownsProfile(caller, id);
      const items = (await prefetched.items).filter((m) => owner || m.sharedNetworks.some((n) => coordinates(caller, n)));
      const partners = await matches.profiles(items.map((m) => m.partner));
      const views = items
        .filter((m) => m.state !== 'withdrawn')
        .map((m) => {
          const partner = partners.get(m.partner);
          return matchView(m, partner && toPublicProfile(partner), owner ? partner?.contact : undefined);
        })
        // Full matches first, weaker ones after them, each by score.
        .sort((x, y) => Number(x.weaker) - Number(y.weaker) || y.score - x.score || x.partner.id.localeCompare(y.partner.id));
      // A member with only weaker matches (or none) is told which fields would improve them.
      const hints = profile.status === 'active' ? hintsForMatches(profile, views) : [];
      return json(200, { profileId: id, matches: views, hints });
    },
  };

  /**
   * An answer carries no version (docs/api.md): it applies to the match as it is when it arrives.
   * The write is conditional on the version read, so an answer that loses a race (the other side,
   * another tab or matching wrote the match a moment ago) reads the match again and is decided again
   * on what it finds, rather than answered "changed meanwhile" for a version it never sent. Two
   * answers at once are thus applied one after the other: accept then decline is declined; decline
   * then accept is a 409 `/problems/match-state` naming the state. 503 only if the match kept
   * changing through every attempt.
   */
  const answer = (kind: Answer): Route => async (event, caller) => {
    const id = await ownedProfile(event, caller, 'answer its matches');
    const partner = partnerIdOf(event);
    for (let attempt = 1; ; attempt++) {
      const current = await matches.match(id, partner);
      if (!current) throw notFound('match');
      const outcome = answerMatch(current, id, kind);
      if (outcome.outcome === 'refused') throw new HttpProblem(409, 'This match cannot be answered that way', outcome.reason, PROBLEM_TYPES.matchState, { state: current.state });
      if (outcome.outcome === 'unchanged') return json(200, { matchId: current.matchId, state: current.state, acceptedBy: current.acceptedBy, version: current.version });
      const { owner: _o, partner: _p, ...shared } = current;
      const next = { ...shared, ...outcome.next, version: current.version + 1, updatedAt: now() };
      if (await matches.put(next, current.version)) return json(200, { matchId: next.matchId, state: next.state, acceptedBy: next.acceptedBy, version: next.version });
      if (attempt >= ANSWER_ATTEMPTS) throw keptChanging('match');
      // Two transactions on the same items at once can both be cancelled (TransactionConflict): a
      // short random wait keeps them from meeting again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  };

  return { create, read, update, erase, confirm, listMatches, accept: answer('accept'), decline: answer('decline') };
}
