import { describe, expect, it } from 'vitest';
import { composeMeetingCancelledMail, composeMeetingMail, composeMeetingRemovedMail } from './meetings/mail.js';
import { composeMembershipMail } from './membership-mail.js';
import type { Meeting } from './meetings/meeting.js';
import { composeDigestMail, composeMatchMail, composeMemberMatchMail, composeSignInMail, type Coordinator, type Mail, type MatchNotice, type MemberSide } from './notification.js';
import { composeEndpointDisabledMails } from './partner.js';

/**
 * Mail scanners open every link of a mail in a real browser, so no link may act when its page
 * loads. These are the only pages mails may link to, each of which acts only on a button press
 * (web/src/pages): a new kind of link must be added here, after checking its page.
 */
const CLICK_TO_ACT_PAGES: readonly [RegExp, string][] = [
  [/^#\/sign-in\?token=[A-Za-z0-9_%-]+$/, 'SignInPage: describes the link (POST /auth/link), verifies on the button'],
  [/^#\/matches\/[^/]+\/[^/]+$/, 'MatchPage: shows the match'],
  [/^#\/matches\/[^/]+\/[^/]+\/(accept|decline)$/, 'MatchPage: asks, answers on the button'],
  [/^#\/preferences\/(profiles|coordinators)\/[^/]+$/, 'preferences pages: change on Save'],
  [/^#\/dashboard\/[^/]+$/, 'DashboardPage: reads the network; filters act on a click'],
  [/^#\/profiles\/[^/]+$/, 'MyProfilePage: shows the profile and its matches; edits on Save'],
  [/^#\/profiles\/[^/]+\/meetings$/, 'MyMeetingsPage: shows the schedules; asks to meet someone on the button'],
];

const BASE = 'https://app.culturebridge.example';
const notice: MatchNotice = { matchId: 'a|b', profileIds: ['a', 'b'], names: ['Soroca', 'Orhei'], state: 'proposed', summary: 's', score: 0.7, sharedNetworks: ['eu4culture'], version: 1 };
const coordinator: Coordinator = { id: 'c1', networkId: 'eu4culture', name: 'Ana', email: 'ana@eu4culture.example', preference: { mode: 'immediate', timeZone: 'UTC', digestHour: 8 } };
const side = (id: string, name: string): MemberSide => ({ id, name, contact: { name, email: `${id}@partner.example` }, matchEmails: true });

const meeting: Meeting = {
  id: 'm1', networkId: 'eu4culture', name: 'Speed dating', date: '2099-05-12', startTime: '10:00', timeZone: 'Asia/Tbilisi', slotMinutes: 10, breakMinutes: 5, rounds: 1, tables: 1,
  participants: ['a', 'b'], requests: [], version: 1, unmetRequests: [], createdAt: '2026-11-30T09:00:00Z', updatedAt: '2026-11-30T09:00:00Z',
  schedule: [{ round: 1, startsAt: '2099-05-12T06:00:00Z', endsAt: '2099-05-12T06:10:00Z', byes: [], meetings: [{ table: 1, profileIds: ['a', 'b'], requested: false, score: 0.5, reasons: [], summary: 'Both give Youth high priority' }] }],
};

const mails: [string, Mail | undefined][] = [
  ['sign-in', composeSignInMail('tok_en-1', { purpose: 'sign-in' }, 15, { baseUrl: BASE })],
  ['confirm-profile', composeSignInMail('tok_en-2', { purpose: 'confirm-profile', profile: 'Soroca' }, 15, { baseUrl: BASE })],
  ['coordinator proposed', composeMatchMail({ ...notice, state: 'proposed' }, { coordinator, networkId: 'eu4culture' }, { baseUrl: BASE })],
  ['coordinator confirmed', composeMatchMail({ ...notice, state: 'confirmed' }, { coordinator, networkId: 'eu4culture' }, { baseUrl: BASE })],
  ['coordinator digest', composeDigestMail({ role: 'coordinator', id: coordinator.id, name: coordinator.name, networkId: 'eu4culture' }, 'daily', '2026-11-30', [{ notice, occurredAt: '2026-11-30T09:00:00Z' }], 1, { baseUrl: BASE })],
  ['member digest', composeDigestMail({ role: 'member', id: 'a', name: 'Soroca', profileName: 'Soroca' }, 'weekly', '2026-11-30', [{ notice, occurredAt: '2026-11-30T09:00:00Z' }], 1, { baseUrl: BASE })],
  ['invite-member', composeSignInMail('tok_en-3', { purpose: 'invite-member', profile: 'Soroca', network: 'EU4Culture' }, 60 * 24 * 14, { baseUrl: BASE })],
  ['meeting schedule', composeMeetingMail(meeting, { id: 'a', name: 'Soroca', contact: { name: 'Ion', email: 'a@partner.example' } }, (id) => (id === 'a' ? 'Soroca' : 'Orhei'), { baseUrl: BASE }, false)],
  ['meeting schedule changed', composeMeetingMail(meeting, { id: 'a', name: 'Soroca', contact: { name: 'Ion', email: 'a@partner.example' } }, (id) => (id === 'a' ? 'Soroca' : 'Orhei'), { baseUrl: BASE }, true)],
  ['meeting cancelled', composeMeetingCancelledMail({ ...meeting, cancelledAt: '2026-11-30T09:00:00Z' }, { id: 'a', name: 'Soroca', contact: { name: 'Ion', email: 'a@partner.example' } }, { baseUrl: BASE })],
  ['meeting left', composeMeetingRemovedMail(meeting, { id: 'a', name: 'Soroca', contact: { name: 'Ion', email: 'a@partner.example' } }, { baseUrl: BASE })],
  ['membership ended', composeMembershipMail('ended', { id: 'a', name: 'Soroca', contact: { name: 'Ion', email: 'a@partner.example' }, locale: 'ro' }, 'EU4Culture', { baseUrl: BASE })],
  ['membership approved', composeMembershipMail('approved', { id: 'a', name: 'Soroca', contact: { name: 'Ion', email: 'a@partner.example' } }, 'EU4Culture', { baseUrl: BASE })],
  ...(['proposed', 'accepted', 'reminder', 'expired', 'confirmed'] as const).map((state): [string, Mail] => [
    `member ${state}`,
    composeMemberMatchMail({ ...notice, state }, { self: side('a', 'Soroca'), partner: side('b', 'Orhei') }, { baseUrl: BASE }),
  ]),
];

describe('every mail is a whole HTML document a phone shows at its own width', () => {
  const disabled = composeEndpointDisabledMails({ id: 'p1', name: 'Partner' }, 'https://hooks.partner.example/x', '2026-11-27T09:00:00Z');
  it.each([...mails, ['endpoint disabled, partner', disabled.toPartner] as [string, Mail], ['endpoint disabled, operator', disabled.toOperator] as [string, Mail]])('%s', (_kind, mail) => {
    const html = mail?.html ?? '';
    expect(html.startsWith('<!doctype html><html lang="')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html.endsWith('</body></html>')).toBe(true);
  });
});

describe('every link in every mail opens a page that acts only on a click', () => {
  it.each(mails)('%s', (_kind, mail) => {
    expect(mail).toBeDefined();
    const text = `${mail?.text ?? ''}\n${(mail?.html ?? '').replace(/&amp;/g, '&')}`;
    const links = [...new Set(text.match(/https?:\/\/[^\s"<>]+/g) ?? [])];
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.startsWith(`${BASE}/#/`), link).toBe(true);
      const route = link.slice(BASE.length + 1);
      expect(CLICK_TO_ACT_PAGES.some(([pattern]) => pattern.test(route)), route).toBe(true);
    }
  });
});

describe('the mails about a disabled webhook endpoint', () => {
  const { toPartner, toOperator } = composeEndpointDisabledMails({ id: 'p1', name: 'City CRM' }, 'https://crm.city.example/hooks', '2026-11-27T10:00:00Z');
  it.each([['partner', toPartner], ['operator', toOperator]] as [string, Mail][])('to the %s links nowhere in the web app', (_who, mail) => {
    const links = `${mail.text}\n${mail.html}`.match(/https?:\/\/[^\s"<>]+/g) ?? [];
    expect(links.every((l) => l.startsWith('https://crm.city.example/'))).toBe(true);
  });

  it('to the operator names the commands to run', () => {
    expect(toOperator.text).toContain('npm run partner -- enable p1');
    expect(toOperator.text).toContain('npm run partner -- redeliver p1 --from 2026-11-27T10:00:00Z');
  });

  it('to the partner says what to fix and who enables it, with none of the operator\'s commands', () => {
    expect(toPartner.text).not.toContain('npm run');
    expect(toPartner.text).toContain('2xx status within 10 seconds');
    expect(toPartner.text).toMatch(/CultureBridge operator: they enable the endpoint again and can send you the events you missed/);
  });
});
