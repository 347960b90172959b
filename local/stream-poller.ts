/**
 * The local stand-in for Lambda's DynamoDB Streams event source mapping (DESIGN §4): reads the
 * table's stream on DynamoDB Local and invokes a Lambda handler in-process with the event Lambda
 * would send, honouring partial batch responses (ReportBatchItemFailures), bisecting on function
 * errors, retrying with backoff and sending exhausted records' metadata to an on-failure
 * destination. Wiring only: what a record means is the handler's business.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as SdkRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { lambdaContext } from './api-gateway.js';
import { localDynamoDbClient, LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local.js';
import { errorMessage } from './error-message.js';
import { classifyResponse, deliverBatch, type ExhaustedRecords, type InvocationOutcome, type RetryPolicy } from './stream/batch.js';
import { approximateArrival, toLambdaRecord } from './stream/lambda-record.js';
import { describeShards, ShardTracker, type ShardState, type StartingPosition } from './stream/shards.js';

export type { StartingPosition } from './stream/shards.js';

export type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse | void>;

/**
 * What the on-failure destination receives for records whose retries ran out: the metadata of
 * Lambda's DDBStreamBatchInfo, never the records themselves (their images may hold personal data).
 */
export interface FailureRecord {
  condition: 'RetryAttemptsExhausted';
  streamArn: string;
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  approximateArrivalOfFirstRecord: string | undefined;
  approximateArrivalOfLastRecord: string | undefined;
  /** How many records the range holds (DDBStreamBatchInfo.batchSize). */
  recordCount: number;
  approximateInvokeCount: number;
  /** Why the last invocation failed: the error the handler threw, or what its response reported. */
  error: string;
  /** When the records were given up, ISO 8601. */
  timestamp: string;
}

