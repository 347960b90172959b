import { describe, expect, it } from 'vitest';
import {
  eventSubject,
  isRefusedAddress,
  MAX_ATTEMPTS,
  nextStep,
  PartnerInput,
  RETRY_DELAYS_MS,
  redeliveryWindow,
  rotateSecrets,
  signingSecrets,
  wantsEvent,
  webhookUrlProblem,
  type Partner,
} from './partner.js';

const partner = (overrides: Partial<Partner> = {}): Partner => ({
  id: 'p1',
  name: 'Grant system',
  contact: 'ops@funder.example',
  webhook: { url: 'https://funder.example/hooks', secrets: [{ secret: 'whsec_a', createdAt: '2026-11-30T00:00:00.000Z' }] },
  status: 'enabled',
  createdAt: '2026-11-30T00:00:00.000Z',
  updatedAt: '2026-11-30T00:00:00.000Z',
  ...overrides,
});

describe('PartnerInput', () => {
  it('names every bad field', () => {
    const result = PartnerInput.safeParse({ name: '', contact: 'nope', awsAccount: '12345', webhook: 'ftp://x', networks: ['Not A Slug'] });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'contact', 'awsAccount', 'webhook', 'networks.0']));
  });

  it('refuses a partner that could receive nothing: neither a webhook nor an AWS account', () => {
    const result = PartnerInput.safeParse({ name: 'x', contact: 'a@b.example' });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['webhook', 'webhook: required unless there is an awsAccount (a partner with neither receives nothing)'],
      ['awsAccount', 'awsAccount: required unless there is a webhook (a partner with neither receives nothing)'],
    ]);
    expect(PartnerInput.safeParse({ name: 'x', contact: 'a@b.example', awsAccount: '111111111111' }).success).toBe(true);
    expect(PartnerInput.safeParse({ name: 'x', contact: 'a@b.example', webhook: 'https://h.example/' }).success).toBe(true);
  });

  it('refuses events and networks filters without a webhook, the only deliveries they filter, and names them with the other bad fields', () => {
    const result = PartnerInput.safeParse({ name: 'x', contact: 'nope', awsAccount: '111111111111', events: ['MatchProposed'], networks: ['eu4culture'] });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['contact', 'events', 'networks']);
    expect(result.error?.issues[1]?.message).toBe('events: filters only webhook deliveries, and there is no webhook (an AWS account chooses events with its own rule)');
    const none = PartnerInput.safeParse({ name: 'x', contact: 'a@b.example', events: ['MatchProposed'] });
    expect(none.error?.issues.map((i) => i.path.join('.'))).toEqual(['webhook', 'awsAccount', 'events']);
  });

  it('calls a URL or contact that is too long too long, not malformed', () => {
    const result = PartnerInput.safeParse({ name: 'x', contact: `${'c'.repeat(260)}@x.example`, webhook: `https://hooks.example.org/${'a'.repeat(3000)}` });
    expect(result.error?.issues.map((i) => i.message)).toEqual(['contact: too long (at most 254 characters)', 'webhook: too long (at most 2048 characters)']);
  });

  it('refuses credentials in the webhook URL and lower-cases the contact', () => {
    expect(PartnerInput.safeParse({ name: 'x', contact: 'a@b.example', webhook: 'https://u:p@h.example/' }).success).toBe(false);
    expect(PartnerInput.parse({ name: 'x', contact: 'A@B.example', awsAccount: '111111111111' }).contact).toBe('a@b.example');
  });
});

