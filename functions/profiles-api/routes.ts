import { ProfileInput, ProfileUpdate } from '@culturebridge/domain';
import { json, noContent, notFound, parseBody, versionConflict } from '@culturebridge/http';
import type { ProfileStore } from '@culturebridge/store';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { callerOf, mayActOnProfile, type ProfileAction } from './access.js';

export interface ProfilesApiDeps {
  profiles: ProfileStore;
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

const etag = (version: number) => ({ etag: `"${version}"` });

export function profileRoutes({ profiles, newId, now }: ProfilesApiDeps) {
  const create: Route = async (event) => {
    const data = parseBody(ProfileInput, event.body);
    // Sign-in (issue 7) will keep a new profile pending until its contact e-mail is confirmed.
    const profile = await profiles.create(data, { id: newId(), status: 'active', now: now() });
    return json(201, { id: profile.id, version: profile.version }, { location: `/profiles/${profile.id}`, ...etag(profile.version) });
  };

  const read: Route = async (event) => {
    const profile = await profiles.get(profileIdOf(event, 'read'));
    if (!profile) throw notFound('profile');
    return json(200, profile, etag(profile.version));
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

  return { create, read, update, erase };
}