/** Console and the Powertools Logger both fit. */
export interface StreamPollerLogger {
  debug(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
}

type Connection =
  /** DynamoDB Local's endpoint: the poller creates (and on stop destroys) its clients. */
  | { endpoint: string; client?: undefined; dynamodb?: undefined }
  /** Clients of your own; `dynamodb` is used once, for DescribeTable. Neither is destroyed. */
  | { client: DynamoDBStreamsClient; dynamodb: DynamoDBClient; endpoint?: undefined };

export type StreamPollerOptions = Connection & {
  tableName: string;
  handler: StreamHandler;
  /** Shown to the handler as context.functionName. Default: `<tableName>-stream-consumer`. */
  functionName?: string;
  /** Most records per invocation (BatchSize). Default 100. */
  batchSize?: number;
  /** Retries of a failing batch before its records go to onFailure (MaximumRetryAttempts). Default 2. */
  maxRetries?: number;
  /** Split a batch in two when the handler throws (BisectBatchOnFunctionError). Default true. */
  bisectOnError?: boolean;
  /** Wait between reads when the stream has nothing new. Default 100 ms. */
  pollIntervalMs?: number;
  /** Delay before the first retry of a batch, doubling per retry up to retryMaxDelayMs. Default 100 ms. */
  retryBaseDelayMs?: number;
  /** Default 5 000 ms. */
  retryMaxDelayMs?: number;
  /** How often the shard listing is read again to find new shards. Default 5 000 ms. */
  shardRefreshMs?: number;
  /** Where to begin in shards that exist at start (StartingPosition). Default 'LATEST'. */
  startingPosition?: StartingPosition;
  /**
   * Keeps the checkpoint of each shard in this file (JSON), written after every batch is done with,
   * and resumes from it at start, so a stop of any kind (kill -9 included) neither skips records
   * (a batch in flight when the process died is read again: delivered at least once) nor starts
   * over. Shards the file does not know were created since, and are read from their beginning.
   */
  checkpointFile?: string;
  /** The on-failure destination: called once per range of records given up. */
  onFailure?: (failure: FailureRecord) => void;
  /** Quiet unless given: a debug line per invocation, a warning per dead letter or read error. */
  logger?: StreamPollerLogger;
};

export interface StreamPoller {
  readonly streamArn: string;
  /** Every range of records given up so far, oldest first. */
  readonly deadLetters: readonly FailureRecord[];
  /**
   * Resolves once every record written before the call has been handed to the handler and the
   * handler has settled (or the record went to the dead letters): a full pass over a fresh shard
   * listing that started after the call found nothing new. Rejects after `timeoutMs` (default
   * 30 000) or when the poller stops first.
   */
  whenIdle(options?: { timeoutMs?: number }): Promise<void>;
  /** Lets the batch in flight finish (retries without their backoff), stops polling, frees clients. */
  stop(): Promise<void>;
}

const QUIET: StreamPollerLogger = { debug: () => undefined, warn: () => undefined };
const MAX_RECORDS_PER_GET = 1000;
const MAX_ERROR_LENGTH = 500;

/** The checkpoint file's content. */
interface SavedCheckpoints {
  streamArn: string;
  shards: Record<string, { checkpoint?: string; finished?: boolean }>;
}

interface Settings extends RetryPolicy {
  checkpointFile?: string;
  tableName: string;
  functionName: string;
  batchSize: number;
  pollIntervalMs: number;
  shardRefreshMs: number;
  startingPosition: StartingPosition;
}

interface IdleWaiter {
  after: number;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

function settingsFrom(options: StreamPollerOptions): Settings {
  const settings: Settings = {
    tableName: options.tableName,
    functionName: options.functionName ?? `${options.tableName}-stream-consumer`,
    batchSize: options.batchSize ?? 100,
    maxRetries: options.maxRetries ?? 2,
    bisectOnError: options.bisectOnError ?? true,
    pollIntervalMs: options.pollIntervalMs ?? 100,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 100,
    retryMaxDelayMs: options.retryMaxDelayMs ?? 5_000,
    shardRefreshMs: options.shardRefreshMs ?? 5_000,
    startingPosition: options.startingPosition ?? 'LATEST',
    checkpointFile: options.checkpointFile,
  };
  const requireWholeNumber = (name: keyof Settings, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const value = settings[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new Error(`stream poller: ${name} must be a whole number from ${min} to ${max}, got ${String(value)}`);
    }
  };
  requireWholeNumber('batchSize', 1, 10_000);
  requireWholeNumber('maxRetries', 0, 10_000);
  for (const name of ['pollIntervalMs', 'retryBaseDelayMs', 'retryMaxDelayMs', 'shardRefreshMs'] as const) requireWholeNumber(name, 0);
  if (settings.startingPosition !== 'LATEST' && settings.startingPosition !== 'TRIM_HORIZON') {
    throw new Error(`stream poller: startingPosition must be LATEST or TRIM_HORIZON, got ${String(settings.startingPosition)}`);
  }
  return settings;
}

async function findStreamArn(dynamodb: DynamoDBClient, tableName: string): Promise<string> {
  const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
  if (!Table?.LatestStreamArn || Table.StreamSpecification?.StreamEnabled === false) {
    throw new Error(`table ${tableName} has no stream enabled, so there is nothing to poll (StreamSpecification.StreamEnabled)`);
  }
  return Table.LatestStreamArn;
}

const errorName = (error: unknown): string | undefined => (error as { name?: unknown } | null)?.name as string | undefined;

const clip = (text: string): string => (text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text);

function describeOutcome(outcome: InvocationOutcome): string {
  switch (outcome.kind) {
    case 'success':
      return 'ok';
    case 'partial':
      return `partial failure from record #${outcome.index + 1}`;
    case 'invalid-response':
      return `invalid batch response (${outcome.message})`;
    case 'function-error':
      return `error (${outcome.message})`;
  }
}

class Poller implements StreamPoller {
  readonly deadLetters: FailureRecord[] = [];
  private readonly tracker: ShardTracker;
  private readonly log: StreamPollerLogger;
  private passes = 0;
  private lastDescribe = 0;
  private shardFinishedSinceDescribe = false;
  private waiters: IdleWaiter[] = [];
  private stopping = false;
  private sleeper: { kind: 'idle' | 'backoff'; wake: () => void } | undefined;
  private loop: Promise<void> | undefined;
  private stopped: Promise<void> | undefined;

