/**
 * `npm run bench:api`: the HTTP API under load against `npm start`, next to the database-bound limit.
 *
 *   npx tsx bench/api.ts [--duration 20] [--connections 10] [--cpu-prof]
 *
 * 1. Starts `npm start`'s platform (`tsx local/start.ts --fresh`, demo data, its own data directory
 *    and free ports) as a child process, signs in the demo coordinator by magic link through SES
 *    local, and reads a member's id.
 * 2. Loads `GET /profiles/{id}/matches`, `GET /networks/{id}/matches` and `POST /profiles` with
 *    autocannon: `connections` concurrent connections for `duration` seconds each.
 * 3. In the same run, the physical limit: the DynamoDB Local operations each route needs (the
 *    authorizer's session read included, as API Gateway runs it before every request), through the
 *    same store code and SDK clients, by `connections` concurrent loops for the same duration.
 * Reports requests/s, p50/p95/p99 latency (ms) and the ratio to the limit; writes bench/results/api.md.
 * With `--cpu-prof` the platform runs under `node --cpu-prof`, and the table is followed by the
 * functions with the most self time (where the API's time goes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { AddressBook, MatchStore, NetworkStore, ProfileStore, SessionStore, addressHash } from '@culturebridge/store';
import { MATCH_PAGE_LIMITS, ProfileInput } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { localDocumentClient } from '../local/dynamodb-local.js';
import { freePort } from '../local/free-port.js';
import { LOCAL_TABLE_NAME } from '../local/platform.js';
import { option } from './args.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DURATION_S = Number(option('duration') ?? 20);
const CONNECTIONS = Number(option('connections') ?? 10);
const CPU_PROF = process.argv.includes('--cpu-prof');
const COORDINATOR = 'coordinator@eu4culture.example';
const NETWORK = 'eu4culture';
export const API_GOAL = { getShareOfLimit: 0.6, getP99Ms: 100 } as const;

export interface Load {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}
export interface ApiRow {
  route: string;
  api: Load;
  limit: Load;
  limitOps: string;
}

interface Started {
  child: ChildProcess;
  url: string;
  dynamodbEndpoint: string;
  sesStore: string;
  sessionKeyFile: string;
}

async function startPlatform(): Promise<Started> {
  const dataDir = join(ROOT, '.data/bench/api');
  rmSync(dataDir, { recursive: true, force: true });
  const [port, dynamodbPort] = [await freePort(), await freePort()];
  const profDir = join(ROOT, '.data/bench/api-prof');
  if (CPU_PROF) rmSync(profDir, { recursive: true, force: true });
  const child = spawn(process.execPath, [...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), '--import', 'tsx', 'local/start.ts', '--fresh'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DYNAMODB_PORT: String(dynamodbPort), CULTUREBRIDGE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not get ready in 180 s:\n${output}`)), 180_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
  });
  const sesStore = /JSON at (\S+\/store)/.exec(output)?.[1];
  const dynamodbEndpoint = /DynamoDB Local\s+(\S+)/.exec(output.slice(output.indexOf('is running')))?.[1];
  if (!sesStore || !dynamodbEndpoint) throw new Error(`could not read the SES store or DynamoDB endpoint from npm start's output:\n${output}`);
  return { child, url: `http://localhost:${port}`, dynamodbEndpoint, sesStore, sessionKeyFile: join(dataDir, 'session-key') };
}

/** Signs in as an API client would: a magic link through SES local, exchanged for a bearer session. */
async function signIn(started: Started, email: string): Promise<string> {
  const before = ((await (await fetch(started.sesStore)).json()) as { emails: unknown[] }).emails.length;
  const asked = await fetch(`${started.url}/auth/magic-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
  if (asked.status !== 202) throw new Error(`magic link: ${asked.status} ${await asked.text()}`);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { emails } = (await (await fetch(started.sesStore)).json()) as { emails: { destination: { to: string[] }; body: { text?: string; html?: string } }[] };
    const mail = emails.slice(before).find((m) => m.destination.to.includes(email));
    const token = mail && /token=([A-Za-z0-9_-]+)/.exec(`${mail.body.text ?? ''} ${mail.body.html ?? ''}`)?.[1];
    if (token) {
      const verified = await fetch(`${started.url}/auth/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
      const body = (await verified.json()) as { session?: string };
      if (!body.session) throw new Error(`verify gave no bearer session: ${verified.status} ${JSON.stringify(body)}`);
      return body.session;
    }
    if (Date.now() > deadline) throw new Error(`no sign-in mail for ${email} in SES local`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function load(result: autocannon.Result): Load {
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p95: result.latency.p97_5 !== undefined ? percentileOf(result, 95) : result.latency.p90,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}
// autocannon reports p90 and p97.5 but not p95; its histogram answers any percentile.
const percentileOf = (result: autocannon.Result, p: number) => (result.latency as unknown as Record<string, number>)[`p${p}`] ?? result.latency.p97_5;

async function cannon(opts: autocannon.Options): Promise<Load> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...opts });
  return load(result);
}

