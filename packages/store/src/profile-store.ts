import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { contactChange, nextMemberships, withoutLapsedContactChange, type MembershipAsItStands, type MembershipStatus, type Profile, type ProfileData, type ProfileStatus } from '@culturebridge/domain';
import { addressHash, profileAddressItem } from './address-book.js';
import { batchDelete } from './batch.js';
import { DuplicateSubmission, LostEveryAttempt, isLostTransactionRace, type WriteResult } from './errors.js';
import { fromItem, membershipAsItStandsOf, membershipItemScopes, membershipItems, profileItem } from './profile-items.js';
import { ENTITY, keys, TABLE } from './table.js';
import { spendTokenUpdate, tokenItem, type TokenSpend } from './sign-in-store.js';
import type { MatchItem } from './match-items.js';
import { removeNetworkCopies } from './network-projection.js';

/** How long an erasure is remembered, so that the owner's retry is answered as the first time (s). */
export const ERASURE_MEMORY_S = 24 * 60 * 60;

/** How long an erased profile's former partners are noted for compute-matches (s). */
const FORMER_PARTNERS_MEMORY_S = 7 * 86_400;

/** Attempts of a write that re-reads after a lost race (see isLostTransactionRace) before LostEveryAttempt. */
const RACE_ATTEMPTS = 3;

/**
 * What a write's transaction threw on attempt `attempt` (from 1), when the write may read again and
 * retry: returns if it lost a race (isLostTransactionRace) with attempts left; throws the error itself
 * when it is no lost race, and LostEveryAttempt naming `operation` when the last attempt lost too.
 */
function retryAfterLostRace(operation: string, error: unknown, attempt: number): void {
  if (!isLostTransactionRace(error)) throw error;
  if (attempt >= RACE_ATTEMPTS) throw new LostEveryAttempt(operation, attempt, { cause: error });
}

export interface CreateOptions {
  id: string;
  status: ProfileStatus;
  /** The profile's `createdAt`/`updatedAt` (ISO 8601, the request's instant); no expiry is decided by it. */
  now: string;
  /** Of every network the profile names: `requested` when the member asks, `approved` when a coordinator imports or invites. */
  membership: MembershipStatus;
  /**
   * Stores the profile only once per `key` (a hash of who sent what) until `expiresAt` (epoch s,
   * by the store's clock, as `submitted` reads it): a second create with the key throws
   * DuplicateSubmission naming the first profile. `replaces`:
   * the profile the key named before, erased since, so the key may name the new one.
   */
  once?: { key: string; expiresAt: number; replaces?: string };
}

/** What a coordinator's answer to a membership did. */
export type MembershipChange = 'changed' | 'unchanged' | 'not-member';

/**
 * Whether a link mailed to the address `hash` is still about the profile: without `change`, the
 * profile names the address as its contact; with it, the contact change of that version still
 * waits for that address (a replaced or cancelled change's link is about nothing).
 */
export function awaitsAddress(profile: Pick<Profile, 'contact' | 'pendingContact'>, hash: string, change?: number): boolean {
  const waiting = profile.pendingContact;
  if (change === undefined) return addressHash(profile.contact.email) === hash;
  return waiting?.version === change && addressHash(waiting.email) === hash;
}

