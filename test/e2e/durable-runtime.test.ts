import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { freePort, portInUse } from '../../local/free-port.js';
import { pollUntil } from '../../local/poll.js';
import { localSession } from '../../local/sessions.js';
import { startSesLocal, type SesLocal } from '../../local/ses-local.js';
import { localDocumentClient } from '../../local/dynamodb-local.js';
import { LOCAL_TABLE_NAME } from '../../local/platform.js';
import { NetworkStore, NotificationStore, ProfileStore } from '@culturebridge/store';
import { startPlatformProcess, type PlatformProcess } from '../support/platform-process.js';

const running: PlatformProcess[] = [];
let ses: SesLocal | undefined;
afterAll(async () => {
  for (const app of running) if (app.child.exitCode === null) app.child.kill('SIGINT');
  await Promise.all(running.map((app) => app.exited));
  await ses?.stop();
});

interface LoggedEvent {
  event: { 'detail-type': string; detail: { data: { profile?: { id: string }; profileIds?: string[] } } };
}

/** Submits profiles of one network at a concurrency of 6 until `stopAfter` were acknowledged (201), then calls `interrupt` once. */
async function burst(apiUrl: string, keyFile: string, net: string, total: number, stopAfter: number, interrupt: () => void): Promise<string[]> {
  const acknowledged: string[] = [];
  let interrupted = false;
  let next = 0;
  const submit = async (i: number) => {
    const email = `culture@city-${i}.${net}.example`;
    const profile = validProfileInput({
      name: `City ${i}`,
      country: i % 2 ? 'AM' : 'GE',
      networks: [net],
      openToOutsideNetwork: false,
      contact: { name: 'C', email },
      offers: i % 2 ? ['curatorial-support'] : ['venue'],
      needs: i % 2 ? ['venue'] : ['curatorial-support'],
    });
    try {
      const session = await localSession(keyFile, email);
      const response = await fetch(`${apiUrl}/profiles`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` }, body: JSON.stringify(profile) });
      if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
    } catch {
      // The connection died with the process: not acknowledged, so not promised.
    }
    if (acknowledged.length >= stopAfter && !interrupted) {
      interrupted = true;
      interrupt();
    }
  };
  await Promise.all(Array.from({ length: 6 }, async () => {
    while (next < total && !interrupted) await submit(next++);
  }));
  return acknowledged;
}

/** The acknowledged profiles not yet both published (ProfileSubmitted) and matched (MatchProposed). */
async function unfinished(apiUrl: string, acknowledged: string[]): Promise<string[]> {
  const log = ((await (await fetch(`${apiUrl}/_local/events`)).json()) as { events: LoggedEvent[] }).events.map((e) => e.event);
  const published = new Set(log.filter((e) => e['detail-type'] === 'ProfileSubmitted').map((e) => e.detail.data.profile?.id));
  const matched = new Set(log.filter((e) => e['detail-type'] === 'MatchProposed').flatMap((e) => e.detail.data.profileIds ?? []));
  return acknowledged.filter((id) => !published.has(id) || !matched.has(id));
}

async function restartAndCheck(dataDir: string, ports: { apiPort: number; dynamodbPort: number }, acknowledged: string[], net: string, whileRunning?: () => Promise<void>) {
  // Same data, same ports: a DynamoDB Local a killed process left behind is stopped first.
  const app = await startPlatformProcess({ dataDir, ...ports, sesEndpoint: (ses as SesLocal).endpoint });
  running.push(app);
  // Naming the network asked to join it (#19): its coordinator approves every acknowledged member.
  const doc = localDocumentClient(`http://localhost:${ports.dynamodbPort}`);
  const profiles = new ProfileStore(doc, LOCAL_TABLE_NAME);
  for (const id of acknowledged) expect(await profiles.setMembership(id, net, 'approved', new Date().toISOString())).not.toBe('not-member');
  doc.destroy();
  const missing = await pollUntil('every acknowledged profile to be published and matched', async () => {
    const left = await unfinished(app.apiUrl, acknowledged);
    return left.length === 0 ? left : undefined;
  }, { timeoutMs: 60_000, intervalMs: 250 });
  expect(missing).toEqual([]);
  const { deadLetters, streamDeadLetters } = (await (await fetch(`${app.apiUrl}/_local/dead-letters`)).json()) as { deadLetters: unknown[]; streamDeadLetters: unknown[] };
  expect(deadLetters).toEqual([]);
  expect(streamDeadLetters).toEqual([]);
  await whileRunning?.();
  app.interrupt();
  expect(await app.exited).toBe(0);
  expect(await portInUse(ports.dynamodbPort)).toBe(false);
}

async function fresh() {
  ses ??= await startSesLocal(0);
  const dataDir = mkdtempSync(join(tmpdir(), 'cb-durable-'));
  const ports = { apiPort: await freePort(), dynamodbPort: await freePort() };
  const app = await startPlatformProcess({ dataDir, ...ports, sesEndpoint: ses.endpoint });
  running.push(app);
  // A profile may name only a network on the platform (#19).
  const net = `durable-${randomUUID().slice(0, 6)}`;
  const doc = localDocumentClient(`http://localhost:${ports.dynamodbPort}`);
  await new NetworkStore(doc, LOCAL_TABLE_NAME).put({ id: net, name: 'Durable test network' }, new Date().toISOString());
  doc.destroy();
  return { app, dataDir, ports, keyFile: join(dataDir, 'session-key'), net };
}

describe('the local runtime loses no acknowledged change when it is stopped', () => {
  // Two starts of a whole platform each (Java, tsx): longer than the project's 120 s default on a busy machine.
  it('publishes and matches every acknowledged change after a SIGKILL mid-burst and a restart', { timeout: 240_000 }, async () => {
    const { app, dataDir, ports, keyFile, net } = await fresh();
    const acknowledged = await burst(app.apiUrl, keyFile, net, 40, 15, () => app.child.kill('SIGKILL'));
    expect(await app.exited).toBeNull();
    expect(acknowledged.length).toBeGreaterThanOrEqual(15);
    // A lease as a delivery of the killed process holds it (its DynamoDB Local still runs): the
    // restart must end it, or that membership's events would be dead-lettered against it.
    const doc = localDocumentClient(`http://localhost:${ports.dynamodbPort}`);
    const orphan = randomUUID();
    expect(await new NotificationStore(doc, LOCAL_TABLE_NAME).holdTold({ kind: 'membership', profileId: orphan, networkId: net }, 'killed-delivery', new Date(), 5 * 60_000)).toEqual({});
    doc.destroy();
    await restartAndCheck(dataDir, ports, acknowledged, net, async () => {
      const after = localDocumentClient(`http://localhost:${ports.dynamodbPort}`);
      expect(await new NotificationStore(after, LOCAL_TABLE_NAME).holdTold({ kind: 'membership', profileId: orphan, networkId: net }, 'restarted-delivery', new Date(), 5 * 60_000)).toEqual({});
      after.destroy();
    });
  });

  it('drains in-flight work on Ctrl-C to the whole process group (DynamoDB Local is not in it), then loses nothing', { timeout: 240_000 }, async () => {
    const { app, dataDir, ports, keyFile, net } = await fresh();
    const acknowledged = await burst(app.apiUrl, keyFile, net, 40, 15, () => app.interrupt());
    expect(await app.exited).toBe(0);
    expect(app.output()).not.toMatch(/dead-lettered|dead {3}/);
    await restartAndCheck(dataDir, ports, acknowledged, net);
  });
});
