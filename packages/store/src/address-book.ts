import { createHash } from 'node:crypto';
import { paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENTITY, keys } from './table.js';

/**
 * The key of an address: SHA-256 of the trimmed, lower-cased address, hex. The table indexes
 * addresses (sign-in, suppression) only by this hash, so those items are no second copy of people's
 * addresses. Lower-casing matches how profiles and coordinators store addresses.
 */
export function addressHash(address: string): string {
  return createHash('sha256').update(address.trim().toLowerCase()).digest('hex');
}

/**
 * The `owner` of a profile's matching view: equal for profiles with the same contact address, so
 * matching never proposes a member's profiles to each other. Derived apart from `addressHash` and
 * cut to 64 bits, so the network index holds no key that finds the address's sign-in items; a
 * collision (about 1 in 10^10 for 10 000 addresses) would only keep one pair from matching.
 */
export function ownerKey(address: string): string {
  return createHash('sha256').update(`owner\u0000${address.trim().toLowerCase()}`).digest('hex').slice(0, 16);
}

export function profileAddressItem(email: string, profileId: string) {
  return { ...keys.addressOfProfile(addressHash(email), profileId), entity: ENTITY.address, profileId };
}

export function coordinatorAddressItem(email: string, networkId: string, coordinatorId: string) {
  return { ...keys.addressOfCoordinator(addressHash(email), networkId, coordinatorId), entity: ENTITY.address, networkId, coordinatorId };
}

export interface AddressOwnership {
  profiles: string[];
  coordinators: { networkId: string; coordinatorId: string }[];
}

/** What an address owns: the profiles it is the contact of and the networks it coordinates. */
export class AddressBook {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async ownedBy(hash: string): Promise<AddressOwnership> {
    const owned: AddressOwnership = { profiles: [], coordinators: [] };
    for await (const page of paginateQuery({ client: this.doc }, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.addressPartition(hash) },
      ConsistentRead: true,
    })) {
      for (const item of page.Items ?? []) {
        if (typeof item.profileId === 'string') owned.profiles.push(item.profileId);
        else if (typeof item.networkId === 'string' && typeof item.coordinatorId === 'string') owned.coordinators.push({ networkId: item.networkId, coordinatorId: item.coordinatorId });
      }
    }
    return owned;
  }
}