  constructor(
    readonly streamArn: string,
    private readonly streams: DynamoDBStreamsClient,
    private readonly ownsClient: boolean,
    private readonly settings: Settings,
    private readonly handler: StreamHandler,
    private readonly onFailure: ((failure: FailureRecord) => void) | undefined,
    logger: StreamPollerLogger | undefined,
  ) {
    this.tracker = new ShardTracker(settings.startingPosition);
    this.log = logger ?? QUIET;
  }

  /** Lists the shards and, for LATEST, takes the iterators now, so later writes are all seen. */
  async init(): Promise<void> {
    this.tracker.update(await describeShards(this.streams, this.streamArn), true);
    this.resumeFromCheckpoints();
    // From the first start on, the file names every shard: one without a checkpoint is then read
    // from its beginning after a restart, never from LATEST.
    this.saveCheckpoints();
    this.lastDescribe = Date.now();
    if (this.settings.startingPosition === 'LATEST') {
      for (const shard of this.tracker.unfinished()) await this.acquireIterator(shard);
    }
    this.loop = this.run().catch((error: unknown) => this.log.warn(`stream poller for ${this.settings.tableName} failed: ${errorMessage(error)}`));
  }

  /** Applies the saved checkpoints of this stream; without a file (first start) the starting position rules. */
  private resumeFromCheckpoints(): void {
    const file = this.settings.checkpointFile;
    if (!file || !existsSync(file)) return;
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedCheckpoints;
    if (saved.streamArn !== this.streamArn) {
      this.log.warn(`stream ${this.settings.tableName}: the saved checkpoints are of another stream (the table was created again); starting at ${this.settings.startingPosition}`);
      return;
    }
    for (const shard of this.tracker.all()) {
      const state = saved.shards[shard.shardId];
      shard.checkpoint = state?.checkpoint;
      shard.finished = state?.finished ?? false;
      // Not in the file (created after the last save), or nothing delivered from it yet: whatever it
      // holds may be unpublished, so it is read from its beginning.
      if (!state?.checkpoint) shard.startAt = 'TRIM_HORIZON';
    }
  }

  /** Writes every shard's checkpoint; write-then-rename, so a kill leaves the old file or the new one. */
  private saveCheckpoints(): void {
    const file = this.settings.checkpointFile;
    if (!file) return;
    const shards: SavedCheckpoints['shards'] = {};
    for (const shard of this.tracker.all()) shards[shard.shardId] = { ...(shard.checkpoint ? { checkpoint: shard.checkpoint } : {}), ...(shard.finished ? { finished: true } : {}) };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify({ streamArn: this.streamArn, shards } satisfies SavedCheckpoints));
    renameSync(`${file}.tmp`, file);
  }

