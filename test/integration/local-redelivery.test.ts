import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { restartablePlatforms, submitProfile } from '../support/platform.js';

// Its own file: handlers read their table name once per process, so every platform here shares one table.
const platforms = restartablePlatforms();
const start = platforms.start;
afterEach(platforms.stopAll);

describe('deliveries left in flight', () => {
  it('are delivered again at the next start, as SQS would keep their messages', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cb-journal-'));
    const tableName = `journal-${randomUUID().slice(0, 8)}`;
    const first = await start(dataDir, tableName);
    await submitProfile(first, validProfileInput({ contact: { name: 'R', email: `r@${tableName}.example` } }));
    await first.settle();
    const expected = first.eventBridge.events.flatMap((e) => e.matchedRules.map((rule) => `${e.event.id}|${rule}`)).sort();
    expect(expected.length).toBeGreaterThan(0);
    await platforms.stop(first);
    // As after a kill -9 between accepting the events and settling their deliveries.
    const deliveries = join(dataDir, 'runtime', 'deliveries.jsonl');
    writeFileSync(deliveries, '');

    const second = await start(dataDir, tableName);
    await second.settle();
    const settled = readFileSync(deliveries, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { eventId: string; rule: string });
    expect([...new Set(settled.map((d) => `${d.eventId}|${d.rule}`))].sort()).toEqual(expected);
    expect(second.eventBridge.deadLetters).toEqual([]);
  });
});
