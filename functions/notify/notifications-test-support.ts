import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { Mail, Meeting, MembershipAsItStands, MembershipStatus, PreviousStanding, Standing } from '@culturebridge/domain';
import type { ClaimResult, NotificationFacts, NotificationStore, ToldSubject } from '@culturebridge/store';
import { sqsEvent } from '../../local/sqs.js';
import { createNotifyHandler } from './app.js';

const subjectKey = (subject: ToldSubject) => (subject.kind === 'membership' ? `membership:${subject.profileId}:${subject.networkId}` : `meeting:${subject.meetingId}:${subject.profileId}`);

/** The notification records in memory, with the same claim rules as the table's conditional writes. */
export function memoryNotifications() {
  const records = new Map<string, { status: 'claimed' | 'sent'; token?: string }>();
  const told = new Map<string, { standing?: Standing; holder?: string }>();
  /** The ids each getMany asked for, one entry a call. */
  const batchReads: string[][] = [];
  const store = {
    records,
    batchReads,
    async get(id: string) {
      const current = records.get(id);
      return current ? { notificationId: id, status: current.status } : undefined;
    },
    async getMany(ids: readonly string[]) {
      batchReads.push([...ids]);
      const found = new Map<string, { notificationId: string; status: 'claimed' | 'sent' }>();
      for (const id of ids) {
        const current = records.get(id);
        if (current) found.set(id, { notificationId: id, status: current.status });
      }
      return found;
    },
    async claim(facts: NotificationFacts, token: string): Promise<ClaimResult> {
      const current = records.get(facts.notificationId);
      if (current?.status === 'sent') return 'sent';
      if (current) return 'busy';
      records.set(facts.notificationId, { status: 'claimed', token });
      return 'claimed';
    },
    async markSent(id: string, token: string) {
      const current = records.get(id);
      if (current?.token !== token) throw new Error('claim lost');
      records.set(id, { status: 'sent' });
    },
    async release(id: string, token: string) {
      if (records.get(id)?.token === token) records.delete(id);
    },
    async addDigestEntry() {
      return true;
    },
    /** What each member was last told of each subject (`membership:<profile>:<network>`, `meeting:<meeting>:<profile>`), and who holds its lease. */
    told,
    async holdTold(subject: ToldSubject, token: string): Promise<{ told?: Standing } | 'busy'> {
      const current = told.get(subjectKey(subject));
      if (current?.holder !== undefined && current.holder !== token) return 'busy';
      told.set(subjectKey(subject), { ...current, holder: token });
      return current?.standing ? { told: current.standing } : {};
    },
    async settleTold(subject: ToldSubject, token: string, standing: Standing) {
      if (told.get(subjectKey(subject))?.holder !== token) throw new Error('lease lost');
      told.set(subjectKey(subject), { standing });
    },
    async releaseTold(subject: ToldSubject, token: string) {
      const current = told.get(subjectKey(subject));
      if (current?.holder === token) told.set(subjectKey(subject), { ...(current.standing ? { standing: current.standing } : {}) });
    },
  };
  return store;
}

/** A participant's profile as notify reads it: public name, contact, and language when chosen. */
export interface MeetingPerson {
  name: string;
  /** `active` unless the test is about another status. */
  status?: string;
  contact: { name: string; email: string };
  locale?: string;
}

/**
 * notify with `people` as the profiles it can read, `meeting` as the stored meeting and
 * `displayNames` as the network settings it reads, claims in memory and mails collected in `sent`;
 * `deliver` hands it one EventBridge event through its SQS buffer.
 */
function notifyWith(people: ReadonlyMap<string, unknown>, options: { meeting?: Meeting; displayNames?: (id: string) => string | undefined; membership?: (profileId: string, networkId: string) => MembershipAsItStands | undefined }) {
  const notifications = memoryNotifications();
  const sent: { to: string; mail: Mail }[] = [];
  /** Addresses on the suppression list (bounced, complained); a test adds and lifts them between deliveries. */
  const suppressed = new Set<string>();
  const { displayNames } = options;
  const handler = createNotifyHandler({
    notifications: notifications as unknown as NotificationStore,
    suppressions: { isSuppressed: async (address: string) => suppressed.has(address) },
    coordinators: { ofNetworks: async () => [] } as never,
    networkSettings: { getMany: async (ids: readonly string[]) => new Map(displayNames ? ids.map((id) => [id, { displayName: displayNames(id) }]) : []) as never },
    matches: { profiles: async (ids: readonly string[]) => new Map([...people].filter(([id]) => ids.includes(id))) } as never,
    meetings: { get: async () => options.meeting },
    memberships: { membership: async (profileId: string, networkId: string) => options.membership?.(profileId, networkId) },
    mailer: { send: async (to: string, mail: Mail) => (sent.push({ to, mail }), 'id') },
    baseUrl: 'https://app.example.org',
    now: () => new Date('2026-11-30T09:00:01Z'),
    logger: new Logger({ serviceName: 'notify-test', logLevel: 'SILENT' }),
  });
  return { sent, suppressed, records: notifications.records, batchReads: notifications.batchReads, told: notifications.told, deliver: (body: unknown) => handler(sqsEvent('notify-buffer', [body]), {} as Context) };
}

/** A member as notify reads it for membership mails: each membership's status and the version it took it at. */
export type MembershipPerson = MeetingPerson & { networks: string[]; memberships: Record<string, MembershipStatus>; statusVersions: Record<string, number>; previous?: Record<string, PreviousStanding> };

/**
 * notify with `people` as the profiles it can read (for membership events: their memberships as
 * they stand, read when an event is handled, so a test may change them between deliveries) and
 * EU4Culture's display name in its settings (see notifyWith).
 */
export function membershipNotify(people: ReadonlyMap<string, MembershipPerson>) {
  const membership = (profileId: string, networkId: string) => {
    const person = people.get(profileId);
    const status = person?.memberships[networkId];
    const previous = person?.previous?.[networkId];
    return person && status ? { status, statusVersion: person.statusVersions[networkId] ?? 1, ...(previous ? { previous } : {}) } : undefined;
  };
  return notifyWith(people, { displayNames: (id) => (id === 'eu4culture' ? 'EU4Culture' : id), membership });
}

/** notify with `meeting` as the stored meeting (whatever the event's version) and `people` as the profiles it can read (see notifyWith). */
export function meetingNotify(meeting: Meeting, people: ReadonlyMap<string, MeetingPerson>) {
  return notifyWith(people, { meeting });
}
