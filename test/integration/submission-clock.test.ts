import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ProfileInput } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { DuplicateSubmission, ProfileStore } from '@culturebridge/store';
import { freshTable } from '../support/table.js';

/**
 * ProfileStore.create remembers a submission until `once.expiresAt`; whether an earlier one still
 * counts is decided by the store's clock, in create's condition as in `submitted`, whatever instant
 * the caller stamps the profile with (`now`).
 */
describe('a submission remembered, by the store\'s clock (DynamoDB Local)', () => {
  const NOW = '2026-11-30T10:00:00.000Z';
  const nowEpoch = Date.parse(NOW) / 1000;
  const dayBefore = '2026-11-29T10:00:00.000Z';
  const dayAfter = '2026-12-01T10:00:00.000Z';
  const data = () => ProfileInput.parse(validProfileInput({ contact: { name: 'Nino', email: `nino-${randomUUID().slice(0, 8)}@kutaisi.example` } }));

  it('a duplicate, still remembered by the store\'s clock, is DuplicateSubmission though the caller\'s instant is past its expiry', async () => {
    // It was stored a second time: the condition compared the expiry with the caller's instant.
    const table = await freshTable('submission-clock');
    const store = new ProfileStore(table.doc, table.tableName, () => Date.parse(NOW));
    const first = await store.create(data(), { id: randomUUID(), status: 'pending', now: NOW, membership: 'requested', once: { key: 'k1', expiresAt: nowEpoch + 60 } });
    const error = await store.create(data(), { id: randomUUID(), status: 'pending', now: dayAfter, membership: 'requested', once: { key: 'k1', expiresAt: nowEpoch + 86_400 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateSubmission);
    expect((error as DuplicateSubmission).profileId).toBe(first.id);
  });

  it('a submission expired by the store\'s clock no longer counts, though the caller\'s instant is before its expiry', async () => {
    // It was LostEveryAttempt (503): the condition kept failing while `submitted` found nothing.
    const table = await freshTable('submission-clock');
    const store = new ProfileStore(table.doc, table.tableName, () => Date.parse(NOW));
    await store.create(data(), { id: randomUUID(), status: 'pending', now: dayBefore, membership: 'requested', once: { key: 'k2', expiresAt: nowEpoch - 60 } });
    const second = await store.create(data(), { id: randomUUID(), status: 'pending', now: dayBefore, membership: 'requested', once: { key: 'k2', expiresAt: nowEpoch + 60 } });
    expect(await store.submitted('k2')).toBe(second.id);
  });
});
