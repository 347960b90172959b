import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import type { ProfileInput } from '@culturebridge/domain';
import { CoordinatorStore, NetworkStore } from '@culturebridge/store';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.js';
import type { Platform } from '../../local/platform.js';
import { EMAIL_PATTERN, platformDocumentClient, startTestPlatform, submitProfile } from '../support/platform.js';
import { localMails } from '../../local/ses-local.js';

const EMAIL = EMAIL_PATTERN;
const BASE_URL = 'https://app.culturebridge.example';
let platform: Platform;
let coordinators: CoordinatorStore;

beforeAll(async () => {
  platform = await startTestPlatform('notify', { appBaseUrl: BASE_URL });
  coordinators = new CoordinatorStore(platformDocumentClient(platform), platform.tableName);
});
afterAll(async () => platform?.stop());

/** A network of its own per test, so mails and events of one test never count in another. */
const network = () => `net-${randomUUID().slice(0, 8)}`;

const submit = (profile: ProfileInput) => submitProfile(platform, profile);

/** The members chose no mail: this file is about the coordinators' (members' mails: member-mail.test.ts). */
const pair = (net: string, firstName = 'Kutaisi'): [ProfileInput, ProfileInput] => [
  validProfileInput({ mailFrequency: 'off', name: firstName, country: 'GE', networks: [net], openToOutsideNetwork: false, offers: ['venue'], needs: ['curatorial-support'], themes: [{ id: 'climate-environment', priority: 'high' }] }),
  validProfileInput({ mailFrequency: 'off', name: 'Gyumri', country: 'AM', networks: [net], openToOutsideNetwork: false, contact: { name: 'Anna', email: 'culture@gyumri.example' }, offers: ['curatorial-support'], needs: ['venue'], themes: [{ id: 'climate-environment', priority: 'high' }], languages: ['hy', 'en'] }),
];

const mailsTo = async (address: string) => (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(address));

function notifiedEvents(net: string) {
  return platform.eventBridge.events
    .map((e) => e.event)
    .filter((e) => e['detail-type'] === 'CoordinatorNotified' && (e.detail as { data: { networkId?: string } }).data.networkId === net);
}

