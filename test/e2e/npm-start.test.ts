import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
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

/** Runs `npm start`'s entry point as a user would, on free ports and a throw-away data folder. */
function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
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
    const app = start({ PORT: String(apiPort), DYNAMODB_PORT: String(dbPort), SES_PORT: String(sesPort) });
    running.push(app.child);
    const api = `http://localhost:${apiPort}`;

    await pollUntil('the platform to report that it runs', async () => (app.output().includes('CultureBridge is running') ? true : undefined), { timeoutMs: 60_000, intervalMs: 200 });
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
    type Mail = { destination: { to: string[] }; subject: string; body: { text?: string; html?: string } };
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
    // Submitted (pending) asking to join, then confirmed (an update of its status), approved, then matched.
    const lifecycle = mine.filter((t) => t !== 'MatchProposed');
    expect(lifecycle.slice(0, 2)).toEqual(['ProfileSubmitted', 'MembershipRequested']);
    expect(lifecycle).toEqual(expect.arrayContaining(['ProfileUpdated', 'MembershipApproved']));
    expect(lifecycle.indexOf('ProfileUpdated')).toBeGreaterThan(lifecycle.indexOf('ProfileSubmitted'));

    // The EU4Culture demo coordinator mails at once: one readable mail about Gyumri and Poti, with the reasons.
    const aboutGyumriAndPoti = async () =>
      ((await (await fetch(`${ses}/store`)).json()) as { emails: Mail[] }).emails.filter(
        (m) => m.destination.to.includes('coordinator@eu4culture.example') && m.subject.includes('Gyumri') && m.subject.includes('Poti'),
      );
    const mails = await pollUntil('the coordinator mail about Gyumri and Poti in SES local', async () => ((await aboutGyumriAndPoti()).length > 0 ? aboutGyumriAndPoti() : undefined), { timeoutMs: 10_000 });
    expect(mails).toHaveLength(1);
    expect(mails[0]?.body.text).toMatch(/Why: .*venue/);
    expect(mails[0]?.body.html).toContain('See the match');
    // Sent mails reach the event log as CoordinatorNotified, without an address.
    const notified = await pollUntil('CoordinatorNotified for the new profile\'s matches', async () => {
      const log = (await (await fetch(`${api}/_local/events?detail-type=CoordinatorNotified`)).json()) as { events: { event: { detail: { data: { matchId?: string } } } }[] };
      const found = log.events.filter((e) => e.event.detail.data.matchId?.includes(id));
      return found.length > 0 ? found : undefined;
    }, { timeoutMs: 10_000 });
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