  whenIdle({ timeoutMs = 30_000 }: { timeoutMs?: number } = {}): Promise<void> {
    if (this.stopping) return Promise.reject(new Error(`stream poller for ${this.settings.tableName} is stopped`));
    return new Promise<void>((resolve, reject) => {
      const waiter: IdleWaiter = {
        after: this.passes,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`stream poller for ${this.settings.tableName} was not idle within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
      if (this.sleeper?.kind === 'idle') this.sleeper.wake();
    });
  }

  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.stopping = true;
      this.sleeper?.wake();
      await this.loop;
      for (const waiter of this.waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`stream poller for ${this.settings.tableName} stopped before it was idle`));
      }
      this.waiters = [];
      if (this.ownsClient) this.streams.destroy();
    })();
    return this.stopped;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const pass = ++this.passes;
      let busy = false;
      let listed = false;
      let failed = false;
      try {
        if (this.shouldDescribe()) {
          busy = await this.refreshShards();
          listed = true;
        }
        for (const shard of this.tracker.ready()) {
          if (this.stopping) break;
          if (await this.pollShard(shard)) busy = true;
        }
      } catch (error) {
        failed = true;
        this.log.warn(`stream poller for ${this.settings.tableName}: ${errorMessage(error)}; trying again`);
      }
      if (!busy && listed && !failed && !this.stopping) this.settleWaiters(pass);
      if (failed) await this.sleep(Math.max(this.settings.pollIntervalMs, 500), 'backoff');
      else if (!busy) await this.sleep(this.settings.pollIntervalMs, 'idle');
    }
  }

  private shouldDescribe(): boolean {
    return this.waiters.length > 0 || this.shardFinishedSinceDescribe || Date.now() - this.lastDescribe >= this.settings.shardRefreshMs;
  }

  /** Reads the shard listing again; true when it holds shards not seen before. */
  private async refreshShards(): Promise<boolean> {
    const added = this.tracker.update(await describeShards(this.streams, this.streamArn), false);
    this.lastDescribe = Date.now();
    this.shardFinishedSinceDescribe = false;
    for (const shard of added) {
      this.log.debug(`stream ${this.settings.tableName}: new shard ${shard.shardId}${shard.parentShardId ? ` (parent ${shard.parentShardId})` : ''}`);
    }
    return added.length > 0;
  }

  private async acquireIterator(shard: ShardState): Promise<void> {
    const position = shard.checkpoint
      ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: shard.checkpoint }
      : { ShardIteratorType: shard.startAt };
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({ StreamArn: this.streamArn, ShardId: shard.shardId, ...position }),
    );
    shard.iterator = ShardIterator;
    if (!ShardIterator) this.finish(shard, 'no iterator for it');
  }

  private finish(shard: ShardState, why: string): void {
    shard.finished = true;
    shard.iterator = undefined;
    this.saveCheckpoints();
    this.shardFinishedSinceDescribe = true;
    this.log.debug(`stream ${this.settings.tableName}: shard ${shard.shardId} finished (${why})`);
  }

  /**
   * One batch from one shard: GetRecords (several calls when batchSize exceeds what one returns)
   * and delivery. True when anything happened that a whenIdle() must wait past.
   */
  private async pollShard(shard: ShardState): Promise<boolean> {
    if (!shard.iterator) {
      try {
        await this.acquireIterator(shard);
      } catch (error) {
        return this.readFailed(shard, error);
      }
      if (shard.finished) return true;
    }

    const records: SdkRecord[] = [];
    let iterator = shard.iterator;
    let readError: unknown;
    while (iterator && records.length < this.settings.batchSize) {
      const limit = Math.min(MAX_RECORDS_PER_GET, this.settings.batchSize - records.length);
      try {
        const page = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
        records.push(...(page.Records ?? []));
        iterator = page.NextShardIterator;
        if ((page.Records?.length ?? 0) < limit) break;
      } catch (error) {
        readError = error;
        break;
      }
    }
    // Converted before the iterator moves on: should a record not convert, the pass fails and the
    // same records are read again, rather than skipped unseen.
    const batch = records.map((record) => toLambdaRecord(record, this.streamArn));
    // On a read error `iterator` is still the one that failed: records read before it are delivered
    // and the read is tried again on the next pass.
    shard.iterator = iterator;

    if (batch.length > 0) await this.deliver(shard, batch);
    if (readError !== undefined) return records.length > 0 || this.readFailed(shard, readError);
    if (!iterator) this.finish(shard, 'closed, read to its end');
    return records.length > 0 || !iterator;
  }

  /** Recovers from what a shard read can run into; anything else fails the pass. */
  private readFailed(shard: ShardState, error: unknown): boolean {
    switch (errorName(error)) {
      case 'ExpiredIteratorException':
        // Iterators live 15 minutes; take a new one at the checkpoint.
        if (!shard.checkpoint && shard.startAt === 'LATEST') {
          this.log.warn(`stream ${this.settings.tableName}: iterator of shard ${shard.shardId} expired before any record arrived; continuing from LATEST`);
        }
        shard.iterator = undefined;
        return true;
      case 'TrimmedDataAccessException':
        this.log.warn(
          `stream ${this.settings.tableName}: shard ${shard.shardId} was trimmed past ${shard.checkpoint ?? 'the start position'} (records older than 24 hours are gone); continuing from TRIM_HORIZON`,
        );
        shard.checkpoint = undefined;
        shard.startAt = 'TRIM_HORIZON';
        shard.iterator = undefined;
        return true;
      case 'ResourceNotFoundException':
        this.log.warn(`stream ${this.settings.tableName}: shard ${shard.shardId} no longer exists`);
        this.finish(shard, 'gone');
        return true;
      default:
        throw error;
    }
  }

  private async deliver(shard: ShardState, records: DynamoDBRecord[]): Promise<void> {
    await deliverBatch(records, this.settings, {
      invoke: (batch) => this.invoke(shard, batch),
      sleep: (ms) => this.sleep(ms, 'backoff'),
      onExhausted: (exhausted) => this.deadLetter(shard, exhausted),
    });
    shard.checkpoint = records.at(-1)?.dynamodb?.SequenceNumber ?? shard.checkpoint;
    this.saveCheckpoints();
  }

  private async invoke(shard: ShardState, records: DynamoDBRecord[]): Promise<InvocationOutcome> {
    const started = Date.now();
    let outcome: InvocationOutcome;
    try {
      // Lambda sends JSON: each invocation gets its own copy, whatever the previous one did to it.
      const response: unknown = await this.handler({ Records: structuredClone(records) }, lambdaContext(this.settings.functionName));
      outcome = classifyResponse(records, response);
    } catch (error) {
      outcome = { kind: 'function-error', message: clip(errorMessage(error)) };
    }
    const first = records[0]?.dynamodb?.SequenceNumber;
    const last = records.at(-1)?.dynamodb?.SequenceNumber;
    this.log.debug(
      `stream ${this.settings.tableName} → ${this.settings.functionName}: shard ${shard.shardId}, ${records.length} record(s) ${first}..${last}: ${describeOutcome(outcome)} in ${Date.now() - started} ms`,
    );
    return outcome;
  }

  private deadLetter(shard: ShardState, { records, error, invokeCount }: ExhaustedRecords): void {
    const first = records[0];
    const last = records.at(-1);
    const failure: FailureRecord = {
      condition: 'RetryAttemptsExhausted',
      streamArn: this.streamArn,
      shardId: shard.shardId,
      startSequenceNumber: first?.dynamodb?.SequenceNumber ?? '',
      endSequenceNumber: last?.dynamodb?.SequenceNumber ?? '',
      approximateArrivalOfFirstRecord: first && approximateArrival(first),
      approximateArrivalOfLastRecord: last && approximateArrival(last),
      recordCount: records.length,
      approximateInvokeCount: invokeCount,
      error,
      timestamp: new Date().toISOString(),
    };
    this.deadLetters.push(failure);
    this.log.warn(
      `stream ${this.settings.tableName} → ${this.settings.functionName}: gave up on ${failure.recordCount} record(s) ${failure.startSequenceNumber}..${failure.endSequenceNumber} of shard ${failure.shardId} after ${invokeCount} invocation(s): ${error}`,
    );
    try {
      this.onFailure?.(failure);
    } catch (callbackError) {
      this.log.warn(`stream ${this.settings.tableName}: onFailure threw: ${errorMessage(callbackError)}`);
    }
  }

  private settleWaiters(pass: number): void {
    const settled = this.waiters.filter((waiter) => waiter.after < pass);
    if (settled.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => waiter.after >= pass);
    for (const waiter of settled) {
      clearTimeout(waiter.timer);
      waiter.resolve();
    }
  }

  /** A wait that stop() cuts short (and whenIdle() too, when the poller is only idling). */
  private sleep(ms: number, kind: 'idle' | 'backoff'): Promise<void> {
    if (this.stopping || ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleeper = { kind, wake: done };
    });
  }
}

/**
 * Starts polling the stream of `tableName` and resolves once the poller is in position: with
 * LATEST, every record written after the returned promise resolves reaches the handler.
 */
export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const settings = settingsFrom(options);
  const owned =
    options.client === undefined
      ? {
          streams: new DynamoDBStreamsClient({ endpoint: options.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
          dynamodb: localDynamoDbClient(options.endpoint),
        }
      : undefined;
  const streams = owned?.streams ?? options.client;
  const dynamodb = owned?.dynamodb ?? options.dynamodb;
  if (!streams || !dynamodb) throw new Error('stream poller: pass either endpoint, or client together with dynamodb');
  try {
    const streamArn = await findStreamArn(dynamodb, settings.tableName);
    const poller = new Poller(streamArn, streams, owned !== undefined, settings, options.handler, options.onFailure, options.logger);
    await poller.init();
    return poller;
  } catch (error) {
    owned?.streams.destroy();
    throw error;
  } finally {
    owned?.dynamodb.destroy();
  }
}
