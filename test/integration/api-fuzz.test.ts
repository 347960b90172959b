import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { SESSION } from '@culturebridge/auth';
import { pairKey } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { CoordinatorStore, MatchStore, ProfileStore, addressHash, sortedPair } from '@culturebridge/store';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { MAX_BODY_BYTES } from '../../functions/profiles-api/app.js';
import { PROFILES_API_ROUTES } from '@culturebridge/api/api-routes';
import { apiGatewayEvent, lambdaContext } from '../../local/api-gateway.js';
import { TEST_SESSION_KEY, bearer, createApi, profilesApiOptions } from '../support/profiles-api.js';
import { addNetworks, freshTable, type TestTable } from '../support/table.js';

/**
 * An API fuzzer: hostile requests over every route and method, called in-process through the local
 * adapter's event shape. Every answer must be below 500; every 4xx an RFC 9457 problem; and a refused
 * request must write nothing to the table.
 *
 * Intended exceptions: a refused sign-in request still counts against its rate limits (the
 * `RATE#…` counters are how the limit works), and CORS preflights (OPTIONS) are answered 204 by the
 * CORS middleware. FUZZ_RUNS sets the number of requests (the reliability script runs more).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = 20261130;

let table: TestTable;
let profiles: ProfileStore;
const seedProfile = (name: string, email: string, id: string = randomUUID()) =>
  profiles.create(validProfileInput({ name, contact: { name, email } }) as never, { id, status: 'active', now: new Date().toISOString(), membership: 'approved' });
let api: ReturnType<typeof createApi>;
const writes: { command: string; input: string }[] = [];
const ids: Record<'a' | 'b', string> = { a: '', b: '' };
const tokens: Record<string, string | undefined> = {};

const WRITE_COMMANDS = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);

beforeAll(async () => {
  table = await freshTable('fuzz');
  const now = new Date().toISOString();
  profiles = new ProfileStore(table.doc, table.tableName);
  ids.a = (await seedProfile('Kutaisi', 'a@fuzz.example')).id;
  ids.b = (await seedProfile('Gyumri', 'b@fuzz.example')).id;
  await new CoordinatorStore(table.doc, table.tableName).add({ networkId: 'eu4culture', name: 'C', email: 'c@fuzz.example' });
  await new MatchStore(table.doc, table.tableName).put(
    { matchId: pairKey(ids.a, ids.b), profileIds: sortedPair(ids.a, ids.b), state: 'proposed', acceptedBy: [], score: 70, summary: 'x', reasons: [], sharedNetworks: ['eu4culture'], version: 1, proposedAt: now, updatedAt: now },
    undefined,
  );
  // Records every write that DynamoDB applied, with its input, while the fuzzer runs.
  table.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (WRITE_COMMANDS.has(context.commandName ?? '')) writes.push({ command: context.commandName ?? '', input: JSON.stringify(args.input) });
      return result;
    },
    { step: 'initialize', name: 'recordWrites' },
  );
  api = createApi(profilesApiOptions(table.doc, table.tableName));
  await addNetworks(table, ['eu4culture']);

  const owner = (await bearer('a@fuzz.example', { profiles: [ids.a] })).authorization?.slice(7) ?? '';
  const [header, payload] = owner.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  tokens.owner = owner;
  tokens.coordinator = (await bearer('c@fuzz.example', { networks: ['eu4culture'] })).authorization?.slice(7);
  tokens.forged = `${header}.${b64({ ...claims, profiles: [ids.a, ids.b] })}.${owner.split('.')[2]}`;
  tokens.algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, profiles: [ids.a, ids.b] })}.`;
  tokens.foreignKey = (await bearer('a@fuzz.example', { profiles: [ids.a] }, new Uint8Array(32).fill(9))).authorization?.slice(7);
  tokens.expired = await new SignJWT({ profiles: [ids.a], networks: [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(addressHash('a@fuzz.example'))
    .setIssuer(SESSION.issuer)
    .setAudience(SESSION.audience)
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
    .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
    .sign(TEST_SESSION_KEY);
  tokens.garbage = 'not.a.jwt';
  tokens.empty = '';
});

const hostileIds = () =>
  fc.oneof(
    { arbitrary: fc.constantFrom(() => ids.a, () => ids.b, () => randomUUID(), () => 'eu4culture').map((f) => f()), weight: 6 },
    fc.constantFrom('__proto__', 'constructor', 'prototype', '..', '%2e%2e%2f', '%00', '%E0%A4%A', '%', 'a|b', '😀', ' ', 'null', 'undefined', '-1', 'x'.repeat(2_000), 'eu4culture', '~open'),
    fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s)),
  );

const deep = (depth: number, open: string, close: string, leaf = '1') => `${open.repeat(depth)}${leaf}${close.repeat(depth)}`;
const sized = (bytes: number) => {
  const shell = JSON.stringify({ ...validProfileInput(), description: '' });
  return shell.replace('"description":""', `"description":"${'d'.repeat(Math.max(0, bytes - shell.length))}"`);
};

const hostileBodies = () =>
  fc.oneof(
    { arbitrary: fc.constantFrom(JSON.stringify(validProfileInput({ contact: { name: 'V', email: 'a@fuzz.example' } })), JSON.stringify({ ...validProfileInput({ contact: { name: 'V', email: 'a@fuzz.example' } }), version: 1 }), JSON.stringify({ email: 'v@fuzz.example' }), JSON.stringify({ preference: { mode: 'digest', timeZone: 'Europe/Berlin', digestHour: 8 } })), weight: 4 },
    fc.constant(undefined),
    fc.constantFrom('', 'null', '[]', '{}', '"text"', '123', 'true', '{', '{"a":}', '\u0000', '{"email":"a@b.example"}'),
    fc.constantFrom(
      deep(5_000, '[', ']'),
      deep(2_000, '{"a":', '}'),
      '{"name":"a","name":"b","name":{"x":1}}',
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
      '{"name":"\\ud800","email":"\\udfff@x.example"}',
      `{"name":"\ud800"}`,
      '{"name":"a\\u0000b","token":"\\u0000"}',
      JSON.stringify({ token: 't'.repeat(100_000) }),
      JSON.stringify({ email: `${'a'.repeat(300)}@x.example` }),
      sized(MAX_BODY_BYTES - 1),
      sized(MAX_BODY_BYTES),
      sized(MAX_BODY_BYTES + 1),
      sized(4 * MAX_BODY_BYTES),
    ),
    // A valid profile with one field replaced by anything at all.
    fc.tuple(fc.constantFrom(...Object.keys(validProfileInput())), fc.anything({ maxDepth: 3 })).map(([field, value]) => JSON.stringify({ ...validProfileInput({ contact: { name: 'F', email: 'f@fuzz.example' } }), version: 1, [field]: value })),
    fc.record({ email: fc.oneof(fc.emailAddress(), fc.string()), token: fc.string() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    fc.record({ preference: fc.anything({ maxDepth: 2 }) }).map((v) => JSON.stringify(v)),
    fc.json({ maxDepth: 4 }),
    fc.string({ maxLength: 200, unit: 'binary' }),
  );

const contentTypes = fc.constantFrom(
  undefined,
  'application/json',
  'APPLICATION/JSON',
  'Application/Json; Charset=UTF-8',
  'application/json; charset=latin1',
  'application/json;;;',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
  'json',
);

const anyMethod = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'get', 'TRACE');

/** Mostly a route's own method and path with a real id, often something else. */
const targets = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom(...PROFILES_API_ROUTES), hostileIds(), hostileIds(), fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: anyMethod, weight: 1 })).map(([route, id, partner, method]) => ({
    method: method ?? route.method,
    path: route.path.replace('{id}', id).replace('{partner}', partner).replace('{networkId}', id),
  })), weight: 9 },
  fc.record({ method: anyMethod, path: fc.constantFrom('/', '/profiles/', '/profiles//matches', '/matches', '/networks', '/auth', '/auth/', '/me/', '/profiles?x=1') }),
);