export class ProfileStore {
  /**
   * `nowMs`: the store's one clock (epoch ms): a waiting contact change lapses by it (see
   * CONTACT_CHANGE_LIFETIME_DAYS), and the erasure and submission memories (create's condition as
   * `submitted`) and the former-partners note expire by it. The instants callers pass (`now`) are
   * only written (createdAt, updatedAt, requestedAt). A link's token is the one expiry read from
   * the caller's instant (`spend.nowEpoch`), in the spend's condition and its read-back alike: it
   * is one decision with SignInStore's peek and spend of the same link.
   */
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /**
   * The profile as it stands: a contact change that has lapsed is left out (so no route shows it,
   * no link applies it and the next write drops it), and removed from the item here.
   */
  async get(id: string): Promise<Profile | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.profile(id), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    const stored = fromItem<Profile>(out.Item);
    const current = withoutLapsedContactChange(stored, this.nowMs());
    if (current !== stored && stored.pendingContact) await this.dropLapsedChange(id, stored.pendingContact.version);
    return current;
  }

  /**
   * Removes a lapsed contact change from the item, if it is still the one read. Not a new version:
   * nothing a client sent changes, and every reader already leaves a lapsed change out, so a write
   * based on the version read stays valid.
   */
  private async dropLapsedChange(id: string, change: number): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.profile(id),
          UpdateExpression: 'REMOVE pendingContact',
          ConditionExpression: 'pendingContact.version = :change',
          ExpressionAttributeValues: { ':change': change },
        }),
      );
    } catch (error) {
      // Replaced, applied or removed meanwhile: nothing lapsed is left to remove.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /**
   * Writes the profile, its membership items and its address item atomically; a reused id fails
   * instead of overwriting.
   */
  async create(data: ProfileData, options: CreateOptions): Promise<Profile> {
    const profile: Profile = {
      ...data,
      id: options.id,
      version: 1,
      status: options.status,
      createdAt: options.now,
      updatedAt: options.now,
      memberships: nextMemberships(undefined, data.networks, options.membership),
    };
    const { once } = options;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              // First, so that its cancellation reason is the first one.
              ...(once
                ? [
                    {
                      Put: {
                        TableName: this.tableName,
                        Item: { ...keys.submission(once.key), entity: ENTITY.submission, profileId: profile.id, expiresAt: once.expiresAt },
                        // An expired item may linger until TTL deletes it (up to days): it no longer counts.
                        // Expired by the store's clock, as `submitted` reads it after a failed condition:
                        // the caller's instant would make a duplicate a lost race, or store it twice.
                        ConditionExpression: `attribute_not_exists(PK) OR expiresAt < :now${once.replaces ? ' OR profileId = :replaces' : ''}`,
                        ExpressionAttributeValues: { ':now': Math.floor(this.nowMs() / 1000), ...(once.replaces ? { ':replaces': once.replaces } : {}) },
                      },
                    },
                  ]
                : []),
              {
                Put: {
                  TableName: this.tableName,
                  Item: profileItem(profile),
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              ...membershipItems(profile).map((Item) => ({ Put: { TableName: this.tableName, Item } })),
              { Put: { TableName: this.tableName, Item: profileAddressItem(profile.contact.email, profile.id) } },
            ],
          }),
        );
        return profile;
      } catch (error) {
        if (!once || !(error instanceof TransactionCanceledException)) throw error;
        const reason = error.CancellationReasons?.[0]?.Code;
        if (reason === 'ConditionalCheckFailed') {
          const first = await this.submitted(once.key);
          if (first !== undefined) throw new DuplicateSubmission(first);
        }
        // The twin transaction is still in flight (TransactionConflict): once it lands, the condition
        // decides. A race on the submission item only: a failed condition on the new profile's id is a bug.
        if (reason !== 'TransactionConflict' && reason !== 'ConditionalCheckFailed') throw error;
        retryAfterLostRace('create', error, attempt);
      }
    }
  }

  /** The address hash of the owner who erased profile `id`, while it is remembered (see `erase`); undefined otherwise. */
  async erasedBy(id: string): Promise<string | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.erasure(id), ConsistentRead: true }));
    const expires = Number(Item?.[TABLE.ttlAttribute]);
    // An expired item may linger until TTL deletes it (up to days): it no longer counts.
    return typeof Item?.by === 'string' && expires * 1000 > this.nowMs() ? Item.by : undefined;
  }

  /** The profile a submission made, while it is remembered (see CreateOptions.once); undefined otherwise. */
  async submitted(key: string): Promise<string | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.submission(key), ConsistentRead: true }));
    return typeof Item?.profileId === 'string' && (typeof Item.expiresAt !== 'number' || Item.expiresAt * 1000 > this.nowMs()) ? Item.profileId : undefined;
  }

  /**
   * Optimistic update: succeeds only if the stored version is the one the caller read, so two editors
   * never overwrite each other silently. Memberships follow the networks in the same transaction.
   * A new contact address (see `contactChange`) waits as `pendingContact` on an active profile,
   * which keeps its contact and address item until the new address confirms (`confirm` with the
   * change's version); a profile never confirmed moves at once and stays pending. Nobody can hand
   * a profile to an address that has not confirmed it. `pendingContact` is the server's: one in
   * `data` is ignored. `renewContactRequest`: a new link goes to the waiting address now, so its
   * `requestedAt` becomes `now`.
   */
  async update(id: string, expectedVersion: number, data: ProfileData, now: string, options: { renewContactRequest?: boolean } = {}): Promise<WriteResult<Profile>> {
    const current = await this.get(id);
    if (!current) return { outcome: 'not-found' };
    if (current.version !== expectedVersion) return { outcome: 'conflict', currentVersion: current.version };
    const stored = await this.membershipItemsOf(id);

    const change = contactChange(current, data.contact.email);
    const version = expectedVersion + 1;
    const { pendingContact: _sent, ...fields } = data as ProfileData & Pick<Profile, 'pendingContact'>;
    const waiting = change === 'request' ? { ...data.contact, requestedAt: now, version } : change === 'keep' && current.pendingContact ? { ...current.pendingContact, name: data.contact.name, ...(options.renewContactRequest ? { requestedAt: now } : {}) } : undefined;
    const next: Profile = {
      ...fields,
      id,
      version,
      status: current.status,
      contact: waiting ? current.contact : data.contact,
      createdAt: current.createdAt,
      updatedAt: now,
      memberships: nextMemberships(current, data.networks),
      ...(waiting ? { pendingContact: waiting } : {}),
    };
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            ...this.replaceWithMemberships(current, next, stored),
            ...(change === 'move' ? this.moveAddress(current, next) : []),
          ],
        }),
      );
    } catch (error) {
      if (isLostTransactionRace(error)) {
        const latest = await this.get(id);
        return latest ? { outcome: 'conflict', currentVersion: latest.version } : { outcome: 'not-found' };
      }
      throw error;
    }
    return { outcome: 'ok', value: next };
  }

  /**
   * Erasure: the profile and its memberships go first, in one transaction, so no concurrent update or
   * matching run can find it afterwards; then its match items and their mirrors on partners' sides.
   * A retry after a crash finds the leftovers and finishes, so erasure is idempotent. `by` (the
   * erasing owner's address hash) is remembered for ERASURE_MEMORY_S in the same transaction, so
   * `erasedBy` recognises the owner's retry.
   */
  async erase(id: string, by?: string): Promise<WriteResult<{ id: string }>> {
    // The delete is conditional on the version read, so an update that added a network meanwhile
    // cannot leave a membership behind; on such a race the partition is read again.
    const nowS = Math.floor(this.nowMs() / 1000);
    for (let attempt = 1; ; attempt++) {
      // The former-partners note outlives the erasure until compute-matches has used it.
      const items = (await this.partition(id)).filter((i) => i.entity !== ENTITY.formerPartners);
      if (items.length === 0) return { outcome: 'not-found' };
      const profile = items.find((i) => i.entity === ENTITY.profile);
      const memberships = items.filter((i) => i.entity === ENTITY.membership);
      const partners = [...new Set(items.filter((i) => i.entity === ENTITY.match).map((i) => String(i.SK).slice(keys.matchPrefix.length)))];
      if (profile) {
        try {
          await this.doc.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Delete: {
                    TableName: this.tableName,
                    Key: { PK: profile.PK as string, SK: profile.SK as string },
                    ConditionExpression: 'version = :version',
                    ExpressionAttributeValues: { ':version': profile.version },
                  },
                },
                ...memberships.map((item) => ({ Delete: { TableName: this.tableName, Key: { PK: item.PK as string, SK: item.SK as string } } })),
                { Delete: { TableName: this.tableName, Key: keys.addressOfProfile(addressHash((profile as unknown as Profile).contact.email), id) } },
                ...(by === undefined ? [] : [{ Put: { TableName: this.tableName, Item: { ...keys.erasure(id), entity: ENTITY.erasure, by, [TABLE.ttlAttribute]: nowS + ERASURE_MEMORY_S } } }]),
                ...(partners.length > 0
                  ? [{ Put: { TableName: this.tableName, Item: { ...keys.formerPartners(id), entity: ENTITY.formerPartners, partners, [TABLE.ttlAttribute]: nowS + FORMER_PARTNERS_MEMORY_S } } }]
                  : []),
              ],
            }),
          );
        } catch (error) {
          retryAfterLostRace('erase', error, attempt);
          continue;
        }
      }
      const rest = items.filter((i) => i !== profile && !memberships.includes(i));
      const ownMatches = rest.filter((i) => i.entity === ENTITY.match);
      await removeNetworkCopies(this.doc, this.tableName, ownMatches as unknown as MatchItem[]);
      const mirrors = ownMatches.map((i) => keys.match(String(i.SK).slice(keys.matchPrefix.length), id));
      await batchDelete(this.doc, this.tableName, [...mirrors, ...rest.map((i) => ({ PK: i.PK as string, SK: i.SK as string }))]);
      // Its entries waiting for its digest name its matches and partners: they go too.
      await batchDelete(this.doc, this.tableName, await this.digestEntriesOf(id));
      return { outcome: 'ok', value: { id } };
    }
  }

  /** The keys of a member's entries waiting for its digest (one partition, its own prefix). */
  private async digestEntriesOf(id: string): Promise<{ PK: string; SK: string }[]> {
    const found: { PK: string; SK: string }[] = [];
    const prefix = keys.digestEntry('member', id, '').SK;
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.digestPartition, ':prefix': prefix },
      ProjectionExpression: 'PK, SK',
    })) {
      for (const item of page.Items ?? []) found.push({ PK: item.PK as string, SK: item.SK as string });
    }
    return found;
  }

  /**
   * An address opened a link about the profile. A confirmation link (no `change`) confirms a
   * pending profile that names the address: it becomes active. A contact change's link (`change`:
   * the version that asked for it, see PendingContact) applies that change, if it still waits: the
   * contact replaced, the address items moved and the matching views re-owned, in one transaction
   * conditioned on the version read, so a change replaced or cancelled meanwhile makes it fail.
   * Either way a new version: a confirmation is published (ProfileSubmitted) and matching runs; a
   * contact change is a ProfileUpdated naming `contact` (not its value), so matching runs for the
   * new owner (see publish-changes' changedFields).
   *
   * `spend`: the link's token, spent in that same transaction, so a failure (an error, a race lost
   * on every attempt) leaves both undone and the link still works. Returns `spent` when the token
   * was used by another request or expired (nothing written), and `confirmed` when the transaction
   * was applied but its reply lost (the token names this `useId`). `unchanged` and `refused` spend
   * nothing: the caller spends the token on its own (a plain sign-in).
   */
  async confirm(id: string, confirmingAddressHash: string, now: string, change?: number, spend?: TokenSpend): Promise<'confirmed' | 'unchanged' | 'refused' | 'spent'> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(id);
      if (!current || !awaitsAddress(current, confirmingAddressHash, change)) return spend && attempt > 1 ? await this.spentHere(spend, 'refused') : 'refused';
      const { pendingContact, ...rest } = current;
      if (change === undefined && current.status !== 'pending') return spend && attempt > 1 ? await this.spentHere(spend, 'unchanged') : 'unchanged';
      const next: Profile = { ...rest, status: 'active', version: current.version + 1, updatedAt: now, ...(change !== undefined && pendingContact ? { contact: { name: pendingContact.name, email: pendingContact.email } } : {}) };
      const stored = await this.membershipItemsOf(id);
      try {
        await this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              // First, so that its cancellation reason is the first one.
              ...(spend ? [{ Update: spendTokenUpdate(this.tableName, spend) }] : []),
              this.replaceVersion(next, current.version),
              ...(change === undefined
                ? [{ ConditionCheck: { TableName: this.tableName, Key: keys.addressOfProfile(confirmingAddressHash, id), ConditionExpression: 'attribute_exists(PK)' } }]
                : this.moveAddress(current, next)),
              ...membershipItems(next, stored).map((Item) => ({ Put: { TableName: this.tableName, Item } })),
            ],
          }),
        );
        return 'confirmed';
      } catch (error) {
        if (spend && error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return this.spentHere(spend, 'spent');
        // Changed meanwhile: read again, and confirm only if it still awaits this address.
        retryAfterLostRace('confirm', error, attempt);
      }
    }
  }

  /**
   * After a lost race: `confirmed` if the token names this use (an attempt of ours was applied, its
   * reply lost and the SDK's retry refused), `spent` if another use or expiry took it, else `otherwise`.
   */
  private async spentHere(spend: TokenSpend, otherwise: 'refused' | 'unchanged' | 'spent'): Promise<'confirmed' | 'unchanged' | 'refused' | 'spent'> {
    const token = await tokenItem(this.doc, this.tableName, spend.tokenHash);
    if (token?.usedBy === spend.useId) return 'confirmed';
    const expires = Number(token?.[TABLE.ttlAttribute]);
    return token === undefined || token.usedBy !== undefined || !(expires > spend.nowEpoch) ? 'spent' : otherwise;
  }

  /** The address item of `current`'s contact replaced by one of `next`'s. */
  private moveAddress(current: Profile, next: Profile) {
    return [
      { Delete: { TableName: this.tableName, Key: keys.addressOfProfile(addressHash(current.contact.email), current.id) } },
      { Put: { TableName: this.tableName, Item: profileAddressItem(next.contact.email, next.id) } },
    ];
  }

  /**
   * A coordinator approves or rejects a profile's membership in a network: a new version of the
   * profile, its membership items following in the same transaction (approving the first network
   * also makes an open profile findable outside it). Retries on a concurrent edit.
   */
  async setMembership(id: string, networkId: string, status: Exclude<MembershipStatus, 'requested'>, now: string): Promise<MembershipChange> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(id);
      if (!current || !current.networks.includes(networkId)) return 'not-member';
      const memberships = nextMemberships(current, current.networks);
      if (memberships[networkId] === status) return 'unchanged';
      const next: Profile = { ...current, memberships: { ...memberships, [networkId]: status }, version: current.version + 1, updatedAt: now };
      const stored = await this.membershipItemsOf(id);
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: this.replaceWithMemberships(current, next, stored) }));
        return 'changed';
      } catch (error) {
        retryAfterLostRace('setMembership', error, attempt);
      }
    }
  }

  /**
   * The next version of a profile over the one read, with its membership items put and the dropped
   * ones deleted. `stored`: the membership items read with `current` (see membershipItems); the
   * version condition on the profile makes the write fail if they changed since.
   */
  private replaceWithMemberships(current: Profile, next: Profile, stored: readonly Record<string, unknown>[]) {
    const kept = new Set(membershipItemScopes(next));
    const dropped = membershipItemScopes(current).filter((scope) => !kept.has(scope));
    return [
      this.replaceVersion(next, current.version),
      ...membershipItems(next, stored).map((Item) => ({ Put: { TableName: this.tableName, Item } })),
      ...dropped.map((scope) => {
        const { PK, SK } = keys.membership(current.id, scope);
        return { Delete: { TableName: this.tableName, Key: { PK, SK } } };
      }),
    ];
  }

  /** Writes the next version of a profile only over the version it was derived from. */
  private replaceVersion(next: Profile, expectedVersion: number) {
    return {
      Put: {
        TableName: this.tableName,
        Item: profileItem(next),
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': expectedVersion },
      },
    };
  }

  /**
   * A profile's membership items, read consistently. They change only in the transactions that
   * write a profile version, so those read after the profile belong to it unless the write
   * conditioned on that version fails.
   */
  private async membershipItemsOf(id: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.profilePartition(id), ':prefix': keys.membershipPrefix },
      ConsistentRead: true,
    })) {
      items.push(...(page.Items ?? []));
    }
    return items;
  }

  /** The standing of a profile's membership in a network, with the one before it when kept (consistent read); undefined without one. */
  async membership(id: string, networkId: string): Promise<MembershipAsItStands | undefined> {
    const { PK, SK } = keys.membership(id, networkId);
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { PK, SK },
        ConsistentRead: true,
        ProjectionExpression: 'membershipStatus, statusVersion, profileVersion, previousStatus, previousStatusVersion, previousStatusAt, #view',
        ExpressionAttributeNames: { '#view': 'view' },
      }),
    );
    return Item ? membershipAsItStandsOf(Item) : undefined;
  }

  private async partition(id: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.profilePartition(id) },
      ConsistentRead: true,
    })) {
      items.push(...(page.Items ?? []));
    }
    return items;
  }
}
