import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { SESSION } from '@culturebridge/auth';
import { pairKey } from '@culturebridge/domain';
import { meetingInputFixture, validProfileInput } from '@culturebridge/domain/test-fixtures';
import { CoordinatorStore, MatchStore, ProfileStore, addressHash, sortedPair } from '@culturebridge/store';
import { PROFILES_API_ROUTES, type ProfilesApiRouteName } from '@culturebridge/api/api-routes';
import { call, type ApiResult } from '../support/api-event.js';
import { TEST_SESSION_KEY, bearer, createApi, profilesApiOptions } from '../support/profiles-api.js';
import { addNetworks, freshTable, type TestTable } from '../support/table.js';

/**
 * Object-level authorization on every route (OWASP API1): who may call what, and that everyone else
 * is refused without learning whether the id exists. Member A and member B share network X, which
 * coordinator C coordinates; coordinator D coordinates network Y only.
 */
let table: TestTable;
let api: ReturnType<typeof createApi>;
const X = 'eu4culture';
const Y = 'eunic-central-asia';
const emails = { a: 'culture@kutaisi.example', b: 'culture@gyumri.example', c: 'coordinator@eu4culture.example', d: 'coordinator@eunic-ca.example' };
let a: string;
let b: string;
let meetingId: string;
let as: Record<'a' | 'b' | 'c' | 'd' | 'anonymous' | 'tampered' | 'expired' | 'foreignKey', Record<string, string>>;

