import { UpdateCommand, type DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { isPublishedCopy, networkMatchUpdates, removeNetworkMatch, type MatchItem } from './match-items.js';
import { fromItem } from './profile-items.js';
import { ENTITY } from './table.js';

/**
 * Takes matches out of their networks' projections when the matches themselves are deleted
 * (erasure). One UpdateItem per match and network; idempotent, so a retried erasure is harmless.
 */
export async function removeNetworkCopies(doc: DynamoDBDocumentClient, tableName: string, matches: readonly Pick<MatchItem, 'profileIds' | 'sharedNetworks'>[]): Promise<void> {
  const updates = matches.flatMap((m) => (m.sharedNetworks ?? []).map((n) => removeNetworkMatch(tableName, n, m.profileIds).Update));
  for (let i = 0; i < updates.length; i += 10) await Promise.all(updates.slice(i, i + 10).map((u) => doc.send(new UpdateCommand(u))));
}

/**
 * Writes the projection entries of matches stored before the projection existed. One Scan of the
 * table (a migration, run once, not a request path). An entry is set only if it is missing or older
 * than the match, so a match written meanwhile is never overwritten with stale data; a second run
 * writes nothing. Returns how many entries it wrote.
 */
export async function backfillNetworkMatches(doc: DynamoDBDocumentClient, tableName: string): Promise<number> {
  let written = 0;
  for await (const page of paginateScan({ client: doc }, {
    TableName: tableName,
    FilterExpression: 'entity = :match',
    ExpressionAttributeValues: { ':match': ENTITY.match },
  })) {
    for (const raw of page.Items ?? []) {
      const match = fromItem<MatchItem>(raw);
      if (!isPublishedCopy(match)) continue;
      for (const { Update } of networkMatchUpdates(tableName, match)) {
        try {
          // Only a missing entry: the entry's version is inside its encoding, and every write of the
          // match since the projection exists has written the entry too.
          await doc.send(new UpdateCommand({ ...Update, ConditionExpression: 'attribute_not_exists(#m)' }));
          written++;
        } catch (error) {
          if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
        }
      }
    }
  }
  return written;
}
