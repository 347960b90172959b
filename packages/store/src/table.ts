import { activityOrderKey } from '@culturebridge/domain/activity-order';
/**
 * The single-table layout (DESIGN §7), defined once: the CDK stack, the local runtime, the store and
 * the stream publisher all read keys and index names from here.
 */
export const TABLE = {
  partitionKey: 'PK',
  sortKey: 'SK',
  ttlAttribute: 'expiresAt',
  networkIndex: {
    name: 'ByNetwork',
    partitionKey: 'GSI1PK',
    sortKey: 'GSI1SK',
    /**
     * Only membership items carry GSI keys, and they hold nothing but the matching attributes, so
     * projecting ALL of them projects exactly the matching projection (no contact, no free text).
     */
    projection: 'ALL',
  },
  /**
   * Open proposals by the time they were proposed, for the expiry sweep: a sparse index, since only
   * the published copy of a proposed or accepted match carries its keys (one entry per pair).
   * Projects the keys only; the sweep reads each due match afresh with a consistent read.
   */
  openProposalsIndex: {
    name: 'OpenProposals',
    partitionKey: 'GSI2PK',
    sortKey: 'GSI2SK',
    projection: 'KEYS_ONLY',
  },
} as const;

/** The one partition of the open-proposals index (a few thousand entries per 10 000 profiles). */
export const OPEN_PROPOSALS_PARTITION = 'OPEN';

/** Item kinds, stored in the `entity` attribute so a stream record says what it is without parsing keys. */
export const ENTITY = {
  profile: 'Profile',
  membership: 'Membership',
  match: 'Match',
  token: 'Token',
  notification: 'Notification',
  coordinator: 'Coordinator',
  digestEntry: 'DigestEntry',
  suppression: 'Suppression',
  networkSettings: 'NetworkSettings',
  slotWait: 'SlotWait',
  activity: 'Activity',
  address: 'Address',
  rateCounter: 'RateCounter',
  meeting: 'Meeting',
  network: 'Network',
  exposure: 'Exposure',
  formerPartners: 'FormerPartners',
  networkMatch: 'NetworkMatch',
  session: 'Session',
  partner: 'Partner',
  deliveryAttempt: 'DeliveryAttempt',
  webhookEvent: 'WebhookEvent',
  submission: 'Submission',
  membershipTold: 'MembershipTold',
  meetingTold: 'MeetingTold',
  erasure: 'Erasure',
} as const;
export type Entity = (typeof ENTITY)[keyof typeof ENTITY];

/**
 * The partition that holds profiles open to partners outside their networks. `~` cannot occur in a
 * network id (a slug), so it can never collide with a real network.
 */
export const OPEN_SCOPE = '~open';