/** `CONNECTIONS` loops running `op` back to back for `DURATION_S`: the database-bound limit. */
async function limitOf(op: (i: number) => Promise<unknown>): Promise<Load> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const end = performance.now() + DURATION_S * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const start = performance.now();
        try {
          await op(n++);
        } catch {
          errors++;
        }
        latencies.push(performance.now() - start);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? 0;
  return { requestsPerSecond: latencies.length / DURATION_S, p50: q(50), p95: q(95), p99: q(99), errors };
}

export async function runApiBench(): Promise<{ rows: ApiRow[]; profile?: string }> {
  process.stderr.write('starting npm start (fresh demo data) …\n');
  const started = await startPlatform();
  try {
    const session = await signIn(started, COORDINATOR);
    const auth = { authorization: `Bearer ${session}` };
    const members = (await (await fetch(`${started.url}/networks/${NETWORK}/members`, { headers: auth })).json()) as { members: { id: string }[] };
    const memberId = members.members[0]?.id;
    if (!memberId) throw new Error('the demo network has no members');

    const doc = localDocumentClient(started.dynamodbEndpoint);
    const sessions = new SessionStore(doc, LOCAL_TABLE_NAME);
    const addresses = new AddressBook(doc, LOCAL_TABLE_NAME);
    const profiles = new ProfileStore(doc, LOCAL_TABLE_NAME);
    const matches = new MatchStore(doc, LOCAL_TABLE_NAME);
    const sid = JSON.parse(Buffer.from(session.split('.')[1] ?? '', 'base64url').toString()).sid as string | undefined;
    const hash = addressHash(COORDINATOR);
    const nowEpoch = () => Math.floor(Date.now() / 1000);
    const rows: ApiRow[] = [];
    // The session read: API Gateway's authorizer does it before every request (no result cache:
    // signing out ends a session at once), and the function does it again as its own check.
    const readSession = async () => {
      if (sid) await sessions.get(sid, nowEpoch());
    };

    process.stderr.write(`GET /profiles/{id}/matches for ${DURATION_S} s, then its limit …\n`);
    rows.push({
      route: 'GET /profiles/{id}/matches',
      api: await cannon({ url: `${started.url}/profiles/${memberId}/matches`, headers: auth }),
      // The route reads the profile and its matches while the caller is authenticated (PrefetchingRoute).
      limitOps: 'GetItem session (authorizer), then (GetItem session, Query address) ∥ GetItem profile ∥ Query matches, then BatchGetItem partners',
      limit: await limitOf(async () => {
        await readSession(); // the authorizer's
        const caller = async () => {
          await readSession();
          await addresses.ownedBy(hash);
        };
        const [, , mine] = await Promise.all([caller(), profiles.get(memberId), matches.matchesOf(memberId)]);
        await matches.profiles(mine.map((m) => m.partner));
      }),
    });

    process.stderr.write(`GET /networks/{id}/matches for ${DURATION_S} s, then its limit …\n`);
    rows.push({
      route: 'GET /networks/{id}/matches',
      // As the dashboard asks (its first page; it names the pairs from the members it reads).
      api: await cannon({ url: `${started.url}/networks/${NETWORK}/matches?names=omit`, headers: auth }),
      limitOps: `GetItem session (authorizer), GetItem session, Query address, Query NETMATCHES# (a page of ${MATCH_PAGE_LIMITS.default})`,
      limit: await limitOf(async () => {
        await readSession(); // the authorizer's
        await readSession(); // the function's
        await addresses.ownedBy(hash);
        await matches.networkMatchesPage(NETWORK, { limit: MATCH_PAGE_LIMITS.default });
      }),
    });

    process.stderr.write(`POST /profiles for ${DURATION_S} s, then its limit …\n`);
    // A signed-in member adding a profile under its own address (stored active, asking to join the
    // network): anonymous submissions are rate-limited per client network, which one load generator
    // would hit at once (60 per 15 minutes).
    const networks = new NetworkStore(doc, LOCAL_TABLE_NAME);
    const body = (i: number) =>
      JSON.stringify(validProfileInput({ name: `Bench City ${i}`, networks: [NETWORK], contact: { name: 'Bench', email: COORDINATOR } }));
    let posted = 0;
    rows.push({
      route: 'POST /profiles (signed in: stored active, asks to join)',
      api: await cannon({
        url: `${started.url}/profiles`,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        requests: [{ setupRequest: (req) => ({ ...req, body: body(posted++) }) }],
      }),
      limitOps: 'GetItem session (authorizer), GetItem session, Query address, Query networks, TransactWriteItems profile + memberships + address item',
      limit: await limitOf(async (i) => {
        await readSession(); // the authorizer's
        await readSession(); // the function's
        await addresses.ownedBy(hash);
        await networks.ids();
        const input = ProfileInput.parse(JSON.parse(body(1_000_000 + i)));
        await profiles.create(input, { id: crypto.randomUUID(), status: 'active', now: new Date().toISOString(), membership: 'requested' });
      }),
    });
    doc.destroy();
    return { rows };
  } finally {
    started.child.kill('SIGINT');
    await new Promise((resolve) => started.child.once('exit', resolve));
  }
}

