import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import type { Profile, ProfileInput } from '@culturebridge/domain';
import { CoordinatorStore, NetworkStore, ProfileStore, SuppressionStore, addressHash, keys } from '@culturebridge/store';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.js';
import type { Platform } from '../../local/platform.js';
import { EMAIL_PATTERN, platformDocumentClient, sharedMemberApi, startTestPlatform, submitProfile } from '../support/platform.js';
import { localMails } from '../../local/ses-local.js';
import { pollUntil } from '../../local/poll.js';
import { whileNotifyWaitsAt } from '../support/notify-lag.js';

const EMAIL = EMAIL_PATTERN;
const BASE_URL = 'https://app.culturebridge.example';
let platform: Platform;
let doc: DynamoDBDocumentClient;
let coordinators: CoordinatorStore;
let suppressions: SuppressionStore;

beforeAll(async () => {
  platform = await startTestPlatform('members', { appBaseUrl: BASE_URL });
  doc = platformDocumentClient(platform);
  coordinators = new CoordinatorStore(doc, platform.tableName);
  suppressions = new SuppressionStore(doc, platform.tableName);
});
afterAll(async () => platform?.stop());

/** A network of its own per test, so mails and events of one test never count in another. */
const network = () => `net-${randomUUID().slice(0, 8)}`;

const submit = (profile: ProfileInput) => submitProfile(platform, profile);

/** Two profiles that match each other; who wants a mail per match (the rest chose no mail) is the test's choice. */
const pair = (net: string, optIn: [boolean, boolean]): [ProfileInput, ProfileInput] => [
  validProfileInput({ name: 'Kutaisi', country: 'GE', networks: [net], openToOutsideNetwork: false, ...(optIn[0] ? { matchEmails: true } : { mailFrequency: 'off' }), contact: { name: 'Nino', email: `nino@kutaisi-${net}.example` }, offers: ['venue'], needs: ['curatorial-support'], themes: [{ id: 'climate-environment', priority: 'high' }] }),
  validProfileInput({ name: 'Gyumri', country: 'AM', networks: [net], openToOutsideNetwork: false, ...(optIn[1] ? { matchEmails: true } : { mailFrequency: 'off' }), contact: { name: 'Anna', email: `anna@gyumri-${net}.example` }, offers: ['curatorial-support'], needs: ['venue'], themes: [{ id: 'climate-environment', priority: 'high' }], languages: ['hy', 'en'] }),
];

const mailsTo = async (address: string) => (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(address));

function memberNotified(matchId: string) {
  return platform.eventBridge.events
    .map((e) => e.event)
    .filter((e) => e['detail-type'] === 'CoordinatorNotified' && (e.detail as { data: { recipientRole: string; matchId?: string } }).data.recipientRole === 'member' && (e.detail as { data: { matchId?: string } }).data.matchId === matchId);
}

/** As SES publishes a configuration-set event to the default bus (AWS services may use `aws.` sources). */
function sesEvent(detailType: 'Email Bounced' | 'Email Complaint Received', address: string, bounceType = 'Permanent') {
  const detail =
    detailType === 'Email Bounced'
      ? { eventType: 'Bounce', bounce: { bounceType, bounceSubType: 'General', bouncedRecipients: [{ emailAddress: address, action: 'failed', status: '5.1.1' }], timestamp: '2026-11-24T10:00:00.000Z', feedbackId: 'f' }, mail: { messageId: 'm' } }
      : { eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: address }], timestamp: '2026-11-24T10:00:00.000Z', feedbackId: 'f' }, mail: { messageId: 'm' } };
  const out = platform.eventBridge.emitServiceEvent({ Source: 'aws.ses', DetailType: detailType, Detail: JSON.stringify(detail), EventBusName: 'default' });
  expect(out.FailedEntryCount).toBe(0);
}