describe('retry schedule (Standard Webhooks)', () => {
  const t0 = new Date('2026-11-30T00:00:00Z');
  const fail = { ok: false as const, status: 500, error: 'HTTP 500' };

  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, then dead-letters', () => {
    const delays: number[] = [];
    let attempt = 1;
    let now = t0;
    for (;;) {
      // The run of failures is judged as just begun at each step, so the three-day rule never cuts in here.
      const step = nextStep(fail, attempt, now, now);
      if (step.action !== 'retry') {
        expect(step).toEqual({ action: 'dead-letter' });
        break;
      }
      delays.push(step.delayMs);
      attempt = step.attempt;
      now = new Date(now.getTime() + step.delayMs);
    }
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000, 72_000_000, 86_400_000]);
    expect(attempt).toBe(MAX_ATTEMPTS);
    expect(RETRY_DELAYS_MS).toHaveLength(9);
  });

  it('disables on 410 at once, and after three days of failures', () => {
    expect(nextStep({ ok: false, status: 410, error: 'HTTP 410' }, 1, t0, t0)).toEqual({ action: 'disable', reason: 'gone' });
    const justUnder = new Date(t0.getTime() + 3 * 24 * 3600e3 - 1);
    expect(nextStep(fail, 8, t0, justUnder).action).toBe('retry');
    expect(nextStep(fail, 8, t0, new Date(t0.getTime() + 3 * 24 * 3600e3))).toEqual({ action: 'disable', reason: 'failing' });
    expect(nextStep({ ok: true, status: 204 }, 3, t0, t0)).toEqual({ action: 'done' });
  });
});

describe('secrets', () => {
  it('signs with both secrets during the grace period after a rotation, then with the new one only', () => {
    const now = new Date('2026-11-30T00:00:00Z');
    const rotated = rotateSecrets([{ secret: 'whsec_old', createdAt: '2026-11-01T00:00:00Z' }], 'whsec_new', now);
    expect(signingSecrets(rotated, now)).toEqual(['whsec_new', 'whsec_old']);
    expect(signingSecrets(rotated, new Date(now.getTime() + 24 * 3600e3))).toEqual(['whsec_new']);
    // A second rotation within the grace period does not extend the oldest secret's life.
    const twice = rotateSecrets(rotated, 'whsec_newer', new Date(now.getTime() + 3600e3));
    expect(twice.find((s) => s.secret === 'whsec_old')?.expiresAt).toBe('2026-12-01T00:00:00.000Z');
  });
});

describe('which partner wants which event', () => {
  it('filters by detail type and by network, and skips disabled partners and those without a webhook', () => {
    expect(wantsEvent(partner(), 'MatchProposed', [])).toBe(true);
    expect(wantsEvent(partner({ events: ['MatchConfirmed'] }), 'MatchProposed', [])).toBe(false);
    expect(wantsEvent(partner({ networks: ['eu4culture'] }), 'MatchProposed', ['eunic-cca'])).toBe(false);
    expect(wantsEvent(partner({ networks: ['eu4culture'] }), 'MatchProposed', ['eunic-cca', 'eu4culture'])).toBe(true);
    expect(wantsEvent(partner({ status: 'disabled' }), 'MatchProposed', [])).toBe(false);
    expect(wantsEvent(partner({ webhook: undefined }), 'MatchProposed', [])).toBe(false);
  });

  it('reads networks and profile ids from any event data', () => {
    expect(eventSubject({ profile: { id: 'a', networks: ['n1'] }, changedFields: ['name'] })).toEqual({ networks: ['n1'], profileIds: ['a'] });
    expect(eventSubject({ matchId: 'a|b', profileIds: ['a', 'b'], sharedNetworks: ['n2'] })).toEqual({ networks: ['n2'], profileIds: ['a', 'b'] });
    expect(eventSubject({ notificationId: 'x', matchId: 'a|b', networkId: 'n3' })).toEqual({ networks: ['n3'], profileIds: ['a', 'b'] });
    expect(eventSubject({ profileId: 'a', networks: ['n1'] })).toEqual({ networks: ['n1'], profileIds: ['a'] });
  });
});

describe('addresses refused in AWS', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:169.254.169.254', 'not-an-ip'])('%s is refused', (address) => {
    expect(isRefusedAddress(address)).toBe(true);
  });
  // IPv6 forms that carry an IPv4 address (as a DNS answer the partner controls may give them):
  // IPv4-compatible (::a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), local-use NAT64 (64:ff9b:1::/48),
  // 6to4 (2002::/16), and the deprecated site-local fec0::/10, all in IANA's special-purpose registry.
  it.each(['::7f00:1', '::a9fe:a9fe', '::ffff:0:a9fe:a9fe', '64:ff9b:1::a9fe:a9fe', '2002:a9fe:a9fe::1', '2002:7f00:1::', 'fec0::1'])('%s (IPv4 inside IPv6, or site-local) is refused', (address) => {
    expect(isRefusedAddress(address)).toBe(true);
    expect(webhookUrlProblem(`https://[${address}]/hooks`, true)).toMatch(/^refused address/);
  });
  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111'])('%s is allowed', (address) => {
    expect(isRefusedAddress(address)).toBe(false);
  });
});

