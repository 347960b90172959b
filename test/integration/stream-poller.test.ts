import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as SdkRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { localDynamoDbClient } from '../../local/dynamodb-local.js';
import { pollUntil } from '../../local/poll.js';
import { startStreamPoller, type FailureRecord, type StreamPoller, type StreamPollerOptions } from '../../local/stream-poller.js';
import { freshTable, type TestTable } from '../support/table.js';

const FAST = { pollIntervalMs: 20, retryBaseDelayMs: 5, retryMaxDelayMs: 20 } as const;

const running: StreamPoller[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((poller) => poller.stop()));
});

async function start(options: StreamPollerOptions): Promise<StreamPoller> {
  const poller = await startStreamPoller({ ...FAST, ...options });
  running.push(poller);
  return poller;
}

const keyOf = (record: DynamoDBRecord): string => record.dynamodb?.Keys?.PK?.S ?? '?';
const sequenceOf = (record: DynamoDBRecord): string => record.dynamodb?.SequenceNumber ?? '?';

type Respond = (records: DynamoDBRecord[], call: number) => DynamoDBBatchResponse | void;

/** A handler that keeps every invocation (its keys, records and context) and answers as `respond` says. */
function recordingHandler(respond: Respond = () => undefined) {
  const invocations: { keys: string[]; records: DynamoDBRecord[]; context: Context; ok: boolean }[] = [];
  const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse | void> => {
    const entry = { keys: event.Records.map(keyOf), records: event.Records, context, ok: false };
    invocations.push(entry);
    const response = respond(event.Records, invocations.length);
    entry.ok = !response || response.batchItemFailures.length === 0;
    return response;
  };
  return { handler, invocations };
}

async function putItems(table: TestTable, ids: number[]): Promise<void> {
  for (const id of ids) {
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { PK: `ITEM#${id}`, SK: 'A', n: id } }));
  }
}

const items = (...ids: number[]) => ids.map((id) => `ITEM#${id}`);

