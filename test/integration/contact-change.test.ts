import { beforeAll, describe, expect, it } from 'vitest';
import { InternalServerError } from '@aws-sdk/client-dynamodb';
import { ProfileInput, type Profile, type ProfileInput as Input } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { AddressBook, CoordinatorStore, ENTITY, ProfileStore, addressHash, decodeMembershipView } from '@culturebridge/store';
import { createProfilesApi } from '../../functions/profiles-api/app.js';
import { call } from '../support/api-event.js';
import { TEST_SESSION_KEY, bearer, profilesApiOptions, recordingMailer } from '../support/profiles-api.js';
import { BROWSER_SESSION, signSession } from '@culturebridge/auth';
import { addNetworks, freshTable, type TestTable } from '../support/table.js';

const TOKEN_IN_LINK = /#\/sign-in\?token=([A-Za-z0-9_-]{43})/;
const NOW = '2026-11-30T10:00:00.000Z';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const old = (n: number) => `culture@city-${n}.example`;

describe('a pending contact change in the profile store (DynamoDB Local)', () => {
  let table: TestTable;
  let profiles: ProfileStore;
  let addresses: AddressBook;
  beforeAll(async () => {
    table = await freshTable('contact-change');
    // The tests' clock: NOW is fixed, and a waiting change lapses 7 days after its link (ProfileStore.get).
    profiles = new ProfileStore(table.doc, table.tableName, () => Date.parse(NOW));
    addresses = new AddressBook(table.doc, table.tableName);
  });

  const create = (n: number, status: Profile['status'] = 'active') =>
    profiles.create(ProfileInput.parse(validProfileInput({ name: `City ${n}`, contact: { name: `Contact ${n}`, email: old(n) } })), { id: id(n), status, now: NOW, membership: 'approved' });
  const dataOf = ({ id: _i, version: _v, status: _s, createdAt: _c, updatedAt: _u, memberships: _m, pendingContact: _p, ...data }: Profile) => data;
  const ask = async (profile: Profile, email: string, name = 'New contact') => {
    const result = await profiles.update(profile.id, profile.version, { ...dataOf(profile), contact: { name, email } }, NOW);
    if (result.outcome !== 'ok') throw new Error(`update: ${result.outcome}`);
    return result.value;
  };
  const owns = async (email: string) => (await addresses.ownedBy(addressHash(email))).profiles;

  it('keeps an active profile with its contact and address item, and stores the new contact as waiting', async () => {
    const asked = await ask(await create(1), 'new@city-1.example');
    expect(asked).toMatchObject({ status: 'active', version: 2, contact: { name: 'Contact 1', email: old(1) }, pendingContact: { name: 'New contact', email: 'new@city-1.example', version: 2, requestedAt: NOW } });
    expect(await profiles.get(id(1))).toEqual(asked);
    expect(await owns(old(1))).toEqual([id(1)]);
    expect(await owns('new@city-1.example')).toEqual([]);
  });

  it('applies the change when its link is used: contact replaced, address items moved, matching view owned by the new address', async () => {
    const asked = await ask(await create(2), 'new@city-2.example');
    expect(await profiles.confirm(id(2), addressHash('new@city-2.example'), NOW, asked.version)).toBe('confirmed');
    const moved = await profiles.get(id(2));
    expect(moved).toMatchObject({ status: 'active', version: 3, contact: { name: 'New contact', email: 'new@city-2.example' } });
    expect(moved).not.toHaveProperty('pendingContact');
    expect(await owns(old(2))).toEqual([]);
    expect(await owns('new@city-2.example')).toEqual([id(2)]);
    const membership = (await table.scanAll()).find((i) => i.entity === ENTITY.membership && i.profileId === id(2));
    const other = await ask(await create(20), 'new@city-2.example');
    expect(await profiles.confirm(id(20), addressHash('new@city-2.example'), NOW, other.version)).toBe('confirmed');
    const otherMembership = (await table.scanAll()).find((i) => i.entity === ENTITY.membership && i.profileId === id(20));
    // One address's profiles are never matched with each other: both views name the same owner now.
    expect(decodeMembershipView(String(membership?.view)).owner).toBe(decodeMembershipView(String(otherMembership?.view)).owner);
    // Used again (a retried verify), the link finds nothing waiting and changes nothing.
    expect(await profiles.confirm(id(2), addressHash('new@city-2.example'), NOW, asked.version)).toBe('refused');
    expect((await profiles.get(id(2)))?.version).toBe(3);
  });

  it('only the latest change applies: the link of a replaced one, or of a cancelled one, does nothing', async () => {
    const typo = await ask(await create(3), 'nwe@city-3.example');
    const replaced = await ask(typo, 'new@city-3.example');
    expect(replaced.pendingContact).toMatchObject({ email: 'new@city-3.example', version: 3 });
    expect(await profiles.confirm(id(3), addressHash('nwe@city-3.example'), NOW, typo.version)).toBe('refused');
    // The same address asked for again later is a new request: the first link stays stale.
    const again = await ask(replaced, 'nwe@city-3.example');
    expect(await profiles.confirm(id(3), addressHash('nwe@city-3.example'), NOW, typo.version)).toBe('refused');
    const cancelled = await ask(again, old(3), 'Contact 3');
    expect(cancelled).toMatchObject({ status: 'active', contact: { email: old(3) } });
    expect(cancelled).not.toHaveProperty('pendingContact');
    expect(await profiles.confirm(id(3), addressHash('nwe@city-3.example'), NOW, again.version)).toBe('refused');
    expect(await profiles.get(id(3))).toEqual(cancelled);
    expect(await owns(old(3))).toEqual([id(3)]);
  });

  it('keeps a waiting change when its own address is sent again (a form saved again), taking the new name', async () => {
    const asked = await ask(await create(4), 'new@city-4.example');
    const saved = await ask(asked, 'NEW@city-4.example', 'Renamed');
    expect(saved.pendingContact).toEqual({ ...asked.pendingContact, name: 'Renamed' });
    expect(await profiles.confirm(id(4), addressHash('new@city-4.example'), NOW, asked.version)).toBe('confirmed');
    expect((await profiles.get(id(4)))?.contact).toEqual({ name: 'Renamed', email: 'new@city-4.example' });
  });

  it('moves a profile never confirmed at once (it has nothing to lose): pending, its address item moved', async () => {
    const moved = await ask(await create(5, 'pending'), 'new@city-5.example');
    expect(moved).toMatchObject({ status: 'pending', contact: { email: 'new@city-5.example' } });
    expect(moved).not.toHaveProperty('pendingContact');
    expect(await owns(old(5))).toEqual([]);
    expect(await owns('new@city-5.example')).toEqual([id(5)]);
    expect(await profiles.confirm(id(5), addressHash('new@city-5.example'), NOW)).toBe('confirmed');
  });

  it('applies a change only if it still waits when written: a replacement landing between the link\'s read and its write wins', async () => {
    const asked = await ask(await create(7), 'first@city-7.example');
    let replaced: Profile | undefined;
    // The owner replaces the change just before the link's transaction is sent (after its read).
    const racing = new Proxy(table.doc, {
      get: (target, key, receiver) =>
        key === 'send'
          ? async (command: { constructor: { name: string } }) => {
              if (command.constructor.name === 'TransactWriteCommand' && !replaced) replaced = await ask(asked, 'second@city-7.example');
              return target.send(command as never);
            }
          : Reflect.get(target, key, receiver),
    });
    expect(await new ProfileStore(racing, table.tableName, () => Date.parse(NOW)).confirm(id(7), addressHash('first@city-7.example'), NOW, asked.version)).toBe('refused');
    expect(await profiles.get(id(7))).toMatchObject({ contact: { email: old(7) }, pendingContact: { email: 'second@city-7.example', version: 3 } });
    expect(await owns('first@city-7.example')).toEqual([]);
    expect(await owns(old(7))).toEqual([id(7)]);
  });

  it('lets a waiting change lapse after seven days: not shown, not applied by its link, removed from the item', async () => {
    const asked = await ask(await create(8), 'typo@city-8.example');
    const item = async () => (await table.scanAll()).find((i) => i.entity === ENTITY.profile && i.id === id(8));
    const at = (days: number) => new ProfileStore(table.doc, table.tableName, () => Date.parse(NOW) + days * 86_400_000);
    expect(await at(6.9).get(id(8))).toMatchObject({ pendingContact: { email: 'typo@city-8.example' } });
    const week = at(7);
    expect(await week.get(id(8))).not.toHaveProperty('pendingContact');
    expect(await item()).not.toHaveProperty('pendingContact');
    expect(await item()).toMatchObject({ version: asked.version });
    expect(await week.confirm(id(8), addressHash('typo@city-8.example'), NOW, asked.version)).toBe('refused');
    expect(await week.get(id(8))).toMatchObject({ contact: { email: old(8) }, version: asked.version });
    expect(await owns('typo@city-8.example')).toEqual([]);
  });

  it('refuses a change link once the profile changed in between, and applies nothing a client sent as pendingContact', async () => {
    const asked = await ask(await create(6), 'new@city-6.example');
    const forged = { ...dataOf(asked), pendingContact: { name: 'X', email: 'x@evil.example', requestedAt: NOW, version: 9 } } as unknown as Input as ReturnType<typeof dataOf>;
    const edited = await profiles.update(id(6), asked.version, { ...forged, contact: asked.contact }, NOW);
    expect(edited.outcome).toBe('ok');
    expect(await profiles.get(id(6))).not.toHaveProperty('pendingContact');
    expect(await profiles.confirm(id(6), addressHash('x@evil.example'), NOW, 9)).toBe('refused');
    // The edit (the current address sent again) dropped the change: its own link applies nothing.
    expect(await profiles.confirm(id(6), addressHash('new@city-6.example'), NOW, asked.version)).toBe('refused');
    expect(await profiles.get(id(6))).toMatchObject({ contact: { email: old(6) } });
  });
});

