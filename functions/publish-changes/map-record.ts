import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb';
import { scheduleOf, type MatchState, type Meeting, type MembershipStatus } from '@culturebridge/domain';
import { DETAIL_TYPES, EVENT_SCHEMAS, PublicProfile, type DetailType } from '@culturebridge/events';
import { ENTITY, OPEN_SCOPE, decodeMembershipView, isPublishedCopy, keys, membershipStandingOf, publishedStandingOf, storedMembershipStatus, type MatchItem } from '@culturebridge/store';
import { eventIdFor } from './event-id.js';

/** A domain event ready for PutEvents, with the item it came from (to keep per-item order). */
export interface OutgoingEvent {
  itemKey: string;
  source: string;
  detailType: DetailType;
  detail: { metadata: Record<string, unknown>; data: unknown };
}

type Item = Record<string, unknown>;

function image(value: Record<string, AttributeValue> | undefined): Item | undefined {
  return value ? unmarshall(value as Record<string, SdkAttributeValue>) : undefined;
}

const PUBLIC_PROFILE_FIELDS = PublicProfile.keyof().options;
/** Fields whose change is bookkeeping, not a change a partner cares about. */
const BOOKKEEPING = new Set(['version', 'updatedAt', 'createdAt', 'id']);

/** Copies only public fields: whatever else the item holds (contact, keys) never leaves. */
function publicProfile(item: Item) {
  return Object.fromEntries(PUBLIC_PROFILE_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]));
}

/** A profile item's contact address as stored (trimmed, lower-cased), compared only, never published. */
const contactAddress = (item: Item) => String((item.contact as { email?: unknown } | undefined)?.email ?? '').trim().toLowerCase();

/**
 * The public fields that changed, and `contact` when the contact address did (a confirmed contact
 * change: the profile has another owner now, and one address's profiles are never matched with each
 * other, so matching must run). The name is the field's; its value never leaves the table. A change
 * of the contact's name alone is not published.
 */
function changedFields(before: Item, after: Item): string[] {
  const fields: string[] = PUBLIC_PROFILE_FIELDS.filter(
    (f) => !BOOKKEEPING.has(f) && JSON.stringify(before[f]) !== JSON.stringify(after[f]),
  );
  return contactAddress(before) === contactAddress(after) ? fields : [...fields, 'contact'];
}

const MATCH_EVENT: Record<MatchState, DetailType> = {
  proposed: 'MatchProposed',
  accepted: 'MatchAccepted',
  confirmed: 'MatchConfirmed',
  declined: 'MatchDeclined',
  withdrawn: 'MatchWithdrawn',
  expired: 'MatchExpired',
};

function matchData(item: MatchItem, overrides: Partial<MatchItem> = {}) {
  const m = { ...item, ...overrides };
  return {
    matchId: m.matchId,
    profileIds: m.profileIds,
    state: m.state,
    acceptedBy: m.acceptedBy,
    score: m.score,
    summary: m.summary,
    reasons: m.reasons,
    sharedNetworks: m.sharedNetworks,
    version: m.version,
  };
}

/**
 * When the change happened (ISO 8601): the item's `updatedAt`, written in the same transaction as
 * the change, to the millisecond. Otherwise the stream record's ApproximateCreationDateTime, which
 * is rounded (to the minute in DynamoDB Local) and could precede the change that caused it. A
 * removal's image is the item as it was, so its `updatedAt` is its last change before the removal:
 * the record's time then, but never earlier than that change.
 */
function occurredAt(record: DynamoDBRecord, item: Item | undefined): string {
  const seconds = record.dynamodb?.ApproximateCreationDateTime;
  const recorded = new Date(seconds ? seconds * 1000 : Date.now()).toISOString();
  const updated = typeof item?.updatedAt === 'string' ? item.updatedAt : undefined;
  if (record.eventName === 'REMOVE') return updated && updated > recorded ? updated : recorded;
  return updated ?? recorded;
}

