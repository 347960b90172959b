import {
  composeDigestMail,
  digestAsItStands,
  digestDue,
  digestNotificationId,
  isOpenMatch,
  memberDigestDue,
  memberMailFrequency,
  networkDisplayName,
  type DigestFrequency,
  type DigestRecipient,
  type MatchNow,
} from '@culturebridge/domain';
import type { CoordinatorStore, MatchStore, NetworkSettingsStore, PendingDigestEntry } from '@culturebridge/store';
import { deliverOnce, type DeliverDeps } from '@culturebridge/notifications/deliver';

export interface SendDigestsDeps extends DeliverDeps {
  coordinators: Pick<CoordinatorStore, 'get'>;
  /** Members' profiles (contact, frequency), and the matches as they stand now: what each line says, and the open ones a digest counts as waiting. */
  matches: Pick<MatchStore, 'profiles' | 'matchesOf' | 'networkMatches'>;
  networkSettings: Pick<NetworkSettingsStore, 'get'>;
  baseUrl: string;
}

/**
 * The Scheduler's input: the scheduled time, so a retried run decides as the original would.
 * `sendPendingNow` (the local `npm start` command) treats every digest as due, whatever the hour.
 */
export interface DigestRun {
  scheduledTime?: string;
  sendPendingNow?: boolean;
}

export interface DigestRunResult {
  sent: number;
  alreadySent: number;
  notDue: number;
  /** Recipients whose address is suppressed: their entries are kept, no mail is sent. */
  suppressed: number;
  pendingEntries: number;
}

/** A digest mail and the entries it removes are written in one transaction (DynamoDB: 100 items). */
const MAX_ENTRIES_PER_DIGEST = 99;

interface Digest {
  recipient: DigestRecipient;
  email: string;
  due: boolean;
  period: string;
  frequency: DigestFrequency;
  /**
   * The matches the lines name as they stand now, by match id (a member's own; a coordinator's
   * network's projection), and how many of the recipient's (the network's) matches are open:
   * proposed, or accepted by one side, whoever's answer they wait for, so both sides of a match
   * count it alike.
   */
  current: () => Promise<{ byId: Map<string, MatchNow>; waiting: number }>;
  /**
   * The recipient and its address read again once the digest's claim is held (a member's profile,
   * consistently: a contact change confirmed since the first read is the one mailed); undefined
   * when there is nobody to mail any more.
   */
  again: () => Promise<Pick<Digest, 'recipient' | 'email'> | undefined>;
}

/**
 * send-digests, run hourly by EventBridge Scheduler: every coordinator and member with pending
 * entries whose digest is due (a coordinator's local hour; members' 08:00 in their country's zone, weekly ones on
 * Monday) gets one mail for the period: counts, a link to the dashboard, one line per change.
 * Nothing pending, nothing sent. Failures are collected and rethrown after every recipient was
 * tried, so the Scheduler retries the run (digests already sent are skipped by their records) and
 * finally dead-letters it.
 */
