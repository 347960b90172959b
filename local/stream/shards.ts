// The shards of one DynamoDB stream and where the poller stands in each. A stream's shards form a
// lineage: when a shard is closed (DynamoDB Local rolls its open shard over every four hours; AWS
// splits and rolls shards as it likes), writes go on in a child shard. Records of one item can sit
// in the parent and in the child, so a child is read only once its parent is finished, or once the
// parent has gone from the listing (trimmed after 24 hours).

import { DescribeStreamCommand, type DynamoDBStreamsClient, type Shard } from '@aws-sdk/client-dynamodb-streams';

export type StartingPosition = 'TRIM_HORIZON' | 'LATEST';

export interface ShardState {
  readonly shardId: string;
  readonly parentShardId: string | undefined;
  /** Where to read from when the shard has neither an iterator nor a checkpoint. */
  startAt: StartingPosition;
  /** The iterator for the next GetRecords, once acquired. */
  iterator: string | undefined;
  /** Sequence number of the last record the poller is done with (delivered or dead-lettered). */
  checkpoint: string | undefined;
  /** GetRecords returned no NextShardIterator: the shard is closed and read to its end. */
  finished: boolean;
}

/** Every shard of the stream: DescribeStream, paginated with ExclusiveStartShardId. */
export async function describeShards(client: DynamoDBStreamsClient, streamArn: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let exclusiveStartShardId: string | undefined;
  do {
    const { StreamDescription } = await client.send(
      new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId, Limit: 100 }),
    );
    shards.push(...(StreamDescription?.Shards ?? []));
    const next = StreamDescription?.LastEvaluatedShardId;
    // A server that hands back the same page again would loop forever; stop instead.
    exclusiveStartShardId = next && next !== exclusiveStartShardId ? next : undefined;
  } while (exclusiveStartShardId);
  return shards;
}

export class ShardTracker {
  private readonly shards = new Map<string, ShardState>();

  constructor(private readonly startingPosition: StartingPosition) {}

  /**
   * Merges a DescribeStream listing and returns the shards seen for the first time. Shards of the
   * first listing start at the configured position; with LATEST, closed shards there hold nothing
   * new and count as finished. A shard that appears later holds only records written after the
   * poller started, so it is read from its beginning (TRIM_HORIZON) whatever the configuration.
   * Finished shards that left the listing are forgotten.
   */
  update(listed: readonly Shard[], initial: boolean): ShardState[] {
    const added: ShardState[] = [];
    const listedIds = new Set<string>();
    for (const shard of listed) {
      if (!shard.ShardId) continue;
      listedIds.add(shard.ShardId);
      if (this.shards.has(shard.ShardId)) continue;
      const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
      const state: ShardState = {
        shardId: shard.ShardId,
        parentShardId: shard.ParentShardId,
        startAt: initial ? this.startingPosition : 'TRIM_HORIZON',
        iterator: undefined,
        checkpoint: undefined,
        finished: initial && this.startingPosition === 'LATEST' && closed,
      };
      this.shards.set(state.shardId, state);
      added.push(state);
    }
    for (const [shardId, state] of this.shards) {
      if (state.finished && !listedIds.has(shardId)) this.shards.delete(shardId);
    }
    return added;
  }

  /** Shards to read now: not finished, and with no unfinished parent. In discovery order. */
  ready(): ShardState[] {
    return [...this.shards.values()].filter((shard) => {
      if (shard.finished) return false;
      const parent = shard.parentShardId === undefined ? undefined : this.shards.get(shard.parentShardId);
      return parent === undefined || parent.finished;
    });
  }

  all(): ShardState[] {
    return [...this.shards.values()];
  }

  unfinished(): ShardState[] {
    return [...this.shards.values()].filter((shard) => !shard.finished);
  }
}
