import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import type { Profile, ProfileInput } from '@culturebridge/domain';
import type { DetailType } from '@culturebridge/events';
import { CoordinatorStore, NetworkStore, SuppressionStore, addressHash, keys, profileAddressItem, profileItem } from '@culturebridge/store';
import { DeleteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { checkedInSchemaValidator } from '../../events/src/json-schema-validator.js';
import type { Platform } from '../../local/platform.js';
import { localSession } from '../../local/sessions.js';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.js';
import { localMails } from '../../local/ses-local.js';
import type { SdkCall } from '../../local/faults.js';
import { whileNotifyLags, whileNotifyWaitsAt } from '../support/notify-lag.js';
import { EMAIL_PATTERN, platformDocumentClient, startTestPlatform, submitProfile } from '../support/platform.js';

/**
 * Joining a network is a request a coordinator answers; matching sees approved members only. On the
 * whole local platform: the API, the outbox, the local EventBridge and compute-matches.
 */
let platform: Platform;
const net = `net-${randomUUID().slice(0, 8)}`;
const coordinatorEmail = `coordinator@${net}.example`;
let coordinator: string;

const shape = (name: string, email: string, overrides: Partial<ProfileInput> = {}) =>
  validProfileInput({ name, networks: [net], openToOutsideNetwork: false, contact: { name, email }, offers: ['venue'], needs: ['curatorial-support'], themes: [{ id: 'climate-environment', priority: 'high' }], ...overrides });

beforeAll(async () => {
  platform = await startTestPlatform('memberships');
  const doc = platformDocumentClient(platform);
  await new NetworkStore(doc, platform.tableName).put({ id: net, name: 'Test network' }, new Date().toISOString());
  await new CoordinatorStore(doc, platform.tableName).add({ networkId: net, name: 'Coordinator', email: coordinatorEmail });
  coordinator = await localSession(platform.sessionKeyFile, coordinatorEmail, { networks: [net] });
  // An approved member to be matched with (submitProfile approves, as the coordinator would).
  await submitProfile(platform, shape('Gyumri', `gyumri@${net}.example`, { country: 'AM', offers: ['curatorial-support'], needs: ['venue'], languages: ['hy', 'en'] }));
});
afterAll(async () => platform?.stop());

async function api(method: string, path: string, session?: string, body?: unknown) {
  const response = await fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(session ? { authorization: `Bearer ${session}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

/** Submits as the signed-in contact (active at once), so only the membership decides matching. */
async function join(name: string, overrides: Partial<ProfileInput> = {}): Promise<{ id: string; session: string }> {
  const email = `${name.toLowerCase()}@${net}.example`;
  const session = await localSession(platform.sessionKeyFile, email);
  const created = await api('POST', '/profiles', session, shape(name, email, overrides));
  expect(created.status).toBe(201);
  expect(created.body.status).toBe('active');
  return { id: String(created.body.id), session: await localSession(platform.sessionKeyFile, email, { profiles: [String(created.body.id)] }) };
}

const eventsAbout = (id: string, type: DetailType) =>
  platform.eventBridge.events.filter((e) => e.event['detail-type'] === type && JSON.stringify(e.event.detail).includes(id)).map((e) => e.event);

describe('membership approval on the local platform', () => {
  it('keeps a join request waiting, unmatched and out of the member list, until a coordinator approves it; then matches it', async () => {
    const { id, session } = await join('Kutaisi');
    await platform.settle();
    expect(eventsAbout(id, 'MembershipRequested')).toHaveLength(1);
    expect(eventsAbout(id, 'MatchProposed')).toEqual([]);
    expect((await api('GET', `/profiles/${id}`, session)).body.memberships).toEqual({ [net]: 'requested' });
    const requests = await api('GET', `/networks/${net}/requests`, coordinator);
    expect((requests.body.requests as { id: string; name: string }[]).map((r) => [r.id, r.name])).toEqual([[id, 'Kutaisi']]);
    expect(JSON.stringify(requests.body)).not.toMatch(EMAIL_PATTERN);
    // By name: the list comes in pages in the index's order (by id, and ids are random), as access.test says too.
    const members = async () => ((await api('GET', `/networks/${net}/members`, coordinator)).body.members as { name: string }[]).map((m) => m.name).sort();
    expect(await members()).toEqual(['Gyumri']);

    const approved = await api('POST', `/networks/${net}/requests/${id}/approve`, coordinator);
    expect(approved).toEqual({ status: 200, body: { profileId: id, networkId: net, membership: 'approved', changed: true } });
    await platform.settle();
    expect(eventsAbout(id, 'MatchProposed')).toHaveLength(1);
    expect(await members()).toEqual(['Gyumri', 'Kutaisi']);
    expect((await api('GET', `/networks/${net}/requests`, coordinator)).body.requests).toEqual([]);
    const [event] = eventsAbout(id, 'MembershipApproved');
    expect(event?.detail).toMatchObject({ data: { profileId: id, networkId: net, status: 'approved' } });
    expect(checkedInSchemaValidator()('MembershipApproved', event)).toEqual([]);
    expect(JSON.stringify(event)).not.toMatch(EMAIL_PATTERN);

    // Approving again changes nothing and publishes nothing.
    const before = platform.eventBridge.events.length;
    expect((await api('POST', `/networks/${net}/requests/${id}/approve`, coordinator)).body.changed).toBe(false);
    await platform.settle();
    expect(platform.eventBridge.events.length).toBe(before);
  });

  it('never matches a rejected member, and withdraws the matches of a member whose membership is revoked', async () => {
    const { id } = await join('Poti');
    const rejected = await api('POST', `/networks/${net}/requests/${id}/reject`, coordinator);
    expect(rejected.body).toMatchObject({ membership: 'rejected', changed: true });
    await platform.settle();
    expect(eventsAbout(id, 'MembershipRejected')).toHaveLength(1);
    expect(eventsAbout(id, 'MatchProposed')).toEqual([]);
    expect((await api('GET', `/networks/${net}/requests`, coordinator)).body.requests).toEqual([]);

    const { id: zugdidi } = await join('Zugdidi');
    await api('POST', `/networks/${net}/requests/${zugdidi}/approve`, coordinator);
    await platform.settle();
    expect(eventsAbout(zugdidi, 'MatchProposed').length).toBeGreaterThan(0);
    await api('POST', `/networks/${net}/requests/${zugdidi}/reject`, coordinator);
    await platform.settle();
    expect(eventsAbout(zugdidi, 'MatchWithdrawn').length).toBe(eventsAbout(zugdidi, 'MatchProposed').length);
  });

  it('lists apart the profiles its coordinators took out or turned down, until one is approved again', async () => {
    // Removed members were listed nowhere: only the member page's URL led back to "Approve again".
    const { id: removed } = await join('Batumi');
    await api('POST', `/networks/${net}/requests/${removed}/approve`, coordinator);
    await api('POST', `/networks/${net}/requests/${removed}/reject`, coordinator);
    const { id: declined } = await join('Rustavi');
    await api('POST', `/networks/${net}/requests/${declined}/reject`, coordinator);
    const mine = new Set([removed, declined]);

    const rejected = async () => {
      const answer = await api('GET', `/networks/${net}/rejected`, coordinator);
      expect(answer.status).toBe(200);
      expect(answer.body.networkId).toBe(net);
      expect(JSON.stringify(answer.body)).not.toMatch(EMAIL_PATTERN);
      return answer.body.rejected as { id: string; name: string; kind: string; country: string; status: string }[];
    };
    const listed = await rejected();
    expect(listed.filter((p) => mine.has(p.id)).map((p) => [p.name, p.kind, p.country, p.status])).toEqual([
      ['Batumi', 'city', 'GE', 'active'],
      ['Rustavi', 'city', 'GE', 'active'],
    ]);
    // Only rejected memberships: no member, no one asking to join.
    expect(listed.map((p) => p.name)).not.toContain('Gyumri');
    expect(listed.map((p) => p.name)).not.toContain('Kutaisi');
    const members = ((await api('GET', `/networks/${net}/members`, coordinator)).body.members as { id: string }[]).map((m) => m.id);
    expect(members).not.toContain(removed);

    // Approved again: a member once more, and no longer listed as rejected.
    await api('POST', `/networks/${net}/requests/${removed}/approve`, coordinator);
    expect((await rejected()).map((p) => p.id)).not.toContain(removed);
    expect((await rejected()).map((p) => p.id)).toContain(declined);
    expect(((await api('GET', `/networks/${net}/members`, coordinator)).body.members as { id: string }[]).map((m) => m.id)).toContain(removed);

    // A member of the network may not read it, and another network's coordinator is told no such network.
    const { session } = await join('Telavi');
    expect((await api('GET', `/networks/${net}/rejected`, session)).status).toBe(404);
    await platform.settle();
  });

  it('tells a member taken out of the network, in its language, and again once approved again; a join request answered, or an event delivered again, mails nothing', async () => {
    // A removed member learnt it from nothing: its matches there were withdrawn without a word.
    const email = `mtskheta@${net}.example`;
    const mails = async () => (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(email)).map((m) => ({ subject: m.subject, text: m.body.text ?? '' }));
    const { id } = await join('Mtskheta', { locale: 'ka' });
    await api('POST', `/networks/${net}/requests/${id}/approve`, coordinator);
    await platform.settle();
    expect(await mails()).toEqual([]);

    await api('POST', `/networks/${net}/requests/${id}/reject`, coordinator);
    await platform.settle();
    const [removal] = eventsAbout(id, 'MembershipRejected');
    expect(removal?.detail).toMatchObject({ data: { status: 'rejected', previousStatus: 'approved' } });
    const told = await mails();
    expect(told.map((m) => m.subject)).toEqual(['CultureBridge · Test network: პროფილი (Mtskheta) აღარ არის ქსელის წევრი']);
    expect(told[0]?.text).toContain('გამარჯობა, Mtskheta!');
    expect(told[0]?.text).toContain(`#/profiles/${id}`);

    // The stream delivers at least once: the same event twice more sends nothing more.
    const client = new EventBridgeClient({ endpoint: platform.eventBridge.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    for (let i = 0; i < 2; i++) {
      const out = await client.send(new PutEventsCommand({ Entries: [{ EventBusName: 'culturebridge', Source: removal?.source, DetailType: removal?.['detail-type'], Detail: JSON.stringify(removal?.detail) }] }));
      expect(out.FailedEntryCount).toBe(0);
    }
    client.destroy();
    await platform.settle();
    expect(await mails()).toHaveLength(1);

    await api('POST', `/networks/${net}/requests/${id}/approve`, coordinator);
    await platform.settle();
    expect((await mails()).map((m) => m.subject)).toEqual([told[0]?.subject, 'CultureBridge · Test network: პროფილი (Mtskheta) ქსელის წევრია']);
    // The mails' records publish CoordinatorNotified (recipientRole member), with ids only.
    const notified = platform.eventBridge.events.map((e) => e.event).filter((e) => e['detail-type'] === 'CoordinatorNotified' && JSON.stringify(e.detail).includes(`membership:${id}:`));
    expect(notified).toHaveLength(2);
    expect(JSON.stringify(notified)).not.toMatch(EMAIL_PATTERN);
    expect(platform.eventBridge.deadLetters).toEqual([]);

    // A join request declined (Rustavi, above) is not mailed.
    expect((await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(`rustavi@${net}.example`))).toEqual([]);
  });

  it('tells a member taken out while its new contact address waits at once, at its current address, and not again when the new address confirms', async () => {
    // The profile stays active with its address until the new one confirms: nothing waits to be told.
    const { id, session } = await join('Kobuleti');
    const current = `kobuleti@${net}.example`;
    const moved = `new-kobuleti@${net}.example`;
    const membershipMails = async () => (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.some((to) => to === moved || to === current) && m.subject.includes('Test network')).map((m) => ({ to: m.destination.to, subject: m.subject }));
    await api('POST', `/networks/${net}/requests/${id}/approve`, coordinator);
    await platform.settle();
    const profile = (await api('GET', `/profiles/${id}`, session)).body;
    const changed = await api('PUT', `/profiles/${id}`, session, { ...shape('Kobuleti', moved), version: profile.version });
    expect(changed.body.status).toBe('active');
    expect((await api('POST', `/networks/${net}/requests/${id}/reject`, coordinator)).body).toMatchObject({ membership: 'rejected', changed: true });
    await platform.settle();
    expect(eventsAbout(id, 'MembershipRejected').map((e) => e.detail)).toMatchObject([{ data: { status: 'rejected', previousStatus: 'approved' } }]);
    const told = [{ to: [current], subject: 'CultureBridge · Test network: Kobuleti is no longer a member of the network' }];
    expect(await membershipMails()).toEqual(told);

    // The new address opens its link: the profile is its own now, and nothing about the membership is told again.
    const link = (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(moved)).at(-1)?.body.text ?? '';
    const token = /#\/sign-in\?token=([A-Za-z0-9_-]{43})/.exec(link)?.[1];
    expect((await api('POST', '/auth/verify', undefined, { token })).body).toMatchObject({ confirmed: [id] });
    await platform.settle();
    expect(eventsAbout(id, 'MembershipRejected')).toHaveLength(1);
    expect(await membershipMails()).toEqual(told);
    expect(platform.eventBridge.deadLetters).toEqual([]);
  });

  it('tells a member taken out at the address confirmed while notify took the membership lease, not at the one it replaced', async () => {
    // notify read the profile (and its contact) before taking the lease: the old address was mailed.
    const { id, session } = await join('Poti');
    const current = `poti@${net}.example`;
    const moved = `new-poti@${net}.example`;
    await api('POST', `/networks/${net}/requests/${id}/approve`, coordinator);
    await platform.settle();
    const profile = (await api('GET', `/profiles/${id}`, session)).body;
    expect((await api('PUT', `/profiles/${id}`, session, { ...shape('Poti', moved), version: profile.version })).body.status).toBe('active');
    await platform.settle();
    const link = (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(moved)).at(-1)?.body.text ?? '';
    const token = /#\/sign-in\?token=([A-Za-z0-9_-]{43})/.exec(link)?.[1];
    const takesLease = (call: SdkCall) => call.commandName === 'UpdateItemCommand' && JSON.stringify(call.input).includes(`NOTIFY#membership:${id}:`);
    await whileNotifyWaitsAt(
      platform,
      takesLease,
      async () => expect((await api('POST', `/networks/${net}/requests/${id}/reject`, coordinator)).body).toMatchObject({ membership: 'rejected', changed: true }),
      async () => expect((await api('POST', '/auth/verify', undefined, { token })).body).toMatchObject({ confirmed: [id] }),
    );
    const mails = (await localMails(platform.ses.endpoint)).filter((m) => m.subject.includes('no longer a member') && m.destination.to.some((to) => to === moved || to === current));
    expect(mails.map((m) => ({ to: m.destination.to, subject: m.subject }))).toEqual([{ to: [moved], subject: 'CultureBridge · Test network: Poti is no longer a member of the network' }]);
    expect(platform.eventBridge.deadLetters).toEqual([]);
  });

  it('tells a member taken out while its profile was pending again under the old address rule (stored before), once the new address confirms it', async () => {
    // Before a new address waited on an active profile, changing it made the profile pending at the
    // new address. Such a profile is written here as that rule left it; published on confirmation
    // without previousStatus, its removal was told to nobody.
    const { id, session } = await join('Ozurgeti');
    const moved = `new-ozurgeti@${net}.example`;
    const membershipMails = async () => (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.some((to) => to === moved || to === `ozurgeti@${net}.example`) && m.subject.includes('Test network')).map((m) => ({ to: m.destination.to, subject: m.subject }));
    await api('POST', `/networks/${net}/requests/${id}/approve`, coordinator);
    await platform.settle();
    const profile = (await api('GET', `/profiles/${id}`, session)).body as unknown as Profile;
    const doc = platformDocumentClient(platform);
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: platform.tableName, Item: profileItem({ ...profile, status: 'pending', contact: { name: 'Ozurgeti', email: moved }, version: profile.version + 1, updatedAt: new Date().toISOString() }) } },
          { Delete: { TableName: platform.tableName, Key: keys.addressOfProfile(addressHash(profile.contact.email), id) } },
          { Put: { TableName: platform.tableName, Item: profileAddressItem(moved, id) } },
        ],
      }),
    );
    expect((await api('POST', `/networks/${net}/requests/${id}/reject`, coordinator)).body).toMatchObject({ membership: 'rejected', changed: true });
    await platform.settle();
    expect(eventsAbout(id, 'MembershipRejected')).toEqual([]);
    expect(await membershipMails()).toEqual([]);

    const owner = await localSession(platform.sessionKeyFile, moved, { profiles: [id] });
    expect((await api('POST', `/profiles/${id}/confirm`, owner)).body.status).toBe('active');
    await platform.settle();
    const [removal] = eventsAbout(id, 'MembershipRejected');
    const removedAt = (await api('GET', `/profiles/${id}`, owner)).body.version as number;
    // Taken out at the version before the confirmation's; what partners last heard was `approved`.
    expect(removal?.detail).toMatchObject({ data: { status: 'rejected', previousStatus: 'approved', profileVersion: removedAt, statusVersion: removedAt - 1 } });
    expect(checkedInSchemaValidator()('MembershipRejected', removal)).toEqual([]);
    expect(await membershipMails()).toEqual([{ to: [moved], subject: 'CultureBridge · Test network: Ozurgeti is no longer a member of the network' }]);
    expect(platform.eventBridge.deadLetters).toEqual([]);
  });

  /**
   * The coordinator's `clicks` on `id`'s membership while notify cannot read the member's profile
   * (its consistent read, before it decides on a membership mail, fails as DynamoDB fails), so the
   * events wait in notify's retries: the first click's is tried before the next click. Then the
   * reads succeed again and everything settles. Nothing about the membership is decided before.
   */
  async function coordinatorClicksWhileNotifyLags(id: string, clicks: ('approve' | 'reject')[]) {
    const held = (call: SdkCall) => call.commandName === 'BatchGetItemCommand' && JSON.stringify(call.input).includes(id) && JSON.stringify(call.input).includes('"ConsistentRead":true');
    await whileNotifyLags(platform, held, clicks.map((click) => async () => {
      expect((await api('POST', `/networks/${net}/requests/${id}/${click}`, coordinator)).body.changed).toBe(true);
    }));
  }

  it('tells a member taken out, approved again and taken out again before notify caught up that its membership ended, once', async () => {
    // The first removal's event, retried after the second removal, mailed "ended" a second time.
    const email = `sighnaghi@${net}.example`;
    const { id } = await join('Sighnaghi');
    await api('POST', `/networks/${net}/requests/${id}/approve`, coordinator);
    await platform.settle();
    await coordinatorClicksWhileNotifyLags(id, ['reject', 'approve', 'reject']);
    expect(eventsAbout(id, 'MembershipRejected')).toHaveLength(2);
    expect((await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(email)).map((m) => m.subject)).toEqual(['CultureBridge · Test network: Sighnaghi is no longer a member of the network']);
    expect(platform.eventBridge.deadLetters).toEqual([]);
  });

  it('tells a member taken out and approved again before the removal was told nothing (docs/decisions.md)', async () => {
    // It was mailed "a member again" about a removal it never heard of.
    const email = `lagodekhi@${net}.example`;
    const { id } = await join('Lagodekhi');
    await api('POST', `/networks/${net}/requests/${id}/approve`, coordinator);
    await platform.settle();
    await coordinatorClicksWhileNotifyLags(id, ['reject', 'approve']);
    expect(eventsAbout(id, 'MembershipApproved')).toHaveLength(2);
    expect((await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(email))).toEqual([]);
    expect(platform.eventBridge.deadLetters).toEqual([]);
  });

  it('tells a member approved again that it is a member again when its removal was told, though the record of it is gone (expired, or from before records)', async () => {
    // With no MembershipTold record, an approval after a removal was taken as undoing a removal never told: nothing was mailed.
    const email = `telavi@${net}.example`;
    const { id } = await join('Telavi');
    await api('POST', `/networks/${net}/requests/${id}/approve`, coordinator);
    await platform.settle();
    expect((await api('POST', `/networks/${net}/requests/${id}/reject`, coordinator)).body.changed).toBe(true);
    await platform.settle();
    // What a removal told before the record existed, or a record past its TTL, leaves.
    await platformDocumentClient(platform).send(new DeleteCommand({ TableName: platform.tableName, Key: keys.membershipTold(id, net) }));
    expect((await api('POST', `/networks/${net}/requests/${id}/approve`, coordinator)).body.changed).toBe(true);
    await platform.settle();
    expect((await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(email)).map((m) => m.subject)).toEqual([
      'CultureBridge · Test network: Telavi is no longer a member of the network',
      'CultureBridge · Test network: Telavi is a member of the network',
    ]);
    expect(platform.eventBridge.deadLetters).toEqual([]);
  });

  it('tells a member whose join request was declined, then approved, that the request declined earlier is now approved, once', async () => {
    // It was mailed "Gori is a member of the network", the mail of a member taken back in, about a request its page had shown turned down.
    const email = `gori@${net}.example`;
    const { id } = await join('Gori');
    expect((await api('POST', `/networks/${net}/requests/${id}/reject`, coordinator)).body.changed).toBe(true);
    await platform.settle();
    const mails = async () => (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(email)).map((m) => ({ subject: m.subject, text: m.body.text ?? '' }));
    expect(await mails()).toEqual([]);
    expect((await api('POST', `/networks/${net}/requests/${id}/approve`, coordinator)).body.changed).toBe(true);
    await platform.settle();
    const told = await mails();
    expect(told.map((m) => m.subject)).toEqual(['CultureBridge · Test network: the request of Gori to join, declined earlier, is now approved']);
    expect(told[0]?.text).toContain('has now approved the request of Gori to join the network, which was declined earlier');
    expect(platform.eventBridge.deadLetters).toEqual([]);
  });

  it('tells a member taken out while its address was suppressed, then approved again once the suppression is lifted, that it is a member, not that a request was approved', async () => {
    // Its removal's mail was suppressed (no record of it sent), which was taken for a declined
    // request: it was mailed "the request of Zestafoni to join, declined earlier, is now approved".
    const email = `zestafoni@${net}.example`;
    const { id } = await join('Zestafoni');
    expect((await api('POST', `/networks/${net}/requests/${id}/approve`, coordinator)).body.changed).toBe(true);
    await platform.settle();
    const doc = platformDocumentClient(platform);
    await new SuppressionStore(doc, platform.tableName).suppress(email, 'bounce', new Date().toISOString());
    expect((await api('POST', `/networks/${net}/requests/${id}/reject`, coordinator)).body.changed).toBe(true);
    await platform.settle();
    expect(eventsAbout(id, 'MembershipRejected').map((e) => e.detail)).toMatchObject([{ data: { status: 'rejected', previousStatus: 'approved' } }]);
    const mails = async () => (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(email)).map((m) => m.subject);
    expect(await mails()).toEqual([]);
    // An operator takes the address off the list (it works again).
    await doc.send(new DeleteCommand({ TableName: platform.tableName, Key: keys.suppression(addressHash(email)) }));
    expect((await api('POST', `/networks/${net}/requests/${id}/approve`, coordinator)).body.changed).toBe(true);
    await platform.settle();
    expect(await mails()).toEqual(['CultureBridge · Test network: Zestafoni is a member of the network']);
    expect(platform.eventBridge.deadLetters).toEqual([]);
  });

  it('answers 404 for a profile that does not exist, and stores nothing', async () => {
    const before = platform.eventBridge.events.length;
    expect((await api('POST', `/networks/${net}/requests/${randomUUID()}/approve`, coordinator)).status).toBe(404);
    expect((await api('POST', `/networks/${net}/requests/not-an-id/reject`, coordinator)).status).toBe(404);
    await platform.settle();
    expect(platform.eventBridge.events.length).toBe(before);
  });
});
