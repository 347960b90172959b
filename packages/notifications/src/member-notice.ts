import { composeMemberMatchMail, immediateNotificationId, memberMatchMailStands, type MatchNotice, type MemberRecipient } from '@culturebridge/domain';
import type { MatchStore } from '@culturebridge/store';
import { deliverOnce, type DeliverDeps } from './deliver.js';

/**
 * Tells one member about its match as it chose: a mail now (`immediate`), an entry in its next
 * daily or weekly digest, or nothing (`off`, already left out by `memberRecipients`). Used by notify
 * (match events) and by the expiry sweep (reminders). Each effect happens once: the mail is claimed
 * by its notification id, the digest entry is a conditional put.
 */
export async function tellMember(deps: DeliverDeps & { baseUrl: string; matches: Pick<MatchStore, 'profiles' | 'match'> }, notice: MatchNotice, recipient: MemberRecipient, occurredAt: string, correlationId?: string): Promise<void> {
  const { self } = recipient;
  if (recipient.frequency === 'off') return;
  if (recipient.frequency === 'immediate') {
    // Both sides read again (consistently) once the mail's claim is held: the address mailed, and
    // the partner's contact a confirmed match names, are those that stand then, not those read
    // before a contact change confirmed meanwhile.
    const addressed = async () => {
      const now = await deps.matches.profiles([self.id, recipient.partner.id], { consistent: true });
      const [me, partner] = [now.get(self.id), now.get(recipient.partner.id)];
      // Erased since the first read: nobody to mail, or a partner no mail may name.
      if (!me || !partner) return undefined;
      // The match as it stands now: one that moved on since (both accepted at once) is told by its later event's mail.
      if (!memberMatchMailStands(notice, await deps.matches.match(notice.profileIds[0], notice.profileIds[1]))) return undefined;
      const current: MemberRecipient = { ...recipient, self: { ...me, id: self.id }, partner: { ...partner, id: recipient.partner.id } };
      return { address: me.contact.email, mail: composeMemberMatchMail(notice, current, { baseUrl: deps.baseUrl }) };
    };
    await deliverOnce(
      deps,
      {
        notificationId: immediateNotificationId(notice, self.id, 'member'),
        recipientRole: 'member',
        recipientId: self.id,
        matchId: notice.matchId,
        kind: 'immediate',
        ...(correlationId ? { correlationId } : {}),
      },
      addressed,
    );
    return;
  }
  // Not kept for a digest that could never be sent.
  if (await deps.suppressions.isSuppressed(self.contact.email)) {
    deps.logger.info('suppressed', { matchId: notice.matchId, recipientRole: 'member', recipientId: self.id });
    return;
  }
  const entryKey = `${occurredAt}#${notice.matchId}#v${notice.version}#${notice.state}`;
  const added = await deps.notifications.addDigestEntry({ recipientRole: 'member', recipientId: self.id, entryKey, notice, occurredAt });
  deps.logger.info(added ? 'match kept for the digest' : 'match already kept for the digest', { matchId: notice.matchId, recipientRole: 'member', recipientId: self.id });
}