describe('webhook URLs delivery can never reach', () => {
  it.each([
    ['http://hooks.example.org/', 'http is not allowed, only https'],
    ['https://169.254.169.254/latest/meta-data/', 'refused address 169.254.169.254'],
    ['https://127.0.0.1:8443/', 'refused address 127.0.0.1'],
    ['https://2130706433/', 'refused address 127.0.0.1'],
    ['https://10.0.0.8/hooks', 'refused address 10.0.0.8'],
    ['https://192.168.1.20/', 'refused address 192.168.1.20'],
    ['https://[::1]/', 'refused address ::1'],
    ['https://[fd00::1]/', 'refused address fd00::1'],
    ['https://[::ffff:169.254.169.254]/', 'refused address ::ffff:a9fe:a9fe'],
    ['https://localhost:4000/', 'refused address localhost (always loopback)'],
    ['https://hooks.LOCALHOST./', 'refused address hooks.localhost (always loopback)'],
    ['https://u:p@hooks.example.org/', 'credentials in the URL are not allowed'],
    ['ftp://hooks.example.org/', 'ftp is not allowed, only https'],
    ['not a url', 'invalid URL'],
  ])('in AWS, %s: %s', (url, problem) => {
    expect(webhookUrlProblem(url, true)).toBe(problem);
  });

  it('in AWS allows https to a public name or address', () => {
    for (const url of ['https://hooks.example.org/cb', 'https://93.184.215.14/', 'https://[2606:4700:4700::1111]/']) expect(webhookUrlProblem(url, true), url).toBeUndefined();
  });

  it('locally allows http receivers on this machine, still not other schemes or credentials', () => {
    for (const url of ['http://localhost:4000/', 'http://127.0.0.1:4000/hooks', 'https://10.0.0.8/']) expect(webhookUrlProblem(url, false), url).toBeUndefined();
    expect(webhookUrlProblem('ftp://localhost/', false)).toBe('ftp is not allowed, only http(s)');
    expect(webhookUrlProblem('http://u:p@localhost/', false)).toBe('credentials in the URL are not allowed');
  });
});

describe('redelivery windows', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('reads a window inside the kept days as given', () => {
    expect(redeliveryWindow('2026-11-29T00:00:00Z', '2026-11-30T00:00:00Z', now, 30)).toEqual({ ok: true, from: new Date('2026-11-29T00:00:00Z'), to: new Date('2026-11-30T00:00:00Z') });
  });
  it('refuses a reversed or empty window, naming both ends', () => {
    const result = redeliveryWindow('2026-11-30T00:00:00Z', '2026-11-29T00:00:00Z', now, 30);
    expect(result).toEqual({ ok: false, problems: [expect.stringMatching(/^--from: .*after --to/)] });
    expect(redeliveryWindow('2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z', now, 30).ok).toBe(false);
  });
  it('refuses what is not an ISO 8601 time, naming each option', () => {
    const result = redeliveryWindow('Dec 1 2026', '1', now, 30);
    expect(result).toEqual({ ok: false, problems: [expect.stringMatching(/^--from: expected an ISO 8601 time/), expect.stringMatching(/^--to: expected an ISO 8601 time/)] });
  });
  it('reads only the kept days of a huge or far-past window, and says so', () => {
    const result = redeliveryWindow('1970-01-01T00:00:00Z', '9999-01-01T00:00:00Z', now, 30);
    expect(result).toMatchObject({ ok: true, from: new Date('2026-11-01T12:00:00Z'), to: now });
    expect(result.ok && result.note).toMatch(/kept 30 days/);
    const past = redeliveryWindow('2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z', now, 30);
    expect(past).toMatchObject({ ok: true });
    expect(past.ok && past.from.getTime()).toBeGreaterThan(past.ok ? past.to.getTime() : 0);
  });
});
