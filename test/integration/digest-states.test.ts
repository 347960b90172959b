import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import type { ProfileInput } from '@culturebridge/domain';
import { CoordinatorStore, MatchStore } from '@culturebridge/store';
import type { Platform } from '../../local/platform.js';
import { localMails } from '../../local/ses-local.js';
import { EMAIL_PATTERN, platformDocumentClient, sharedMemberApi, startTestPlatform, submitProfile } from '../support/platform.js';

/**
 * A digest says where each match stands when it is sent, not what the events said as they came:
 * a tester declined one proposal and accepted another before the daily digest, and the digest still
 * listed both as new, with "0 accepted by one side" where the partner's said 1.
 */
const BASE_URL = 'https://app.culturebridge.example';
const DAY = 86_400_000;
let platform: Platform;
let coordinators: CoordinatorStore;
let matches: MatchStore;

beforeAll(async () => {
  platform = await startTestPlatform('digest-states', { appBaseUrl: BASE_URL });
  const doc = platformDocumentClient(platform);
  coordinators = new CoordinatorStore(doc, platform.tableName);
  matches = new MatchStore(doc, platform.tableName);
});
afterAll(async () => platform?.stop());

const api = () => sharedMemberApi(platform);
const mailsTo = async (address: string) => (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(address));

/**
 * Kutaisi (many languages) and partners that each share a language with Kutaisi only, so every
 * partner is matched with Kutaisi and with nobody else. Nobody chose a frequency: daily digests.
 */
function members(net: string) {
  const member = (name: string, country: string, languages: string[], over: Partial<ProfileInput> = {}) =>
    validProfileInput({
      name,
      country,
      networks: [net],
      openToOutsideNetwork: false,
      contact: { name: `${name} contact`, email: `culture@${name.toLowerCase()}-${net}.example` },
      themes: [{ id: 'climate-environment', priority: 'high' }],
      offers: ['curatorial-support'],
      needs: ['venue'],
      languages,
      ...over,
    });
  return {
    kutaisi: member('Kutaisi', 'GE', ['ka', 'en', 'ru', 'uk'], { offers: ['venue'], needs: ['curatorial-support'] }),
    gyumri: member('Gyumri', 'AM', ['en']),
    rivne: member('Rivne', 'UA', ['ru']),
    cahul: member('Cahul', 'MD', ['uk']),
  };
}

/** The figures a digest opens with, and its item lines without their links. */
function read(text: string | undefined) {
  const lines = (text ?? '').split('\n');
  return {
    figures: lines.filter((l) => /^ {2}\d/.test(l)).map((l) => l.trim()),
    items: lines.filter((l) => l.startsWith('- ')).map((l) => l.slice(2).replace(/: https:\/\/\S+$/, '')),
  };
}

/** An item line about the pair of `a` and `b`, named in the pair's stored order, whichever that is. */
const item = (label: string, a: string, b: string) => expect.stringMatching(new RegExp(`^${label}: (${a} and ${b}|${b} and ${a})$`));

async function answer(self: string, partner: string, how: 'accept' | 'decline') {
  expect((await api().call('POST', `/matches/${self}/${partner}/${how}`)).status).toBe(200);
}