export const keys = {
  profile: (id: string) => ({ PK: `PROFILE#${id}`, SK: 'PROFILE' }),
  /** One membership item per network (and one for the open scope): the GSI cannot index a list. */
  membership: (id: string, scope: string) => ({
    PK: `PROFILE#${id}`,
    SK: `NETWORK#${scope}`,
    GSI1PK: `NETWORK#${scope}`,
    GSI1SK: `PROFILE#${id}`,
  }),
  match: (owner: string, partner: string) => ({ PK: `PROFILE#${owner}`, SK: `MATCH#${partner}` }),
  /**
   * A profile's proposal counter: its `version` goes up with every new proposal that involves the
   * profile, and each proposal is written on condition that it has not moved since its open matches
   * were counted, so two concurrent recomputes cannot both take a profile's last slot. In the
   * profile's partition, so erasure removes it with the rest.
   */
  exposure: (id: string) => ({ PK: `PROFILE#${id}`, SK: 'EXPOSURE' }),
  /**
   * Written by erasure in the transaction that deletes the profile: the ids (nothing else) of the
   * profiles it had matches with, so compute-matches recomputes them and they get replacements.
   * Deleted once they are recomputed; expires after a week in any case.
   */
  formerPartners: (id: string) => ({ PK: `PROFILE#${id}`, SK: 'FORMER-PARTNERS' }),
  /**
   * Written by erasure in the transaction that deletes the profile: the address hash (nothing else)
   * of the owner who erased it, so that the owner's retry is told 204 again; expires after a day.
   * A partition of its own, so the erased profile's partition holds nothing.
   */
  erasure: (id: string) => ({ PK: `ERASED#${id}`, SK: 'ERASED' }),
  token: (hash: string) => ({ PK: `TOKEN#${hash}`, SK: 'TOKEN' }),
  /** A profile submission already stored, by a hash of who sent what (no personal data in the key); expires after a day. */
  submission: (hash: string) => ({ PK: `SUBMISSION#${hash}`, SK: 'SUBMISSION' }),
  /** A browser session, by the SHA-256 of its cookie secret (a copy of the table signs nobody in). */
  session: (id: string) => ({ PK: `SESSION#${id}`, SK: 'SESSION' }),
  sessionPrefix: 'SESSION#',
  notification: (key: string) => ({ PK: `NOTIFY#${key}`, SK: 'NOTIFY' }),
  /** What a member was last told about its membership of a network (notify's lease on telling it too). */
  membershipTold: (profileId: string, networkId: string) => ({ PK: `NOTIFY#membership:${profileId}:${networkId}`, SK: 'TOLD' }),
  /** What a participant was last told about a meeting (notify's lease on telling it too). */
  meetingTold: (meetingId: string, profileId: string) => ({ PK: `NOTIFY#meeting:${meetingId}:${profileId}`, SK: 'TOLD' }),
  /** A network's coordinators: one Query lists them when a match in the network is mailed. */
  coordinator: (networkId: string, id: string) => ({ PK: `COORDINATORS#${networkId}`, SK: `COORDINATOR#${id}` }),
  coordinatorPartition: (networkId: string) => `COORDINATORS#${networkId}`,
  coordinatorPrefix: 'COORDINATOR#',
  /**
   * Matches waiting for a coordinator's daily digest. One partition holds every pending entry so the
   * hourly digest run reads them with one Query (a day's matches, not the table); entries are deleted
   * in the transaction that marks their digest sent.
   */
  digestEntry: (role: 'coordinator' | 'member', recipientId: string, entryKey: string) => ({ PK: 'DIGEST#PENDING', SK: `${role === 'coordinator' ? 'COORDINATOR' : 'MEMBER'}#${recipientId}#${entryKey}` }),
  digestPartition: 'DIGEST#PENDING',
  /** An address that bounced permanently or complained, by the SHA-256 of the lower-cased address. */
  suppression: (addressHash: string) => ({ PK: `SUPPRESS#${addressHash}`, SK: 'SUPPRESS' }),
  /** What every suppression partition key starts with (the suppress function may write only these). */
  suppressionPrefix: 'SUPPRESS#',
  /**
   * Who an address is: one item per profile it is the contact of and per network it coordinates,
   * under the SHA-256 of the address (never the address). Sign-in reads the partition with one Query;
   * the items are written in the same transaction as the profile or coordinator they point to.
   */
  addressOfProfile: (addressHash: string, profileId: string) => ({ PK: `ADDRESS#${addressHash}`, SK: `PROFILE#${profileId}` }),
  addressOfCoordinator: (addressHash: string, networkId: string, coordinatorId: string) => ({
    PK: `ADDRESS#${addressHash}`,
    SK: `COORDINATOR#${networkId}#${coordinatorId}`,
  }),
  addressPartition: (addressHash: string) => `ADDRESS#${addressHash}`,
  /** A fixed-window counter of sign-in requests, e.g. `RATE#perAddress#<hash>#<window start>`; expires with its window. */
  rateCounter: (limit: string, keyHash: string, windowStart: number) => ({ PK: `RATE#${limit}#${keyHash}#${windowStart}`, SK: 'RATE' }),
  /** A network's lifecycle settings and display name (the network's record, `network` below, holds its name). */
  networkSettings: (networkId: string) => ({ PK: `NETWORK#${networkId}`, SK: 'SETTINGS' }),
  /**
   * `waiter` was not proposed to `capped` because `capped` was at its exposure cap; when a slot of
   * `capped` frees up (an answer, an expiry), the waiters are recomputed. Expires on its own.
   */
  slotWait: (capped: string, waiter: string) => ({ PK: `PROFILE#${capped}`, SK: `SLOTWAIT#${waiter}` }),
  slotWaitPrefix: 'SLOTWAIT#',
  /** The dashboard's activity feed: one item per event about the network, newest last. */
  activity: (networkId: string, occurredAt: string, eventId: string) => ({ PK: `ACTIVITY#${networkId}`, SK: activityOrderKey({ occurredAt, eventId }) }),
  activityPartition: (networkId: string) => `ACTIVITY#${networkId}`,
  /** What every activity partition key starts with (the record-activity function may write only these). */
  activityPrefix: 'ACTIVITY#',
  /** A network's meetings: one partition, so a network's list (and a member's own) is one Query. */
  meeting: (networkId: string, id: string) => ({ PK: `MEETINGS#${networkId}`, SK: `MEETING#${id}` }),
  meetingPartition: (networkId: string) => `MEETINGS#${networkId}`,
  meetingPrefix: 'MEETING#',
  /** Every network record in one partition: there are few, and the form lists them with one Query. */
  network: (id: string) => ({ PK: 'NETWORKS', SK: `NETWORK#${id}` }),
  networksPartition: 'NETWORKS',
  networkRecordPrefix: 'NETWORK#',
  /**
   * Index partition of a network's open join requests: requested memberships are indexed here, not
   * in the network's own partition, so matching never reads them and a coordinator lists them with
   * one Query.
   */
  joinRequestPartition: (networkId: string) => `REQUESTS#${networkId}`,
  /**
   * Index partition of a network's rejected memberships (members its coordinators took out, join
   * requests they declined): apart from the network's own partition, so matching never reads them,
   * and listed with one Query when a coordinator asks who was removed.
   */
  rejectedMembershipPartition: (networkId: string) => `REJECTED#${networkId}`,
  /**
   * A network's match projection, so the dashboard lists a network's matches with one Query of one
   * partition instead of one Query per member. One item per network and lower profile id of a pair;
   * each of that profile's matches in the network is one attribute `M#<partner id>` holding a compact
   * encoding (`encodeNetworkMatch` in match-items.ts). Written in the transaction that writes the match itself.
   * `NETMATCHES#` cannot collide with other partitions.
   */
  networkMatches: (networkId: string, lowerId: string) => ({ PK: `NETMATCHES#${networkId}`, SK: `OWNER#${lowerId}` }),
  networkMatchPartition: (networkId: string) => `NETMATCHES#${networkId}`,
  networkMatchAttribute: (higherId: string) => `M#${higherId}`,
  /**
   * Partner systems: all in one partition, so the webhook fan-out lists them with one Query (a
   * thousand partners are about a megabyte: one or two pages, and deliver-webhooks caches the list).
   */
  partner: (id: string) => ({ PK: 'PARTNERS', SK: `PARTNER#${id}` }),
  partnerPartition: 'PARTNERS',
  partnerPrefix: 'PARTNER#',
  /** One item per webhook delivery attempt, newest last by time; they expire after DELIVERY_RECORD_DAYS. */
  deliveryAttempt: (partnerId: string, attemptedAt: string, eventId: string, attempt: number) => ({
    PK: `DELIVERIES#${partnerId}`,
    SK: `${attemptedAt}#${eventId}#${String(attempt).padStart(2, '0')}`,
  }),
  deliveryPartition: (partnerId: string) => `DELIVERIES#${partnerId}`,
  /** The events webhooks carried, by UTC day and time (for `redeliver --from --to`), and a pointer by id. */
  webhookEvent: (day: string, time: string, eventId: string) => ({ PK: `WEBHOOK_EVENTS#${day}`, SK: `${time}#${eventId}` }),
  webhookEventDay: (day: string) => `WEBHOOK_EVENTS#${day}`,
  webhookEventById: (eventId: string) => ({ PK: `WEBHOOK_EVENT#${eventId}`, SK: 'WEBHOOK_EVENT' }),
  profilePartition: (id: string) => `PROFILE#${id}`,
  networkPartition: (scope: string) => `NETWORK#${scope}`,
  matchPrefix: 'MATCH#',
  membershipPrefix: 'NETWORK#',
} as const;

