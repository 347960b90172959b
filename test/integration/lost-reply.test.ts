import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import type { ProfileInput } from '@culturebridge/domain';
import { CoordinatorStore, NotificationStore, SessionStore, SignInStore } from '@culturebridge/store';
import { installSdkFaults, type SdkCall } from '../../local/faults.js';
import type { Platform } from '../../local/platform.js';
import { localMails } from '../../local/ses-local.js';
import { platformDocumentClient, startTestPlatform, submitProfile } from '../support/platform.js';

// A conditional write is applied, its reply is lost (a 500), and the SDK retries it: the retry's
// condition now fails against the write's own earlier success. Each write must recognise that.

let platform: Platform;
let coordinators: CoordinatorStore;
let uninstall: (() => void) | undefined;

beforeAll(async () => {
  platform = await startTestPlatform('lost-reply');
  coordinators = new CoordinatorStore(platformDocumentClient(platform), platform.tableName);
});
afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});
afterAll(async () => platform?.stop());

/** The DynamoDB key of a call's item, marshalled or not. */
function keyOf(call: SdkCall): string {
  const item = (call.input.Item ?? call.input.Key) as Record<string, unknown> | undefined;
  const pk = item?.PK as { S?: string } | string | undefined;
  return typeof pk === 'string' ? pk : (pk?.S ?? '');
}

/** Loses the reply of the first `commandName` call whose key starts with `prefix`; returns how many were lost. */
function loseFirstReply(commandName: string, matches: (call: SdkCall) => boolean) {
  let lost = 0;
  const installed = installSdkFaults((call) => {
    if (lost === 0 && call.commandName === commandName && matches(call)) {
      lost++;
      return 'reply-lost';
    }
    return undefined;
  });
  uninstall = installed.uninstall;
  return () => lost;
}

const network = () => `net-${randomUUID().slice(0, 8)}`;
/** Coordinators get a daily digest by default (#20); these claims are the immediate mail's. */
const IMMEDIATE = { mode: 'immediate', timeZone: 'UTC', digestHour: 8 } as const;
// The members choose no mail (members get a daily digest by default since #20): the mails counted here are the coordinators'.
const pair = (net: string): [ProfileInput, ProfileInput] => [
  validProfileInput({ name: 'Kutaisi', country: 'GE', networks: [net], mailFrequency: 'off', openToOutsideNetwork: false, offers: ['venue'], needs: ['curatorial-support'], themes: [{ id: 'climate-environment', priority: 'high' }] }),
  validProfileInput({ name: 'Gyumri', country: 'AM', networks: [net], mailFrequency: 'off', openToOutsideNetwork: false, contact: { name: 'Anna', email: `anna@${net}.example` }, offers: ['curatorial-support'], needs: ['venue'], themes: [{ id: 'climate-environment', priority: 'high' }] }),
];
const mailsTo = async (address: string) => (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(address));

