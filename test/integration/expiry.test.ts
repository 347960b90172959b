import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import type { ProfileInput } from '@culturebridge/domain';
import type { DetailType } from '@culturebridge/events';
import { MatchStore } from '@culturebridge/store';
import { checkedInSchemaValidator } from '../../events/src/json-schema-validator.js';
import type { Platform } from '../../local/platform.js';
import { localMails } from '../../local/ses-local.js';
import { EMAIL_PATTERN, platformDocumentClient, sharedMemberApi, startTestPlatform, submitProfile } from '../support/platform.js';

/**
 * Proposals in time, under a fake clock: the expiry sweep runs for a scheduled time in the future
 * (as EventBridge Scheduler passes it), while matching keeps its real clock. The exposure cap is 1,
 * so one unanswered proposal blocks the popular member's only slot.
 */
const DAY = 86_400_000;
const NET = `expiry-${randomUUID().slice(0, 8)}`;
let platform: Platform;
let matches: MatchStore;
let t0: number;

beforeAll(async () => {
  // Read by compute-matches at import, as a deployment's environment would be.
  process.env.MATCHING_CONFIG = JSON.stringify({ topK: 1, exposureCap: 1 });
  platform = await startTestPlatform('expiry');
  matches = new MatchStore(platformDocumentClient(platform), platform.tableName);
});
afterAll(async () => platform?.stop());

const member = (name: string, languages: string[], over: Partial<ProfileInput> = {}) =>
  validProfileInput({ name, networks: [NET], openToOutsideNetwork: false, contact: { name: `${name} contact`, email: `culture@${name.toLowerCase()}-${NET}.example` }, languages, ...over });

// Poti offers a venue and speaks English and Russian; Ijevan and Lankaran both need a venue, but
// share no language with each other, so each can only be matched with Poti.
const poti = member('Poti', ['en', 'ru'], { country: 'GE', offers: ['venue'], needs: ['expertise'], mailFrequency: 'immediate' });
const ijevan = member('Ijevan', ['en'], { country: 'AM', offers: ['expertise'], needs: ['venue'], mailFrequency: 'immediate' });
const lankaran = member('Lankaran', ['ru'], { country: 'AZ', offers: ['expertise'], needs: ['venue'] });

const mailsTo = async (address: string) => (await localMails(platform.ses.endpoint)).filter((m) => m.destination.to.includes(address));
const stateOf = async (a: string, b: string) => (await matches.match(a, b))?.state;

describe('unanswered proposals', () => {
  let p = '';
  let i = '';
  let l = '';

  it('a popular member at its cap with an unanswered proposal leaves the newcomer without its only partner', async () => {
    p = await submitProfile(platform, poti);
    i = await submitProfile(platform, ijevan);
    await platform.settle();
    t0 = Date.now();
    l = await submitProfile(platform, lankaran);
    await platform.settle();
    expect(await stateOf(p, i)).toBe('proposed');
    expect(await stateOf(p, l)).toBeUndefined();
  });

  it('reminds the sides that have not answered once, after 7 days (and not before)', async () => {
    expect(await platform.runExpirySweep(new Date(t0 + 6 * DAY))).toMatchObject({ reminded: 0, expired: 0 });
    expect(await platform.runExpirySweep(new Date(t0 + 7 * DAY + 60_000))).toMatchObject({ reminded: 1, expired: 0 });
    await platform.settle();
    for (const address of [poti.contact.email, ijevan.contact.email]) {
      const reminders = (await mailsTo(address)).filter((m) => m.subject.endsWith('is waiting for your answer'));
      expect(reminders, address).toHaveLength(1);
      expect(reminders[0]?.body.text).toMatch(/#\/matches\/[0-9a-f-]+\/[0-9a-f-]+\/accept/);
    }
    // A second run, or a retried one, reminds nobody again.
    expect(await platform.runExpirySweep(new Date(t0 + 8 * DAY))).toMatchObject({ reminded: 0, expired: 0 });
    expect(await platform.runExpirySweep(new Date(t0 + 7 * DAY + 60_000))).toMatchObject({ reminded: 0 });
    expect((await mailsTo(ijevan.contact.email)).filter((m) => m.subject.endsWith('is waiting for your answer'))).toHaveLength(1);
    expect(await stateOf(p, i)).toBe('proposed');
  });

  it('expires it after 21 days: MatchExpired through the outbox, the freed slot taken by the next best partner', async () => {
    const from = platform.eventBridge.events.length;
    expect(await platform.runExpirySweep(new Date(t0 + 21 * DAY + 60_000))).toMatchObject({ expired: 1 });
    await platform.settle();

    expect(await stateOf(p, i)).toBe('expired');
    expect(await stateOf(i, p)).toBe('expired');
    const events = platform.eventBridge.events.slice(from).map((e) => e.event);
    const expired = events.filter((e) => e['detail-type'] === 'MatchExpired');
    expect(expired).toHaveLength(1);
    const validate = checkedInSchemaValidator();
    for (const event of events) {
      expect(validate(event['detail-type'] as DetailType, event), event['detail-type']).toEqual([]);
      expect(JSON.stringify(event)).not.toMatch(EMAIL_PATTERN);
    }
    expect((expired[0]?.detail as { data: { profileIds: string[]; state: string } }).data).toMatchObject({ profileIds: [p, i].sort(), state: 'expired' });

    // Poti's slot went to Lankaran, who had waited for it.
    expect(await stateOf(p, l)).toBe('proposed');
    const proposed = events.filter((e) => e['detail-type'] === 'MatchProposed').map((e) => (e.detail as { data: { profileIds: string[] } }).data.profileIds);
    expect(proposed).toEqual([[p, l].sort()]);
    // Both sides of the expired match were told.
    for (const address of [poti.contact.email, ijevan.contact.email]) expect((await mailsTo(address)).filter((m) => m.subject.endsWith('expired')), address).toHaveLength(1);
    // Nobody can answer an expired match.
    const answer = await sharedMemberApi(platform).call('POST', `/matches/${i}/${p}/accept`);
    expect(answer.status).toBe(409);
  });

  it('does not propose the expired pair again while it pauses, even when the slot frees up again', async () => {
    expect((await sharedMemberApi(platform).call('DELETE', `/profiles/${l}`)).status).toBe(204);
    await platform.settle();
    // Lankaran's erasure freed Poti's slot; Ijevan is Poti's only other partner, and it pauses.
    expect(await stateOf(p, i)).toBe('expired');
    expect(await matches.openMatchCount(p)).toBe(0);
    expect(await platform.runExpirySweep(new Date(t0 + 30 * DAY))).toMatchObject({ reminded: 0, expired: 0 });
  });
});
