import { composeMemberMatchMail, immediateNotificationId, type MatchNotice, type MemberRecipient } from '@culturebridge/domain';
import { deliverOnce, type DeliverDeps } from './deliver.js';

/**
 * Tells one member about its match as it chose: a mail now (`immediate`), an entry in its next
 * daily or weekly digest, or nothing (`off`, already left out by `memberRecipients`). Used by notify
 * (match events) and by the expiry sweep (reminders). Each effect happens once: the mail is claimed
 * by its notification id, the digest entry is a conditional put.
 */
export async function tellMember(deps: DeliverDeps & { baseUrl: string }, notice: MatchNotice, recipient: MemberRecipient, occurredAt: string, correlationId?: string): Promise<void> {
  const { self } = recipient;
  if (recipient.frequency === 'off') return;
  if (recipient.frequency === 'immediate') {
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
      self.contact.email,
      composeMemberMatchMail(notice, recipient, { baseUrl: deps.baseUrl }),
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