describe('a retried conditional write recognises its own earlier success', () => {
  it('notification claim: applied, reply lost, SDK retry: the mail is sent exactly once and nothing is dead-lettered', async () => {
    const net = network();
    const { coordinator } = await coordinators.add({ networkId: net, name: 'Ana', email: `ana@${net}.example`, preference: IMMEDIATE });
    const lost = loseFirstReply('PutItemCommand', (call) => keyOf(call).startsWith('NOTIFY#'));
    for (const profile of pair(net)) await submitProfile(platform, profile);
    await platform.settle();

    expect(lost()).toBe(1);
    expect(await mailsTo(coordinator.email)).toHaveLength(1);
    expect(platform.eventBridge.deadLetters).toEqual([]);
  });

  it('marking a notification sent: applied, reply lost, SDK retry: no error, one mail', async () => {
    const net = network();
    const { coordinator } = await coordinators.add({ networkId: net, name: 'Ben', email: `ben@${net}.example`, preference: IMMEDIATE });
    const lost = loseFirstReply('UpdateItemCommand', (call) => keyOf(call).startsWith('NOTIFY#'));
    for (const profile of pair(net)) await submitProfile(platform, profile);
    await platform.settle();

    expect(lost()).toBe(1);
    expect(await mailsTo(coordinator.email)).toHaveLength(1);
    expect(platform.eventBridge.deadLetters).toEqual([]);
  });

  it('claim in the store: a retry holding the same token is told it holds the claim', async () => {
    const store = new NotificationStore(platformDocumentClient(platform), platform.tableName);
    const id = `n-${randomUUID()}`;
    const lost = loseFirstReply('PutItemCommand', (call) => keyOf(call) === `NOTIFY#${id}`);
    const facts = { notificationId: id, recipientRole: 'coordinator' as const, recipientId: 'c1', kind: 'immediate' as const };
    expect(await store.claim(facts, 'token-1', new Date(), 60_000)).toBe('claimed');
    expect(lost()).toBe(1);
    // Another delivery still finds the claim busy.
    expect(await store.claim(facts, 'token-2', new Date(), 60_000)).toBe('busy');
  });

  it('membership-mail lease: taking it and recording what the member was told, each applied with its reply lost: the retries recognise their own writes', async () => {
    const store = new NotificationStore(platformDocumentClient(platform), platform.tableName);
    const [profileId, networkId] = [randomUUID(), 'eu4culture'];
    const subject = { kind: 'membership' as const, profileId, networkId };
    const now = new Date();
    const lostHold = loseFirstReply('UpdateItemCommand', (call) => keyOf(call) === `NOTIFY#membership:${profileId}:${networkId}`);
    expect(await store.holdTold(subject, 'token-1', now, 60_000)).toEqual({});
    expect(lostHold()).toBe(1);
    uninstall?.();
    // Held: another delivery is told to come back later.
    expect(await store.holdTold(subject, 'token-2', now, 60_000)).toBe('busy');
    const lostSettle = loseFirstReply('UpdateItemCommand', (call) => keyOf(call) === `NOTIFY#membership:${profileId}:${networkId}` && String(call.input.UpdateExpression).includes('toldStatus'));
    await store.settleTold(subject, 'token-1', { status: 'rejected', statusVersion: 3 });
    expect(lostSettle()).toBe(1);
    uninstall?.();
    expect(await store.holdTold(subject, 'token-2', now, 60_000)).toEqual({ told: { status: 'rejected', statusVersion: 3 } });
    // A lease whose holder died runs out and is taken over; the one who lost it records nothing.
    expect(await store.holdTold(subject, 'token-3', new Date(now.getTime() + 61_000), 60_000)).toEqual({ told: { status: 'rejected', statusVersion: 3 } });
    await expect(store.settleTold(subject, 'token-2', { status: 'approved', statusVersion: 4 })).rejects.toThrow();
  });

  it('token use: applied, reply lost, SDK retry: the link still signs in, and only once', async () => {
    const store = new SignInStore(platformDocumentClient(platform), platform.tableName);
    const hash = `h-${randomUUID()}`;
    const now = Math.floor(Date.now() / 1000);
    await store.saveToken(hash, { addressHash: 'a1', purpose: 'sign-in' }, now + 900, new Date().toISOString());
    const lost = loseFirstReply('UpdateItemCommand', (call) => keyOf(call) === `TOKEN#${hash}`);
    expect(await store.consumeToken(hash, now, 'request-1')).toEqual({ addressHash: 'a1', purpose: 'sign-in' });
    expect(lost()).toBe(1);
    expect(await store.consumeToken(hash, now, 'request-2')).toBeUndefined();
  });

  it('digest: marking it sent is applied, the reply is lost, the run succeeds and one digest is sent', async () => {
    const net = network();
    const { coordinator } = await coordinators.add({ networkId: net, name: 'Dana', email: `dana@${net}.example`, preference: { mode: 'digest', timeZone: 'UTC', digestHour: 8 } });
    for (const profile of pair(net)) await submitProfile(platform, profile);
    await platform.settle();
    const lost = loseFirstReply('TransactWriteItemsCommand', (call) => JSON.stringify(call.input).includes(`NOTIFY#digest`));
    const result = await platform.runDigests(new Date('2026-11-25T08:30:00Z'));
    expect(lost()).toBe(1);
    expect(result).toMatchObject({ sent: 1 });
    expect(await platform.runDigests(new Date('2026-11-25T09:30:00Z'))).toMatchObject({ sent: 0 });
    expect(await mailsTo(coordinator.email)).toHaveLength(1);
  });
});

describe('writes that are idempotent by construction', () => {
  it('match write (a transaction with the SDK\'s ClientRequestToken): applied, reply lost, SDK retry: one match, one MatchProposed, no dead letter', async () => {
    const net = network();
    const lost = loseFirstReply('TransactWriteItemsCommand', (call) => JSON.stringify(call.input).includes('"MATCH#'));
    const ids = [];
    for (const profile of pair(net)) ids.push(await submitProfile(platform, profile));
    await platform.settle();
    expect(lost()).toBe(1);
    const matchId = [...ids].sort().join('|');
    const proposed = platform.eventBridge.events.filter((e) => e.event['detail-type'] === 'MatchProposed' && (e.event.detail as { data: { matchId: string } }).data.matchId === matchId);
    expect(proposed).toHaveLength(1);
    expect(platform.eventBridge.deadLetters).toEqual([]);
  });

  it('saving a sign-in token: applied, reply lost, SDK retry: no error, and the token works', async () => {
    const store = new SignInStore(platformDocumentClient(platform), platform.tableName);
    const hash = `h-${randomUUID()}`;
    const now = Math.floor(Date.now() / 1000);
    const lost = loseFirstReply('PutItemCommand', (call) => keyOf(call) === `TOKEN#${hash}`);
    await store.saveToken(hash, { addressHash: 'a2', purpose: 'sign-in' }, now + 900, new Date().toISOString());
    expect(lost()).toBe(1);
    expect(await store.consumeToken(hash, now)).toEqual({ addressHash: 'a2', purpose: 'sign-in' });
  });

  it('storing a session (before its link is spent): applied, reply lost, SDK retry: no error, and the session is there', async () => {
    const store = new SessionStore(platformDocumentClient(platform), platform.tableName);
    const id = `s-${randomUUID()}`;
    const now = Math.floor(Date.now() / 1000);
    const lost = loseFirstReply('PutItemCommand', (call) => keyOf(call) === `SESSION#${id}`);
    await store.create({ id, addressHash: 'a3', createdAt: now, absoluteExpiresAt: now + 3600, idleExpiresAt: now + 600 });
    expect(lost()).toBe(1);
    expect(await store.get(id, now)).toMatchObject({ id, addressHash: 'a3' });
  });
});