describe('coordinator e-mails', () => {
  it('mails an immediate coordinator once per match, with who matched whom, the reasons and the links', async () => {
    const net = network();
    // The operator named the network (`npm run network -- add --name`); no display name of its own is set.
    await new NetworkStore(platformDocumentClient(platform), platform.tableName).put({ id: net, name: 'Black Sea Culture' }, new Date().toISOString());
    const { coordinator } = await coordinators.add({ networkId: net, name: 'Ana Coordinator', email: `ana@${net}.example`, preference: { mode: 'immediate', timeZone: 'UTC', digestHour: 8 } });
    const [k, g] = pair(net);
    const [kid, gid] = [await submit(k), await submit(g)];
    const ids = [kid, gid].sort();
    await platform.settle();

    const mails = await mailsTo(coordinator.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    // The pair is named in id order, as the match is stored.
    // No display name of its own: the subject names the network as its record does, never by its id.
    expect(mail?.subject).toBe(`CultureBridge · Black Sea Culture: ${kid < gid ? 'Kutaisi and Gyumri' : 'Gyumri and Kutaisi'} were matched`);
    expect(mail?.from).toBe('no-reply@culturebridge.example');
    for (const part of [mail?.body.text, mail?.body.html]) {
      expect(part).toContain('Hello Ana Coordinator');
      expect(part).toMatch(/Climate and environment/);
      expect(part).toMatch(/venue/);
      expect(part).toContain(`${BASE_URL}/#/matches/${ids[0]}/${ids[1]}`);
      expect(part).toContain(`${BASE_URL}/#/preferences/coordinators/${coordinator.id}`);
      expect(part).toContain(`${BASE_URL}/#/dashboard/${net}`);
    }

    const events = notifiedEvents(net);
    expect(events).toHaveLength(1);
    expect(events[0]?.detail).toMatchObject({ data: { recipientRole: 'coordinator', kind: 'immediate', matchId: `${ids[0]}|${ids[1]}` } });
    expect(JSON.stringify(events[0])).not.toMatch(EMAIL);
    expect(platform.eventBridge.deadLetters).toEqual([]);
  });

  it('escapes a profile name that is HTML in the HTML part', async () => {
    const net = network();
    const { coordinator } = await coordinators.add({ networkId: net, name: 'Ana', email: `ana@${net}.example`, preference: { mode: 'immediate', timeZone: 'UTC', digestHour: 8 } });
    const [k, g] = pair(net, '<img src=x onerror=alert(1)>');
    await submit(k);
    await submit(g);
    await platform.settle();

    const [mail] = await mailsTo(coordinator.email);
    expect(mail?.body.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail?.body.html).not.toContain('<img');
    expect(mail?.body.text).toContain('<img src=x onerror=alert(1)>');
  });

  it('sends one mail and publishes one CoordinatorNotified when the same MatchProposed arrives three times', async () => {
    const net = network();
    const { coordinator } = await coordinators.add({ networkId: net, name: 'Ana', email: `ana@${net}.example`, preference: { mode: 'immediate', timeZone: 'UTC', digestHour: 8 } });
    const [k, g] = pair(net);
    await submit(k);
    await submit(g);
    await platform.settle();
    const proposed = platform.eventBridge.events
      .map((e) => e.event)
      .find((e) => e['detail-type'] === 'MatchProposed' && (e.detail as { data: { sharedNetworks: string[] } }).data.sharedNetworks.includes(net));
    expect(proposed).toBeDefined();

    const client = new EventBridgeClient({ endpoint: platform.eventBridge.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    for (let i = 0; i < 2; i++) {
      const out = await client.send(
        new PutEventsCommand({ Entries: [{ EventBusName: 'culturebridge', Source: proposed?.source, DetailType: proposed?.['detail-type'], Detail: JSON.stringify(proposed?.detail) }] }),
      );
      expect(out.FailedEntryCount).toBe(0);
    }
    await platform.settle();
    client.destroy();

    expect(await mailsTo(coordinator.email)).toHaveLength(1);
    expect(notifiedEvents(net)).toHaveLength(1);
    expect(platform.eventBridge.deadLetters).toEqual([]);
  });

  it('gathers a digest coordinator\'s matches into one mail when the local digest hour has come, and sends nothing when nothing is new', async () => {
    const net = network();
    const { coordinator } = await coordinators.add({ networkId: net, name: 'Dana Digest', email: `dana@${net}.example`, preference: { mode: 'digest', timeZone: 'Europe/Berlin', digestHour: 8 } });
    const [k, g] = pair(net);
    await submit(k);
    await submit(g);
    await submit(validProfileInput({ mailFrequency: 'off', name: 'Poti', country: 'GE', networks: [net], openToOutsideNetwork: false, offers: ['venue'], needs: ['curatorial-support'], themes: [{ id: 'climate-environment', priority: 'high' }], contact: { name: 'P', email: 'culture@poti.example' } }));
    await platform.settle();
    expect(await mailsTo(coordinator.email)).toEqual([]);

    // 06:30 UTC is 07:30 in Berlin in November: not yet.
    expect(await platform.runDigests(new Date('2026-11-25T06:30:00Z'))).toMatchObject({ sent: 0, notDue: 1 });
    expect(await mailsTo(coordinator.email)).toEqual([]);

    // 07:30 UTC is 08:30 in Berlin: one mail listing every pending match.
    expect(await platform.runDigests(new Date('2026-11-25T07:30:00Z'))).toMatchObject({ sent: 1 });
    await platform.settle();
    const mails = await mailsTo(coordinator.email);
    expect(mails).toHaveLength(1);
    const [digest] = mails;
    const matchCount = (digest?.body.text?.match(/^- /gm) ?? []).length;
    expect(matchCount).toBeGreaterThanOrEqual(2);
    // (The test support creates each network with the name `Network <id>`.)
    expect(digest?.subject).toBe(`CultureBridge · Network ${net}: daily digest, ${matchCount} new matches (November 25, 2026)`);
    expect(digest?.body.text).toContain('Hello Dana Digest');
    // Counts first, then the dashboard, then one line per match.
    const text = digest?.body.text ?? '';
    expect(text.indexOf(`${matchCount} new matches`)).toBeLessThan(text.indexOf(`${BASE_URL}/#/dashboard/${net}`));
    expect(text).toContain(`${matchCount} waiting for an answer`);
    expect(text.indexOf(`${BASE_URL}/#/dashboard/${net}`)).toBeLessThan(text.indexOf('- New: '));
    expect(digest?.body.html).toContain(`${BASE_URL}/#/preferences/coordinators/${coordinator.id}`);

    // Nothing new: later the same day, and the next day, nothing is sent.
    expect(await platform.runDigests(new Date('2026-11-25T10:30:00Z'))).toMatchObject({ sent: 0 });
    expect(await platform.runDigests(new Date('2026-11-26T07:30:00Z'))).toMatchObject({ sent: 0 });
    await platform.settle();
    expect(await mailsTo(coordinator.email)).toHaveLength(1);

    const events = notifiedEvents(net);
    expect(events).toHaveLength(1);
    expect(events[0]?.detail).toMatchObject({ data: { kind: 'digest', recipientRole: 'coordinator' } });
    expect(JSON.stringify(events)).not.toMatch(EMAIL);
  });

  it('sends nothing to a coordinator who chose off', async () => {
    const net = network();
    const { coordinator } = await coordinators.add({ networkId: net, name: 'Otto', email: `otto@${net}.example`, preference: { mode: 'off', timeZone: 'UTC', digestHour: 8 } });
    const [k, g] = pair(net);
    await submit(k);
    await submit(g);
    await platform.settle();
    expect(await mailsTo(coordinator.email)).toEqual([]);
    expect(notifiedEvents(net)).toEqual([]);
  });
});