const fmt = (l: Load) => `${l.requestsPerSecond.toFixed(0)} req/s, p50 ${l.p50.toFixed(1)} / p95 ${l.p95.toFixed(1)} / p99 ${l.p99.toFixed(1)} ms${l.errors ? `, ${l.errors} errors` : ''}`;

export function renderApi(rows: ApiRow[], profile?: string): string {
  const lines = [
    '# API under load vs the database-bound limit',
    '',
    `Node ${process.version}; \`npm start\` (demo data) on this machine; autocannon, ${CONNECTIONS} connections, ${DURATION_S} s per route; the limit: the route's DynamoDB Local operations through the same store code, ${CONNECTIONS} concurrent loops, ${DURATION_S} s; \`npm run bench:api\`.`,
    '',
    '| route | API | limit (its DynamoDB operations) | operations | API / limit |',
    '|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(`| ${r.route} | ${fmt(r.api)} | ${fmt(r.limit)} | ${r.limitOps} | ${((r.api.requestsPerSecond / r.limit.requestsPerSecond) * 100).toFixed(0)} % |`);
  }
  lines.push('');
  for (const r of rows.filter((x) => x.route.startsWith('GET'))) {
    const share = r.api.requestsPerSecond / r.limit.requestsPerSecond;
    lines.push(
      `- ${r.route}: ${(share * 100).toFixed(0)} % of the limit (goal ≥ ${API_GOAL.getShareOfLimit * 100} %) ${share >= API_GOAL.getShareOfLimit ? 'met' : 'missed'}; p99 ${r.api.p99.toFixed(1)} ms (goal ≤ ${API_GOAL.getP99Ms} ms) ${r.api.p99 <= API_GOAL.getP99Ms ? 'met' : 'missed'}`,
    );
  }
  if (profile) lines.push('', profile);
  return `${lines.join('\n')}\n`;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function and per package from the largest `.cpuprofile` the platform wrote. */
function summariseProfile(): string | undefined {
  const dir = join(ROOT, '.data/bench/api-prof');
  if (!existsSync(dir)) return undefined;
  const file = readdirSync(dir).map((f) => join(dir, f)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!file) return undefined;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.replace(/^file:\/\//, '').replace(ROOT, '');
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1] ?? (where.startsWith('node:') || where === '' ? `(${functionName || 'runtime'})` : where.split('/').slice(0, 2).join('/'));
    const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + dt);
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `| ${k.replace(/\|/g, '\\|')} | ${((v / total) * 100).toFixed(1)} % |`);
  return [
    `## CPU profile of the platform process (${(total / 1e6).toFixed(1)} s sampled)`,
    '',
    '| where (self time by package) | share |',
    '|---|---|',
    ...top(byPackage, 12),
    '',
    '| function | self time |',
    '|---|---|',
    ...top(self, 15),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { rows } = await runApiBench();
  const table = renderApi(rows, CPU_PROF ? summariseProfile() : undefined);
  process.stdout.write(table);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, `bench/results/api${CPU_PROF ? '-profile' : ''}.md`), table);
  writeFileSync(join(ROOT, 'bench/results/api.json'), `${JSON.stringify(rows, null, 2)}\n`);
}
