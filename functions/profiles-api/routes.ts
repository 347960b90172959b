import { ProfileInput, ProfileUpdate, answerMatch, revealsContact, toPublicProfile, type Answer } from '@culturebridge/domain';
import { HttpProblem, json, noContent, notFound, parseBody, versionConflict } from '@culturebridge/http';
import type { MatchItem, MatchStore, ProfileStore } from '@culturebridge/store';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { callerOf, mayActOnProfile, type ProfileAction } from './access.js';

export interface ProfilesApiDeps {
  profiles: ProfileStore;
  matches: MatchStore;
  newId: () => string;
  now: () => string;
}

type Route = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

// Ids are UUIDs; anything else cannot exist, so it is answered like an unknown id.
const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function profileIdOf(event: APIGatewayProxyEventV2, action: ProfileAction): string {
  const id = event.pathParameters?.id ?? '';
  if (!ID_PATTERN.test(id) || !mayActOnProfile(callerOf(event), action, id)) throw notFound('profile');
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

export function profileRoutes({ profiles, matches, newId, now }: ProfilesApiDeps) {
  const create: Route = async (event) => {
    const data = parseBody(ProfileInput, event.body);
    // Sign-in (issue 7) will keep a new profile pending until its contact e-mail is confirmed.
    const profile = await profiles.create(data, { id: newId(), status: 'active', now: now() });
    return json(201, { id: profile.id, version: profile.version }, { location: `/profiles/${profile.id}`, ...etag(profile.version) });
  };

  const read: Route = async (event) => {
    const profile = await profiles.get(profileIdOf(event, 'read'));
    if (!profile) throw notFound('profile');
    // Until sign-in (issue 7) can tell the owner, nobody is shown the contact: it is personal data.
    return json(200, toPublicProfile(profile), etag(profile.version));
  };

  const update: Route = async (event) => {
    const id = profileIdOf(event, 'update');
    const { version, ...data } = parseBody(ProfileUpdate, event.body);
    const result = await profiles.update(id, version, data, now());
    switch (result.outcome) {
      case 'ok':
        return json(200, { id, version: result.value.version }, etag(result.value.version));
      case 'conflict':
        throw versionConflict(version, result.currentVersion);
      case 'not-found':
        throw notFound('profile');
    }
  };

  const erase: Route = async (event) => {
    const result = await profiles.erase(profileIdOf(event, 'erase'));
    if (result.outcome === 'not-found') throw notFound('profile');
    return noContent();
  };

  const listMatches: Route = async (event) => {
    const id = profileIdOf(event, 'read');
    const [self, items] = await Promise.all([profiles.get(id), matches.matchesOf(id)]);
    if (!self) throw notFound('profile');
    const partners = await matches.profiles(items.map((m) => m.partner));
    const views = items
      .filter((m) => m.state !== 'withdrawn')
      .sort((x, y) => y.score - x.score || x.partner.localeCompare(y.partner))
      .map((m) => {
        const partner = partners.get(m.partner);
        return matchView(m, partner && toPublicProfile(partner), partner?.contact);
      });
    return json(200, { profileId: id, matches: views });
  };

  const answer = (kind: Answer): Route => async (event) => {
    const id = profileIdOf(event, 'answer');
    const partner = partnerIdOf(event);
    const current = await matches.match(id, partner);
    if (!current) throw notFound('match');
    const outcome = answerMatch(current, id, kind);
    if (outcome.outcome === 'refused') throw new HttpProblem(409, 'This match cannot be answered that way', outcome.reason, '/problems/match-state', { state: current.state });
    if (outcome.outcome === 'unchanged') return json(200, { matchId: current.matchId, state: current.state, acceptedBy: current.acceptedBy, version: current.version });
    const { owner: _o, partner: _p, ...shared } = current;
    const next = { ...shared, ...outcome.next, version: current.version + 1, updatedAt: now() };
    if (!(await matches.put(next, current.version))) {
      throw new HttpProblem(409, 'The match changed meanwhile', 'The other side or matching changed this match a moment ago. Reload your matches and answer again.', '/problems/version-conflict');
    }
    return json(200, { matchId: next.matchId, state: next.state, acceptedBy: next.acceptedBy, version: next.version });
  };

  return { create, read, update, erase, listMatches, accept: answer('accept'), decline: answer('decline') };
}
