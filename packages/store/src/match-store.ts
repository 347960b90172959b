import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { isLostTransactionRace } from './errors.js';
import { batchGet } from './batch.js';
import type { MembershipStatus, Profile } from '@culturebridge/domain';
import { ownerKey } from './address-book.js';
import { decodeMembershipView } from './membership-codec.js';
import { fromItem, matchingViewOf, MEMBERSHIP_ATTRIBUTES, MEMBERSHIP_VIEW_ATTRIBUTE, type MembershipView } from './profile-items.js';
import { decodeNetworkMatch, matchItems, networkMatchUpdates, type MatchItem, type NetworkMatch } from './match-items.js';
import { ENTITY, keys, OPEN_PROPOSALS_PARTITION, TABLE } from './table.js';

/** How long a slot wait is kept: a waiter not served by then is recomputed by its own next change. */
const SLOT_WAIT_DAYS = 60;

/** A profile's open matches and the proposal-counter version they were counted at. */
export interface ExposureGuard {
  profileId: string;
  version: number;
  open: number;
}

/** Reads and writes of match items and the matching views; every write is conditional on a read version. */
export class MatchStore {
  /** Read capacity consumed since construction, when the caller asks DynamoDB to report it. */
  consumedReadUnits = 0;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: { measureCapacity?: boolean } = {},
  ) {}

  private capacity() {
    return this.options.measureCapacity ? { ReturnConsumedCapacity: 'TOTAL' as const } : {};
  }

  private count(consumed: { CapacityUnits?: number } | { CapacityUnits?: number }[] | undefined) {
    for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) this.consumedReadUnits += c.CapacityUnits ?? 0;
  }

  /**
   * The matching view of one profile, read from its profile item; `networks` holds only the
   * networks it is an approved member of. The contact address is read only to derive the view's
   * `owner` (as its membership items carry it) and is not returned.
   */
  async matchingView(id: string): Promise<MembershipView | undefined> {
    const attributes = [...MEMBERSHIP_ATTRIBUTES, 'memberships'];
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.profile(id),
        ConsistentRead: true,
        ProjectionExpression: [...attributes.map((_, i) => `#a${i}`), '#contact.#email'].join(', '),
        ExpressionAttributeNames: { ...Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a])), '#contact': 'contact', '#email': 'email' },
        ...this.capacity(),
      }),
    );
    this.count(out.ConsumedCapacity);
    if (!out.Item) return undefined;
    const { contact, memberships: _memberships, ...view } = matchingViewOf(out.Item as MembershipView & Pick<Profile, 'memberships'> & { contact?: { email?: string } });
    return { ...view, ...(contact?.email ? { owner: ownerKey(contact.email) } : {}) };
  }

  /** Every profile findable in the given scopes, from the network index: never a table scan. */
  async candidates(scopes: readonly string[]): Promise<MembershipView[]> {
    const byId = new Map<string, MembershipView>();
    for (const scope of scopes) {
      for (const view of await this.indexPartition(keys.networkPartition(scope))) byId.set(view.id, view);
    }
    return [...byId.values()];
  }

  /**
   * One page of a network's members (or, with `standing`, of those asking to join or those it
   * rejected) from the network index, in the index's order (by profile id):
   * at most `limit` views, starting after the member `after` (a profile id a previous page ended
   * with). `last` is the id to continue after, absent when DynamoDB read to the partition's end (a
   * page that ends exactly at the end may still name one; the next page is then empty). The start
   * key is built here from the network and the id, so a caller cannot steer the Query elsewhere.
   */
  async membersPage(networkId: string, { limit, after, standing = 'approved' }: { limit: number; after?: string; standing?: MembershipStatus }): Promise<{ views: MembershipView[]; last?: string }> {
    const partition = { approved: keys.networkPartition, requested: keys.joinRequestPartition, rejected: keys.rejectedMembershipPartition }[standing](networkId);
    const { GSI1SK, PK, SK } = keys.membership(after ?? '', networkId);
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: TABLE.networkIndex.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TABLE.networkIndex.partitionKey },
        ExpressionAttributeValues: { ':pk': partition },
        Limit: limit,
        ...(after === undefined ? {} : { ExclusiveStartKey: { GSI1PK: partition, GSI1SK, PK, SK } }),
        ...this.capacity(),
      }),
    );
    this.count(out.ConsumedCapacity);
    const views = (out.Items ?? []).map((item) => decodeMembershipView(String(item[MEMBERSHIP_VIEW_ATTRIBUTE])));
    // No filter: the last item read is the last returned, and its id is where DynamoDB stopped.
    const last = out.LastEvaluatedKey ? views.at(-1)?.id : undefined;
    return { views, ...(last === undefined ? {} : { last }) };
  }

  /**
   * The matching views of those of `ids` who are members of the network (its index partition holds
   * their membership item), by id: BatchGetItem of their membership items, eventually consistent (a
   * dashboard read). Reads as many items as `ids` names, however large the network; the same answer
   * as looking them up in `candidates([networkId])`.
   */
  async membersAmong(networkId: string, ids: readonly string[]): Promise<Map<string, MembershipView>> {
    const partition = keys.networkPartition(networkId);
    const items = await this.batchGet(ids.map((id) => {
      const { PK, SK } = keys.membership(id, networkId);
      return { PK, SK };
    }));
    const found = new Map<string, MembershipView>();
    for (const item of items) {
      if (item[TABLE.networkIndex.partitionKey] !== partition) continue;
      const view = decodeMembershipView(String(item[MEMBERSHIP_VIEW_ATTRIBUTE]));
      found.set(view.id, view);
    }
    return found;
  }

  /** The profiles waiting for a coordinator of the network to approve their membership (one index Query). */
  async joinRequests(networkId: string): Promise<MembershipView[]> {
    return this.indexPartition(keys.joinRequestPartition(networkId));
  }

  /** The profiles whose membership of the network its coordinators rejected: taken out, or turned down (one index Query). */
  async rejectedMemberships(networkId: string): Promise<MembershipView[]> {
    return this.indexPartition(keys.rejectedMembershipPartition(networkId));
  }

  private async indexPartition(partition: string): Promise<MembershipView[]> {
    const views: MembershipView[] = [];
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tableName,
      IndexName: TABLE.networkIndex.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE.networkIndex.partitionKey },
      ExpressionAttributeValues: { ':pk': partition },
      ...this.capacity(),
    })) {
      this.count(page.ConsumedCapacity);
      for (const item of page.Items ?? []) views.push(decodeMembershipView(String(item[MEMBERSHIP_VIEW_ATTRIBUTE])));
    }
    return views;
  }

  /** One side's match items (each pair's copy in this profile's partition). */
  async matchesOf(profileId: string): Promise<MatchItem[]> {
    const items: MatchItem[] = [];
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :match)',
      ExpressionAttributeValues: { ':pk': keys.profilePartition(profileId), ':match': keys.matchPrefix },
      ConsistentRead: true,
      ...this.capacity(),
    })) {
      this.count(page.ConsumedCapacity);
      items.push(...(page.Items ?? []).map((i) => fromItem<MatchItem>(i)));
    }
    return items;
  }

  /**
   * Every match made in a network, from its projection partition: one paginated Query, eventually
   * consistent (a dashboard read), instead of one Query per member. Read units: the projection's
   * size, not the members' partitions.
   */
  async networkMatches(networkId: string): Promise<NetworkMatch[]> {
    const found: NetworkMatch[] = [];
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.networkMatchPartition(networkId) },
      ...this.capacity(),
    })) {
      this.count(page.ConsumedCapacity);
      for (const item of page.Items ?? []) {
        const lower = String(item.SK).slice('OWNER#'.length);
        for (const [name, value] of Object.entries(item)) {
          if (name.startsWith('M#')) found.push(decodeNetworkMatch(lower, name.slice(2), String(value)));
        }
      }
    }
    return found;
  }

  /**
   * One page of a network's match projection, in key order (the pair's lower id, then its higher):
   * at most `limit` matches, starting after the pair `after` ([lower, higher], where a previous page
   * ended). `last` is the pair to continue after, absent once the partition is read to its end. An
   * owner's item holds all its pairs, so a page may end inside one: the Query starts at that owner
   * (`SK >=`, built here from the network and the id, never from what a caller sent) and skips
   * the pairs up to `after`. Reads at most 50 owner items a request.
   */
  async networkMatchesPage(networkId: string, { limit, after }: { limit: number; after?: readonly [string, string] }): Promise<{ matches: NetworkMatch[]; last?: [string, string] }> {
    const found: NetworkMatch[] = [];
    let last: [string, string] | undefined;
    const ownerPrefix = keys.networkMatches(networkId, '').SK;
    const attributePrefix = keys.networkMatchAttribute('');
    const start = keys.networkMatches(networkId, after?.[0] ?? '').SK;
    for await (const page of paginateQuery({ client: this.doc, pageSize: 50 }, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND SK >= :start',
      ExpressionAttributeValues: { ':pk': keys.networkMatchPartition(networkId), ':start': start },
      ...this.capacity(),
    })) {
      this.count(page.ConsumedCapacity);
      for (const item of page.Items ?? []) {
        const lower = String(item.SK).slice(ownerPrefix.length);
        const higherIds = Object.keys(item).filter((name) => name.startsWith(attributePrefix)).map((name) => name.slice(attributePrefix.length)).sort();
        for (const higher of higherIds) {
          if (after && lower === after[0] && higher <= after[1]) continue;
          // Full, and another pair follows: the next page starts after the last one taken.
          if (found.length === limit && last) return { matches: found, last };
          found.push(decodeNetworkMatch(lower, higher, String(item[keys.networkMatchAttribute(higher)])));
          last = [lower, higher];
        }
      }
    }
    return { matches: found };
  }

  /** How many matches of a profile are open (proposed or accepted): its exposure. */
  async openMatchCount(profileId: string): Promise<number> {
    let count = 0;
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :match)',
      FilterExpression: '#state IN (:proposed, :accepted)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':pk': keys.profilePartition(profileId), ':match': keys.matchPrefix, ':proposed': 'proposed', ':accepted': 'accepted' },
      Select: 'COUNT',
      ...this.capacity(),
    })) {
      this.count(page.ConsumedCapacity);
      count += page.Count ?? 0;
    }
    return count;
  }

  /**
   * A profile's exposure as a guard for a new proposal: how many matches are open (proposed or
   * accepted), and the version of its proposal counter read just before counting them. A proposal
   * written with this guard fails if any other proposal involving the profile landed meanwhile.
   */
  async exposure(profileId: string): Promise<ExposureGuard> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.exposure(profileId), ConsistentRead: true, ...this.capacity() }));
    this.count(out.ConsumedCapacity);
    const version = Number(out.Item?.version ?? 0);
    return { profileId, version, open: await this.openMatchCount(profileId) };
  }

  /** The ids an erased profile had matches with (keys.formerPartners); empty when none are noted. */
  async formerPartners(erasedId: string): Promise<string[]> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.formerPartners(erasedId), ConsistentRead: true }));
    return (out.Item?.partners as string[] | undefined) ?? [];
  }

  /** Drops the note once every former partner was recomputed. */
  async forgetFormerPartners(erasedId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: keys.formerPartners(erasedId) }));
  }

  async match(owner: string, partner: string): Promise<MatchItem | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.match(owner, partner), ConsistentRead: true }));
    return out.Item ? fromItem<MatchItem>(out.Item) : undefined;
  }

  /**
   * Writes both copies of a match in one transaction, only if the stored version is still the one
   * read (`expectedVersion` undefined: only if it does not exist yet). Returns false on a conflict,
   * so the caller can re-read and decide again.
   */
  async put(
    match: Omit<MatchItem, 'owner' | 'partner'>,
    expectedVersion: number | undefined,
    options: { requireActiveProfiles?: boolean; previousNetworks?: readonly string[]; exposureGuards?: readonly Pick<ExposureGuard, 'profileId' | 'version'>[] } = {},
  ): Promise<boolean> {
    const condition =
      expectedVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
    // The network index is eventually consistent: a candidate may have been erased or paused a moment
    // ago. Checking both profiles in the same transaction keeps a proposal from outliving either.
    const profileChecks = options.requireActiveProfiles
      ? match.profileIds.map((id) => ({
          ConditionCheck: {
            TableName: this.tableName,
            Key: keys.profile(id),
            ConditionExpression: '#status = :active',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':active': 'active' },
          },
        }))
      : [];
    // The exposure cap under concurrency: each guarded counter moves on by one, only from the version
    // the caller counted at (a counter never written is version 0).
    const exposureUpdates = (options.exposureGuards ?? []).map((guard) => ({
      Update: {
        TableName: this.tableName,
        Key: keys.exposure(guard.profileId),
        UpdateExpression: 'SET version = :next, entity = :entity',
        ConditionExpression: guard.version === 0 ? 'attribute_not_exists(version)' : 'version = :seen',
        ExpressionAttributeValues: { ':next': guard.version + 1, ':entity': ENTITY.exposure, ...(guard.version === 0 ? {} : { ':seen': guard.version }) },
      },
    }));
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            ...matchItems(match).map((Item) => ({ Put: { TableName: this.tableName, Item, ...condition } })),
            // The projection changes only with the profile copies (their condition guards it too).
            ...networkMatchUpdates(this.tableName, match, options.previousNetworks),
            ...profileChecks,
            ...exposureUpdates,
          ],
        }),
      );
      return true;
    } catch (error) {
      // A failed profile check (a profile gone or paused) counts as a lost race too.
      if (isLostTransactionRace(error)) return false;
      throw error;
    }
  }

  /**
   * The published copies of open matches proposed before `cutoff` (ISO 8601), oldest first, read
   * afresh: the sparse open-proposals index, never a scan.
   */
  async openProposedBefore(cutoff: string): Promise<MatchItem[]> {
    const found: MatchItem[] = [];
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tableName,
      IndexName: TABLE.openProposalsIndex.name,
      KeyConditionExpression: '#pk = :open AND #sk < :cutoff',
      ExpressionAttributeNames: { '#pk': TABLE.openProposalsIndex.partitionKey, '#sk': TABLE.openProposalsIndex.sortKey },
      ExpressionAttributeValues: { ':open': OPEN_PROPOSALS_PARTITION, ':cutoff': cutoff },
    })) {
      // One consistent BatchGetItem per page (not a GetItem per proposal); its answer comes in no
      // order, so the index's (oldest first) is restored. A proposal answered since has left the
      // index's page but not the table: it is read and the sweep decides on what it reads.
      const pageKeys = (page.Items ?? []).map((key) => ({ PK: String(key.PK), SK: String(key.SK) }));
      const byKey = new Map((await this.batchGet(pageKeys, { consistent: true, uncounted: true })).map((item) => [`${String(item.PK)}\u0000${String(item.SK)}`, item]));
      for (const key of pageKeys) {
        const item = byKey.get(`${key.PK}\u0000${key.SK}`);
        if (item) found.push(fromItem<MatchItem>(item));
      }
    }
    return found;
  }

  /**
   * Notes on both copies that the sides who had not answered were reminded, only if the match is
   * still at the version read and not reminded yet. The version stays: a reminder changes nothing a
   * member answers to, and the stream publishes no event for it (the state did not change).
   */
  async markReminded(match: MatchItem, at: string): Promise<boolean> {
    const [a, b] = match.profileIds;
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [keys.match(a, b), keys.match(b, a)].map((Key) => ({
            Update: {
              TableName: this.tableName,
              Key,
              UpdateExpression: 'SET remindedAt = :at',
              ConditionExpression: 'version = :version AND attribute_not_exists(remindedAt)',
              ExpressionAttributeValues: { ':at': at, ':version': match.version },
            },
          })),
        }),
      );
      return true;
    } catch (error) {
      if (isLostTransactionRace(error)) return false;
      throw error;
    }
  }

  /** Records that `waiter` skipped `capped` for its exposure cap; a new note replaces an older one. */
  async addSlotWait(capped: string, waiter: string, now: Date): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.slotWait(capped, waiter), entity: ENTITY.slotWait, capped, waiter, note: randomUUID(), since: now.toISOString(), [TABLE.ttlAttribute]: Math.floor(now.getTime() / 1000) + SLOT_WAIT_DAYS * 86_400 },
      }),
    );
  }

  /** The profiles waiting for a slot of `capped`, each with the note to remove once served. */
  async slotWaiters(capped: string): Promise<{ waiter: string; note: string }[]> {
    const waiters: { waiter: string; note: string }[] = [];
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.profilePartition(capped), ':prefix': keys.slotWaitPrefix },
      ConsistentRead: true,
    })) {
      waiters.push(...(page.Items ?? []).map((i) => ({ waiter: String(i.waiter), note: String(i.note) })));
    }
    return waiters;
  }

  /** Removes a served note, unless the waiter's recompute wrote a new one meanwhile (it still waits). */
  async removeSlotWait(capped: string, waiter: string, note: string): Promise<void> {
    try {
      await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: keys.slotWait(capped, waiter), ConditionExpression: 'note = :note', ExpressionAttributeValues: { ':note': note } }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /**
   * Public profiles (and, where asked, contacts) of partners, for listing matches. `consistent`
   * for a reader that must see the latest write (notify, deciding whether a change still stands).
   * `counted`: add their read units to consumedReadUnits (bench:network-matches' members' pages).
   */
  async profiles(ids: readonly string[], options: { consistent?: boolean; counted?: boolean } = {}): Promise<Map<string, Profile>> {
    const found = new Map<string, Profile>();
    const { counted, ...read } = options;
    // Not counted in consumedReadUnits unless asked: bench:read-units' figures are the matching reads, as before.
    for (const item of await this.batchGet(ids.map((id) => keys.profile(id)), { ...read, uncounted: !counted })) found.set(String(item.id), fromItem<Profile>(item));
    return found;
  }

  /** Items by key (see batchGet: unprocessed keys asked again, UnprocessedAfterRetries past the bound); read units counted unless `uncounted`. */
  private async batchGet(itemKeys: readonly Record<string, string>[], options: { consistent?: boolean; uncounted?: boolean } = {}): Promise<Record<string, unknown>[]> {
    const counted = !options.uncounted && this.options.measureCapacity;
    return batchGet(this.doc, this.tableName, itemKeys, { ...(options.consistent ? { consistent: true } : {}), ...(counted ? { onCapacity: (consumed) => this.count(consumed) } : {}) });
  }
}
