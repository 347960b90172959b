import { describe, expect, it } from 'vitest';
import { membershipMailDecision } from './membership-mail.js';

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
});
