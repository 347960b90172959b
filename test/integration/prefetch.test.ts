import { beforeAll, describe, expect, it } from 'vitest';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { AddressBook, MatchStore, ProfileStore } from '@culturebridge/store';
import { createProfilesApi } from '../../functions/profiles-api/app.js';
import { call } from '../support/api-event.js';
import { bearer, profilesApiOptions } from '../support/profiles-api.js';
import { addNetworks, freshTable, type TestTable } from '../support/table.js';

/*
 * GET /profiles/{id}/matches reads the profile and its matches while the caller is being
 * authenticated (packages/api/src/route.ts, PrefetchingRoute). What must hold besides the
 * saved round trip: nothing read for a request without a credential, access still decided on
 * what was read, and a read that fails after access was refused is no unhandled rejection.
 */
let table: TestTable;
const events: string[] = [];

/** The real stores on DynamoDB Local, recording when the reads in question start and end. */
function recordingStores(failMatches = false) {
  const addresses = new AddressBook(table.doc, table.tableName);
  const profiles = new ProfileStore(table.doc, table.tableName);
  const matches = new MatchStore(table.doc, table.tableName);
  const ownedBy = addresses.ownedBy.bind(addresses);
  addresses.ownedBy = async (sub) => {
    events.push('ownedBy:start');
    const owned = await ownedBy(sub);
    events.push('ownedBy:end');
    return owned;
  };
  const get = profiles.get.bind(profiles);
  profiles.get = async (id, ...rest) => {
    events.push('profile:start');
    return get(id, ...rest);
  };
  const matchesOf = matches.matchesOf.bind(matches);
  matches.matchesOf = async (id) => {
    events.push('matches:start');
    if (failMatches) throw new Error('matches read failed');
    return matchesOf(id);
  };
  return { addresses, profiles, matches };
}

beforeAll(async () => {
  table = await freshTable('prefetch');
  await addNetworks(table, ['eu4culture']);
});

describe('a prefetching route on DynamoDB Local', () => {
  it('starts the profile and match reads before the caller is known, and answers as before', async () => {
    const api = createProfilesApi(profilesApiOptions(table.doc, table.tableName, recordingStores()));
    const input = validProfileInput();
    const created = await call(api, { method: 'POST', path: '/profiles', body: input, headers: await bearer(input.contact.email) });
    expect(created.status).toBe(201);
    const owner = { authorization: `Bearer ${String(created.body.session)}` };
    events.length = 0;
    const listed = await call(api, { method: 'GET', path: `/profiles/${String(created.body.id)}/matches`, headers: owner });
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ profileId: created.body.id, matches: [] });
    expect(events.indexOf('profile:start')).toBeGreaterThanOrEqual(0);
    expect(events.indexOf('matches:start')).toBeLessThan(events.indexOf('ownedBy:end'));
    expect(events.indexOf('profile:start')).toBeLessThan(events.indexOf('ownedBy:end'));

    // Someone else's session: the same reads, then 404 as before (not the matches).
    events.length = 0;
    const stranger = await call(api, { method: 'GET', path: `/profiles/${String(created.body.id)}/matches`, headers: await bearer('someone@else.example') });
    expect(stranger.status).toBe(404);
    expect(stranger.body.matches).toBeUndefined();
    expect(stranger.headers['content-type']).toBe('application/problem+json');
  });

  it('reads nothing for a request without a credential (401), so an anonymous caller costs no early read', async () => {
    const api = createProfilesApi(profilesApiOptions(table.doc, table.tableName, recordingStores()));
    events.length = 0;
    const anonymous = await call(api, { method: 'GET', path: '/profiles/6f1c1c1e-8b7a-4c39-9d55-6a0a3a6f0a11/matches' });
    expect(anonymous.status).toBe(401);
    // A cookie that is not a session cookie, and an Authorization header that is not a bearer token, are no credential either.
    const junk = await call(api, {
      method: 'GET',
      path: '/profiles/6f1c1c1e-8b7a-4c39-9d55-6a0a3a6f0a11/matches',
      headers: { authorization: 'Basic Zm9vOmJhcg==', cookie: 'theme=dark' },
    });
    expect(junk.status).toBe(401);
    expect(events).not.toContain('profile:start');
    expect(events).not.toContain('matches:start');
  });

  it('refuses a stranger with 404 even when the early match read fails, and lets the owner see the failure', async () => {
    const api = createProfilesApi(profilesApiOptions(table.doc, table.tableName, recordingStores(true)));
    const input = validProfileInput({ name: 'Gyumri' });
    const created = await call(api, { method: 'POST', path: '/profiles', body: input, headers: await bearer(input.contact.email) });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const stranger = await call(api, { method: 'GET', path: `/profiles/${String(created.body.id)}/matches`, headers: await bearer('someone@else.example') });
      expect(stranger.status).toBe(404);
      const owner = { authorization: `Bearer ${String(created.body.session)}` };
      const failed = await call(api, { method: 'GET', path: `/profiles/${String(created.body.id)}/matches`, headers: owner });
      expect(failed.status).toBe(500);
      // Unhandled rejections are reported after the microtask queue drains: let it.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