describe('stream poller on DynamoDB Local', () => {
  it('delivers INSERT, MODIFY and REMOVE in order, shaped as Lambda delivers them', async () => {
    const table = await freshTable('stream-shape');
    const { handler, invocations } = recordingHandler();
    const poller = await start({ endpoint: table.endpoint, tableName: table.tableName, handler, functionName: 'publish-changes' });

    const key = { PK: 'ITEM#1', SK: 'A' };
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...key, name: 'Ada', count: 1, tags: new Set(['x']), nested: { list: [1, 'two', true, null] }, blob: new Uint8Array([1, 2, 3]) },
      }),
    );
    await table.doc.send(
      new UpdateCommand({ TableName: table.tableName, Key: key, UpdateExpression: 'SET #name = :name', ExpressionAttributeNames: { '#name': 'name' }, ExpressionAttributeValues: { ':name': 'Grace' } }),
    );
    await table.doc.send(new DeleteCommand({ TableName: table.tableName, Key: key }));
    await poller.whenIdle();

    const records = invocations.flatMap((invocation) => invocation.records);
    expect(records.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);

    const describeClient = localDynamoDbClient(table.endpoint);
    const { Table } = await describeClient.send(new DescribeTableCommand({ TableName: table.tableName }));
    describeClient.destroy();
    expect(poller.streamArn).toBe(Table?.LatestStreamArn);

    const wireKey = { PK: { S: 'ITEM#1' }, SK: { S: 'A' } };
    const inserted = {
      ...wireKey,
      name: { S: 'Ada' },
      count: { N: '1' },
      tags: { SS: ['x'] },
      nested: { M: { list: { L: [{ N: '1' }, { S: 'two' }, { BOOL: true }, { NULL: true }] } } },
      blob: { B: 'AQID' },
    };
    const modified = { ...inserted, name: { S: 'Grace' } };
    const envelope = {
      eventID: expect.any(String),
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: expect.any(String),
      eventSourceARN: Table?.LatestStreamArn,
    };
    const streamFields = {
      ApproximateCreationDateTime: expect.any(Number),
      Keys: wireKey,
      SequenceNumber: expect.stringMatching(/^\d+$/),
      SizeBytes: expect.any(Number),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    };
    expect(records).toStrictEqual([
      { ...envelope, eventName: 'INSERT', dynamodb: { ...streamFields, NewImage: inserted } },
      { ...envelope, eventName: 'MODIFY', dynamodb: { ...streamFields, OldImage: inserted, NewImage: modified } },
      { ...envelope, eventName: 'REMOVE', dynamodb: { ...streamFields, OldImage: modified } },
    ]);
    for (const record of records) {
      // Epoch seconds (DynamoDB Local rounds them down to the minute), not milliseconds.
      expect(Math.abs((record.dynamodb?.ApproximateCreationDateTime ?? 0) - Date.now() / 1000)).toBeLessThan(120);
    }
    expect(new Set(records.map(sequenceOf)).size).toBe(3);
    expect(invocations[0]?.context).toMatchObject({ functionName: 'publish-changes', awsRequestId: expect.any(String) });
    expect(poller.deadLetters).toEqual([]);
  });

  it('delivers empty maps and lists as Lambda does, and loses no record of a batch that holds one', async () => {
    // The Streams SDK client reads {"M":{}} off the wire as {} (a value with no member); a network
    // record's empty settings once made the conversion throw and the whole batch was skipped.
    const table = await freshTable('stream-empty');
    const { handler, invocations } = recordingHandler();
    const poller = await start({ endpoint: table.endpoint, tableName: table.tableName, handler, functionName: 'publish-changes', batchSize: 100 });
    await putItems(table, [1]);
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { PK: 'ITEM#2', SK: 'A', settings: {}, list: [], nested: { inner: {}, items: [{}] } } }));
    await putItems(table, [3]);
    await poller.whenIdle();

    const records = invocations.filter((i) => i.ok).flatMap((i) => i.records);
    expect(records.map(keyOf)).toEqual(items(1, 2, 3));
    expect(records[1]?.dynamodb?.NewImage).toStrictEqual({
      PK: { S: 'ITEM#2' },
      SK: { S: 'A' },
      settings: { M: {} },
      list: { L: [] },
      nested: { M: { inner: { M: {} }, items: { L: [{ M: {} }] } } },
    });
    expect(poller.deadLetters).toEqual([]);
  });

  it('retries from the record a partial batch response names, and never resends the ones before it', async () => {
    const table = await freshTable('stream-partial');
    await putItems(table, [1, 2, 3, 4, 5]);
    let reported = false;
    const { handler, invocations } = recordingHandler((records) => {
      const third = records.find((record) => keyOf(record) === 'ITEM#3');
      if (reported || !third) return { batchItemFailures: [] };
      reported = true;
      return { batchItemFailures: [{ itemIdentifier: sequenceOf(third) }] };
    });
    const poller = await start({ endpoint: table.endpoint, tableName: table.tableName, handler, startingPosition: 'TRIM_HORIZON' });
    await poller.whenIdle();

    expect(invocations.map((invocation) => invocation.keys)).toEqual([items(1, 2, 3, 4, 5), items(3, 4, 5)]);
    expect(poller.deadLetters).toEqual([]);
  });

  it('fails the whole batch when a batchItemFailures itemIdentifier is not in the batch', async () => {
    const table = await freshTable('stream-invalid');
    await putItems(table, [1, 2, 3]);
    const { handler, invocations } = recordingHandler((_records, call) => (call === 1 ? { batchItemFailures: [{ itemIdentifier: 'no-such-record' }] } : undefined));
    const poller = await start({ endpoint: table.endpoint, tableName: table.tableName, handler, startingPosition: 'TRIM_HORIZON' });
    await poller.whenIdle();

    expect(invocations.map((invocation) => invocation.keys)).toEqual([items(1, 2, 3), items(1, 2, 3)]);
  });

  it('after maxRetries hands the still-failing records to onFailure as metadata only, then moves on', async () => {
    const table = await freshTable('stream-exhausted');
    await putItems(table, [1, 2, 3]);
    const failures: FailureRecord[] = [];
    const { handler, invocations } = recordingHandler((records) => {
      const second = records.find((record) => keyOf(record) === 'ITEM#2');
      return { batchItemFailures: second ? [{ itemIdentifier: sequenceOf(second) }] : [] };
    });
    const poller = await start({
      endpoint: table.endpoint,
      tableName: table.tableName,
      handler,
      startingPosition: 'TRIM_HORIZON',
      maxRetries: 2,
      onFailure: (failure) => failures.push(failure),
    });
    await poller.whenIdle();

    // The first invocation and two retries, each from the reported record on.
    expect(invocations.map((invocation) => invocation.keys)).toEqual([items(1, 2, 3), items(2, 3), items(2, 3)]);
    const [second, third] = invocations[1]?.records.map(sequenceOf) ?? [];
    expect(poller.deadLetters).toEqual([
      {
        condition: 'RetryAttemptsExhausted',
        streamArn: poller.streamArn,
        shardId: expect.stringMatching(/^shardId-/),
        startSequenceNumber: second,
        endSequenceNumber: third,
        approximateArrivalOfFirstRecord: expect.any(String),
        approximateArrivalOfLastRecord: expect.any(String),
        recordCount: 2,
        approximateInvokeCount: 3,
        error: expect.stringContaining(`record ${second}`),
        timestamp: expect.any(String),
      },
    ]);
    expect(failures).toEqual(poller.deadLetters);
    expect(JSON.stringify(poller.deadLetters)).not.toContain('ITEM#');

    // The shard is not stuck behind the given-up records.
    await putItems(table, [4]);
    await poller.whenIdle();
    expect(invocations.at(-1)?.keys).toEqual(items(4));
  });

  it('bisects a batch whose handler keeps throwing until the poison record is alone, and gives up only on it', async () => {
    const table = await freshTable('stream-poison');
    await putItems(table, [1, 2, 3, 4, 5, 6, 7, 8]);
    const { handler, invocations } = recordingHandler((records) => {
      if (records.some((record) => keyOf(record) === 'ITEM#5')) throw new Error('cannot map ITEM#5');
    });
    const onFailure: FailureRecord[] = [];
    const poller = await start({
      endpoint: table.endpoint,
      tableName: table.tableName,
      handler,
      startingPosition: 'TRIM_HORIZON',
      maxRetries: 2,
      onFailure: (failure) => onFailure.push(failure),
    });
    await poller.whenIdle();

    const delivered = invocations.filter((invocation) => invocation.ok).flatMap((invocation) => invocation.keys);
    expect(delivered).toEqual(items(1, 2, 3, 4, 6, 7, 8));
    const alone = invocations.filter((invocation) => invocation.keys.length === 1 && invocation.keys[0] === 'ITEM#5');
    expect(alone).toHaveLength(3); // the first try and two retries
    const poison = sequenceOf(alone[0]?.records[0] ?? {});
    expect(poller.deadLetters).toHaveLength(1);
    expect(poller.deadLetters[0]).toMatchObject({ startSequenceNumber: poison, endSequenceNumber: poison, recordCount: 1, error: 'cannot map ITEM#5' });
    expect(onFailure).toEqual(poller.deadLetters);
  });

  it('stop() lets the batch in flight finish and leaves no timers or sockets behind', async () => {
    const table = await freshTable('stream-stop');
    const handles = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout' || kind === 'TCPSocketWrap').length;
    const before = handles();

    let entered!: () => void;
    const handlerEntered = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    const poller = await startStreamPoller({
      ...FAST,
      endpoint: table.endpoint,
      tableName: table.tableName,
      handler: async (event) => {
        if (event.Records.some((record) => keyOf(record) !== 'ITEM#2')) return;
        entered();
        await gate;
        finished = true;
      },
    });

    await putItems(table, [1]);
    await poller.whenIdle();
    await putItems(table, [2]);
    await handlerEntered;
    let stopped = false;
    const stopping = poller.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
    await expect(poller.whenIdle()).rejects.toThrow(/stopped/);

    // What would keep the worker alive: timers and sockets in use (idle keep-alive sockets are unref'd).
    await pollUntil('the poller to leave no timers or sockets', async () => (handles() <= before ? true : undefined), { timeoutMs: 5_000 });
  });
});