beforeAll(async () => {
  table = await freshTable('access');
  api = createApi(profilesApiOptions(table.doc, table.tableName));
  await addNetworks(table, [X, Y]);
  const profiles = new ProfileStore(table.doc, table.tableName);
  const now = new Date().toISOString();
  a = (await profiles.create({ ...validProfileInput({ name: 'Kutaisi', contact: { name: 'A', email: emails.a } }) } as never, { id: randomUUID(), status: 'active', now, membership: 'approved' })).id;
  b = (await profiles.create({ ...validProfileInput({ name: 'Gyumri', country: 'AM', contact: { name: 'B', email: emails.b } }) } as never, { id: randomUUID(), status: 'active', now, membership: 'approved' })).id;
  const coordinators = new CoordinatorStore(table.doc, table.tableName);
  await coordinators.add({ networkId: X, name: 'C', email: emails.c });
  await coordinators.add({ networkId: Y, name: 'D', email: emails.d });
  await new MatchStore(table.doc, table.tableName).put(
    { matchId: pairKey(a, b), profileIds: sortedPair(a, b), state: 'proposed', acceptedBy: [], score: 70, summary: 'Both care about climate', reasons: [], sharedNetworks: [X], version: 1, proposedAt: now, updatedAt: now },
    undefined,
  );

  const valid = await bearer(emails.a, { profiles: [a] });
  const token = valid.authorization?.slice('Bearer '.length) ?? '';
  const [header, payload, signature] = token.split('.');
  // The payload claims B's profile too, but the signature was made for A's claims.
  const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), profiles: [a, b] })).toString('base64url');
  const expired = await new SignJWT({ profiles: [a], networks: [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(addressHash(emails.a))
    .setIssuer(SESSION.issuer)
    .setAudience(SESSION.audience)
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
    .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
    .sign(TEST_SESSION_KEY);
  as = {
    a: valid,
    b: await bearer(emails.b, { profiles: [b] }),
    c: await bearer(emails.c, { networks: [X] }),
    d: await bearer(emails.d, { networks: [Y] }),
    anonymous: {},
    tampered: { authorization: `Bearer ${header}.${forgedPayload}.${signature}` },
    expired: { authorization: `Bearer ${expired}` },
    foreignKey: await bearer(emails.a, { profiles: [a] }, new Uint8Array(32).fill(9)),
  };
  const created = await call(api, { method: 'POST', path: `/networks/${X}/meetings`, body: meetingBody(), headers: as.c });
  expect(created.status).toBe(201);
  meetingId = created.body.id as string;
});

const meetingBody = () => meetingInputFixture([a, b]);

/** A one-member list that would create a profile if anyone but X's coordinator could import it. */
const importBody = () => ({
  file: Buffer.from('name,kind,country,contact_name,contact_email,themes,languages\nPoti,city,GE,P,culture@poti.example,climate-environment:high,en\n').toString('base64'),
  dryRun: false,
});

const body = () => ({ ...validProfileInput({ name: 'Taken over', contact: { name: 'B', email: emails.b } }), version: 1 });

/** For each route: callers who must be refused, and the status each gets. */
const refusals: Record<ProfilesApiRouteName, { who: keyof typeof as; request: () => { method: string; path: string; body?: unknown }; status: number }[]> = {
  magicLink: [{ who: 'tampered', request: () => ({ method: 'POST', path: '/auth/magic-link', body: { email: emails.b } }), status: 401 }],
  describeLink: [
    { who: 'anonymous', request: () => ({ method: 'POST', path: '/auth/link', body: { token: 'x'.repeat(43) } }), status: 401 },
    { who: 'tampered', request: () => ({ method: 'POST', path: '/auth/link', body: { token: 'x'.repeat(43) } }), status: 401 },
  ],
  verify: [{ who: 'anonymous', request: () => ({ method: 'POST', path: '/auth/verify', body: { token: 'x'.repeat(43) } }), status: 401 }],
  signOut: [{ who: 'tampered', request: () => ({ method: 'POST', path: '/auth/sign-out' }), status: 401 }],
  me: [
    { who: 'anonymous', request: () => ({ method: 'GET', path: '/me' }), status: 401 },
    { who: 'expired', request: () => ({ method: 'GET', path: '/me' }), status: 401 },
  ],
  create: [{ who: 'foreignKey', request: () => ({ method: 'POST', path: '/profiles', body: validProfileInput() }), status: 401 }],
  read: [
    { who: 'a', request: () => ({ method: 'GET', path: `/profiles/${b}` }), status: 404 },
    { who: 'd', request: () => ({ method: 'GET', path: `/profiles/${b}` }), status: 404 },
    { who: 'anonymous', request: () => ({ method: 'GET', path: `/profiles/${b}` }), status: 401 },
    { who: 'tampered', request: () => ({ method: 'GET', path: `/profiles/${b}` }), status: 401 },
  ],
  update: [
    { who: 'a', request: () => ({ method: 'PUT', path: `/profiles/${b}`, body: body() }), status: 404 },
    { who: 'c', request: () => ({ method: 'PUT', path: `/profiles/${b}`, body: body() }), status: 403 },
    { who: 'expired', request: () => ({ method: 'PUT', path: `/profiles/${b}`, body: body() }), status: 401 },
  ],
  confirm: [
    { who: 'a', request: () => ({ method: 'POST', path: `/profiles/${b}/confirm` }), status: 404 },
    { who: 'c', request: () => ({ method: 'POST', path: `/profiles/${b}/confirm` }), status: 403 },
    { who: 'anonymous', request: () => ({ method: 'POST', path: `/profiles/${b}/confirm` }), status: 401 },
  ],
  erase: [
    { who: 'a', request: () => ({ method: 'DELETE', path: `/profiles/${b}` }), status: 404 },
    { who: 'c', request: () => ({ method: 'DELETE', path: `/profiles/${b}` }), status: 403 },
  ],
  listMatches: [
    { who: 'a', request: () => ({ method: 'GET', path: `/profiles/${b}/matches` }), status: 404 },
    { who: 'd', request: () => ({ method: 'GET', path: `/profiles/${b}/matches` }), status: 404 },
  ],
  accept: [
    { who: 'a', request: () => ({ method: 'POST', path: `/matches/${b}/${a}/accept` }), status: 404 },
    { who: 'c', request: () => ({ method: 'POST', path: `/matches/${b}/${a}/accept` }), status: 403 },
  ],
  decline: [{ who: 'a', request: () => ({ method: 'POST', path: `/matches/${b}/${a}/decline` }), status: 404 }],
  networkMembers: everyone('GET', () => `/networks/${X}/members`),
  networkMatches: everyone('GET', () => `/networks/${X}/matches`),
  networkActivity: everyone('GET', () => `/networks/${X}/activity`),
  networkSettings: everyone('GET', () => `/networks/${X}/settings`),
  updateNetworkSettings: everyone('PUT', () => `/networks/${X}/settings`, () => ({ preference: { mode: 'off' } })),
  // Meetings: only the network's coordinators; a member, another network's coordinator and anyone
  // without a valid session are refused, and a member's own schedule is theirs alone.
  ...meetingRefusals(),
  listNetworks: [{ who: 'tampered', request: () => ({ method: 'GET', path: '/networks' }), status: 401 }],
  joinRequests: everyone('GET', () => `/networks/${X}/requests`),
  approveMembership: [
    ...everyone('POST', () => `/networks/${X}/requests/${b}/approve`),
    { who: 'b', request: () => ({ method: 'POST', path: `/networks/${X}/requests/${b}/approve` }), status: 404 },
    { who: 'd', request: () => ({ method: 'POST', path: `/networks/${X}/requests/${b}/approve` }), status: 404 },
    { who: 'd', request: () => ({ method: 'POST', path: `/networks/${Y}/requests/${b}/approve` }), status: 404 },
    { who: 'anonymous', request: () => ({ method: 'POST', path: `/networks/${X}/requests/${b}/approve` }), status: 401 },
  ],
  rejectMembership: everyone('POST', () => `/networks/${X}/requests/${b}/reject`),
  importMemberList: everyone('POST', () => `/networks/${X}/imports`, importBody),
  importTemplate: everyone('GET', () => `/networks/${X}/imports/template`),
  rejectedMembers: everyone('GET', () => `/networks/${X}/rejected`),
  exportMembers: [
    ...everyone('GET', () => `/networks/${X}/export`),
    { who: 'a', request: () => ({ method: 'GET', path: `/networks/${X}/export` }), status: 404 },
    { who: 'd', request: () => ({ method: 'GET', path: `/networks/${X}/export?format=xlsx` }), status: 404 },
    { who: 'tampered', request: () => ({ method: 'GET', path: `/networks/${X}/export` }), status: 401 },
  ],
};

/**
 * A route only the network's coordinators may use: both members, another network's coordinator, and
 * anyone without a valid session (none, expired, tampered) are refused.
 */
function everyone(method: string, path: () => string, body?: () => unknown) {
  const request = () => ({ method, path: path(), ...(body ? { body: body() } : {}) });
  const refused: { who: keyof typeof as; request: typeof request; status: number }[] = [];
  for (const who of ['a', 'b', 'd'] as const) refused.push({ who, request, status: 404 });
  for (const who of ['anonymous', 'expired', 'tampered'] as const) refused.push({ who, request, status: 401 });
  return refused;
}

/**
 * A route for the profile's owner only: a member for another's profile and another network's
 * coordinator get 404, the profile's network's coordinator sees it but may not act (403), and
 * callers without a valid session get 401.
 */
function ownersOnly(path: () => string) {
  const request = () => ({ method: 'GET', path: path() });
  return [
    ...(['a', 'd'] as const).map((who) => ({ who, request, status: 404 })),
    { who: 'c' as const, request, status: 403 },
    ...(['anonymous', 'expired', 'tampered'] as const).map((who) => ({ who, request, status: 401 })),
  ];
}

function meetingRefusals() {
  const meeting = () => `/networks/${X}/meetings/${meetingId}`;
  return {
    createMeeting: everyone('POST', () => `/networks/${X}/meetings`, meetingBody),
    listMeetings: everyone('GET', () => `/networks/${X}/meetings`),
    readMeeting: everyone('GET', meeting),
    updateMeeting: everyone('PUT', meeting, () => ({ ...meetingBody(), version: 1 })),
    cancelMeeting: everyone('DELETE', meeting),
    meetingCalendar: everyone('GET', () => `${meeting()}/calendar`),
    meetingCsv: everyone('GET', () => `${meeting()}/csv`),
    // Only the profile's owner asks for it: a member for another's profile, another network's
    // coordinator, and callers without a valid session are refused; X's coordinator sees but may not act.
    requestMeeting: [
      ...(['a', 'd'] as const).map((who) => ({ who, request: () => ({ method: 'POST', path: `${meeting()}/requests`, body: { from: b, to: a } }), status: 404 })),
      { who: 'c' as const, request: () => ({ method: 'POST', path: `${meeting()}/requests`, body: { from: b, to: a } }), status: 403 },
      ...(['anonymous', 'expired', 'tampered'] as const).map((who) => ({ who, request: () => ({ method: 'POST', path: `${meeting()}/requests`, body: { from: b, to: a } }), status: 401 })),
    ],
    profileMeetings: ownersOnly(() => `/profiles/${b}/meetings`),
    profileMeetingCalendar: ownersOnly(() => `/profiles/${b}/meetings/${meetingId}/calendar`),
  };
}

async function send(who: keyof typeof as, request: { method: string; path: string; body?: unknown }): Promise<ApiResult> {
  return call(api, { ...request, headers: as[who] });
}

describe('access control on every route', () => {
  it('has refused-caller cases for every declared route', () => {
    expect(Object.keys(refusals).sort()).toEqual(PROFILES_API_ROUTES.map((r) => r.name).sort());
  });

  for (const route of PROFILES_API_ROUTES) {
    it(`${route.method} ${route.path}: refuses callers who may not, and changes nothing`, async () => {
      const before = await table.scanAll();
      for (const { who, request, status } of refusals[route.name]) {
        const response = await send(who, request());
        expect(response.status, `${who} on ${route.name}`).toBe(status);
        expect(response.headers['content-type']).toBe('application/problem+json');
        // A refusal to someone who may see but not do this names what only another may do, reads included.
        if (status === 403) expect(response.body.title).toBe('Not allowed');
        if (response.body.type === '/problems/sign-in-required') expect(response.headers['www-authenticate']).toBe('Bearer');
      }
      // Nothing changed (rate counters count requests, which is their job; they are not data).
      const data = (items: Record<string, unknown>[]) => items.filter((i) => i.entity !== 'RateCounter');
      expect(data(await table.scanAll())).toEqual(data(before));
    });
  }

  it('lets anyone list the networks, and the coordinator of the network use its membership routes', async () => {
    for (const who of ['anonymous', 'a', 'c'] as const) {
      const listed = await send(who, { method: 'GET', path: '/networks' });
      expect(listed.status, who).toBe(200);
      expect(listed.body.networks).toEqual([{ id: X, name: `Network ${X}` }, { id: Y, name: `Network ${Y}` }]);
    }
    expect((await send('c', { method: 'GET', path: `/networks/${X}/requests` })).body).toEqual({ networkId: X, requests: [] });
    expect((await send('c', { method: 'GET', path: `/networks/${X}/imports/template` })).raw.toString()).toContain('contact_email');
    const preview = await send('c', { method: 'POST', path: `/networks/${X}/imports`, body: { ...importBody(), dryRun: true } });
    expect(preview.status).toBe(200);
    expect(preview.body.summary).toEqual({ created: 1, updated: 0, unchanged: 0, kept: 0, invalid: 0 });
    const exported = await send('c', { method: 'GET', path: `/networks/${X}/export` });
    expect(exported.status).toBe(200);
    expect(exported.raw.toString()).toContain('Kutaisi');
    // Approving a member who is already approved changes nothing, and says so.
    const approved = await send('c', { method: 'POST', path: `/networks/${X}/requests/${b}/approve` });
    expect(approved.body).toEqual({ profileId: b, networkId: X, membership: 'approved', changed: false });
  });

  it('answers a foreign id exactly as an id that does not exist', async () => {
    const foreign = await send('a', { method: 'GET', path: `/profiles/${b}` });
    const missing = await send('a', { method: 'GET', path: `/profiles/${randomUUID()}` });
    // `instance` names the requested path, which differs by the id itself; everything else is equal.
    const withoutInstance = ({ instance: _instance, ...rest }: Record<string, unknown>) => rest;
    expect(foreign.status).toBe(missing.status);
    expect(withoutInstance(foreign.body)).toEqual(withoutInstance(missing.body));
    const foreignNetwork = await send('a', { method: 'GET', path: `/networks/${X}/members` });
    const missingNetwork = await send('a', { method: 'GET', path: '/networks/no-such-network/members' });
    expect(withoutInstance(foreignNetwork.body)).toEqual(withoutInstance(missingNetwork.body));
  });

  it('lets the owner and the coordinator of the network read, and only the owner act', async () => {
    const own = await send('b', { method: 'GET', path: `/profiles/${b}` });
    expect(own.status).toBe(200);
    expect(own.body.contact).toEqual({ name: 'B', email: emails.b });
    expect((await send('c', { method: 'GET', path: `/profiles/${b}` })).status).toBe(200);
    expect(((await send('c', { method: 'GET', path: `/profiles/${b}/matches` })).body.matches as unknown[]).length).toBe(1);

    const members = await send('c', { method: 'GET', path: `/networks/${X}/members` });
    // In the network index's order (by id), not by name, since the list comes in pages.
    expect((members.body.members as { id: string; name: string; status: string }[]).map((m) => [m.id, m.name, m.status])).toEqual([[a, 'Kutaisi', 'active'], [b, 'Gyumri', 'active']].sort(([x], [y]) => (String(x) < String(y) ? -1 : 1)));
    expect(JSON.stringify(members.body)).not.toContain('@');
    const matches = await send('c', { method: 'GET', path: `/networks/${X}/matches` });
    expect(matches.body.matches).toMatchObject([{ matchId: pairKey(a, b), names: expect.arrayContaining(['Kutaisi', 'Gyumri']), state: 'proposed' }]);

    const accepted = await send('b', { method: 'POST', path: `/matches/${b}/${a}/accept` });
    expect(accepted.status).toBe(200);
    expect(accepted.body.acceptedBy).toEqual([b]);

    const settings = await send('c', { method: 'PUT', path: `/networks/${X}/settings`, body: { preference: { mode: 'digest', timeZone: 'Asia/Tbilisi', digestHour: 9 } } });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ networkId: X, coordinator: { name: 'C', preference: { mode: 'digest', timeZone: 'Asia/Tbilisi', digestHour: 9 } } });
    expect((await send('c', { method: 'GET', path: `/networks/${X}/settings` })).body).toEqual(settings.body);
    expect(settings.body).toMatchObject({ coordinator: { locale: 'en' } });
    const inGeorgian = await send('c', { method: 'PUT', path: `/networks/${X}/settings`, body: { preference: { mode: 'digest', timeZone: 'Asia/Tbilisi', digestHour: 9 }, locale: 'ka' } });
    expect(inGeorgian.body).toMatchObject({ coordinator: { locale: 'ka', preference: { mode: 'digest' } } });
    expect((await send('c', { method: 'GET', path: `/networks/${X}/settings` })).body).toEqual(inGeorgian.body);
    const badSettings = await send('c', { method: 'PUT', path: `/networks/${X}/settings`, body: { preference: { mode: 'hourly', timeZone: 'Mars/Olympus' }, locale: 'tlh' } });
    expect(badSettings.status).toBe(400);
    expect((badSettings.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['locale', 'preference.mode', 'preference.timeZone']);
  });

  it('decides by what the address owns now, not by what the session claimed when it was issued', async () => {
    // A session whose claims name B's profile (say, A was its contact an hour ago) gets nothing from them.
    const stale = await bearer(emails.a, { profiles: [a, b], networks: [X] });
    expect((await call(api, { method: 'GET', path: `/profiles/${b}`, headers: stale })).status).toBe(404);
    expect((await call(api, { method: 'GET', path: `/networks/${X}/members`, headers: stale })).status).toBe(404);
    expect((await call(api, { method: 'GET', path: `/profiles/${a}`, headers: stale })).status).toBe(200);
  });

  it('shows a coordinator only the matches within their networks, and never a partner\'s contact', async () => {
    const profiles = new ProfileStore(table.doc, table.tableName);
    const now = new Date().toISOString();
    const both = (await profiles.create({ ...validProfileInput({ name: 'Both', networks: [X, Y], contact: { name: 'M', email: 'm@both.example' } }) } as never, { id: randomUUID(), status: 'active', now, membership: 'approved' })).id;
    const onlyX = (await profiles.create({ ...validProfileInput({ name: 'OnlyX', networks: [X], contact: { name: 'Q', email: 'q@onlyx.example' } }) } as never, { id: randomUUID(), status: 'active', now, membership: 'approved' })).id;
    await new MatchStore(table.doc, table.tableName).put(
      { matchId: pairKey(both, onlyX), profileIds: sortedPair(both, onlyX), state: 'confirmed', acceptedBy: [both, onlyX], score: 60, summary: 'Both do theatre', reasons: [], sharedNetworks: [X], version: 3, proposedAt: now, updatedAt: now },
      undefined,
    );
    const ofBoth = (who: Record<string, string>) => call(api, { method: 'GET', path: `/profiles/${both}/matches`, headers: who });
    expect((await ofBoth(as.d)).body.matches).toEqual([]);
    const seenByC = (await ofBoth(as.c)).body.matches as Record<string, unknown>[];
    expect(seenByC).toHaveLength(1);
    expect(seenByC[0]?.partnerContact).toBeUndefined();
    const seenByOwner = (await ofBoth(await bearer('m@both.example'))).body.matches as Record<string, unknown>[];
    expect(seenByOwner[0]?.partnerContact).toEqual({ name: 'Q', email: 'q@onlyx.example' });
  });

  it('refuses an Authorization header that is not a bearer session, even on a public route', async () => {
    const basic = await call(api, { method: 'POST', path: '/auth/magic-link', body: { email: emails.b }, headers: { authorization: 'Basic YTpi' } });
    expect(basic.status).toBe(401);
  });

  it('lets the network\'s coordinator plan, export and change a meeting, and each member see their own schedule', async () => {
    const read = await send('c', { method: 'GET', path: `/networks/${X}/meetings/${meetingId}` });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: meetingId, networkId: X, version: 1 });
    const rounds = read.body.rounds as { meetings: { names: string[]; summary: string }[] }[];
    expect(rounds[0]?.meetings[0]?.names.sort()).toEqual(['Gyumri', 'Kutaisi']);
    expect(rounds[0]?.meetings[0]?.summary).toBe('Both care about climate');
    expect(JSON.stringify(read.body)).not.toContain('@');
    expect((await send('c', { method: 'GET', path: `/networks/${X}/meetings` })).body.meetings).toMatchObject([{ id: meetingId, participants: 2 }]);

    const calendar = await send('c', { method: 'GET', path: `/networks/${X}/meetings/${meetingId}/calendar` });
    expect(calendar.status).toBe(200);
    expect(calendar.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(calendar.text).toContain(`UID:${meetingId}-r1-t1@meetings.culturebridge`);
    expect(calendar.text).toContain('SEQUENCE:0');
    const csv = await send('c', { method: 'GET', path: `/networks/${X}/meetings/${meetingId}/csv` });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.split('\r\n')[1]).toContain('Both care about climate');
    // In the language asked for (the page's), as the calendar; one the app does not speak is a 400 naming it.
    const russian = await send('c', { method: 'GET', path: `/networks/${X}/meetings/${meetingId}/csv?locale=ru` });
    expect(russian.text.split('\r\n')[0]).toMatch(/^\uFEFF?Раунд;/);
    const unknown = await send('c', { method: 'GET', path: `/networks/${X}/meetings/${meetingId}/csv?locale=de` });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ errors: [expect.objectContaining({ field: 'locale' })] });

    const own = await send('a', { method: 'GET', path: `/profiles/${a}/meetings` });
    expect(own.status).toBe(200);
    expect(own.body.meetings).toMatchObject([{ id: meetingId, rounds: [{ round: 1, table: 1, partnerId: b, partnerName: 'Gyumri' }, { round: 2 }] }]);

    const changed = await send('c', { method: 'PUT', path: `/networks/${X}/meetings/${meetingId}`, body: { ...meetingBody(), name: 'Kutaisi speed dating, day 2', version: 1 } });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    expect((await send('c', { method: 'GET', path: `/networks/${X}/meetings/${meetingId}/calendar` })).text).toContain('SEQUENCE:1');
    const stale = await send('c', { method: 'PUT', path: `/networks/${X}/meetings/${meetingId}`, body: { ...meetingBody(), version: 1 } });
    expect(stale.status).toBe(409);
  });

  it('names every bad meeting field, and stores nothing', async () => {
    const before = await table.scanAll();
    const outsider = randomUUID();
    const bad = await send('c', {
      method: 'POST',
      path: `/networks/${X}/meetings`,
      body: { ...meetingBody(), name: ' ', timeZone: 'Mars/Olympus', rounds: 0, participants: [a, outsider], requests: [{ from: a, to: outsider }] },
    });
    expect(bad.status).toBe(400);
    // The outsider is named in the same answer as the body's other mistakes, not in a second one.
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['name', 'participants[1]', 'rounds', 'timeZone']);
    const badRequest = await send('c', { method: 'POST', path: `/networks/${X}/meetings`, body: { ...meetingBody(), rounds: 0, requests: [{ from: a, to: randomUUID() }, { from: a, to: 'not an id' }] } });
    expect((badRequest.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['requests[0].to', 'requests[1].to', 'rounds']);
    const strangers = await send('c', { method: 'POST', path: `/networks/${X}/meetings`, body: { ...meetingBody(), participants: [a, outsider], requests: [{ from: a, to: randomUUID() }] } });
    expect(strangers.status).toBe(400);
    expect((strangers.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['participants[1]', 'requests[0].to']);
    expect(await table.scanAll()).toEqual(before);
  });

  it('tells a session who it is', async () => {
    const me = await send('a', { method: 'GET', path: '/me' });
    expect(me.body).toEqual({ profiles: [{ id: a, name: 'Kutaisi', status: 'active' }], networks: [] });
    expect((await send('c', { method: 'GET', path: '/me' })).body).toEqual({ profiles: [], networks: [X] });
  });
});
