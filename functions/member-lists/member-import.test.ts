import { describe, expect, it } from 'vitest';
import { ProfileInput, type Profile } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import type { ImportPlan } from '@culturebridge/member-lists';
import { importMembers, type MemberImportDeps } from './member-import.js';

/** A plan of `count` valid rows (row numbers from 2), as planImport makes them. */
function plan(count: number): ImportPlan {
  const valid = Array.from({ length: count }, (_, i) => ({ rowNumber: i + 2, profile: ProfileInput.parse(validProfileInput({ name: `City ${i}`, contact: { name: 'C', email: `c${i}@slice.example` } })) }));
  return { format: 'csv', needsEncodingConfirmation: false, header: [], unknownColumns: [], missingColumns: [], duplicateColumns: [], rows: count, valid, problems: [], invalidRows: 0 } as ImportPlan;
}

/** Stores that know nobody and create every profile; `invite` decides the rest. Counts the rows looked up. */
function deps(invite: MemberImportDeps['invite']): MemberImportDeps & { lookedUp: () => number } {
  let lookups = 0;
  let ids = 0;
  return {
    addresses: { ownedBy: async () => (lookups++, { profiles: [] }) } as unknown as MemberImportDeps['addresses'],
    matches: { profiles: async () => new Map() } as unknown as MemberImportDeps['matches'],
    profiles: { create: async (data: Profile, o: { id: string }) => ({ ...data, id: o.id }) } as unknown as MemberImportDeps['profiles'],
    invite,
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    now: () => '2026-11-30T12:00:00.000Z',
    lookedUp: () => lookups,
  };
}

/** Lets every queued task run: what would start after a failure has started by then. */
const settle = async () => {
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('importing members in a time slice', () => {
  it('takes rows in order until the slice ends, always at least one, and says where to continue', async () => {
    let now = 0;
    const clock = () => now;
    const d = deps(async () => {
      now += 10;
    });
    const result = await importMembers(d, 'net', plan(40), { dryRun: false, sliceMs: 25, clock });
    expect(result.outcomes.map((o) => o.rowNumber)).toEqual(Array.from({ length: result.outcomes.length }, (_, i) => i + 2));
    expect(result.continueFromRow).toBe(2 + result.outcomes.length);
    expect(result.progress).toEqual({ done: result.outcomes.length, total: 40 });
    const rest = await importMembers(d, 'net', plan(40), { dryRun: false, fromRow: result.continueFromRow, sliceMs: 0, clock });
    expect(rest.outcomes.map((o) => o.rowNumber)).toEqual([result.continueFromRow]);
    expect(rest.progress.done).toBe(result.outcomes.length + 1);
  });

  it('starts no row after one failed: nothing is written behind the error answer', async () => {
    let invites = 0;
    // Only the first invitation fails: the other workers would go on through every row.
    const d = deps(async () => {
      if (++invites === 1) throw new Error('SES refused');
    });
    await expect(importMembers(d, 'net', plan(200), { dryRun: false })).rejects.toThrow('SES refused');
    const atFailure = d.lookedUp();
    await settle();
    // The rows under way when the first failed finish; no further one starts, let alone all 200.
    expect(d.lookedUp()).toBe(atFailure);
    expect(atFailure).toBeLessThanOrEqual(16);
  });
});