/** The CreateTable input for DynamoDB Local; the CDK stack declares the same keys from TABLE. */
export function createTableInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [
      { AttributeName: TABLE.partitionKey, AttributeType: 'S' as const },
      { AttributeName: TABLE.sortKey, AttributeType: 'S' as const },
      { AttributeName: TABLE.networkIndex.partitionKey, AttributeType: 'S' as const },
      { AttributeName: TABLE.networkIndex.sortKey, AttributeType: 'S' as const },
      { AttributeName: TABLE.openProposalsIndex.partitionKey, AttributeType: 'S' as const },
      { AttributeName: TABLE.openProposalsIndex.sortKey, AttributeType: 'S' as const },
    ],
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: TABLE.networkIndex.name,
        KeySchema: [
          { AttributeName: TABLE.networkIndex.partitionKey, KeyType: 'HASH' as const },
          { AttributeName: TABLE.networkIndex.sortKey, KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: TABLE.networkIndex.projection },
      },
      openProposalsIndexInput(),
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' as const },
  };
}

/** The open-proposals index as CreateTable and UpdateTable declare it. */
export function openProposalsIndexInput() {
  return {
    IndexName: TABLE.openProposalsIndex.name,
    KeySchema: [
      { AttributeName: TABLE.openProposalsIndex.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE.openProposalsIndex.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: TABLE.openProposalsIndex.projection },
  };
}