function build(
  record: DynamoDBRecord,
  item: Item,
  detailType: DetailType,
  idempotencyKey: string,
  data: unknown,
): OutgoingEvent {
  const eventId = eventIdFor(idempotencyKey);
  const detail = {
    metadata: {
      eventId,
      schemaVersion: 1,
      occurredAt: occurredAt(record, item),
      correlationId: typeof item.correlationId === 'string' ? item.correlationId : eventId,
      idempotencyKey,
    },
    data,
  };
  // Validating here turns a mapping bug into a failed record (retried, then dead-lettered) instead
  // of an invalid event that partner systems would have to cope with.
  EVENT_SCHEMAS[detailType].parse(detail);
  return { itemKey: `${String(item.PK)}|${String(item.SK)}`, source: DETAIL_TYPES[detailType], detailType, detail };
}

/** A profile whose contact has not confirmed it (a form sent without signing in, an imported member). */
const unconfirmed = (item: Item | undefined) => item?.status === 'pending';

/**
 * A profile is published once its contact has confirmed it, since consent comes from the member:
 * the change that confirms it is its ProfileSubmitted (the profile as confirmed), and its content is
 * not published before, nor its edits while it waits. A confirmed profile that becomes pending again
 * (none does since a new contact address waits on an active profile, see contactChange; items
 * stored before may) is a ProfileUpdated, so that matching stops for it; confirmed again,
 * it is submitted again with what it now holds. A removal is always published (ids only): whether
 * the profile was ever confirmed is not on the item.
 */
function profileEvent(record: DynamoDBRecord, before: Item | undefined, after: Item | undefined): OutgoingEvent | undefined {
  const key = `PROFILE#${String((after ?? before)?.id)}`;
  switch (record.eventName) {
    case 'INSERT':
      if (!after || unconfirmed(after)) return undefined;
      return build(record, after, 'ProfileSubmitted', `${key}#v${String(after.version)}`, { profile: publicProfile(after) });
    case 'MODIFY': {
      if (!before || !after || (unconfirmed(before) && unconfirmed(after))) return undefined;
      if (unconfirmed(before)) return build(record, after, 'ProfileSubmitted', `${key}#v${String(after.version)}`, { profile: publicProfile(after) });
      const fields = changedFields(before, after);
      if (fields.length === 0) return undefined;
      return build(record, after, 'ProfileUpdated', `${key}#v${String(after.version)}`, { profile: publicProfile(after), changedFields: fields });
    }
    case 'REMOVE':
      if (!before) return undefined;
      return build(record, before, 'ProfileWithdrawn', `${key}#v${String(before.version)}#withdrawn`, { profileId: before.id, networks: before.networks });
    default:
      return undefined;
  }
}

function matchEvent(record: DynamoDBRecord, before: MatchItem | undefined, after: MatchItem | undefined): OutgoingEvent | undefined {
  const item = (after ?? before) as MatchItem;
  if (!isPublishedCopy(item)) return undefined;
  const key = `MATCH#${item.matchId}`;
  if (record.eventName === 'REMOVE') {
    // Erasure removes the items; a match that was still live is withdrawn by it.
    if (!before || before.state === 'withdrawn' || before.state === 'declined' || before.state === 'expired') return undefined;
    return build(record, before as unknown as Item, 'MatchWithdrawn', `${key}#v${before.version}#removed`, matchData(before, { state: 'withdrawn', version: before.version + 1 }));
  }
  if (!after || (before && before.state === after.state)) return undefined;
  return build(record, after as unknown as Item, MATCH_EVENT[after.state], `${key}#v${after.version}`, matchData(after));
}

/**
 * A notification record is claimed before its mail is sent and marked sent after; only the change
 * to `sent` is a fact (a claim may be released or taken over), so only that change is published.
 */