const SCRIPTED_ARN = 'arn:aws:dynamodb:eu-central-1:000000000000:table/t/stream/2026-01-01T00:00:00.000';

/** An SDK stream record as GetRecords returns it (Date and Uint8Array, not wire form). */
const sdkRecord = (sequence: string): SdkRecord => ({
  eventID: `e-${sequence}`,
  eventName: 'INSERT',
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: 'eu-central-1',
  dynamodb: {
    ApproximateCreationDateTime: new Date('2026-01-01T00:01:00.000Z'),
    Keys: { PK: { S: `ITEM#${sequence}` } },
    NewImage: { PK: { S: `ITEM#${sequence}` }, data: { B: new Uint8Array([255]) } },
    SequenceNumber: sequence,
    SizeBytes: 10,
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  },
});

type RecordsPage = { Records: SdkRecord[]; NextShardIterator?: string };

/**
 * Stream clients that play a script instead of DynamoDB Local, for what Local does only every few
 * hours (closing a shard and opening a child) or after 15 minutes (expiring an iterator).
 */
function scriptedStream(script: {
  describePages: Record<string, { Shards: Shard[]; LastEvaluatedShardId?: string }>;
  iterator: (input: { ShardId: string; ShardIteratorType: string; SequenceNumber?: string }) => string;
  records: (iterator: string) => RecordsPage;
}) {
  const config = { region: 'eu-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 };
  const client = new DynamoDBStreamsClient(config);
  const dynamodb = new DynamoDBClient(config);
  mockClient(dynamodb).on(DescribeTableCommand).resolves({ Table: { LatestStreamArn: SCRIPTED_ARN, StreamSpecification: { StreamEnabled: true } } });
  const streams = mockClient(client);
  const iteratorRequests: string[] = [];
  const reads: string[] = [];
  streams.on(DescribeStreamCommand).callsFake((input: { ExclusiveStartShardId?: string }) => ({
    StreamDescription: { StreamArn: SCRIPTED_ARN, ...script.describePages[input.ExclusiveStartShardId ?? 'first'] },
  }));
  streams.on(GetShardIteratorCommand).callsFake((input: { ShardId: string; ShardIteratorType: string; SequenceNumber?: string }) => {
    iteratorRequests.push(`${input.ShardId} ${input.ShardIteratorType}${input.SequenceNumber ? ` ${input.SequenceNumber}` : ''}`);
    return { ShardIterator: script.iterator(input) };
  });
  streams.on(GetRecordsCommand).callsFake((input: { ShardIterator: string }) => {
    reads.push(input.ShardIterator);
    return script.records(input.ShardIterator);
  });
  return {
    connection: { client, dynamodb },
    iteratorRequests,
    reads,
    // The clients were passed in, so they are the caller's to destroy.
    destroy: () => {
      client.destroy();
      dynamodb.destroy();
    },
  };
}

describe('stream poller on a scripted stream', () => {
  it('pages through DescribeStream and reads a child shard only after its parent is finished', async () => {
    // Listed child first, over three pages; the orphan's parent was trimmed long ago.
    const parent: Shard = { ShardId: 'shardId-parent', SequenceNumberRange: { StartingSequenceNumber: '100', EndingSequenceNumber: '200' } };
    const child: Shard = { ShardId: 'shardId-child', ParentShardId: 'shardId-parent', SequenceNumberRange: { StartingSequenceNumber: '300' } };
    const orphan: Shard = { ShardId: 'shardId-orphan', ParentShardId: 'shardId-trimmed', SequenceNumberRange: { StartingSequenceNumber: '500' } };
    const pages: Record<string, RecordsPage> = {
      'shardId-parent#0': { Records: [sdkRecord('100'), sdkRecord('200')], NextShardIterator: 'shardId-parent#1' },
      'shardId-parent#1': { Records: [] }, // closed and read to its end
      'shardId-child#0': { Records: [sdkRecord('300')], NextShardIterator: 'shardId-child#1' },
      'shardId-child#1': { Records: [], NextShardIterator: 'shardId-child#1' },
      'shardId-orphan#0': { Records: [sdkRecord('500')], NextShardIterator: 'shardId-orphan#1' },
      'shardId-orphan#1': { Records: [], NextShardIterator: 'shardId-orphan#1' },
    };
    const stream = scriptedStream({
      describePages: {
        first: { Shards: [child], LastEvaluatedShardId: 'shardId-child' },
        'shardId-child': { Shards: [parent], LastEvaluatedShardId: 'shardId-parent' },
        'shardId-parent': { Shards: [orphan] },
      },
      iterator: ({ ShardId }) => `${ShardId}#0`,
      records: (iterator) => pages[iterator] ?? { Records: [] },
    });

    const { handler, invocations } = recordingHandler();
    const poller = await start({ ...stream.connection, tableName: 't', handler, startingPosition: 'TRIM_HORIZON' });
    await poller.whenIdle();
    await poller.stop();
    stream.destroy();

    const delivered = invocations.flatMap((invocation) => invocation.records.map(sequenceOf));
    expect([...delivered].sort()).toEqual(['100', '200', '300', '500']);
    expect(delivered.indexOf('300')).toBeGreaterThan(delivered.indexOf('200'));
    expect(stream.reads.indexOf('shardId-child#0')).toBeGreaterThan(stream.reads.indexOf('shardId-parent#1'));
    expect([...stream.iteratorRequests].sort()).toEqual(['shardId-child TRIM_HORIZON', 'shardId-orphan TRIM_HORIZON', 'shardId-parent TRIM_HORIZON']);
    expect(invocations[0]?.records[0]).toStrictEqual({
      eventID: 'e-100',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-central-1',
      eventSourceARN: SCRIPTED_ARN,
      dynamodb: {
        ApproximateCreationDateTime: 1767225660,
        Keys: { PK: { S: 'ITEM#100' } },
        NewImage: { PK: { S: 'ITEM#100' }, data: { B: '/w==' } },
        SequenceNumber: '100',
        SizeBytes: 10,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
  });

  it('takes a new iterator after the checkpoint when one expires, so nothing is skipped or resent', async () => {
    let expired = false;
    const stream = scriptedStream({
      describePages: { first: { Shards: [{ ShardId: 'shardId-a', SequenceNumberRange: { StartingSequenceNumber: '100' } }] } },
      iterator: ({ ShardIteratorType, SequenceNumber }) => (ShardIteratorType === 'AFTER_SEQUENCE_NUMBER' ? `after-${SequenceNumber}` : 'start'),
      records: (iterator) => {
        if (iterator === 'start') return { Records: [sdkRecord('100')], NextShardIterator: 'stale' };
        if (iterator === 'stale' && !expired) {
          expired = true;
          throw new ExpiredIteratorException({ message: 'Iterator expired', $metadata: {} });
        }
        if (iterator === 'after-100') return { Records: [sdkRecord('200')], NextShardIterator: 'tail' };
        return { Records: [], NextShardIterator: 'tail' };
      },
    });

    const { handler, invocations } = recordingHandler();
    const poller = await start({ ...stream.connection, tableName: 't', handler, startingPosition: 'TRIM_HORIZON' });
    await poller.whenIdle();
    await poller.stop();
    stream.destroy();

    expect(invocations.map((invocation) => invocation.records.map(sequenceOf))).toEqual([['100'], ['200']]);
    expect(stream.iteratorRequests).toEqual(['shardId-a TRIM_HORIZON', 'shardId-a AFTER_SEQUENCE_NUMBER 100']);
  });
});

describe('stream poller checkpoints on disk', () => {
  it('resumes after the last batch it finished: records written while it was stopped are delivered, nothing done is delivered again', async () => {
    const table = await freshTable('stream-checkpoint');
    const checkpointFile = join(mkdtempSync(join(tmpdir(), 'checkpoint-')), 'checkpoints.json');
    const first = recordingHandler();
    const poller = await start({ endpoint: table.endpoint, tableName: table.tableName, handler: first.handler, checkpointFile, startingPosition: 'TRIM_HORIZON' });
    await putItems(table, [1, 2, 3]);
    await poller.whenIdle();
    await poller.stop();
    expect(first.invocations.flatMap((i) => i.keys)).toEqual(items(1, 2, 3));

    // Written while nothing polls: LATEST alone would start past them and never publish them.
    await putItems(table, [4, 5]);
    const second = recordingHandler();
    const resumed = await start({ endpoint: table.endpoint, tableName: table.tableName, handler: second.handler, checkpointFile, startingPosition: 'LATEST' });
    await putItems(table, [6]);
    await resumed.whenIdle();
    expect(second.invocations.flatMap((i) => i.keys)).toEqual(items(4, 5, 6));
  });

  it('reads a shard from its beginning when the file has no checkpoint for it (the process died before its first batch was done)', async () => {
    const table = await freshTable('stream-no-checkpoint');
    const checkpointFile = join(mkdtempSync(join(tmpdir(), 'checkpoint-')), 'checkpoints.json');
    const { handler } = recordingHandler();
    const poller = await start({ endpoint: table.endpoint, tableName: table.tableName, handler, checkpointFile, startingPosition: 'LATEST' });
    await poller.whenIdle();
    await poller.stop();
    const saved = existsSync(checkpointFile) ? (JSON.parse(readFileSync(checkpointFile, 'utf8')) as { shards: Record<string, unknown> }) : { shards: {} };
    expect(Object.values(saved.shards).every((s) => !(s as { checkpoint?: string }).checkpoint)).toBe(true);
    await putItems(table, [7]);
    const later = recordingHandler();
    const resumed = await start({ endpoint: table.endpoint, tableName: table.tableName, handler: later.handler, checkpointFile, startingPosition: 'LATEST' });
    await resumed.whenIdle();
    expect(later.invocations.flatMap((i) => i.keys)).toEqual(items(7));
  });
});
