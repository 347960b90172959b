import { beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '@culturebridge/auth';
import { createProfilesApi } from '../../functions/profiles-api/app.js';
import { CLIENT_ADDRESS_HEADER, ORIGIN_VERIFY_HEADER } from '@culturebridge/api/api-routes';
import { call } from '../support/api-event.js';
import { profilesApiOptions, recordingMailer, type RecordingMailer } from '../support/profiles-api.js';
import { freshTable } from '../support/table.js';

const TOKEN_IN_LINK = /#\/sign-in\?token=([A-Za-z0-9_-]{43})/;
const originSecret = 'generated-origin-secret';
let api: ReturnType<typeof createProfilesApi>;
let mailer: RecordingMailer;
let now = new Date('2026-11-30T10:00:00.000Z');

beforeAll(async () => {
  const table = await freshTable('sign-in-limits');
  mailer = recordingMailer();
  api = createProfilesApi(profilesApiOptions(table.doc, table.tableName, { mailer, originSecret, now: () => now.toISOString() }));
});

/** A request as CloudFront forwards it from `viewer`. */
const ask = (email: string, viewer: string) =>
  call(api, { method: 'POST', path: '/auth/magic-link', body: { email }, headers: { [CLIENT_ADDRESS_HEADER]: viewer, [ORIGIN_VERIFY_HEADER]: originSecret } });
const tokenTo = (email: string) => TOKEN_IN_LINK.exec(mailer.sent.filter((m) => m.to === email).at(-1)?.mail.text ?? '')?.[1] ?? '';

describe('limits that stop abuse, not people', () => {
  it('a workshop of 30 people behind one office address all sign in within 15 minutes, even asking twice each', async () => {
    const office = '198.51.100.10';
    const people = Array.from({ length: 30 }, (_, i) => `participant-${i}@workshop.example`);
    for (const email of people) {
      // The first mail "did not arrive"; the second is used.
      expect((await ask(email, office)).status, email).toBe(202);
      expect((await ask(email, office)).status, email).toBe(202);
      const verified = await call(api, { method: 'POST', path: '/auth/verify', body: { token: tokenTo(email) } });
      expect(verified.status, email).toBe(200);
      now = new Date(now.getTime() + 20_000); // 30 people in 10 minutes
    }
  });

  it('a script asking for links to 200 addresses from one client address is refused long before 200', async () => {
    const script = '203.0.113.66';
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await ask(`victim-${i}@example.org`, script)).status);
    const firstRefusal = statuses.indexOf(429);
    expect(firstRefusal).toBe(RATE_LIMITS.perClient.limit);
    expect(statuses.slice(firstRefusal).every((s) => s === 429)).toBe(true);
    expect(mailer.sent.filter((m) => m.to.startsWith('victim-'))).toHaveLength(RATE_LIMITS.perClient.limit);
    // Nobody else is affected.
    expect((await ask('someone@example.org', '192.0.2.1')).status).toBe(202);
  });

  it('a script rotating through its IPv6 /64 counts as one client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMITS.perClient.limit; i++) statuses.push((await ask(`v6-${i}@example.org`, `2001:db8:aa:bb::${(i + 1).toString(16)}`)).status);
    expect(statuses.at(-1)).toBe(429);
    expect((await ask('v6-other@example.org', '2001:db8:aa:cc::1')).status).toBe(202);
  });

  it('plus-tags of one mailbox share its per-address limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMITS.perAddress.limit; i++) statuses.push((await ask(`inbox+${i}@orhei.example`, `192.0.2.${10 + i}`)).status);
    expect(statuses).toEqual([...Array<number>(RATE_LIMITS.perAddress.limit).fill(202), 429]);
  });

  it('a script that waits out every 15-minute window still gets at most the daily limit', async () => {
    const script = '203.0.113.99';
    let sent = 0;
    const windows = RATE_LIMITS.perClientDay.limit / RATE_LIMITS.perClient.limit;
    for (let w = 0; w <= windows; w++) {
      now = new Date(Date.parse('2026-12-01T00:00:00.000Z') + w * RATE_LIMITS.perClient.windowSeconds * 1000);
      for (let i = 0; i < RATE_LIMITS.perClient.limit; i++) if ((await ask(`day-${w}-${i}@example.org`, script)).status === 202) sent++;
    }
    expect(sent).toBe(RATE_LIMITS.perClientDay.limit);
    const refused = await ask('day-late@example.org', script);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(RATE_LIMITS.perClient.windowSeconds);
  });
});