function notificationEvent(record: DynamoDBRecord, before: Item | undefined, after: Item | undefined): OutgoingEvent | undefined {
  if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') return undefined;
  if (!after || after.status !== 'sent' || before?.status === 'sent') return undefined;
  return build(record, { ...after, updatedAt: after.sentAt }, 'CoordinatorNotified', `NOTIFY#${String(after.notificationId)}`, {
    notificationId: after.notificationId,
    ...(after.matchId ? { matchId: after.matchId } : {}),
    recipientRole: after.recipientRole,
    ...(after.networkId ? { networkId: after.networkId } : {}),
    kind: after.kind,
    sentAt: after.sentAt,
  });
}

/** Fields a change of which a partner hears about (bookkeeping and the unmet-request notes left out). */
const MEETING_FIELDS = ['name', 'date', 'startTime', 'timeZone', 'slotMinutes', 'breakMinutes', 'rounds', 'tables', 'participants', 'requests', 'schedule'] as const;

/** Ids, times and tables only: reasons and summaries stay in the table (they name members' needs). */
function meetingData(item: Item) {
  const schedule = item.schedule as { round: number; startsAt: string; endsAt: string; byes: string[]; meetings: { table: number; profileIds: [string, string]; requested: boolean }[] }[];
  return {
    meetingId: item.id,
    networkId: item.networkId,
    name: item.name,
    version: item.version,
    date: item.date,
    startTime: item.startTime,
    timeZone: item.timeZone,
    slotMinutes: item.slotMinutes,
    breakMinutes: item.breakMinutes,
    tables: item.tables,
    participantIds: item.participants,
    rounds: schedule.map((r) => ({
      round: r.round,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      meetings: r.meetings.map((m) => ({ table: m.table, profileIds: m.profileIds, requested: m.requested })),
      byes: r.byes,
    })),
  };
}

/** Fields every schedule mail opens with: a change of one is news to every participant. */
const HEADLINE_FIELDS = ['name', 'date', 'startTime', 'timeZone'] as const;

/**
 * Who a change concerns: those taken out (told their schedule no longer holds; a member who left on
 * their own, `departed`, is not), those added (a first schedule), and those kept whose own rounds
 * changed (time, table or partner), or all kept when the headline changed. Nobody else is mailed.
 */
function participantChanges(before: Item, after: Item) {
  const was = before.participants as string[];
  const is = after.participants as string[];
  const staying = new Set([...is, ...((after.departed as string[] | undefined) ?? [])]);
  const headline = HEADLINE_FIELDS.some((f) => before[f] !== after[f]);
  const own = (item: Item, id: string) => JSON.stringify(scheduleOf(item as unknown as Pick<Meeting, 'schedule'>, id).map((r) => [r.startsAt, r.endsAt, r.table, r.partnerId]));
  return {
    removedParticipantIds: was.filter((id) => !staying.has(id)),
    addedParticipantIds: is.filter((id) => !was.includes(id)),
    rescheduledParticipantIds: is.filter((id) => was.includes(id) && (headline || own(before, id) !== own(after, id))),
  };
}

/**
 * A new meeting is MeetingPlanned; a new version of it MeetingChanged, or MeetingCancelled when that
 * version is the cancellation. Meetings are not deleted: a cancelled one is kept, marked.
 */
