import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Logger } from '@aws-lambda-powertools/logger';
import { MatchStore, ProfileStore, decodeMembershipView } from '@culturebridge/store';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { createProfilesApi } from '../../functions/profiles-api/app.js';
import { call } from '../support/api-event.js';
import { freshTable, type TestTable } from '../support/table.js';

let table: TestTable;
let api: ReturnType<typeof createProfilesApi>;

beforeAll(async () => {
  table = await freshTable('profiles-api');
  api = createProfilesApi({
    profiles: new ProfileStore(table.doc, table.tableName),
    matches: new MatchStore(table.doc, table.tableName),
    newId: randomUUID,
    now: () => new Date().toISOString(),
    logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
    allowedOrigins: ['http://localhost:5173'],
  });
});

describe('profiles API on DynamoDB Local', () => {
  it('creates, reads, refuses a stale update, updates and erases a profile', async () => {
    const created = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput() });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body.version).toBe(1);
    expect(created.headers.location).toBe(`/profiles/${id}`);

    const read = await call(api, { method: 'GET', path: `/profiles/${id}` });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, version: 1, status: 'active', name: 'Kutaisi', networks: ['eu4culture'] });
    expect(read.body.contact).toBeUndefined();
    expect(read.headers.etag).toBe('"1"');

    const renamed = await call(api, { method: 'PUT', path: `/profiles/${id}`, body: { ...validProfileInput({ name: 'Kutaisi City Hall' }), version: 1 } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.version).toBe(2);

    const stale = await call(api, { method: 'PUT', path: `/profiles/${id}`, body: { ...validProfileInput({ name: 'Overwritten' }), version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.headers['content-type']).toBe('application/problem+json');
    expect(stale.body).toMatchObject({ status: 409, currentVersion: 2, type: '/problems/version-conflict' });
    const afterStale = await call(api, { method: 'GET', path: `/profiles/${id}` });
    expect(afterStale.body).toMatchObject({ name: 'Kutaisi City Hall', version: 2 });

    const erased = await call(api, { method: 'DELETE', path: `/profiles/${id}` });
    expect(erased.status).toBe(204);
    expect((await call(api, { method: 'GET', path: `/profiles/${id}` })).status).toBe(404);
    expect((await call(api, { method: 'DELETE', path: `/profiles/${id}` })).status).toBe(404);
    expect((await table.scanAll()).filter((i) => String(i.PK).includes(id))).toEqual([]);
  });

  it('keeps one membership item per network and the open scope, with no personal data, in step with updates', async () => {
    const created = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput({ networks: ['eu4culture', 'eunic-caucasus'], openToOutsideNetwork: true }) });
    const id = created.body.id as string;
    const memberships = async () =>
      (await table.scanAll()).filter((i) => i.PK === `PROFILE#${id}` && i.entity === 'Membership');
    expect((await memberships()).map((m) => m.GSI1PK).sort()).toEqual(['NETWORK#eu4culture', 'NETWORK#eunic-caucasus', 'NETWORK#~open']);
    expect(JSON.stringify(await memberships())).not.toContain('@');

    await call(api, { method: 'PUT', path: `/profiles/${id}`, body: { ...validProfileInput({ networks: ['eunic-caucasus'], openToOutsideNetwork: false }), version: 1 } });
    const after = await memberships();
    expect(after.map((m) => m.GSI1PK)).toEqual(['NETWORK#eunic-caucasus']);
    expect(decodeMembershipView(String(after[0]?.view))).toMatchObject({ version: 2, networks: ['eunic-caucasus'], openToOutsideNetwork: false });
  });

  it('answers a POST with many mistakes with one 400 naming each field, and stores nothing', async () => {
    const before = (await table.scanAll()).length;
    const { name: _name, ...rest } = validProfileInput();
    const response = await call(api, {
      method: 'POST',
      path: '/profiles',
      body: { ...rest, country: 'ZZ', themes: [{ id: 'underwater-basket-weaving', priority: 'high' }], languages: 42, nickname: 'K' },
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    const fields = (response.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['country', 'languages', 'name', 'nickname', 'themes[0].id']);
    expect(response.body.detail).toBe('5 fields are invalid: name, country, themes[0].id, languages, nickname.');
    expect((await table.scanAll()).length).toBe(before);
  });

  it('refuses a body over 64 KB with 413 and a body that is not JSON with 415, storing nothing', async () => {
    const before = (await table.scanAll()).length;
    const huge = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput({ description: 'x'.repeat(100 * 1024) }) });
    expect(huge.status).toBe(413);
    const text = await call(api, { method: 'POST', path: '/profiles', rawBody: 'name=Kutaisi', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    const broken = await call(api, { method: 'POST', path: '/profiles', rawBody: '{"name": ' });
    expect(broken.status).toBe(415);
    expect(broken.body.title).toBe('Unsupported media type');
    expect(broken.body.detail).toBe('The body is not valid JSON. Check quotes, commas and brackets.');
    expect(text.body.detail).toBe('Send the body as JSON with the header Content-Type: application/json.');
    expect((await table.scanAll()).length).toBe(before);
  });

  it('answers unknown ids, malformed ids and unknown routes with 404 problems, and adds security and CORS headers', async () => {
    const unknown = await call(api, { method: 'GET', path: `/profiles/${randomUUID()}`, headers: { origin: 'http://localhost:5173' } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(unknown.headers['x-content-type-options']).toBe('nosniff');
    expect((await call(api, { method: 'GET', path: '/profiles/..%2F..' })).status).toBe(404);
    expect((await call(api, { method: 'GET', path: '/nowhere' })).status).toBe(404);
  });

  it('refuses an update without a version and one of a profile that does not exist', async () => {
    const missingVersion = await call(api, { method: 'PUT', path: `/profiles/${randomUUID()}`, body: validProfileInput() });
    expect(missingVersion.status).toBe(400);
    const ghost = await call(api, { method: 'PUT', path: `/profiles/${randomUUID()}`, body: { ...validProfileInput(), version: 1 } });
    expect(ghost.status).toBe(404);
  });
});
