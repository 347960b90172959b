import { composeDigestMail, digestDue, digestNotificationId } from '@culturebridge/domain';
import type { CoordinatorStore, PendingDigestEntry } from '@culturebridge/store';
import { deliverOnce, type DeliverDeps } from '../notify/deliver.js';

export interface SendDigestsDeps extends DeliverDeps {
  coordinators: Pick<CoordinatorStore, 'get'>;
  baseUrl: string;
}

/** The Scheduler's input: the scheduled time, so a retried run decides as the original would. */
export interface DigestRun {
  scheduledTime?: string;
}

export interface DigestRunResult {
  sent: number;
  alreadySent: number;
  notDue: number;
  /** Coordinators whose address is suppressed: their entries are kept, no mail is sent. */
  suppressed: number;
  pendingEntries: number;
}

/** A digest mail and the entries it removes are written in one transaction (DynamoDB: 100 items). */
const MAX_ENTRIES_PER_DIGEST = 99;

/**
 * send-digests, run hourly by EventBridge Scheduler: every coordinator with pending matches whose
 * local digest hour has come gets one mail for the day listing them; nothing pending, nothing sent.
 * Failures are collected and rethrown after every coordinator was tried, so the Scheduler retries
 * the run (already sent digests are skipped by their records) and finally dead-letters it.
 */
export function createSendDigestsHandler(deps: SendDigestsDeps) {
  return async (event: DigestRun = {}): Promise<DigestRunResult> => {
    const now = event.scheduledTime ? new Date(event.scheduledTime) : deps.now();
    const pending = await deps.notifications.pendingDigestEntries();
    const result: DigestRunResult = { sent: 0, alreadySent: 0, notDue: 0, suppressed: 0, pendingEntries: pending.length };
    const byCoordinator = new Map<string, PendingDigestEntry[]>();
    for (const entry of pending) byCoordinator.set(entry.coordinatorId, [...(byCoordinator.get(entry.coordinatorId) ?? []), entry]);

    const failures: unknown[] = [];
    for (const [coordinatorId, entries] of byCoordinator) {
      const first = entries[0] as PendingDigestEntry;
      try {
        const coordinator = await deps.coordinators.get(first.networkId, coordinatorId);
        if (!coordinator) {
          deps.logger.warn('digest entries for a coordinator who no longer exists; kept', { recipientId: coordinatorId, entries: entries.length });
          continue;
        }
        const { due, localDate } = digestDue(coordinator.preference, now);
        if (!due) {
          result.notDue++;
          continue;
        }
        const batch = [...entries].sort((x, y) => x.occurredAt.localeCompare(y.occurredAt)).slice(0, MAX_ENTRIES_PER_DIGEST);
        const mail = composeDigestMail(coordinator, localDate, batch, { baseUrl: deps.baseUrl });
        if (!mail) continue;
        const notificationId = digestNotificationId(coordinator.id, localDate);
        const outcome = await deliverOnce(
          deps,
          { notificationId, recipientRole: 'coordinator', recipientId: coordinator.id, networkId: coordinator.networkId, kind: 'digest' },
          coordinator.email,
          mail,
          (token, sentAt) => deps.notifications.markDigestSent(notificationId, token, sentAt, batch),
        );
        // Today's digest went out already: what arrived since waits for tomorrow's.
        if (outcome === 'sent') result.sent++;
        else if (outcome === 'suppressed') result.suppressed++;
        else result.alreadySent++;
      } catch (error) {
        failures.push(error);
      }
    }
    deps.logger.info('digest run finished', { ...result, failed: failures.length });
    if (failures.length > 0) throw failures[0];
    return result;
  };
}
