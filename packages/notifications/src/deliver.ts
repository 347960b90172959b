import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Mail } from '@culturebridge/domain';
import type { NotificationFacts, NotificationStore, SuppressionStore } from '@culturebridge/store';
import type { Mailer } from '@culturebridge/mail';

/** Another delivery of the same event holds the claim right now; retrying later settles it. */
export class NotificationInFlight extends Error {
  constructor(notificationId: string) {
    super(`notification ${notificationId} is being sent by another delivery; will retry`);
    this.name = 'NotificationInFlight';
  }
}

export interface DeliverDeps {
  notifications: NotificationStore;
  /** Addresses that bounced permanently or complained get no mail (functions/suppress fills this). */
  suppressions: Pick<SuppressionStore, 'isSuppressed'>;
  mailer: Mailer;
  now: () => Date;
  logger: Logger;
  /** How long a claim keeps other deliveries away; longer than a function run (default 5 min). */
  leaseMs?: number;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;

/** A mail and the address it goes to. */
export interface Addressed {
  address: string;
  mail: Mail;
}

/**
 * Whom a mail goes to and what it says: as read already (under a lease the caller holds), or read
 * by `deliverOnce` once it holds the mail's claim, so a contact changed before then is the one
 * mailed (undefined: nobody to mail any more, e.g. the profile was erased or waits for its address).
 */
export type Delivery = Addressed | (() => Promise<Addressed | undefined>);

/**
 * Sends a mail at most once per notification id:
 * 1. claim the notification record (conditional put; a sent record or a live claim stops here),
 * 2. read whom it goes to (`delivery`), and check the address is not suppressed: a suppressed
 *    address (or nobody to mail) gives the claim back, so no record is left, no CoordinatorNotified,
 *    and the mail would go out if the address were ever taken off the list and the event delivered
 *    again,
 * 3. send through SES (on failure the claim is released and the error fails the message),
 * 4. mark the record sent (conditional on still holding the claim); the stream turns that change
 *    into CoordinatorNotified.
 * Crash window: if the process dies after SES accepted the mail and before step 4, the record stays
 * claimed; once the lease has run out a redelivery claims it again and sends a second mail. The window
 * is the time of one UpdateItem (milliseconds); we accept a rare duplicate over a lost mail.
 */
export async function deliverOnce(
  deps: DeliverDeps,
  facts: NotificationFacts,
  delivery: Delivery,
  markSent: (token: string, sentAt: string) => Promise<void> = (token, sentAt) => deps.notifications.markSent(facts.notificationId, token, sentAt),
): Promise<'sent' | 'already-sent' | 'suppressed' | 'gone'> {
  const log = { notificationId: facts.notificationId, recipientRole: facts.recipientRole, recipientId: facts.recipientId, kind: facts.kind };
  const token = randomUUID();
  const claim = await deps.notifications.claim(facts, token, deps.now(), deps.leaseMs ?? DEFAULT_LEASE_MS);
  if (claim === 'sent') {
    deps.logger.info('mail already sent; nothing to do', log);
    return 'already-sent';
  }
  if (claim === 'busy') throw new NotificationInFlight(facts.notificationId);
  let addressed: Addressed | undefined;
  try {
    addressed = typeof delivery === 'function' ? await delivery() : delivery;
    if (!addressed || (await deps.suppressions.isSuppressed(addressed.address))) {
      await deps.notifications.release(facts.notificationId, token);
      // The recipient id only: the address is what is suppressed, and it never enters a log.
      deps.logger.info(addressed ? 'suppressed' : 'nobody to mail any more', log);
      return addressed ? 'suppressed' : 'gone';
    }
    await deps.mailer.send(addressed.address, addressed.mail);
  } catch (error) {
    await deps.notifications.release(facts.notificationId, token);
    deps.logger.warn('mail not sent; the message will be retried', { ...log, error: (error as Error).name });
    throw error;
  }
  await markSent(token, deps.now().toISOString());
  deps.logger.info('mail sent', log);
  return 'sent';
}