export function createSendDigestsHandler(deps: SendDigestsDeps) {
  async function coordinatorDigest(first: PendingDigestEntry, now: Date, onDemand: boolean): Promise<Digest | undefined> {
    if (!first.networkId) return undefined;
    const coordinator = await deps.coordinators.get(first.networkId, first.recipientId);
    if (!coordinator) return undefined;
    const settings = await deps.networkSettings.get(coordinator.networkId, { withName: true });
    const { due, localDate } = digestDue(coordinator.preference, now);
    const recipient: DigestRecipient = {
      role: 'coordinator',
      id: coordinator.id,
      name: coordinator.name,
      networkId: coordinator.networkId,
      networkName: networkDisplayName(coordinator.networkId, settings),
      ...(coordinator.locale ? { locale: coordinator.locale } : {}),
    };
    return {
      recipient,
      email: coordinator.email,
      due: onDemand ? coordinator.preference.mode !== 'off' : due,
      period: localDate,
      frequency: onDemand ? 'now' : 'daily',
      // A coordinator's address changes only when the coordinator is replaced (another id).
      again: async () => ({ recipient, email: coordinator.email }),
      // A match the network no longer lists (a side left it) is not read from its own copy: its
      // later states belong to other networks, which this coordinator does not see. Its line says
      // what was queued while it was in the network.
      current: async () => {
        const inNetwork = await deps.matches.networkMatches(coordinator.networkId);
        return { byId: new Map<string, MatchNow>(inNetwork.map((m) => [m.matchId, m])), waiting: inNetwork.filter((m) => isOpenMatch(m.state)).length };
      },
    };
  }

  async function memberDigest(first: PendingDigestEntry, now: Date, onDemand: boolean): Promise<Digest | undefined> {
    const profile = (await deps.matches.profiles([first.recipientId])).get(first.recipientId);
    if (!profile) return undefined;
    const frequency = memberMailFrequency(profile);
    const { due, period } = memberDigestDue(frequency, now, profile.country);
    const addressOf = (p: typeof profile) => ({
      recipient: { role: 'member' as const, id: p.id, name: p.contact.name, profileName: p.name, ...(p.locale ? { locale: p.locale } : {}) },
      email: p.contact.email,
    });
    return {
      ...addressOf(profile),
      again: async () => {
        const current = (await deps.matches.profiles([profile.id], { consistent: true })).get(profile.id);
        return current ? addressOf(current) : undefined;
      },
      // A member who switched to `off` gets no digest; one who switched to `immediate` gets the rest now.
      due: frequency !== 'off' && (onDemand || frequency === 'immediate' || due),
      period,
      frequency: onDemand || frequency === 'immediate' ? 'now' : frequency === 'weekly' ? 'weekly' : 'daily',
      current: async () => {
        const own = await deps.matches.matchesOf(profile.id);
        return { byId: new Map<string, MatchNow>(own.map((m) => [m.matchId, m])), waiting: own.filter((m) => isOpenMatch(m.state)).length };
      },
    };
  }

  return async (event: DigestRun = {}): Promise<DigestRunResult> => {
    const now = event.scheduledTime ? new Date(event.scheduledTime) : deps.now();
    const onDemand = event.sendPendingNow === true;
    const pending = await deps.notifications.pendingDigestEntries();
    const result: DigestRunResult = { sent: 0, alreadySent: 0, notDue: 0, suppressed: 0, pendingEntries: pending.length };
    const byRecipient = new Map<string, PendingDigestEntry[]>();
    for (const entry of pending) {
      const key = `${entry.recipientRole}#${entry.recipientId}`;
      byRecipient.set(key, [...(byRecipient.get(key) ?? []), entry]);
    }

    const failures: unknown[] = [];
    for (const entries of byRecipient.values()) {
      const first = entries[0] as PendingDigestEntry;
      try {
        const digest = first.recipientRole === 'coordinator' ? await coordinatorDigest(first, now, onDemand) : await memberDigest(first, now, onDemand);
        if (!digest) {
          deps.logger.warn('digest entries for a recipient who no longer exists; kept', { recipientRole: first.recipientRole, recipientId: first.recipientId, entries: entries.length });
          continue;
        }
        if (!digest.due) {
          result.notDue++;
          continue;
        }
        const batch = [...entries].sort((x, y) => x.occurredAt.localeCompare(y.occurredAt)).slice(0, MAX_ENTRIES_PER_DIGEST);
        // A line about a profile erased (or withdrawn) since it was queued must not name it: such
        // lines are dropped, and deleted with the rest of the batch once the digest is sent.
        const named = await deps.matches.profiles([...new Set(batch.flatMap((e) => e.notice.profileIds))]);
        const live = batch.filter((e) => e.notice.profileIds.every((id) => named.get(id)?.status === 'active'));
        // Lines were queued as things happened; the digest says where each match stands now (one
        // line per match, none for one since declined or withdrawn), and its figures count the same.
        const { byId, waiting } = live.length > 0 ? await digest.current() : { byId: new Map<string, MatchNow>(), waiting: 0 };
        const lines = digestAsItStands(live, byId, digest.recipient.role === 'member' ? digest.recipient.id : undefined);
        if (lines.length === 0) {
          await deps.notifications.dropDigestEntries(batch);
          continue;
        }
        const mail = composeDigestMail(digest.recipient, digest.frequency, digest.period, lines, waiting, { baseUrl: deps.baseUrl });
        if (!mail) continue;
        const notificationId = digestNotificationId(digest.recipient.id, digest.period, digest.recipient.role, digest.frequency === 'now' ? now.toISOString() : undefined);
        const outcome = await deliverOnce(
          deps,
          {
            notificationId,
            recipientRole: digest.recipient.role,
            recipientId: digest.recipient.id,
            ...(digest.recipient.role === 'coordinator' ? { networkId: digest.recipient.networkId } : {}),
            kind: 'digest',
          },
          // Its recipient read again under the claim: the address (and the name greeted) that stand then.
          async () => {
            const current = await digest.again();
            const addressed = current && composeDigestMail(current.recipient, digest.frequency, digest.period, lines, waiting, { baseUrl: deps.baseUrl });
            return current && addressed ? { address: current.email, mail: addressed } : undefined;
          },
          (token, sentAt) => deps.notifications.markDigestSent(notificationId, token, sentAt, batch),
        );
        // This period's digest went out already: what arrived since waits for the next one.
        if (outcome === 'sent') result.sent++;
        else if (outcome === 'suppressed') result.suppressed++;
        else if (outcome === 'already-sent') result.alreadySent++;
      } catch (error) {
        failures.push(error);
      }
    }
    deps.logger.info('digest run finished', { ...result, failed: failures.length });
    if (failures.length > 0) throw failures[0];
    return result;
  };
}
