import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureLocalSessionKey } from '@culturebridge/auth';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { AWS_SERVICE_RULES, EVENT_BUS_NAME, RULES } from '@culturebridge/events';
import { SCHEDULES, STREAM_CONSUMERS } from '../infra/lib/wiring.js';
import { API_PREFIXES, PROFILES_API_ROUTES, type ApiFunction } from '@culturebridge/api/api-routes';
import { lambdaContext, matchRoute } from './api-gateway.js';
import { ensureTable, localDocumentClient, localDynamoDbClient, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
import { NotificationStore } from '@culturebridge/store';
import { LocalEventBridge } from './eventbridge/index.js';
import { API_MAX_BODY_BYTES, startHttpServer, type ApiHandler, type Gate } from './http-server.js';
import { startSesLocal } from './ses-local.js';
import { localRoutes } from './local-routes.js';
import { sqsEvent } from './sqs.js';
import { startStreamPoller, type FailureRecord, type StreamPoller } from './stream-poller.js';
import { LocalWebhookQueue, type ManualClock } from './webhook-queue.js';
import { installSdkFaults, randomFaults } from './faults.js';
import { LocalJournal } from './journal.js';
import { errorMessage } from './error-message.js';

export const LOCAL_TABLE_NAME = 'culturebridge-local';

export interface PlatformOptions {
  apiPort: number;
  /** Use a running DynamoDB Local (tests) instead of starting one. */
  dynamodbEndpoint?: string;
  dynamodbPort?: number;
  /** Keep DynamoDB data here between runs; in memory when absent. */
  dataDir?: string;
  tableName?: string;
  eventBridgePort?: number;
  /** aws-ses-v2-local's port; a free one when absent. */
  sesPort?: number;
  /** The web app's origin for links in mails (APP_BASE_URL); the API's own origin when absent. */
  appBaseUrl?: string;
  /** The built web app served at `/` (default web/dist; `npm start` builds it first). */
  webRoot?: string;
  /** Use a running aws-ses-v2-local (one that outlives this platform, e.g. across a kill -9) instead of starting one. */
  sesEndpoint?: string;
  /**
   * Fault injection (local/faults.ts): each AWS SDK call, PutEvents entry and target delivery fails
   * (or a delivery is doubled) with probability `rate`. `npm start -- --faults <rate>`.
   */
  faults?: { rate: number; random?: () => number };
  quiet?: boolean;
  log?: (line: string) => void;
  /**
   * Run the scheduled functions (digests, expiry sweep) on timers at their deployed rate, as
   * EventBridge Scheduler does in AWS. `npm start` does; tests call `runDigests` and `runExpirySweep`.
   */
  schedules?: boolean;
  /**
   * Tests: the clock webhook delivery reads and its queue waits on; the queue then runs only when the
   * test moves it (`platform.webhooks.advance(ms)`). Real time when absent.
   */
  webhookClock?: ManualClock;
}

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** How a function was wired to the table's stream here, for comparison with the deployed mapping. */
export interface LocalStreamConsumer {
  function: string;
  batchSize: number;
  maxRetries: number;
  bisectOnError: boolean;
  reportBatchItemFailures: boolean;
  /**
   * TRIM_HORIZON, as deployed: with a data directory the poller keeps its checkpoints on disk and
   * resumes from them, so only a shard it never saw is read from its beginning.
   */
  startingPosition: 'TRIM_HORIZON';
}

export interface Platform {
  apiUrl: string;
  dynamodbEndpoint: string;
  eventBridge: LocalEventBridge;
  tableName: string;
  /** aws-ses-v2-local: where notify sends, and where the mails can be read. */
  ses: { endpoint: string; viewerUrl: string };
  /**
   * Runs send-digests once, as the hourly EventBridge Scheduler schedule does in AWS, for the given
   * scheduled time (now when absent). `POST /_local/run-digests[?at=<ISO time>]` does the same.
   */
  runDigests(at?: Date, options?: { sendPendingNow?: boolean }): Promise<unknown>;
  /**
   * Runs expire-proposals once, as its hourly schedule does in AWS, for the given scheduled time (now
   * when absent). `POST /_local/run-expiry[?at=<ISO time>]` does the same.
   */
  runExpirySweep(at?: Date): Promise<unknown>;
  /**
   * The file holding the key sessions are signed with: under the data directory when there is one,
   * otherwise one key for every in-memory platform on this machine (the handlers read it once per
   * process, as a Lambda does at cold start).
   */
  sessionKeyFile: string;
  /** True when the table was created by this start (a fresh database). */
  created: boolean;
  /** Stream records whose retries ran out (their metadata, never their images), earlier runs' included. */
  streamDeadLetters: readonly FailureRecord[];
  /** Resolves when every change so far has gone through the stream, the bus and its targets. */
  settle(): Promise<void>;
  /** deliver-webhooks' queue (SQS in AWS): its dead letters, and with a ManualClock `advance(ms)`. */
  webhooks: LocalWebhookQueue;
  /**
   * Stops in the order that loses nothing: the API stops taking requests, the stream pollers finish
   * their batch, the bus drains its deliveries (while SES and DynamoDB Local still answer), then SES,
   * then DynamoDB Local, last.
   */
  stop(): Promise<void>;
  /** What this process wired, for the parity test against the CDK template. */
  wiring: { rules: { name: string; eventPattern: unknown; target: string }[]; streamConsumers: LocalStreamConsumer[] };
}

type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/** Functions that exist in this build; a rule whose target is not among them is not wired (nor deployed). */
const FUNCTIONS = ['profiles-api', 'member-lists', 'meetings', 'network-dashboard', 'publish-changes', 'compute-matches', 'notify', 'send-digests', 'expire-proposals', 'record-activity', 'suppress', 'deliver-webhooks'] as const;

/** The sender and configuration set names locally; SES local accepts any. */
export const LOCAL_SENDER = 'no-reply@culturebridge.example';
export const LOCAL_CONFIGURATION_SET = 'culturebridge-local';
/** Where "endpoint disabled" mails to the operator go locally (aws-ses-v2-local keeps them). */
const LOCAL_OPERATOR = 'operator@culturebridge.example';

/**
 * The whole platform in one process: DynamoDB Local, the local EventBridge with the rules from
 * events/, the stream poller feeding publish-changes, and the API. Only wiring lives here; every
 * decision is made by the same handler code that runs in Lambda.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const log = options.quiet ? () => undefined : (options.log ?? console.log);
  const tableName = options.tableName ?? LOCAL_TABLE_NAME;
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };

  try {
    // What must survive a stop of any kind lives beside DynamoDB's data (`--fresh` clears both).
    const stateDir = options.dataDir ? join(options.dataDir, 'runtime') : undefined;
    const journal = stateDir ? new LocalJournal(stateDir) : undefined;
    const saved = journal?.read();
    const streamDeadLetters: FailureRecord[] = [...(saved?.streamDeadLetters ?? [])];
    const faultRate = options.faults?.rate ?? 0;
    const random = options.faults?.random ?? Math.random;
    const injects = () => faultRate > 0 && random() < faultRate;
    if (faultRate > 0) {
      const installed = installSdkFaults(randomFaults(faultRate, random));
      stops.push(async () => installed.uninstall());
    }

    let db: DynamoDbLocal | undefined;
    let dynamodbEndpoint = options.dynamodbEndpoint;
    if (!dynamodbEndpoint) {
      db = await startDynamoDbLocal({ port: options.dynamodbPort, path: options.dataDir });
      stops.push(() => (db as DynamoDbLocal).stop());
      dynamodbEndpoint = db.endpoint;
    }
    const client = localDynamoDbClient(dynamodbEndpoint);
    const created = await ensureTable(client, tableName);
    client.destroy();
    if (!created) {
      // Deliveries of an earlier run that was killed left their mail claims and membership leases
      // (5 minutes each); its messages come back within seconds here, not after SQS's visibility
      // timeout, so they would be dead-lettered against a holder that is gone (NotificationStore.releaseLeases).
      const doc = localDocumentClient(dynamodbEndpoint);
      const released = await new NotificationStore(doc, tableName).releaseLeases();
      doc.destroy();
      if (released > 0) log(`Ended ${released} mail lease(s) held by a run that stopped without finishing them.`);
    }

    // SES before the bus: stops run in reverse, so deliveries drain while SES still answers.
    let ses: { endpoint: string; viewerUrl: string };
    if (options.sesEndpoint) ses = { endpoint: options.sesEndpoint, viewerUrl: `${options.sesEndpoint}/` };
    else {
      const started = await startSesLocal(options.sesPort ?? 0);
      stops.push(() => started.stop());
      ses = started;
    }

    // EventBridge retries a target for up to 24 hours; locally about 16 s of retries (10 attempts,
    // 50 ms doubling to 5 s) stand in for that. A delivery that waits for another delivery of the
    // same mail (NotificationInFlight) must outlast the holder: with 5 s of retries, a machine at
    // load 14 dead-lettered such waits while the holder was still sending.
    const eventBridge = await LocalEventBridge.start({
      port: options.eventBridgePort ?? 0,
      quiet: options.quiet,
      logger: log,
      retry: { maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 5_000 },
      // As the functions' concurrency bounds their SQS pollers in AWS: a backlog (say, deliveries
      // resumed after a kill) drains without every recompute racing every other one.
      maxConcurrentDeliveries: 16,
      // PutEvents partial failures: the entry is refused with InternalFailure, the publisher resends it.
      failEntry: faultRate > 0 ? () => injects() : undefined,
      onEvent: journal && ((logged) => journal.event(logged)),
      onDelivered: journal && ((delivery) => journal.delivered(delivery)),
      onDeadLetter: journal && ((deadLetter, change) => journal.deadLetter(deadLetter, change)),
    });
    if (saved) eventBridge.restore(saved);
    // Stopping the bus waits until no delivery is in flight, while SES and DynamoDB still answer.
    stops.push(() => eventBridge.stop());
    eventBridge.addBus(EVENT_BUS_NAME);

    const sessionKeyFile = await ensureLocalSessionKey(options.dataDir ? join(options.dataDir, 'session-key') : join(tmpdir(), 'culturebridge-local', 'session-key'));

    // Handlers read their configuration from the environment at import, as in Lambda.
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamodbEndpoint,
      EVENTBRIDGE_ENDPOINT: eventBridge.endpoint,
      EVENT_BUS_NAME,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      ALLOWED_ORIGINS: `http://localhost:${options.apiPort}`,
      SES_ENDPOINT: ses.endpoint,
      SENDER_EMAIL: LOCAL_SENDER,
      CONFIGURATION_SET: LOCAL_CONFIGURATION_SET,
      OPERATOR_EMAIL: LOCAL_OPERATOR,
      // One machine: a partner developer's receiver on localhost (plain http) must get webhooks.
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      APP_BASE_URL: options.appBaseUrl ?? `http://localhost:${options.apiPort || 3000}`,
      SESSION_KEY_FILE: process.env.SESSION_KEY_FILE ?? sessionKeyFile,
      // The local bus already reports retries in words; handler warnings would repeat them as JSON.
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? (options.quiet ? 'SILENT' : 'ERROR'),
    });
    const [authorizer, profilesApi, memberLists, meetings, networkDashboard, publishChanges, computeMatches, notify, sendDigests, expireProposals, recordActivity, suppress] = await Promise.all([
      import('../functions/authorizer/handler.js'),
      import('../functions/profiles-api/handler.js'),
      import('../functions/member-lists/handler.js'),
      import('../functions/meetings/handler.js'),
      import('../functions/network-dashboard/handler.js'),
      import('../functions/publish-changes/handler.js'),
      import('../functions/compute-matches/handler.js'),
      import('../functions/notify/handler.js'),
      import('../functions/send-digests/handler.js'),
      import('../functions/expire-proposals/handler.js'),
      import('../functions/record-activity/handler.js'),
      import('../functions/suppress/handler.js'),
    ]);
    // deliver-webhooks is built here rather than imported from its handler: in AWS its queue is SQS
    // (from the environment), here the local queue, which hands messages back to the same handler.
    const webhookApp = await import('../functions/deliver-webhooks/app.js');
    const webhookClients = await import('../functions/deliver-webhooks/clients.js');
    const webhookConfig = (await import('../functions/deliver-webhooks/config.js')).DeliverWebhooksConfig.omit({ QUEUE_URL: true, DEAD_LETTER_QUEUE_URL: true }).parse(process.env);
    const webhooks = new LocalWebhookQueue(async (body) => {
      const response = await deliverWebhooks(sqsEvent('webhooks', [JSON.parse(body)]), lambdaContext('deliver-webhooks'));
      return response.batchItemFailures.length === 0;
    }, options.webhookClock);
    stops.push(async () => webhooks.stop());
    const deliverWebhooks: SqsHandler = webhookApp.createDeliverWebhooksHandler({
      ...webhookClients.storeDeps(webhookConfig),
      queue: webhooks,
      ...(options.webhookClock ? { now: options.webhookClock.now } : {}),
      // No cache locally: a partner added with `npm run partner -- add` gets the very next event.
      partnerCacheMs: 0,
    });
    const sqsTargets: Record<string, SqsHandler> = { 'compute-matches': computeMatches.handler, notify: notify.handler, 'record-activity': recordActivity.handler, suppress: suppress.handler, 'deliver-webhooks': deliverWebhooks };
    // The Scheduler's input carries the scheduled time; locally the caller chooses it.
    const runDigests = (at: Date = new Date(), { sendPendingNow = false } = {}) => sendDigests.handler({ scheduledTime: at.toISOString(), ...(sendPendingNow ? { sendPendingNow } : {}) });
    const runExpirySweep = (at: Date = new Date()) => expireProposals.handler({ scheduledTime: at.toISOString() });
    const scheduled: Record<(typeof SCHEDULES)[number]['function'], () => Promise<unknown>> = { 'send-digests': () => runDigests(), 'expire-proposals': () => runExpirySweep() };
    if (options.schedules) {
      for (const schedule of SCHEDULES) {
        const timer = setInterval(() => {
          scheduled[schedule.function]().catch((error: unknown) => log(`${schedule.function} failed; the next run tries again: ${errorMessage(error)}`));
        }, schedule.rateMinutes * 60_000);
        timer.unref();
        stops.push(async () => clearInterval(timer));
      }
    }

    const rules: Platform['wiring']['rules'] = [];
    // SES publishes to the default bus, which the local EventBridge has from the start.
    for (const rule of [...Object.values(RULES), ...Object.values(AWS_SERVICE_RULES)]) {
      const target = sqsTargets[rule.target];
      if (!target || !(FUNCTIONS as readonly string[]).includes(rule.target)) continue;
      // EventBridge → SQS buffer → Lambda: a message the function reports as failed is retried.
      eventBridge.addRule({
        name: rule.name,
        eventBusName: rule.eventBusName,
        eventPattern: rule.eventPattern,
        targets: [
          {
            id: rule.target,
            deliver: async (event) => {
              if (injects()) throw new Error(`delivery to ${rule.target} failed (injected fault)`);
              // SQS delivers at least once: sometimes the same message twice.
              for (let copies = injects() ? 2 : 1; copies > 0; copies--) {
                const response = await target(sqsEvent(`${rule.target}-buffer`, [event]), lambdaContext(rule.target));
                if (response.batchItemFailures.length) throw new Error(`${rule.target} reported the message as failed`);
              }
            },
          },
        ],
      });
      rules.push({ name: rule.name, eventPattern: rule.eventPattern, target: rule.target });
    }

    // Deliveries a stopped process left unsettled go out again now that the targets are wired.
    if (saved) {
      const resumed = eventBridge.resumeDeliveries(saved.settledDeliveries);
      if (resumed > 0) log(`Delivering again ${resumed} event(s) left in flight when the platform last stopped.`);
    }

    const pollers: StreamPoller[] = [];
    const streamConsumers: LocalStreamConsumer[] = [];
    for (const consumer of STREAM_CONSUMERS) {
      const settings: LocalStreamConsumer = {
        function: consumer.function,
        batchSize: consumer.batchSize,
        maxRetries: consumer.retryAttempts,
        bisectOnError: consumer.bisectBatchOnError,
        // The poller always honours batchItemFailures, as the deployed mapping does when this is on.
        reportBatchItemFailures: true,
        startingPosition: 'TRIM_HORIZON',
      };
      streamConsumers.push(settings);
      const poller = await startStreamPoller({
        endpoint: dynamodbEndpoint,
        tableName,
        handler: publishChanges.handler,
        batchSize: settings.batchSize,
        maxRetries: settings.maxRetries,
        bisectOnError: settings.bisectOnError,
        startingPosition: settings.startingPosition,
        checkpointFile: stateDir && join(stateDir, `stream-checkpoints-${tableName}-${consumer.function}.json`),
        onFailure: (failure) => {
          streamDeadLetters.push(failure);
          journal?.streamDeadLetter(failure);
          log(`stream records dead-lettered for ${consumer.function}: ${JSON.stringify(failure)}`);
        },
      });
      stops.push(() => poller.stop());
      pollers.push(poller);
    }

    // Stream → bus → targets → stream again, until nothing moves.
    const settle = async () => {
      for (let round = 0; round < 10; round++) {
        const before = eventBridge.events.length;
        for (const p of pollers) await p.whenIdle();
        await eventBridge.whenIdle();
        await webhooks.whenIdle();
        for (const p of pollers) await p.whenIdle();
        if (eventBridge.events.length === before) return;
      }
    };
    // API Gateway's part, as the stack configures it: the authorizer (no identity source) runs for
    // every request and decides; a refusal is API Gateway's 403.
    const gate: Gate = async (event) => {
      const route = matchRoute(PROFILES_API_ROUTES, event.requestContext.http.method, event.rawPath);
      const decision = await authorizer.handler({ type: 'REQUEST', routeArn: '', identitySource: [], routeKey: route ? `${route.method} ${route.path}` : '$default', rawPath: event.rawPath, rawQueryString: event.rawQueryString, headers: event.headers, cookies: event.cookies, requestContext: event.requestContext, version: '2.0' } as never);
      return decision.isAuthorized ? undefined : { statusCode: 403, headers: { 'content-type': 'application/json' }, body: '{"message":"Forbidden"}' };
    };
    // API Gateway's integrations: each declared route goes to the function the stack wires it to.
    const apiHandlers: Record<ApiFunction, ApiHandler> = {
      'profiles-api': profilesApi.handler,
      'member-lists': memberLists.handler,
      meetings: meetings.handler,
      'network-dashboard': networkDashboard.handler,
    };
    const apiFunctions: ApiHandler = (event, context) => {
      const name = matchRoute(PROFILES_API_ROUTES, event.requestContext.http.method, event.rawPath)?.function ?? 'profiles-api';
      return apiHandlers[name](event, { ...context, functionName: name });
    };
    const server: Server = await startHttpServer(
      options.apiPort,
      [
        ...API_PREFIXES.map((prefix) => ({ prefix, functionName: 'profiles-api', handler: apiFunctions, gate, maxBodyBytes: API_MAX_BODY_BYTES })),
        { prefix: '/_local', functionName: 'local', handler: localRoutes({ eventBridge, runDigests, runExpirySweep, settle: () => settle(), streamDeadLetters: () => streamDeadLetters }) },
      ],
      console.error,
      options.webRoot ?? join(REPO_ROOT, 'web', 'dist'),
    );
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Requests in flight finish; idle keep-alive connections would hold close() for seconds.
          server.closeIdleConnections();
        }),
    );
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.apiPort;

    return {
      apiUrl: `http://localhost:${port}`,
      dynamodbEndpoint,
      eventBridge,
      tableName,
      ses: { endpoint: ses.endpoint, viewerUrl: ses.viewerUrl },
      webhooks,
      streamDeadLetters,
      runDigests,
      runExpirySweep,
      sessionKeyFile: process.env.SESSION_KEY_FILE ?? sessionKeyFile,
      created,
      wiring: { rules, streamConsumers },
      settle,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