describe('a digest lists each match as it stands now', () => {
  it('a member who declined one proposal and accepted another before the digest: nothing is "new", the declined pair is left out, and both sides count the accepted one alike', async () => {
    const net = `net-${randomUUID().slice(0, 8)}`;
    const { kutaisi, gyumri, rivne } = members(net);
    const { coordinator } = await coordinators.add({ networkId: net, name: 'Lela', email: `lela@${net}.example`, preference: { mode: 'digest', timeZone: 'UTC', digestHour: 8 } });
    const [k, g, r] = [await submitProfile(platform, kutaisi), await submitProfile(platform, gyumri), await submitProfile(platform, rivne)];
    await platform.settle();
    expect((await matches.matchesOf(k)).map((m) => [m.partner, m.state]).sort()).toEqual([[g, 'proposed'], [r, 'proposed']].sort());

    await answer(k, r, 'decline');
    await answer(k, g, 'accept');
    await platform.settle();
    await platform.runDigests(new Date('2026-11-25T08:30:00Z'));

    const figures = ['0 new matches', '1 accepted by one side', '0 confirmed by both', '1 waiting for an answer', '0 expired'];
    const [own] = await mailsTo(kutaisi.contact.email);
    // Each member reads whose answer the match waits for; the coordinator reads the pair.
    expect(read(own?.body.text)).toEqual({ figures, items: ['You accepted: waiting for Gyumri'] });
    expect(own?.subject).toBe('CultureBridge · Kutaisi: daily digest, 1 accepted by one side (November 25, 2026)');
    const [partner] = await mailsTo(gyumri.contact.email);
    expect(read(partner?.body.text)).toEqual({ figures, items: ['Kutaisi accepted: your answer is awaited'] });
    const [network] = await mailsTo(coordinator.email);
    expect(read(network?.body.text)).toEqual({ figures, items: [item('Accepted by one side', 'Kutaisi', 'Gyumri')] });
    // The declined proposal was all Rivne had to hear about: no digest at all, and nothing left to send.
    expect(await mailsTo(rivne.contact.email)).toEqual([]);
    for (const mail of [own, partner, network]) expect(mail?.body.html).not.toContain('Rivne');

    await platform.runDigests(new Date('2026-11-26T08:30:00Z'));
    for (const address of [kutaisi.contact.email, gyumri.contact.email, rivne.contact.email, coordinator.email]) expect(await mailsTo(address), address).toHaveLength(address === rivne.contact.email ? 0 : 1);
    const digestEvents = platform.eventBridge.events.map((e) => e.event).filter((e) => e['detail-type'] === 'CoordinatorNotified');
    expect(JSON.stringify(digestEvents)).not.toMatch(EMAIL_PATTERN);
  });

  it('confirmed, withdrawn and expired before the digest: one line per match in its current state, and figures that say the same', async () => {
    const net = `net-${randomUUID().slice(0, 8)}`;
    const { kutaisi, gyumri, rivne, cahul } = members(net);
    const { coordinator } = await coordinators.add({ networkId: net, name: 'Lela', email: `lela@${net}.example`, preference: { mode: 'digest', timeZone: 'UTC', digestHour: 8 } });
    const [k, g, r, c] = [await submitProfile(platform, kutaisi), await submitProfile(platform, gyumri), await submitProfile(platform, rivne), await submitProfile(platform, cahul)];
    await platform.settle();
    expect((await matches.matchesOf(k)).map((m) => m.state)).toEqual(['proposed', 'proposed', 'proposed']);

    // Gyumri accepts, then Kutaisi: confirmed.
    await answer(g, k, 'accept');
    await platform.settle();
    await answer(k, g, 'accept');
    // Cahul now works only in Armenian: its match with Kutaisi no longer qualifies.
    const current = await api().call('GET', `/profiles/${c}`);
    expect((await api().call('PUT', `/profiles/${c}`, { ...cahul, languages: ['hy'], version: current.body.version })).status).toBe(200);
    await platform.settle();
    expect((await matches.match(k, c))?.state).toBe('withdrawn');
    // Rivne never answers: the proposal expires.
    const later = Date.now() + 22 * DAY;
    await platform.runExpirySweep(new Date(later));
    await platform.settle();
    expect((await matches.match(k, r))?.state).toBe('expired');

    const digestTime = new Date(later);
    digestTime.setUTCHours(8, 30, 0, 0);
    await platform.runDigests(digestTime);

    const [own] = await mailsTo(kutaisi.contact.email);
    expect(read(own?.body.text)).toEqual({
      figures: ['0 new matches', '0 accepted by one side', '1 confirmed by both', '0 waiting for an answer', '1 expired'],
      items: [item('Confirmed', 'Kutaisi', 'Gyumri'), item('Expired', 'Kutaisi', 'Rivne')],
    });
    const [confirmed] = await mailsTo(gyumri.contact.email);
    expect(read(confirmed?.body.text)).toEqual({
      figures: ['0 new matches', '0 accepted by one side', '1 confirmed by both', '0 waiting for an answer', '0 expired'],
      items: [item('Confirmed', 'Kutaisi', 'Gyumri')],
    });
    const [expired] = await mailsTo(rivne.contact.email);
    expect(read(expired?.body.text)).toEqual({
      figures: ['0 new matches', '0 accepted by one side', '0 confirmed by both', '0 waiting for an answer', '1 expired'],
      items: [item('Expired', 'Kutaisi', 'Rivne')],
    });
    // The withdrawn proposal is not news to anyone.
    expect(await mailsTo(cahul.contact.email)).toEqual([]);
    const [network] = await mailsTo(coordinator.email);
    expect(read(network?.body.text)).toEqual({
      figures: ['0 new matches', '0 accepted by one side', '1 confirmed by both', '0 waiting for an answer', '1 expired'],
      items: [item('Confirmed', 'Kutaisi', 'Gyumri'), item('Expired', 'Kutaisi', 'Rivne')],
    });
    for (const mail of [own, confirmed, expired, network]) expect(mail?.body.text).not.toContain('Cahul');
  });
});
