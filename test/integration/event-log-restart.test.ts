// `npm start` keeps the local event log under its data directory: a restart still serves yesterday's events.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { startTestPlatform, submitProfile } from '../support/platform.js';

const dataDir = mkdtempSync(join(tmpdir(), 'cb-eventlog-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the local event log across a restart', () => {
  it('serves the events of the previous run at /_local/events', async () => {
    // The same table and data directory twice, as two `npm start` runs on one machine.
    const tableName = `eventlog-${randomUUID().slice(0, 8)}`;
    const first = await startTestPlatform('eventlog', { dataDir, tableName });
    await submitProfile(first, validProfileInput({ name: 'Batumi', contact: { name: 'Eka', email: 'culture@batumi.example' } }));
    await first.settle();
    const before = first.eventBridge.events.map((e) => e.event.id);
    expect(before.length).toBeGreaterThan(0);
    await first.stop();

    const second = await startTestPlatform('eventlog', { dataDir, tableName });
    try {
      const served = (await (await fetch(`${second.apiUrl}/_local/events`)).json()) as { events: { event: { id: string } }[] };
      expect(served.events.map((e) => e.event.id)).toEqual(before);
    } finally {
      await second.stop();
    }
  });
});
