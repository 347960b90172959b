import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ProfileInput } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { createDocumentClient } from './client.js';
import { addressHash } from './address-book.js';
import { profileItem } from './profile-items.js';
import { ERASURE_MEMORY_S, ProfileStore } from './profile-store.js';
import { LostEveryAttempt } from './errors.js';
import { ENTITY, keys, TABLE } from './table.js';

const doc = createDocumentClient({ region: 'eu-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
const ddb = mockClient(doc);
const id = '6f1c1c1e-8b7a-4c39-9d55-6a0a3a6f0a11';
const NOW = '2026-11-30T10:00:00.000Z';
const nowEpoch = Date.parse(NOW) / 1000;
const spend = { tokenHash: 't'.repeat(64), nowEpoch, useId: 'this-click' };
const waiting = profileItem({
  ...ProfileInput.parse(validProfileInput({ contact: { name: 'Nino', email: 'nino@kutaisi.example' } })),
  id,
  version: 4,
  status: 'active',
  createdAt: NOW,
  updatedAt: NOW,
  pendingContact: { name: 'Nino', email: 'new@kutaisi.example', requestedAt: NOW, version: 4 },
});
// The test's clock: a waiting change lapses 7 days after its link (see ProfileStore.get), and NOW is fixed.
const store = new ProfileStore(doc, 'table', () => Date.parse(NOW));
// The transaction's token write first, as ProfileStore.confirm sends it.
const cancelled = (...codes: string[]) => new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
const token = (usedBy?: string) => ({ ...keys.token(spend.tokenHash), addressHash: addressHash('new@kutaisi.example'), [TABLE.ttlAttribute]: nowEpoch + 600, ...(usedBy ? { usedBy } : {}) });

describe('ProfileStore.confirm spending a link in its transaction', () => {
  beforeEach(() => {
    ddb.reset();
    ddb.on(GetCommand, { Key: keys.profile(id) }).resolves({ Item: waiting });
    ddb.on(QueryCommand).resolves({ Items: [] });
  });

  it('spends the token in the transaction that applies the change', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    expect(await store.confirm(id, addressHash('new@kutaisi.example'), NOW, 4, spend)).toBe('confirmed');
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[0]?.Update).toMatchObject({ Key: keys.token(spend.tokenHash), ExpressionAttributeValues: { ':use': 'this-click' } });
    expect(items.some((i) => i.Put?.Item?.contact?.email === 'new@kutaisi.example')).toBe(true);
  });

  it('recognises its own applied write when the reply was lost and the retry was refused', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'ConditionalCheckFailed', 'None', 'None'));
    ddb.on(GetCommand, { Key: keys.token(spend.tokenHash) }).resolves({ Item: token('this-click') });
    expect(await store.confirm(id, addressHash('new@kutaisi.example'), NOW, 4, spend)).toBe('confirmed');
  });

  it('answers spent, writing nothing, when another click used the token first', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None', 'None', 'None'));
    ddb.on(GetCommand, { Key: keys.token(spend.tokenHash) }).resolves({ Item: token('another-click') });
    expect(await store.confirm(id, addressHash('new@kutaisi.example'), NOW, 4, spend)).toBe('spent');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('leaves the token unspent when the change loses every race (the error reaches the caller)', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed', 'None', 'None'));
    ddb.on(GetCommand, { Key: keys.token(spend.tokenHash) }).resolves({ Item: token() });
    await expect(store.confirm(id, addressHash('new@kutaisi.example'), NOW, 4, spend)).rejects.toBeInstanceOf(LostEveryAttempt);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('throws a cancellation that names throttling at once: a throttled item is no lost race, even beside a failed condition', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed', 'ThrottlingError', 'None'));
    ddb.on(GetCommand, { Key: keys.token(spend.tokenHash) }).resolves({ Item: token() });
    await expect(store.confirm(id, addressHash('new@kutaisi.example'), NOW, 4)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});

describe('ProfileStore writes that lose every race', () => {
  const active = { ...waiting, pendingContact: undefined };
  beforeEach(() => {
    ddb.reset();
    ddb.on(GetCommand, { Key: keys.profile(id) }).resolves({ Item: active });
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': keys.profilePartition(id) } }).resolves({ Items: [active] });
  });

  it('an erasure throws LostEveryAttempt after its three attempts', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));
    await expect(store.erase(id, 'hash')).rejects.toMatchObject({ name: 'LostEveryAttempt', operation: 'erase', attempts: 3, reasons: ['ConditionalCheckFailed', 'None'] });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('a coordinator\'s answer to a membership throws LostEveryAttempt after its three attempts', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));
    await expect(store.setMembership(id, ProfileInput.parse(validProfileInput()).networks[0] as string, 'rejected', NOW)).rejects.toBeInstanceOf(LostEveryAttempt);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('a create with a submission key throws LostEveryAttempt when its twin stays in flight', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None'));
    await expect(store.create(ProfileInput.parse(validProfileInput()), { id, status: 'pending', now: NOW, membership: 'requested', once: { key: 'k', expiresAt: nowEpoch + 60 } })).rejects.toBeInstanceOf(LostEveryAttempt);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });
});

describe('ProfileStore reads one clock', () => {
  beforeEach(() => {
    ddb.reset();
    ddb.on(QueryCommand).resolves({ Items: [] });
  });

  it('an erasure remembers its owner, and the former partners, for their spans from the store\'s clock', async () => {
    const partner = '0b6e2f0a-3c1d-4e5f-8a9b-1c2d3e4f5a6b';
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': keys.profilePartition(id) } }).resolves({ Items: [{ ...waiting, pendingContact: undefined }, { ...keys.match(id, partner), entity: ENTITY.match }] });
    ddb.on(TransactWriteCommand).resolves({});
    ddb.on(BatchWriteCommand).resolves({});
    expect(await store.erase(id, 'hash')).toEqual({ outcome: 'ok', value: { id } });
    const puts = (ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? []).flatMap((t) => (t.Put ? [t.Put.Item as Record<string, unknown>] : []));
    expect(puts.find((item) => item.entity === ENTITY.erasure)?.[TABLE.ttlAttribute]).toBe(nowEpoch + ERASURE_MEMORY_S);
    expect(puts.find((item) => item.entity === ENTITY.formerPartners)?.[TABLE.ttlAttribute]).toBe(nowEpoch + 7 * 86_400);
  });

  it('an erasure and a submission are remembered until their expiry by the store\'s clock', async () => {
    ddb.on(GetCommand, { Key: keys.erasure(id) }).resolves({ Item: { ...keys.erasure(id), by: 'hash', [TABLE.ttlAttribute]: nowEpoch + 1 } });
    ddb.on(GetCommand, { Key: keys.submission('k') }).resolves({ Item: { ...keys.submission('k'), profileId: id, expiresAt: nowEpoch + 1 } });
    expect(await store.erasedBy(id)).toBe('hash');
    expect(await store.submitted('k')).toBe(id);
    const later = new ProfileStore(doc, 'table', () => (nowEpoch + 2) * 1000);
    expect(await later.erasedBy(id)).toBeUndefined();
    expect(await later.submitted('k')).toBeUndefined();
  });
});