describe('member match e-mails', () => {
  it('mails a member who opted in once, with who and why and accept/decline links, and nobody who did not; three deliveries still make one mail', async () => {
    const net = network();
    const [k, g] = pair(net, [true, false]);
    const [kid, gid] = [await submit(k), await submit(g)];
    await platform.settle();

    const mails = await mailsTo(k.contact.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toBe('CultureBridge: you were matched with Gyumri');
    for (const part of [mail?.body.text, mail?.body.html]) {
      expect(part).toContain('Hello Nino');
      expect(part).toMatch(/Climate and environment/);
      expect(part).toContain(`${BASE_URL}/#/matches/${kid}/${gid}/accept`);
      expect(part).toContain(`${BASE_URL}/#/matches/${kid}/${gid}/decline`);
      expect(part).toContain(`${BASE_URL}/#/preferences/profiles/${kid}`);
      // Not confirmed yet: the partner's contact is not revealed.
      expect(part).not.toContain(g.contact.email);
    }
    expect(await mailsTo(g.contact.email)).toEqual([]);

    const matchId = [kid, gid].sort().join('|');
    const proposed = platform.eventBridge.events.map((e) => e.event).find((e) => e['detail-type'] === 'MatchProposed' && (e.detail as { data: { matchId: string } }).data.matchId === matchId);
    expect(proposed).toBeDefined();
    const client = new EventBridgeClient({ endpoint: platform.eventBridge.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    for (let i = 0; i < 2; i++) {
      const out = await client.send(new PutEventsCommand({ Entries: [{ EventBusName: 'culturebridge', Source: proposed?.source, DetailType: proposed?.['detail-type'], Detail: JSON.stringify(proposed?.detail) }] }));
      expect(out.FailedEntryCount).toBe(0);
    }
    await platform.settle();
    client.destroy();

    expect(await mailsTo(k.contact.email)).toHaveLength(1);
    const events = memberNotified(matchId);
    expect(events).toHaveLength(1);
    expect(events[0]?.detail).toMatchObject({ data: { recipientRole: 'member', kind: 'immediate', matchId } });
    expect(JSON.stringify(events)).not.toMatch(EMAIL);
    expect(platform.eventBridge.deadLetters).toEqual([]);
  });

  it('names a shared network in the reasons as its settings name it, not by its id (coordinators and members alike)', async () => {
    const net = network();
    await new NetworkStore(doc, platform.tableName).put({ id: net, name: 'Black Sea Cities: culture offices of port cities' }, new Date().toISOString());
    await coordinators.add({ networkId: net, name: 'Lela', email: `lela@${net}.example`, preference: { mode: 'immediate' } });
    const [k, g] = pair(net, [true, false]);
    await submit(k);
    await submit(g);
    await platform.settle();

    for (const address of [k.contact.email, `lela@${net}.example`]) {
      const [mail] = await mailsTo(address);
      expect(mail, address).toBeDefined();
      for (const part of [mail?.body.text, mail?.body.html]) {
        expect(part, address).toContain('Same network: Black Sea Cities.');
        expect(part, address).not.toContain(`Same network: ${net}`);
      }
    }
  });

  it('mails a match to the address confirmed while notify claimed the mail, not to the one it replaced', async () => {
    // notify read both profiles (and their contacts) before claiming the mail: the old address was mailed.
    const net = network();
    const [k, g] = pair(net, [true, false]);
    const kid = await submit(k);
    const moved = `new-nino@kutaisi-${net}.example`;
    const profiles = new ProfileStore(doc, platform.tableName);
    const { id: _i, version, status: _s, createdAt: _c, updatedAt: _u, memberships: _m, pendingContact: _p, ...data } = (await profiles.get(kid)) as Profile;
    const asked = await profiles.update(kid, version, { ...data, contact: { name: 'Nino', email: moved } }, new Date().toISOString());
    expect(asked.outcome).toBe('ok');
    const change = asked.outcome === 'ok' ? asked.value.pendingContact?.version : undefined;
    await platform.settle();
    await whileNotifyWaitsAt(
      platform,
      (call) => call.commandName === 'PutItemCommand' && JSON.stringify(call.input).includes(`:member:${kid}:immediate`),
      async () => void (await submit(g)),
      async () => expect(await profiles.confirm(kid, addressHash(moved), new Date().toISOString(), change)).toBe('confirmed'),
    );
    expect((await mailsTo(moved)).filter((m) => m.subject.includes('Gyumri'))).toHaveLength(1);
    expect((await mailsTo(`nino@kutaisi-${net}.example`)).filter((m) => m.subject.includes('Gyumri'))).toEqual([]);
    expect(platform.eventBridge.deadLetters).toEqual([]);
  });

  it('tells both sides once both accepted, with the partner\'s contact', async () => {
    const net = network();
    const [k, g] = pair(net, [true, true]);
    const [kid, gid] = [await submit(k), await submit(g)];
    await platform.settle();
    for (const [self, partner] of [[kid, gid], [gid, kid]]) {
      const response = await sharedMemberApi(platform).call('POST', `/matches/${self}/${partner}/accept`);
      expect(response.status).toBe(200);
    }
    await platform.settle();

    const confirmed = (await mailsTo(k.contact.email)).filter((m) => m.subject.includes('both accepted'));
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]?.subject).toBe('CultureBridge: you and Gyumri both accepted');
    expect(confirmed[0]?.body.text).toContain(`Anna <${g.contact.email}>`);
    const other = (await mailsTo(g.contact.email)).filter((m) => m.subject.includes('both accepted'));
    expect(other).toHaveLength(1);
    expect(other[0]?.body.text).toContain(`Nino <${k.contact.email}>`);
  });
});

describe('member digests by default (#20: "member mails never come")', () => {
  it('a member who chose nothing hears nothing at once, then gets one daily digest at 08:00 on its own clock with its new match', async () => {
    const net = network();
    const [k, g] = pair(net, [false, false]).map(({ mailFrequency: _chosen, ...p }) => p) as [ProfileInput, ProfileInput];
    const [kid, gid] = [await submit(k), await submit(g)];
    await platform.settle();
    expect(await mailsTo(k.contact.email)).toEqual([]);

    // Kutaisi (GE) and Gyumri (AM) keep UTC+4: 03:30 UTC is 07:30 there, 04:30 UTC is 08:30.
    expect(await platform.runDigests(new Date('2026-11-25T03:30:00Z'))).toMatchObject({ sent: 0 });
    expect(await mailsTo(k.contact.email)).toEqual([]);
    await platform.runDigests(new Date('2026-11-25T04:30:00Z'));
    for (const [self, selfId, partner, partnerId] of [[k, kid, g, gid], [g, gid, k, kid]] as const) {
      const mails = await mailsTo(self.contact.email);
      expect(mails, self.name).toHaveLength(1);
      expect(mails[0]?.subject).toMatch(new RegExp(`^CultureBridge · ${self.name}: daily digest`));
      expect(mails[0]?.body.text).toContain(partner.name);
      expect(mails[0]?.body.text).toContain(`${BASE_URL}/#/matches/${selfId}/${partnerId}`);
      // Not confirmed yet: the partner's contact is not revealed.
      expect(mails[0]?.body.text).not.toContain(partner.contact.email);
    }
    // The next hour finds nothing more to send.
    await platform.runDigests(new Date('2026-11-25T05:30:00Z'));
    expect(await mailsTo(k.contact.email)).toHaveLength(1);
  });

  it('sends a member digest to the address confirmed while the digest was claimed, not to the one it replaced', async () => {
    // send-digests read the member's profile before claiming the digest: the old address was mailed.
    const net = network();
    const [k, g] = pair(net, [false, false]).map(({ mailFrequency: _chosen, ...p }) => p) as [ProfileInput, ProfileInput];
    const [kid] = [await submit(k), await submit(g)];
    const moved = `new-nino@kutaisi-${net}.example`;
    const profiles = new ProfileStore(doc, platform.tableName);
    const { id: _i, version, status: _s, createdAt: _c, updatedAt: _u, memberships: _m, pendingContact: _p, ...data } = (await profiles.get(kid)) as Profile;
    const asked = await profiles.update(kid, version, { ...data, contact: { name: 'Nino', email: moved } }, new Date().toISOString());
    const change = asked.outcome === 'ok' ? asked.value.pendingContact?.version : undefined;
    await platform.settle();
    let run: Promise<unknown> = Promise.resolve();
    await whileNotifyWaitsAt(
      platform,
      (call) => call.commandName === 'PutItemCommand' && JSON.stringify(call.input).includes(`digest:member:${kid}:`),
      async () => void (run = platform.runDigests(new Date('2026-11-26T04:30:00Z'))),
      async () => expect(await profiles.confirm(kid, addressHash(moved), new Date().toISOString(), change)).toBe('confirmed'),
    );
    await run;
    expect((await mailsTo(moved)).filter((m) => m.subject.includes('daily digest'))).toHaveLength(1);
    expect((await mailsTo(k.contact.email)).filter((m) => m.subject.includes('daily digest'))).toEqual([]);
  });

  it('names no erased member in a digest: lines about a profile erased since are dropped, not mailed', async () => {
    const net = network();
    const [k, g] = pair(net, [false, false]).map(({ mailFrequency: _chosen, ...p }) => p) as [ProfileInput, ProfileInput];
    const [, gid] = [await submit(k), await submit(g)];
    await platform.settle();
    const coordinator = `coordinator@${net}.example`;
    await coordinators.add({ networkId: net, name: 'Lela', email: coordinator, preference: { mode: 'digest', timeZone: 'UTC', digestHour: 8 } });
    // Gyumri erases itself before the digests go out; its partner and the coordinator had lines queued about it.
    const erased = await sharedMemberApi(platform).call('DELETE', `/profiles/${gid}`);
    expect(erased.status).toBe(204);
    await platform.settle();
    await platform.runDigests(new Date('2026-11-25T08:30:00Z'));
    for (const address of [k.contact.email, coordinator]) {
      for (const mail of await mailsTo(address)) expect(mail.body.text, address).not.toContain('Gyumri');
    }
    // Nothing about it is left to send later either.
    await platform.runDigests(new Date('2026-11-26T08:30:00Z'));
    for (const address of [k.contact.email, coordinator]) {
      for (const mail of await mailsTo(address)) expect(mail.body.text, address).not.toContain('Gyumri');
    }
  });

  it('writes each digest in its recipient\'s language: a member\'s profile locale, a coordinator\'s chosen one', async () => {
    const net = network();
    const [k, g] = pair(net, [false, false]).map(({ mailFrequency: _chosen, ...p }) => p) as [ProfileInput, ProfileInput];
    await submit({ ...k, locale: 'uk' });
    await submit(g);
    const { coordinator } = await coordinators.add({ networkId: net, name: 'Aysel', email: `aysel@${net}.example`, preference: { mode: 'digest', timeZone: 'UTC', digestHour: 8 }, locale: 'az' });
    await platform.settle();
    await platform.runDigests(new Date('2026-11-25T08:30:00Z'));
    const [ukrainian] = await mailsTo(k.contact.email);
    expect(ukrainian?.subject).toMatch(new RegExp(`^CultureBridge · ${k.name}: щоденний дайджест`));
    expect(ukrainian?.body.html).toContain('<html lang="uk">');
    const [english] = await mailsTo(g.contact.email);
    expect(english?.subject).toMatch(new RegExp(`^CultureBridge · ${g.name}: daily digest`));
    const [azerbaijani] = await mailsTo(coordinator.email);
    expect(azerbaijani?.subject).toMatch(/: gündəlik xülasə/);
    expect(azerbaijani?.body.html).toContain('<html lang="az">');
  });
});

describe('bounce and complaint suppression', () => {
  it('records a permanent bounce and a complaint by address hash only, and ignores a transient bounce', async () => {
    const net = network();
    const [gone, angry, full] = [`Gone@${net}.example`, `angry@${net}.example`, `full@${net}.example`];
    sesEvent('Email Bounced', gone);
    sesEvent('Email Complaint Received', angry);
    sesEvent('Email Bounced', full, 'Transient');
    await platform.settle();

    const item = await pollUntil('the suppression item of the bounced address', async () => (await doc.send(new GetCommand({ TableName: platform.tableName, Key: keys.suppression(addressHash(gone)) }))).Item);
    expect(item).toMatchObject({ entity: 'Suppression', reason: 'bounce', at: '2026-11-24T10:00:00.000Z' });
    expect(JSON.stringify(item)).not.toMatch(EMAIL);
    expect(await suppressions.get(angry)).toMatchObject({ reason: 'complaint' });
    // Upper or lower case, the same address.
    expect(await suppressions.isSuppressed(gone.toLowerCase())).toBe(true);
    expect(await suppressions.isSuppressed(full)).toBe(false);
  });

  it('sends no mail to a suppressed coordinator or member, and still mails the others', async () => {
    const net = network();
    const now = { mode: 'immediate' as const, timeZone: 'UTC', digestHour: 8 };
    const { coordinator: bounced } = await coordinators.add({ networkId: net, name: 'Bounced', email: `bounced@${net}.example`, preference: now });
    const { coordinator: fine } = await coordinators.add({ networkId: net, name: 'Fine', email: `fine@${net}.example`, preference: now });
    const { coordinator: digest } = await coordinators.add({ networkId: net, name: 'Digest', email: `digest@${net}.example`, preference: { mode: 'digest', timeZone: 'UTC', digestHour: 0 } });
    const [k, g] = pair(net, [true, true]);
    sesEvent('Email Bounced', bounced.email);
    sesEvent('Email Complaint Received', digest.email);
    sesEvent('Email Complaint Received', g.contact.email);
    await platform.settle();
    await pollUntil('three suppressions', async () => ((await Promise.all([bounced.email, digest.email, g.contact.email].map((a) => suppressions.isSuppressed(a)))).every(Boolean) ? true : undefined));

    await submit(k);
    await submit(g);
    await platform.settle();
    expect(await platform.runDigests(new Date('2026-11-25T12:00:00Z'))).toMatchObject({ sent: 0 });

    expect(await mailsTo(fine.email)).toHaveLength(1);
    expect(await mailsTo(k.contact.email)).toHaveLength(1);
    expect(await mailsTo(bounced.email)).toEqual([]);
    expect(await mailsTo(digest.email)).toEqual([]);
    expect(await mailsTo(g.contact.email)).toEqual([]);
    expect(platform.eventBridge.deadLetters).toEqual([]);
  });
});