function meetingEvent(record: DynamoDBRecord, before: Item | undefined, after: Item | undefined): OutgoingEvent | undefined {
  if (!after || (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY')) return undefined;
  const key = `MEETING#${String(after.id)}#v${String(after.version)}`;
  if (!before) return build(record, after, 'MeetingPlanned', key, meetingData(after));
  if (before.version === after.version) return undefined;
  if (typeof after.cancelledAt === 'string') {
    return before.cancelledAt === undefined ? build(record, after, 'MeetingCancelled', key, { ...meetingData(after), cancelledAt: after.cancelledAt }) : undefined;
  }
  const changed = MEETING_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
  return build(record, after, 'MeetingChanged', key, { ...meetingData(after), changedFields: changed, ...participantChanges(before, after) });
}

const MEMBERSHIP_EVENT: Record<MembershipStatus, DetailType> = {
  requested: 'MembershipRequested',
  approved: 'MembershipApproved',
  rejected: 'MembershipRejected',
};

/**
 * A membership item is the fact "profile P belongs to network N with status S": its creation, a
 * change of status, and its removal are published, once the profile is confirmed. Rewrites with
 * the same status (every profile edit rewrites the matching view) and the open scope (not a
 * network) publish nothing. `statusVersion` is the profile version at which the membership took
 * its status: a consumer tells by it a repeated statement of a transition from a new one.
 */
function membershipEvent(record: DynamoDBRecord, before: Item | undefined, after: Item | undefined): OutgoingEvent | undefined {
  const item = (after ?? before) as Item;
  const profileId = String(item.PK).slice(keys.profilePartition('').length);
  const networkId = String(item.SK).slice(keys.membershipPrefix.length);
  if (networkId === OPEN_SCOPE) return undefined;
  const versionOf = (i: Item) => (typeof i.profileVersion === 'number' ? i.profileVersion : decodeMembershipView(String(i.view)).version);
  const data = (i: Item) => ({ profileId, networkId, status: storedMembershipStatus(i), profileVersion: versionOf(i), statusVersion: membershipStandingOf(i).statusVersion });
  const key = `MEMBERSHIP#${profileId}#${networkId}`;
  // The view holds the profile's status: a membership of an unconfirmed profile is not published,
  // and its confirmation (which rewrites the view) publishes the membership as it then stands. A
  // removal is always published (ids only), as for profiles.
  const ofUnconfirmed = (i: Item | undefined) => typeof i?.view === 'string' && decodeMembershipView(i.view).status === 'pending';
  if (record.eventName === 'REMOVE') {
    if (!before) return undefined;
    return build(record, before, 'MembershipEnded', `${key}#ended#v${versionOf(before)}`, data(before));
  }
  if (!after || ofUnconfirmed(after)) return undefined;
  const status = storedMembershipStatus(after);
  if (before && !ofUnconfirmed(before) && storedMembershipStatus(before) === status) return undefined;
  // The status it had when last published: tells a removal (from approved) from a declined request,
  // and an approval after a removal from a first one, also when the change happened while the
  // profile waited for a new address to be confirmed, and when a confirmation states again the
  // transition that stands (the store keeps it on the item). None for a new membership, for one
  // first published now that its profile is confirmed, nor for one taken out and brought back while
  // it waited (it stands as last published). Items written before the store kept it: from the old image.
  const published = before ? publishedStandingOf(before) : undefined;
  const from = typeof after.previousStatus === 'string' ? (after.previousStatus as MembershipStatus) : published?.status;
  const previous = from && from !== status ? { previousStatus: from } : {};
  return build(record, after, MEMBERSHIP_EVENT[status], `${key}#${status}#v${versionOf(after)}`, { ...data(after), ...previous });
}

/**
 * The outbox mapping: one stream record to at most one domain event. Items that are not part of the
 * contract (tokens, coordinators) and changes nobody needs to hear about map to nothing.
 */
export function mapRecord(record: DynamoDBRecord): OutgoingEvent | undefined {
  const before = image(record.dynamodb?.OldImage);
  const after = image(record.dynamodb?.NewImage);
  switch ((after ?? before)?.entity) {
    case ENTITY.profile:
      return profileEvent(record, before, after);
    case ENTITY.match:
      return matchEvent(record, before as MatchItem | undefined, after as MatchItem | undefined);
    case ENTITY.notification:
      return notificationEvent(record, before, after);
    case ENTITY.meeting:
      return meetingEvent(record, before, after);
    case ENTITY.membership:
      return membershipEvent(record, before, after);
    default:
      return undefined;
  }
}
