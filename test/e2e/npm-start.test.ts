import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { DEMO_COORDINATORS, DEMO_MEMBERS } from '../../local/demo/networks.js';
import { freePort, portInUse } from '../../local/free-port.js';
import { pollUntil } from '../../local/poll.js';

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * A stand-in for the web app's build (the browser tests build and drive the real one), so this test
 * checks the serving without building or touching web/dist while the browser tests use it.
 */
function webBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'cb-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>CultureBridge</title><script type="module" src="/assets/app-1a2b.js"></script>');
  writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log("app")');
  return root;
}

/** Runs `npm start`'s entry point as a user would (`args` as after `npm start --`), on free ports and a throw-away data folder. */
function start(env: Record<string, string>, args: string[] = []): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', ...args], {
    env: { ...process.env, CULTUREBRIDGE_DATA_DIR: mkdtempSync(join(tmpdir(), 'cb-data-')), CULTUREBRIDGE_WEB_ROOT: webBuild(), POWERTOOLS_LOG_LEVEL: 'ERROR', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

const running: ChildProcess[] = [];
afterAll(() => running.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

describe('npm start', () => {
  it('serves the API with the demo networks, confirms a new profile by magic link, turns it into events and matches, and stops everything on Ctrl-C', async () => {
    const [apiPort, dbPort, sesPort] = [await freePort(), await freePort(), await freePort()];
    // As the README's seeding step: `npm start -- --fresh`.
    const app = start({ PORT: String(apiPort), DYNAMODB_PORT: String(dbPort), SES_PORT: String(sesPort) }, ['--fresh']);
    running.push(app.child);
    const api = `http://localhost:${apiPort}`;

    await pollUntil('the platform to report that it runs', async () => (app.output().includes('CultureBridge is running') ? true : undefined), { timeoutMs: 60_000, intervalMs: 200 });
    expect(app.output()).toMatch(/data in .*, reset\)/);
    expect(app.output()).toContain('seeded 20/20');
    expect(app.output()).toContain(`${api}/_local/events`);
    const ses = `http://127.0.0.1:${sesPort}`;
    expect(app.output()).toContain(`Mails (SES)     ${ses}/`);

    // The web app and the API share the origin, as behind CloudFront.
    const page = await fetch(`${api}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>CultureBridge</title>');
    const asset = await fetch(`${api}/assets/app-1a2b.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${api}/assets/../../etc/passwd`)).status).toBe(404);
    expect(app.output()).toContain(`Web app         ${api}/`);

    // Mail volume: seeding 20 members sent no coordinator and no member more than one mail.
    type Mail = { destination: { to: string[] }; subject: string; body: { text?: string; html?: string } };
    const allMails = async () => ((await (await fetch(`${ses}/store`)).json()) as { emails: Mail[] }).emails;
    const demoAddresses = [...DEMO_COORDINATORS.map((c) => c.email), ...DEMO_MEMBERS.map((m) => m.profile.contact.email)];
    const perAddress = (mails: Mail[]) => new Map(demoAddresses.map((a) => [a, mails.filter((m) => m.destination.to.includes(a)).length]));
    for (const [address, count] of perAddress(await allMails())) expect(count, address).toBeLessThanOrEqual(1);
    // The printed digest command sends what is pending now, whatever the hour: one digest each.
    const digestCommand = /curl -X POST '([^']+\/_local\/run-digests\?due=now)'/.exec(app.output())?.[1];
    expect(digestCommand).toBe(`${api}/_local/run-digests?due=now`);
    const run = (await (await fetch(digestCommand as string, { method: 'POST' })).json()) as { sent: number };
    expect(run.sent).toBeGreaterThanOrEqual(DEMO_COORDINATORS.length);
    const afterDigest = perAddress(await allMails());
    for (const c of DEMO_COORDINATORS) expect(afterDigest.get(c.email), c.email).toBe(1);
    for (const [address, count] of afterDigest) expect(count, address).toBeLessThanOrEqual(1);
    const eu4cultureDigest = (await allMails()).find((m) => m.destination.to.includes('coordinator@eu4culture.example'));
    expect(eu4cultureDigest?.subject).toMatch(/^CultureBridge · EU4Culture: digest, \d+ new matches/);
    expect(eu4cultureDigest?.body.text).toContain(`${api}/#/dashboard/eu4culture`);
    // Until the next digest hour the schedule finds nothing more to send.
    const scheduled = (await (await fetch(`${api}/_local/run-digests`, { method: 'POST' })).json()) as { sent: number };
    expect(scheduled.sent).toBe(0);
    expect(perAddress(await allMails())).toEqual(afterDigest);

    // A new city submits its form without an account, confirms through the mailed link, and is matched.
    const contact = { name: 'Anna', email: 'culture@gyumri-e2e.example' };
    const created = await fetch(`${api}/profiles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(validProfileInput({ name: 'Gyumri', country: 'AM', contact, themes: [{ id: 'visual-arts', priority: 'high' }, { id: 'climate-environment', priority: 'high' }], needs: ['venue'], offers: ['artists'], languages: ['hy', 'en'] })),
    });
    expect(created.status).toBe(201);
    const { id, status } = (await created.json()) as { id: string; status: string };
    expect(status).toBe('pending');
    const token = await pollUntil('the confirmation link in SES local', async () => {
      const mails = ((await (await fetch(`${ses}/store`)).json()) as { emails: Mail[] }).emails.filter((m) => m.destination.to.includes(contact.email));
      return /#\/sign-in\?token=([A-Za-z0-9_-]+)/.exec(mails.at(-1)?.body.text ?? '')?.[1];
    }, { timeoutMs: 10_000 });
    const verified = await fetch(`${api}/auth/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    expect(verified.status).toBe(200);
    const { session, confirmed } = (await verified.json()) as { session: string; confirmed: string[] };
    expect(confirmed).toEqual([id]);
    const signedIn = { authorization: `Bearer ${session}` };

    // Naming EU4Culture asked to join it: nothing is matched until its coordinator approves.
    const before = (await (await fetch(`${api}/profiles/${id}/matches`, { headers: signedIn })).json()) as { matches: unknown[] };
    expect(before.matches).toEqual([]);
    const coordinator = 'coordinator@eu4culture.example';
    const mailsTo = async (address: string) => ((await (await fetch(`${ses}/store`)).json()) as { emails: Mail[] }).emails.filter((m) => m.destination.to.includes(address));
    const seen = (await mailsTo(coordinator)).length;
    expect((await fetch(`${api}/auth/magic-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: coordinator }) })).status).toBe(202);
    const coordinatorToken = await pollUntil('the coordinator sign-in link in SES local', async () => {
      const mails = (await mailsTo(coordinator)).slice(seen);
      return mails.map((m) => /#\/sign-in\?token=([A-Za-z0-9_-]+)/.exec(m.body.text ?? '')?.[1]).find(Boolean);
    }, { timeoutMs: 10_000 });
    const coordinatorSession = ((await (await fetch(`${api}/auth/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: coordinatorToken }) })).json()) as { session: string }).session;
    const approved = await fetch(`${api}/networks/eu4culture/requests/${id}/approve`, { method: 'POST', headers: { authorization: `Bearer ${coordinatorSession}` } });
    expect(approved.status).toBe(200);

    // Matching writes one pair after another, so a reader may see some partners before the rest.
    const matches = await pollUntil('Poti among the matches of the new profile', async () => {
      const body = (await (await fetch(`${api}/profiles/${id}/matches`, { headers: signedIn })).json()) as { matches: { partner: { name: string }; summary: string }[] };
      return body.matches.some((m) => m.partner.name === 'Poti') ? body.matches : undefined;
    }, { timeoutMs: 10_000 });
    expect(matches.find((m) => m.partner.name === 'Poti')?.summary).toMatch(/venue/);

    // Match items are written before their events have travelled the stream to the bus.
    const mine = await pollUntil('ProfileSubmitted and MatchProposed for the new profile in the event log', async () => {
      const log = (await (await fetch(`${api}/_local/events`)).json()) as { events: { event: { 'detail-type': string; detail: { data: Record<string, unknown> } } }[] };
      const types = log.events.filter((e) => JSON.stringify(e.event.detail.data).includes(id)).map((e) => e.event['detail-type']);
      return types.includes('ProfileSubmitted') && types.includes('MatchProposed') ? types : undefined;
    }, { timeoutMs: 10_000 });
    // Nothing about it is published until its contact confirms (consent comes from the member): then
    // it is submitted, asking to join; approved; then matched.
    const lifecycle = mine.filter((t) => t !== 'MatchProposed');
    // (The profile and its membership are confirmed in one transaction: their events may come in either order.)
    expect(lifecycle.slice(0, 2).sort()).toEqual(['MembershipRequested', 'ProfileSubmitted']);
    expect(lifecycle.slice(2)).toEqual(['MembershipApproved']);

    // The EU4Culture demo coordinator reads a daily digest: the printed command sends it now, with Gyumri and Poti in it.
    const aboutGyumriAndPoti = async () =>
      (await allMails()).filter((m) => m.destination.to.includes('coordinator@eu4culture.example') && /New: (Gyumri and Poti|Poti and Gyumri)/.test(m.body.text ?? ''));
    const mails = await pollUntil('the coordinator digest about Gyumri and Poti in SES local', async () => {
      await fetch(digestCommand as string, { method: 'POST' });
      const found = await aboutGyumriAndPoti();
      return found.length > 0 ? found : undefined;
    }, { timeoutMs: 10_000 });
    expect(mails).toHaveLength(1);
    expect(mails[0]?.body.text).toMatch(/\d+ new match/);
    expect(mails[0]?.body.html).toContain('Open the network dashboard');
    // Sent mails reach the event log as CoordinatorNotified, without an address: a digest names its
    // network, not a match, and each digest mail to the coordinator has its event.
    const digestsToCoordinator = (await allMails()).filter((m) => m.destination.to.includes('coordinator@eu4culture.example') && /^CultureBridge · EU4Culture: digest/.test(m.subject)).length;
    expect(digestsToCoordinator).toBeGreaterThanOrEqual(2);
    const notified = await pollUntil('a CoordinatorNotified for each digest mail to the EU4Culture coordinator', async () => {
      const log = (await (await fetch(`${api}/_local/events?detail-type=CoordinatorNotified`)).json()) as { events: { event: { detail: { data: { recipientRole: string; kind: string; networkId?: string } } } }[] };
      const found = log.events.filter((e) => e.event.detail.data.recipientRole === 'coordinator' && e.event.detail.data.kind === 'digest' && e.event.detail.data.networkId === 'eu4culture');
      return found.length >= digestsToCoordinator ? found : undefined;
    }, { timeoutMs: 10_000 });
    expect(notified).toHaveLength(digestsToCoordinator);
    expect(JSON.stringify(notified)).not.toMatch(/@/);

    app.child.kill('SIGINT');
    expect(await app.exited).toBe(0);
    expect(await portInUse(apiPort)).toBe(false);
    // DynamoDB Local (a Java child process) is gone too.
    expect(await portInUse(dbPort)).toBe(false);
  });

  it('names a port that is already in use and exits with an error', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const app = start({ PORT: String(await freePort()), DYNAMODB_PORT: String(port) });
      running.push(app.child);
      expect(await app.exited).toBe(1);
      expect(app.output()).toContain(`port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });
});
