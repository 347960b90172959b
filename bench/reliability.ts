/**
 * `npm run reliability [-- --faults 0.1 --changes 1000 --concurrency 8 --fuzz-runs 30000]`
 *
 * Runs `npm start`'s platform as its own process with fault injection (local/faults.ts: throttling,
 * 5xx, applied-but-reply-lost on AWS SDK calls; PutEvents partial failures; failed and duplicate
 * target deliveries), drives profile changes through the API at bounded concurrency (creates,
 * updates, withdrawals, answers), kills the process with SIGKILL once mid-run and starts it again,
 * then reconciles the table, the event log and the mails sent:
 * - every stored change is published (by idempotency key),
 * - every match has the mails its recipients' settings call for,
 * - no mail is sent twice per (match version, recipient, kind),
 * - no notification is left claimed,
 * - every dead letter is accounted for.
 * Then it runs the API fuzzer with a longer setting. Writes bench/results/reliability.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { immediateNotificationId, type ProfileInput } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { CoordinatorStore } from '@culturebridge/store';
import { localDocumentClient } from '../local/dynamodb-local.js';
import { freePort } from '../local/free-port.js';
import { LOCAL_TABLE_NAME } from '../local/platform.js';
import { localSession } from '../local/sessions.js';
import { localMails, startSesLocal } from '../local/ses-local.js';
import { startPlatformProcess, type PlatformProcess } from '../test/support/platform-process.js';

const { values: args } = parseArgs({
  options: {
    faults: { type: 'string', default: '0.1' },
    changes: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    'fuzz-runs': { type: 'string', default: '30000' },
  },
});
const FAULT_RATE = Number(args.faults);
const CHANGES = Number(args.changes);
const CONCURRENCY = Number(args.concurrency);
const FUZZ_RUNS = Number(args['fuzz-runs']);
/** Claims of a killed process keep redeliveries away this long; then their dead letters are redriven. */
const LEASE_MS = 15_000;
/** Eight networks of a few dozen members each: the size a recompute reads, as in the demo networks. */
const NETWORKS = Array.from({ length: 8 }, (_, k) => `reliability-${k}`);
const THEMES = ['climate-environment', 'youth', 'cultural-heritage', 'music', 'literature'] as const;

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Member {
  id: string;
  email: string;
  version: number;
  matchEmails: boolean;
  erased: boolean;
}