describe('a pending contact change through the API', () => {
  const setup = async () => {
    const table = await freshTable('contact-change-api');
    await addNetworks(table, ['eu4culture']);
    const mailer = recordingMailer();
    // The API's clock runs with the real one, and a test may move it on (links last 15 minutes).
    const clock = { offsetMs: 0 };
    const api = createProfilesApi(profilesApiOptions(table.doc, table.tableName, { mailer, now: () => new Date(Date.now() + clock.offsetMs).toISOString(), profiles: new ProfileStore(table.doc, table.tableName, () => Date.now() + clock.offsetMs) }));
    const tokenTo = (address: string) => TOKEN_IN_LINK.exec(mailer.sent.filter((m) => m.to === address).at(-1)?.mail.text ?? '')?.[1] ?? '';
    const owner = await bearer('nino@kutaisi.example');
    const input = validProfileInput({ contact: { name: 'Nino', email: 'nino@kutaisi.example' } });
    const created = await call(api, { method: 'POST', path: '/profiles', body: input, headers: owner });
    expect(created.body.status).toBe('active');
    const profileId = String(created.body.id);
    // A session signed at the API's time (bearer tokens last an hour), for tests that move it on by days.
    const sessionAt = async (email: string) => ({ authorization: `Bearer ${(await signSession(TEST_SESSION_KEY, { sub: addressHash(email), profiles: [], networks: [] }, new Date(Date.now() + clock.offsetMs))).session}` });
    const read = async (headers?: Record<string, string>) => call(api, { method: 'GET', path: `/profiles/${profileId}`, headers: headers ?? (await sessionAt('nino@kutaisi.example')) });
    const put = async (email: string) => {
      const { version } = (await read()).body as { version: number };
      return call(api, { method: 'PUT', path: `/profiles/${profileId}`, body: { ...input, contact: { name: 'Nino', email }, version }, headers: await sessionAt('nino@kutaisi.example') });
    };
    return { api, table, mailer, tokenTo, owner, profileId, read, put, clock, sessionAt };
  };

  it('keeps the profile with the old address while a typo waits, mails the link to the new address only, and lets the owner cancel it', async () => {
    const { api, table, mailer, tokenTo, profileId, read, put } = await setup();
    const asked = await put('nino@kutiasi.example');
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ status: 'active' });
    expect((await read()).body).toMatchObject({ status: 'active', contact: { email: 'nino@kutaisi.example' }, pendingContact: { email: 'nino@kutiasi.example' } });
    // The network's coordinators see the waiting contact as they see the contact.
    await new CoordinatorStore(table.doc, table.tableName).add({ networkId: 'eu4culture', name: 'Lela', email: 'lela@eu4culture.example', preference: { mode: 'off' } });
    expect((await read(await bearer('lela@eu4culture.example'))).body).toMatchObject({ contact: { email: 'nino@kutaisi.example' }, pendingContact: { email: 'nino@kutiasi.example' } });
    expect(mailer.sent.map((m) => m.to)).toEqual(['nino@kutiasi.example']);
    expect(mailer.sent[0]?.mail.text).toContain('asked to make this address its contact');
    // The link's page names the profile it would move.
    const described = await call(api, { method: 'POST', path: '/auth/link', body: { token: tokenTo('nino@kutiasi.example') } });
    expect(described.body).toMatchObject({ purpose: 'confirm-profile', address: 'n…@kutiasi.example', profile: { id: profileId, status: 'active' }, contactChange: true });

    const cancelled = await put('nino@kutaisi.example');
    expect(cancelled.status).toBe(200);
    expect((await read()).body).not.toHaveProperty('pendingContact');
    expect(mailer.sent).toHaveLength(1);
    // The typo's link, opened anyway, names and moves nothing.
    expect((await call(api, { method: 'POST', path: '/auth/link', body: { token: tokenTo('nino@kutiasi.example') } })).body).not.toHaveProperty('profile');
    const verified = await call(api, { method: 'POST', path: '/auth/verify', body: { token: tokenTo('nino@kutiasi.example') } });
    expect(verified.body).toMatchObject({ profiles: [], confirmed: [] });
    expect((await read()).body).toMatchObject({ status: 'active', contact: { email: 'nino@kutaisi.example' } });
  });

  it('sends the waiting change a new link when the owner saves the same address after the last one expired, not before', async () => {
    const { api, mailer, tokenTo, read, put, clock } = await setup();
    expect((await put('new@kutaisi.example')).status).toBe(200);
    const first = tokenTo('new@kutaisi.example');
    // Saved again at once (other edits, the same new address): the link just sent still works.
    expect((await put('new@kutaisi.example')).status).toBe(200);
    expect(mailer.sent.filter((m) => m.to === 'new@kutaisi.example')).toHaveLength(1);
    // Sixteen minutes on, the first link has expired: saving again sends a fresh one, which applies the change.
    clock.offsetMs = 16 * 60_000;
    expect((await put('new@kutaisi.example')).status).toBe(200);
    expect(mailer.sent.filter((m) => m.to === 'new@kutaisi.example')).toHaveLength(2);
    expect((await call(api, { method: 'POST', path: '/auth/verify', body: { token: first } })).status).toBe(401);
    const verified = await call(api, { method: 'POST', path: '/auth/verify', body: { token: tokenTo('new@kutaisi.example') } });
    expect(verified.status).toBe(200);
    expect((await read(await bearer('new@kutaisi.example'))).body).toMatchObject({ status: 'active', contact: { email: 'new@kutaisi.example' } });
    expect((await read(await bearer('new@kutaisi.example'))).body).not.toHaveProperty('pendingContact');
  });

  it('drops a waiting change seven days after its last link: owner and coordinators no longer see it, and saving its address again asks anew', async () => {
    const { table, mailer, read, put, clock, sessionAt } = await setup();
    expect((await put('nino@kutiasi.example')).status).toBe(200);
    await new CoordinatorStore(table.doc, table.tableName).add({ networkId: 'eu4culture', name: 'Lela', email: 'lela@eu4culture.example', preference: { mode: 'off' } });
    clock.offsetMs = 7 * 86_400_000 + 60_000;
    expect((await read()).body).toMatchObject({ status: 'active', contact: { email: 'nino@kutaisi.example' } });
    expect((await read()).body).not.toHaveProperty('pendingContact');
    expect((await read(await sessionAt('lela@eu4culture.example'))).body).toMatchObject({ contact: { email: 'nino@kutaisi.example' } });
    expect((await read(await sessionAt('lela@eu4culture.example'))).body).not.toHaveProperty('pendingContact');
    // Saving the lapsed address again is a new request: a new link, dated now.
    expect((await put('nino@kutiasi.example')).status).toBe(200);
    expect(mailer.sent.filter((m) => m.to === 'nino@kutiasi.example')).toHaveLength(2);
    const renewed = (await read()).body as { version: number; pendingContact: { requestedAt: string; version: number } };
    expect(renewed.pendingContact.version).toBe(renewed.version);
    expect(Date.parse(renewed.pendingContact.requestedAt)).toBeGreaterThan(Date.now() + 7 * 86_400_000);
  });

  it('moves the profile when the latest link is used; a replaced change\'s link does nothing', async () => {
    const { api, tokenTo, profileId, read, put } = await setup();
    expect((await put('first@kutaisi.example')).status).toBe(200);
    const stale = tokenTo('first@kutaisi.example');
    expect((await put('second@kutaisi.example')).status).toBe(200);
    expect((await call(api, { method: 'POST', path: '/auth/link', body: { token: stale } })).body).not.toHaveProperty('profile');
    const refused = await call(api, { method: 'POST', path: '/auth/verify', body: { token: stale } });
    expect(refused.body).toMatchObject({ profiles: [], confirmed: [] });
    expect((await read()).body).toMatchObject({ contact: { email: 'nino@kutaisi.example' }, pendingContact: { email: 'second@kutaisi.example' } });

    const verified = await call(api, { method: 'POST', path: '/auth/verify', body: { token: tokenTo('second@kutaisi.example') } });
    expect(verified.body).toMatchObject({ profiles: [profileId], confirmed: [profileId] });
    const asNew = await read({ authorization: `Bearer ${String(verified.body.session)}` });
    expect(asNew.body).toMatchObject({ status: 'active', contact: { email: 'second@kutaisi.example' } });
    expect(asNew.body).not.toHaveProperty('pendingContact');
    // The old address's session no longer finds it.
    expect((await read()).status).toBe(404);
  });

  // The browser's path: verify sent from the app sets the session cookie, and the page's next request
  // reads the profile with it at once. The address items move in the confirming transaction and
  // ownership is read consistently (AddressBook.ownedBy), so no read right after can come too early.
  it('lets the browser that applied the change read the profile with its new cookie at once; the old address no longer finds it', async () => {
    const { api, tokenTo, profileId, read, put } = await setup();
    expect((await put('browser@kutaisi.example')).status).toBe(200);
    const verified = await call(api, { method: 'POST', path: '/auth/verify', body: { token: tokenTo('browser@kutaisi.example') }, headers: { origin: 'https://app.culturebridge.example' } });
    expect(verified.body).toMatchObject({ profiles: [profileId], confirmed: [profileId] });
    const cookie = verified.cookies.find((c) => c.startsWith(`${BROWSER_SESSION.cookieName}=`))?.split(';')[0];
    expect(cookie, 'a session cookie').toBeDefined();
    const inBrowser = await read({ cookie: cookie as string });
    expect(inBrowser.status).toBe(200);
    expect(inBrowser.body).toMatchObject({ status: 'active', contact: { email: 'browser@kutaisi.example' } });
    expect((await read()).status).toBe(404);
  });

  it('answers a retried change request with its first answer, and mails no second link', async () => {
    const { api, mailer, owner, profileId, read } = await setup();
    const { version } = (await read()).body as { version: number };
    const body = { ...validProfileInput({ contact: { name: 'Nino', email: 'new@kutaisi.example' } }), version };
    const first = await call(api, { method: 'PUT', path: `/profiles/${profileId}`, body, headers: owner });
    const again = await call(api, { method: 'PUT', path: `/profiles/${profileId}`, body, headers: owner });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(mailer.sent).toHaveLength(1);
  });

  // DynamoDB failing the link's write as it can (an internal error): the first TransactWriteItems sent fails.
  const failingOnce = (doc: TestTable['doc'], fails: (command: { constructor: { name: string }; input?: { Item?: { PK?: string } } }) => boolean = (command) => command.constructor.name === 'TransactWriteCommand') => {
    let failed = false;
    return new Proxy(doc, {
      get: (target, key, receiver) =>
        key === 'send'
          ? async (command: { constructor: { name: string }; input?: { Item?: { PK?: string } } }) => {
              if (fails(command) && !failed) {
                failed = true;
                throw new InternalServerError({ message: 'injected', $metadata: {} });
              }
              return target.send(command as never);
            }
          : Reflect.get(target, key, receiver),
    });
  };

  it('keeps a contact change\'s link working when applying the change fails: the click again applies it', async () => {
    const { table, mailer, tokenTo, profileId, read, put } = await setup();
    expect((await put('new@kutaisi.example')).status).toBe(200);
    const token = tokenTo('new@kutaisi.example');
    const failing = createProfilesApi(profilesApiOptions(failingOnce(table.doc), table.tableName, { mailer }));
    expect((await call(failing, { method: 'POST', path: '/auth/verify', body: { token } })).status).toBe(500);
    // Nothing was applied, and the link was not spent: the member clicks again.
    expect((await read()).body).toMatchObject({ contact: { email: 'nino@kutaisi.example' }, pendingContact: { email: 'new@kutaisi.example' } });
    const again = await call(failing, { method: 'POST', path: '/auth/verify', body: { token } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ profiles: [profileId], confirmed: [profileId] });
    expect((await read(await bearer('new@kutaisi.example'))).body).toMatchObject({ contact: { email: 'new@kutaisi.example' } });
    // Spent by the click that applied it: once only.
    expect((await call(failing, { method: 'POST', path: '/auth/verify', body: { token } })).status).toBe(401);
    // The failed and the refused click left no session behind: only the one handed out exists.
    expect((await table.scanAll()).filter((i) => i.entity === ENTITY.session)).toHaveLength(1);
  });

  it('keeps a confirmation link working when confirming the profile fails', async () => {
    const { table, mailer, api, tokenTo } = await setup();
    const submitted = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput({ name: 'Rustavi', contact: { name: 'Ana', email: 'ana@rustavi.example' } }) });
    expect(submitted.body.status).toBe('pending');
    const token = tokenTo('ana@rustavi.example');
    const failing = createProfilesApi(profilesApiOptions(failingOnce(table.doc), table.tableName, { mailer }));
    expect((await call(failing, { method: 'POST', path: '/auth/verify', body: { token } })).status).toBe(500);
    const again = await call(failing, { method: 'POST', path: '/auth/verify', body: { token } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ confirmed: [submitted.body.id] });
  });

  it('keeps a link working when its session cannot be stored: the click again applies the change and signs in', async () => {
    const { table, mailer, tokenTo, profileId, put } = await setup();
    expect((await put('new@kutaisi.example')).status).toBe(200);
    const token = tokenTo('new@kutaisi.example');
    const failing = createProfilesApi(profilesApiOptions(failingOnce(table.doc, (command) => command.constructor.name === 'PutCommand' && String(command.input?.Item?.PK).startsWith('SESSION#')), table.tableName, { mailer }));
    expect((await call(failing, { method: 'POST', path: '/auth/verify', body: { token } })).status).toBe(500);
    const again = await call(failing, { method: 'POST', path: '/auth/verify', body: { token } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ profiles: [profileId], confirmed: [profileId] });
  });

  it('refuses pendingContact in a request body: the field is the server\'s', async () => {
    const { api, owner, profileId, read } = await setup();
    const { version } = (await read()).body as { version: number };
    const sent = await call(api, {
      method: 'PUT',
      path: `/profiles/${profileId}`,
      body: { ...validProfileInput({ contact: { name: 'Nino', email: 'nino@kutaisi.example' } }), version, pendingContact: { name: 'X', email: 'x@evil.example', requestedAt: NOW, version: 9 } },
      headers: owner,
    });
    expect(sent.status).toBe(400);
    expect(JSON.stringify(sent.body)).toContain('pendingContact');
  });
});
