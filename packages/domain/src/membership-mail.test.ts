import { describe, expect, it } from 'vitest';
import { LOCALES } from './i18n/locales.js';
import { NOTIFICATION_RECORD_DAYS, composeMembershipMail, membershipMailDecision, toldMembership } from './membership-mail.js';

const out = (statusVersion: number) => ({ status: 'rejected' as const, statusVersion });
const member = (statusVersion: number) => ({ status: 'approved' as const, statusVersion });

describe('membershipMailDecision', () => {
  it('tells the standing that holds, from what the member was last told', () => {
    expect(membershipMailDecision({ ...out(5), previousStatus: 'approved' }, out(5), member(2))).toEqual({ kind: 'record', notice: 'ended' });
    expect(membershipMailDecision({ ...member(6), previousStatus: 'rejected' }, member(6), out(5))).toEqual({ kind: 'record', notice: 'approved' });
    // What the member was told decides, not the status just before: it never heard of version 6.
    expect(membershipMailDecision({ ...out(7), previousStatus: 'approved' }, out(7), out(5))).toEqual({ kind: 'record', notice: undefined });
  });

  it('leaves an event whose standing no longer holds to the later one, and one already told', () => {
    expect(membershipMailDecision({ ...out(5), previousStatus: 'approved' }, member(6), member(2))).toEqual({ kind: 'stale' });
    // The same status taken again later is another transition.
    expect(membershipMailDecision({ ...out(5), previousStatus: 'approved' }, out(7), member(2))).toEqual({ kind: 'stale' });
    expect(membershipMailDecision({ ...out(5), previousStatus: 'approved' }, undefined, undefined)).toEqual({ kind: 'stale' });
    expect(membershipMailDecision({ ...out(5), previousStatus: 'approved' }, out(5), out(5))).toEqual({ kind: 'told' });
  });

  it('with nothing told yet: a removal is news, a return from a removal never told is not, a join request answered is not', () => {
    expect(membershipMailDecision({ ...out(3), previousStatus: 'approved' }, out(3), undefined)).toEqual({ kind: 'record', notice: 'ended' });
    expect(membershipMailDecision({ ...member(6), previousStatus: 'rejected' }, member(6), undefined)).toEqual({ kind: 'record', notice: undefined });
    expect(membershipMailDecision({ ...member(2), previousStatus: 'requested' }, member(2), undefined)).toEqual({ kind: 'record', notice: undefined });
    expect(membershipMailDecision({ ...out(2), previousStatus: 'requested' }, out(2), undefined)).toEqual({ kind: 'record', notice: undefined });
    expect(membershipMailDecision(member(1), member(1), undefined)).toEqual({ kind: 'record', notice: undefined });
  });

  it('never tells a join request answered, whatever the member heard before it asked again', () => {
    expect(membershipMailDecision({ ...member(6), previousStatus: 'requested' }, member(6), out(3))).toEqual({ kind: 'record', notice: undefined });
    expect(membershipMailDecision({ status: 'requested', statusVersion: 5 }, { status: 'requested', statusVersion: 5 }, out(3))).toEqual({ kind: 'record', notice: undefined });
  });

  it('an event published before statusVersion existed (its profileVersion stands in) is told while its status still holds, though the profile was saved since', () => {
    // Items written before statusVersion existed give the version of their last save, not of their status.
    expect(membershipMailDecision({ ...out(5), previousStatus: 'approved', legacy: true }, out(7), undefined)).toEqual({ kind: 'record', notice: 'ended' });
    expect(membershipMailDecision({ ...out(5), previousStatus: 'approved', legacy: true }, out(7), out(7))).toEqual({ kind: 'told' });
    expect(membershipMailDecision({ ...out(5), previousStatus: 'approved', legacy: true }, member(8), undefined)).toEqual({ kind: 'stale' });
    // Its status cannot have been taken after the standing's version.
    expect(membershipMailDecision({ ...out(9), previousStatus: 'approved', legacy: true }, out(7), undefined)).toEqual({ kind: 'stale' });
  });

  describe('a member approved again with no record of what it was told (taken out before the record existed, or its record expired)', () => {
    const now = new Date('2026-11-30T12:00:00.000Z');
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    const again = { ...member(9), previousStatus: 'rejected' as const };
    const after = (previous: { statusVersion: number; at?: string }) => ({ ...member(9), previous: { status: 'rejected' as const, ...previous } });

    it('is told it is a member again when the removal mail was sent (the code before the record mailed it)', () => {
      // It was mailed nothing: with no record, a removal was taken as never heard of.
      expect(membershipMailDecision(again, after({ statusVersion: 5, at: daysAgo(3) }), undefined, { now, removalMailSent: true })).toEqual({ kind: 'record', notice: 'approved' });
    });

    it('is told when the removal is older than a record lives (no event waits that long), or of an instant membership items did not keep yet', () => {
      expect(membershipMailDecision(again, after({ statusVersion: 5, at: daysAgo(NOTIFICATION_RECORD_DAYS + 1) }), undefined, { now, removalMailSent: false })).toEqual({ kind: 'record', notice: 'approved' });
      expect(membershipMailDecision(again, after({ statusVersion: 5 }), undefined, { now, removalMailSent: false })).toEqual({ kind: 'record', notice: 'approved' });
      // An item written before items kept the previous standing says nothing of it: as before, nothing.
      expect(membershipMailDecision(again, member(9), undefined, { now, removalMailSent: false })).toEqual({ kind: 'record', notice: undefined });
    });

    it('is told nothing when notify lagged from the start: a recent removal, never mailed, that it never heard of', () => {
      expect(membershipMailDecision(again, after({ statusVersion: 5, at: daysAgo(1) }), undefined, { now, removalMailSent: false })).toEqual({ kind: 'record', notice: undefined });
      expect(membershipMailDecision(again, after({ statusVersion: 5, at: daysAgo(NOTIFICATION_RECORD_DAYS - 1) }), undefined, { now, removalMailSent: false })).toEqual({ kind: 'record', notice: undefined });
    });

    it('a record, when there is one, decides as before', () => {
      expect(membershipMailDecision(again, after({ statusVersion: 5, at: daysAgo(NOTIFICATION_RECORD_DAYS + 1) }), member(2), { now, removalMailSent: true })).toEqual({ kind: 'record', notice: undefined });
      expect(membershipMailDecision(again, after({ statusVersion: 5, at: daysAgo(1) }), out(5), { now, removalMailSent: true })).toEqual({ kind: 'record', notice: 'approved' });
    });
  });

  describe('a join request declined, then approved', () => {
    const now = new Date('2026-11-30T12:00:00.000Z');
    const approved = { ...member(9), previous: { status: 'rejected' as const, statusVersion: 5, at: '2026-11-29T12:00:00.000Z' } };

    it('is told that the request declined earlier is now approved: the member knew of the decline (its page), recorded as one', () => {
      // The decline itself was recorded as known, with no mail (a join request answered is not told),
      // and with the status its event came from: a rejection from `requested` is a decline.
      const decline = { ...out(5), previousStatus: 'requested' as const };
      expect(membershipMailDecision(decline, out(5), undefined)).toEqual({ kind: 'record', notice: undefined });
      expect(membershipMailDecision({ ...member(9), previousStatus: 'rejected' }, approved, toldMembership(decline, out(5)), { now, removalMailSent: false })).toEqual({ kind: 'record', notice: 'approved-after-decline' });
    });

    it('a member taken out (its removal mailed) and taken back in is told it is a member again, as before', () => {
      expect(membershipMailDecision({ ...member(9), previousStatus: 'rejected' }, approved, { ...out(5), from: 'approved' }, { now, removalMailSent: true })).toEqual({ kind: 'record', notice: 'approved' });
    });

    it.each(LOCALES)('the mail in %s says the request was declined before and is approved now, naming the network and the profile', (locale) => {
      const mail = composeMembershipMail('approved-after-decline', { id: 'a', name: 'Soroca', contact: { name: 'Ion', email: 'a@partner.example' }, locale }, 'EU4Culture', { baseUrl: 'https://app.example.org' });
      const approvedMail = composeMembershipMail('approved', { id: 'a', name: 'Soroca', contact: { name: 'Ion', email: 'a@partner.example' }, locale }, 'EU4Culture', { baseUrl: 'https://app.example.org' });
      for (const text of [mail.subject, mail.text]) expect(text).toContain('EU4Culture');
      expect(mail.subject).toContain('Soroca');
      expect(mail.subject).not.toBe(approvedMail.subject);
      expect(mail.text).not.toBe(approvedMail.text);
      expect(mail.text).toContain('https://app.example.org/#/profiles/a');
    });

    it('says so plainly in English', () => {
      const mail = composeMembershipMail('approved-after-decline', { id: 'a', name: 'Soroca', contact: { name: 'Ion', email: 'a@partner.example' } }, 'EU4Culture', { baseUrl: 'https://app.example.org' });
      expect(mail.subject).toBe('CultureBridge · EU4Culture: the request of Soroca to join, declined earlier, is now approved');
      expect(mail.text).toContain('declined earlier');
    });
  });

  describe('an approval after a rejection the member was told: whether it was a decline is what the rejection\'s event said, not a missing mail record', () => {
    // notify's clock; the rejection undone is version 5, the approval version 6.
    const now = new Date('2026-11-30T12:00:00.000Z');
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    const again = { ...member(6), previousStatus: 'rejected' as const };
    const after = (at: string) => ({ ...member(6), previous: { status: 'rejected' as const, statusVersion: 5, at } });
    const declined = toldMembership({ ...out(5), previousStatus: 'requested' }, out(5));
    const removed = toldMembership({ ...out(5), previousStatus: 'approved' }, out(5));

    it('records with the standing the status its event came from; a standing first published without one records none', () => {
      expect(declined).toEqual({ ...out(5), from: 'requested' });
      expect(removed).toEqual({ ...out(5), from: 'approved' });
      expect(toldMembership(out(5), out(5))).toEqual(out(5));
      // A legacy event's standing is the item's (a later save's version), its transition the event's.
      expect(toldMembership({ ...out(5), previousStatus: 'approved', legacy: true }, out(7))).toEqual({ ...out(7), from: 'approved' });
      expect(toldMembership({ ...member(6), previousStatus: 'rejected' }, { ...member(6), previous: { status: 'rejected', statusVersion: 5 } })).toEqual({ ...member(6), from: 'rejected' });
    });

    it('a decline: the request declined earlier is now approved, whatever mail records say', () => {
      expect(membershipMailDecision(again, after(daysAgo(1)), declined, { now, removalMailSent: false })).toEqual({ kind: 'record', notice: 'approved-after-decline' });
      expect(membershipMailDecision(again, after(daysAgo(NOTIFICATION_RECORD_DAYS + 5)), declined, { now, removalMailSent: false })).toEqual({ kind: 'record', notice: 'approved-after-decline' });
    });

    it('a removal whose mail was suppressed (its claim given back: no record of it sent) is a member again, not a request approved', () => {
      expect(membershipMailDecision(again, after(daysAgo(1)), removed, { now, removalMailSent: false })).toEqual({ kind: 'record', notice: 'approved' });
    });

    it('a removal whose mail record expired while the last-told record lived on (the reviewer\'s case: 405 days) is a member again', () => {
      expect(membershipMailDecision(again, after(daysAgo(405)), removed, { now, removalMailSent: false })).toEqual({ kind: 'record', notice: 'approved' });
      expect(membershipMailDecision(again, after(daysAgo(405)), removed, { now, removalMailSent: true })).toEqual({ kind: 'record', notice: 'approved' });
    });

    it('a record written before records kept where a rejection came from (legacy): the plain wording, a member', () => {
      // It got the decline wording: no removal mail recorded was taken for a decline.
      expect(membershipMailDecision(again, after(daysAgo(405)), out(5), { now, removalMailSent: false })).toEqual({ kind: 'record', notice: 'approved' });
      expect(membershipMailDecision(again, after(daysAgo(1)), out(5), { now, removalMailSent: false })).toEqual({ kind: 'record', notice: 'approved' });
      expect(membershipMailDecision(again, after(daysAgo(1)), out(5))).toEqual({ kind: 'record', notice: 'approved' });
    });
  });
});