async function main(): Promise<void> {
  const started = Date.now();
  const ses = await startSesLocal(0);
  const dataDir = mkdtempSync(join(tmpdir(), 'cb-reliability-'));
  const ports = { apiPort: await freePort(), dynamodbPort: await freePort() };
  const startApp = () => startPlatformProcess({ dataDir, ...ports, sesEndpoint: ses.endpoint, faults: FAULT_RATE, env: { NOTIFICATION_LEASE_MS: String(LEASE_MS) } });
  log(`starting the platform with ${(FAULT_RATE * 100).toFixed(0)} % faults (data in ${dataDir})`);
  let app: PlatformProcess = await startApp();
  const api = app.apiUrl;
  const doc = localDocumentClient(`http://127.0.0.1:${ports.dynamodbPort}`);
  const keyFile = join(dataDir, 'session-key');

  const coordinators = new CoordinatorStore(doc, LOCAL_TABLE_NAME);
  // One coordinator per network who wants every match at once, and one who chose off.
  const immediate = new Map<string, { id: string; email: string }>();
  for (const [k, networkId] of NETWORKS.entries()) immediate.set(networkId, (await coordinators.add({ networkId, name: `Ina ${k}`, email: `immediate-${k}@reliability.example` })).coordinator);
  await coordinators.add({ networkId: NETWORKS[0] as string, name: 'Otto Off', email: 'off@reliability.example', preference: { mode: 'off', timeZone: 'UTC', digestHour: 8 } });

  // The platform may be down (killed, restarting): callers wait for it instead of failing.
  let available: Promise<void> = Promise.resolve();
  const stats = { acknowledged: { create: 0, update: 0, withdraw: 0, answer: 0 }, retried: 0, conflicts: 0, refused: 0 };

  async function request(method: string, path: string, email: string | undefined, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    for (let attempt = 1; ; attempt++) {
      await available;
      try {
        const session = email ? await localSession(keyFile, email) : undefined;
        const response = await fetch(`${api}${path}`, {
          method,
          headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(session ? { authorization: `Bearer ${session}` } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await response.text();
        // A fault the SDK could not ride out answers 503 (or 500): the client tries again.
        if (response.status >= 500 && attempt < 20) {
          stats.retried++;
          await sleep(50 * attempt);
          continue;
        }
        return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      } catch (error) {
        // The connection died (the process was killed): retry once it is back.
        if (attempt >= 20) throw error;
        stats.retried++;
        await sleep(200 * attempt);
      }
    }
  }

  const members: Member[] = [];
  let counter = 0;
  const profileFor = (n: number, matchEmails: boolean, email: string): ProfileInput =>
    validProfileInput({
      name: `City ${n}`,
      country: ['GE', 'AM', 'AZ', 'MD', 'UA'][n % 5] as string,
      networks: [NETWORKS[n % NETWORKS.length] as string],
      openToOutsideNetwork: false,
      contact: { name: `Contact ${n}`, email },
      themes: [{ id: THEMES[n % THEMES.length] as (typeof THEMES)[number], priority: 'high' }, { id: THEMES[(n + 2) % THEMES.length] as (typeof THEMES)[number], priority: 'medium' }],
      offers: n % 2 ? ['venue', 'audience'] : ['artists', 'curatorial-support'],
      needs: n % 2 ? ['artists'] : ['venue'],
      matchEmails,
    });

  async function create(): Promise<boolean> {
    const n = counter++;
    const email = `culture@city-${n}.reliability.example`;
    const matchEmails = n % 2 === 0;
    const answer = await request('POST', '/profiles', email, profileFor(n, matchEmails, email));
    if (answer.status !== 201) return false;
    members.push({ id: String(answer.body.id), email, version: Number(answer.body.version), matchEmails, erased: false });
    stats.acknowledged.create++;
    return true;
  }

  const live = () => members.filter((m) => !m.erased);
  const pick = <T>(list: T[]): T | undefined => list[Math.floor(Math.random() * list.length)];

  async function update(): Promise<boolean> {
    const member = pick(live());
    if (!member) return create();
    const n = Number(/City (\d+)/.exec(member.email)?.[1] ?? 0) || counter;
    // Always a public change (the description), so every version is published.
    const body = { ...profileFor(n, member.matchEmails, member.email), description: `Updated ${Date.now()} ${Math.random()}`, version: member.version };
    const answer = await request('PUT', `/profiles/${member.id}`, member.email, body);
    if (answer.status === 409) {
      stats.conflicts++;
      member.version = Number((answer.body as { currentVersion?: number }).currentVersion ?? member.version);
      return false;
    }
    if (answer.status !== 200) return false;
    member.version = Number(answer.body.version);
    stats.acknowledged.update++;
    return true;
  }

  async function withdraw(): Promise<boolean> {
    const member = pick(live());
    if (!member || live().length < 20) return create();
    member.erased = true;
    const answer = await request('DELETE', `/profiles/${member.id}`, member.email);
    if (answer.status !== 204 && answer.status !== 404) return false;
    stats.acknowledged.withdraw++;
    return true;
  }

  async function answerMatch(): Promise<boolean> {
    const member = pick(live());
    if (!member) return create();
    const listed = await request('GET', `/profiles/${member.id}/matches`, member.email);
    const open = ((listed.body.matches ?? []) as { partner: { id: string }; state: string; acceptedBy?: string[] }[]).filter((m) => m.state === 'proposed' || (m.state === 'accepted' && !m.acceptedBy?.includes(member.id)));
    const match = pick(open);
    if (!match) return update();
    const verb = Math.random() < 0.8 ? 'accept' : 'decline';
    const answer = await request('POST', `/matches/${member.id}/${match.partner.id}/${verb}`, member.email);
    if (answer.status >= 300) {
      stats.refused++;
      return false;
    }
    stats.acknowledged.answer++;
    return true;
  }

  const acknowledged = () => Object.values(stats.acknowledged).reduce((a, b) => a + b, 0);
  let killedAt: number | undefined;
  const restart = async () => {
    killedAt = acknowledged();
    log(`SIGKILL at ${killedAt} acknowledged changes`);
    let release!: () => void;
    available = new Promise<void>((resolve) => (release = resolve));
    app.child.kill('SIGKILL');
    await app.exited;
    app = await startApp();
    log('restarted');
    release();
  };

  log(`driving ${CHANGES} changes at a concurrency of ${CONCURRENCY}`);
  const driveStarted = Date.now();
  let restarting: Promise<void> | undefined;
  let nextReport = 100;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (acknowledged() < CHANGES) {
        if (killedAt === undefined && !restarting && acknowledged() >= CHANGES / 2) restarting = restart();
        const roll = Math.random();
        const op = members.length < 60 || roll < 0.3 ? create : roll < 0.6 ? update : roll < 0.7 ? withdraw : answerMatch;
        await op();
        if (acknowledged() >= nextReport) {
          log(`${acknowledged()} acknowledged`);
          nextReport += 100;
        }
      }
    }),
  );
  await restarting;
  const driveSeconds = (Date.now() - driveStarted) / 1000;
  log(`driven: ${JSON.stringify(stats)}`);

  // Settle, then redrive what the killed process's claims sent to the dead letters once they expired.
  // The platform answers /_local/settle once idle; while it is busy the wait can run out (a 502), so ask again.
  const settle = async () => {
    for (let attempt = 1; attempt <= 120; attempt++) {
      const answer = await request('POST', '/_local/settle', undefined).catch(() => ({ status: 0, body: {} }));
      if (answer.status === 200) return answer.body;
    }
    throw new Error('the platform did not settle');
  };
  type Dead = { id: string; error: string; target: string; event: { 'detail-type': string } };
  const deadLetters = async () => (await request('GET', '/_local/dead-letters', undefined)).body as { deadLetters: Dead[]; streamDeadLetters: unknown[] };
  await settle();
  const redriven: { error: string; target: string }[] = [];
  for (let round = 1; round <= 4; round++) {
    const { deadLetters: dead } = await deadLetters();
    if (dead.length === 0) break;
    log(`round ${round}: ${dead.length} dead letter(s); redriving once claims of the killed process have expired`);
    await sleep(LEASE_MS + 1_000);
    redriven.push(...dead.map((d) => ({ error: d.error, target: d.target })));
    await request('POST', '/_local/dead-letters/redrive', undefined);
    await settle();
  }
  const finalDead = await deadLetters();

  // Reconcile.
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: LOCAL_TABLE_NAME, ConsistentRead: true, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  type Logged = { event: { 'detail-type': string; detail: { metadata: { idempotencyKey: string }; data: Record<string, unknown> } } };
  const events = ((await request('GET', '/_local/events', undefined)).body.events as Logged[]).map((e) => e.event);
  const keys = new Set(events.map((e) => e.detail.metadata.idempotencyKey));

  const expectedKeys: string[] = [];
  for (const item of items) {
    if (item.entity === 'Profile') expectedKeys.push(`PROFILE#${String(item.id)}#v${String(item.version)}`);
    if (item.entity === 'Match' && String(item.owner) < String(item.partner)) expectedKeys.push(`MATCH#${String(item.matchId)}#v${String(item.version)}`);
  }
  const erasedIds = members.filter((m) => m.erased).map((m) => m.id);
  const withdrawnKeys = new Set([...keys].filter((k) => k.endsWith('#withdrawn')).map((k) => k.split('#')[1]));
  const unpublished = expectedKeys.filter((k) => !keys.has(k));
  const unpublishedErasures = erasedIds.filter((id) => !withdrawnKeys.has(id) && items.every((i) => i.id !== id));

  // Mails: what the recipients' settings call for, per published match event, and what was sent.
  const notifications = items.filter((i) => i.entity === 'Notification');
  const sent = new Map(notifications.filter((n) => n.status === 'sent').map((n) => [String(n.notificationId), n]));
  const stuck = notifications.filter((n) => n.status === 'claimed');
  const existing = new Set(items.filter((i) => i.entity === 'Profile').map((i) => String(i.id)));
  const byId = new Map(members.map((m) => [m.id, m]));
  const expectedMails: string[] = [];
  const seenVersions = new Set<string>();
  for (const event of events) {
    const type = event['detail-type'];
    if (type !== 'MatchProposed' && type !== 'MatchConfirmed') continue;
    const data = event.detail.data as { matchId: string; version: number; profileIds: [string, string]; sharedNetworks: string[] };
    const notice = { matchId: data.matchId, version: data.version, state: type === 'MatchConfirmed' ? 'confirmed' : 'proposed' } as const;
    const key = `${notice.matchId}#${notice.version}#${notice.state}`;
    if (seenVersions.has(key)) continue;
    seenVersions.add(key);
    const coordinatorIds = data.sharedNetworks.flatMap((n) => (immediate.has(n) ? [(immediate.get(n) as { id: string }).id] : []));
    const ids = [...coordinatorIds.map((id) => immediateNotificationId(notice, id)), ...data.profileIds.filter((id) => byId.get(id)?.matchEmails).map((id) => immediateNotificationId(notice, id, 'member'))];
    // notify sends nothing once a side is erased; a mail sent before the erasure keeps its record.
    const bothExist = data.profileIds.every((id) => existing.has(id));
    for (const id of ids) if (bothExist || sent.has(id)) expectedMails.push(id);
  }
  const missingMails = expectedMails.filter((id) => !sent.has(id));
  const mails = await localMails(ses.endpoint);
  const mailsTo = new Map<string, number>();
  for (const mail of mails) for (const to of mail.destination.to) mailsTo.set(to, (mailsTo.get(to) ?? 0) + 1);
  const recordsFor = new Map<string, number>();
  const coordinatorAddress = new Map([...immediate.values()].map((c) => [c.id, c.email]));
  const addressOf = (recipientId: string) => coordinatorAddress.get(recipientId) ?? byId.get(recipientId)?.email;
  for (const record of sent.values()) {
    const address = addressOf(String(record.recipientId));
    if (address) recordsFor.set(address, (recordsFor.get(address) ?? 0) + 1);
  }
  let duplicates = 0;
  let unrecorded = 0;
  for (const [address, count] of mailsTo) {
    const records = recordsFor.get(address) ?? 0;
    if (count <= records) continue;
    if (records === 0) unrecorded += count;
    else duplicates += count - records;
  }
  const offMails = mailsTo.get('off@reliability.example') ?? 0;

  app.interrupt();
  await app.exited;
  await ses.stop();
  doc.destroy();

  // The fuzzer, longer than in `npm test`.
  log(`API fuzzer: ${FUZZ_RUNS} requests`);
  let fuzz = 'passed';
  const fuzzStarted = Date.now();
  try {
    execFileSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/integration/api-fuzz.test.ts'], { env: { ...process.env, FUZZ_RUNS: String(FUZZ_RUNS) }, stdio: 'pipe' });
  } catch (error) {
    fuzz = `FAILED: ${String((error as { stdout?: Buffer }).stdout ?? error).slice(-1500)}`;
  }
  const fuzzSeconds = (Date.now() - fuzzStarted) / 1000;

  const redrivenByCause = new Map<string, number>();
  for (const d of redriven) redrivenByCause.set(`${d.target}: ${d.error.slice(0, 90)}`, (redrivenByCause.get(`${d.target}: ${d.error.slice(0, 90)}`) ?? 0) + 1);
  const ok = unpublished.length === 0 && unpublishedErasures.length === 0 && missingMails.length === 0 && duplicates === 0 && stuck.length === 0 && finalDead.deadLetters.length === 0 && finalDead.streamDeadLetters.length === 0 && offMails === 0 && fuzz === 'passed';
  const lines = [
    '# Reliability run',
    '',
    `\`npm run reliability -- --faults ${FAULT_RATE} --changes ${CHANGES} --concurrency ${CONCURRENCY} --fuzz-runs ${FUZZ_RUNS}\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}; ${((Date.now() - started) / 1000).toFixed(0)} s in all.`,
    '',
    `Faults: ${(FAULT_RATE * 100).toFixed(0)} % of AWS SDK calls (throttling, 5xx, applied-but-reply-lost; SES never reply-lost), of PutEvents entries (InternalFailure), of target deliveries (failed) and of target deliveries (delivered twice). One SIGKILL of the platform process at ${killedAt} acknowledged changes, then a restart on the same data.`,
    '',
    '| check | result |',
    '|---|---|',
    `| changes acknowledged (created / updated / withdrawn / answered) | ${acknowledged()} (${stats.acknowledged.create} / ${stats.acknowledged.update} / ${stats.acknowledged.withdraw} / ${stats.acknowledged.answer}) in ${driveSeconds.toFixed(0)} s |`,
    `| client retries after a 5xx or a dropped connection; 409 conflicts; refused answers | ${stats.retried}; ${stats.conflicts}; ${stats.refused} |`,
    `| stored changes (profile and match versions) | ${expectedKeys.length} |`,
    `| stored changes not published (by idempotency key) | ${unpublished.length} |`,
    `| erasures not published | ${unpublishedErasures.length} |`,
    `| events in the log | ${events.length} |`,
    `| mails the recipients' settings call for | ${expectedMails.length} |`,
    `| of them not sent | ${missingMails.length} |`,
    `| mails sent (SES local) | ${mails.length} |`,
    `| duplicate mails per (match version, recipient, kind) | ${duplicates} |`,
    `| mails without a sent record | ${unrecorded} |`,
    `| mails to the coordinator who chose off | ${offMails} |`,
    `| notifications stuck claimed | ${stuck.length} |`,
    `| dead letters redriven (all settled after the redrive) | ${redriven.length} |`,
    `| dead letters left | ${finalDead.deadLetters.length} bus, ${finalDead.streamDeadLetters.length} stream |`,
    `| API fuzzer, ${FUZZ_RUNS} requests | ${fuzz} in ${fuzzSeconds.toFixed(0)} s |`,
    '',
    `**${ok ? 'PASS' : 'FAIL'}**`,
    '',
    redriven.length > 0 ? 'Dead letters redriven, by cause (each was a delivery that ran out of local retries while a claim was held or faults repeated; redriven after the claim lease, each then settled):' : 'No dead letters.',
    '',
    ...[...redrivenByCause].map(([cause, n]) => `- ${n} × ${cause}`),
    ...(unpublished.length ? ['', `Unpublished: ${unpublished.slice(0, 20).join(', ')}`] : []),
    ...(missingMails.length ? ['', `Missing mails: ${missingMails.slice(0, 20).join(', ')}`] : []),
    '',
  ];
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/reliability.md', lines.join('\n'));
  console.log(lines.join('\n'));
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
