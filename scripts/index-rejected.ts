import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, paginateScan, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENTITY, TABLE, keys } from '@culturebridge/store';

/**
 * Gives each rejected membership item stored before 2026-11-30 (when rejected memberships were not
 * indexed) its key in the network's rejected partition, so GET /networks/{id}/rejected lists it
 * without waiting for its profile's next write. One scan of the table, once, by the operator; an
 * item changed meanwhile (approved, or rewritten with its key) is left as its own write made it.
 * The items keep their status, so the stream publishes nothing. Returns how many it indexed.
 */
export async function indexRejectedMemberships(doc: DynamoDBDocumentClient, tableName: string): Promise<number> {
  const names = { '#entity': 'entity', '#status': 'membershipStatus', '#pk': TABLE.networkIndex.partitionKey, '#sk': TABLE.networkIndex.sortKey };
  let indexed = 0;
  for await (const page of paginateScan({ client: doc }, {
    TableName: tableName,
    FilterExpression: '#entity = :membership AND #status = :rejected AND attribute_not_exists(#pk)',
    ProjectionExpression: 'PK, SK',
    ExpressionAttributeNames: { '#entity': names['#entity'], '#status': names['#status'], '#pk': names['#pk'] },
    ExpressionAttributeValues: { ':membership': ENTITY.membership, ':rejected': 'rejected' },
  })) {
    for (const item of page.Items ?? []) {
      const profileId = String(item.PK).slice(keys.profilePartition('').length);
      const networkId = String(item.SK).slice(keys.membershipPrefix.length);
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { PK: item.PK, SK: item.SK },
            UpdateExpression: 'SET #pk = :pk, #sk = :sk',
            ConditionExpression: '#entity = :membership AND #status = :rejected AND attribute_not_exists(#pk)',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':membership': ENTITY.membership, ':rejected': 'rejected', ':pk': keys.rejectedMembershipPartition(networkId), ':sk': keys.membership(profileId, networkId).GSI1SK },
          }),
        );
        indexed++;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }
  return indexed;
}