/** Mostly none; else parameters the routes read, repeated, unknown, empty or undecodable. */
const queries = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  fc.constantFrom('limit=5', 'limit=5&limit=6', 'locale=ka&locale=en', 'names=omit', 'cursor=&cursor=', 'format=xlsx&delimiter=%3B', 'x=1', 'limt=5', '=1', '&&', 'limit', '%E0%A4%A=1', '__proto__=1', 'constructor=x'),
  fc.array(fc.tuple(fc.constantFrom('limit', 'cursor', 'names', 'locale', 'format', 'delimiter', 'x'), fc.string({ maxLength: 10 })), { maxLength: 4 }).map((pairs) => new URLSearchParams(pairs).toString()),
);

const requests = fc.record({
  target: targets,
  query: queries,
  body: hostileBodies(),
  contentType: contentTypes,
  token: fc.constantFrom('owner', 'owner', 'owner', 'coordinator', 'forged', 'algNone', 'foreignKey', 'expired', 'garbage', 'empty', 'none'),
  scheme: fc.constantFrom('Bearer ', 'Bearer ', 'Bearer ', 'bearer ', 'Basic ', ''),
});

const DOCUMENTED_STATUSES = [400, 401, 403, 404, 409, 413, 415, 429, 503];

describe('API fuzzer', () => {
  it(`answers ${RUNS} hostile requests with no 5xx, problem+json for every 4xx, and stores nothing for a refused request`, { timeout: 240_000 }, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        const headers: Record<string, string> = {};
        if (request.contentType !== undefined) headers['content-type'] = request.contentType;
        const token = request.token === 'none' ? undefined : tokens[request.token];
        if (token !== undefined) headers.authorization = `${request.scheme}${token}`;
        const { method } = request.target;
        const [path, pathQuery] = request.target.path.split('?');
        const query = request.query ?? pathQuery;
        const before = writes.length;
        const response = (await api(apiGatewayEvent({ method, path: path ?? '/', query, headers, body: request.body }), lambdaContext('fuzz'))) as APIGatewayProxyStructuredResultV2;
        const status = response.statusCode ?? 200;
        // The owner erased their profile: put it back, so later requests still reach a real one.
        if (status === 204 && method === 'DELETE' && path === `/profiles/${ids.a}`) await seedProfile('Kutaisi', 'a@fuzz.example', ids.a);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const type = Object.entries(response.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
        expect(status, `${method} ${request.target.path}`).toBeLessThan(500);
        if (status >= 400) {
          // Only the statuses docs/api.md lists under "Problem types".
          expect(DOCUMENTED_STATUSES, `${method} ${request.target.path} → ${status}`).toContain(status);
          expect(type, `${method} ${request.target.path} → ${status}`).toBe('application/problem+json');
          const problem = JSON.parse(String(response.body)) as { status: number; title: string };
          expect(problem.status).toBe(status);
          expect(problem.title).toEqual(expect.any(String));
          const stored = writes.slice(before).filter((w) => !w.input.includes('RATE#'));
          expect(stored, `${method} ${request.target.path} → ${status} wrote`).toEqual([]);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // Nothing reached Object.prototype through a parsed body.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The run reached every kind of answer: served, invalid, unauthenticated, unknown, too large, not JSON.
    for (const status of [200, 201, 204, 400, 401, 404, 413, 415]) expect(statuses.get(status) ?? 0, `answers with ${status}`).toBeGreaterThan(0);
  });
});
