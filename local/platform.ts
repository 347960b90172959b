import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureLocalSessionKey } from '@culturebridge/auth';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { AWS_SERVICE_RULES, EVENT_BUS_NAME, RULES } from '@culturebridge/events';
import { SCHEDULES, STREAM_CONSUMERS } from '../infra/lib/wiring.js';
import { API_PREFIXES, PROFILES_API_ROUTES } from '../functions/profiles-api/api-routes.js';
import { lambdaContext, matchRoute } from './api-gateway.js';
import { ensureTable, localDynamoDbClient, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
import { LocalEventBridge } from './eventbridge/index.js';
import { startHttpServer, type ApiHandler, type Gate } from './http-server.js';
import { startSesLocal } from './ses-local.js';
import { sqsEvent } from './sqs.js';
import { startStreamPoller, type StreamPoller } from './stream-poller.js';

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
  quiet?: boolean;
  log?: (line: string) => void;
  /**
   * Run the scheduled functions (digests, expiry sweep) on timers at their deployed rate, as
   * EventBridge Scheduler does in AWS. `npm start` does; tests call `runDigests` and `runExpirySweep`.
   */
  schedules?: boolean;
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
   * LATEST, unlike the deployed TRIM_HORIZON: the poller keeps its checkpoint in memory, so starting
   * from the trim horizon would publish the last 24 hours again on every `npm start`.
   */
  startingPosition: 'LATEST';
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
  /** Resolves when every change so far has gone through the stream, the bus and its targets. */
  settle(): Promise<void>;
  /** What this process wired, for the parity test against the CDK template. */
  wiring: { rules: { name: string; eventPattern: unknown; target: string }[]; streamConsumers: LocalStreamConsumer[] };
  stop(): Promise<void>;
}

type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/** Functions that exist in this build; a rule whose target is not among them is not wired (nor deployed). */
const FUNCTIONS = ['profiles-api', 'publish-changes', 'compute-matches', 'notify', 'send-digests', 'expire-proposals', 'record-activity', 'suppress'] as const;

/** The sender and configuration set names locally; SES local accepts any. */
const LOCAL_SENDER = 'no-reply@culturebridge.example';
const LOCAL_CONFIGURATION_SET = 'culturebridge-local';

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

    // EventBridge retries a target for up to 24 hours; locally a few seconds of retries stand in for that.
    const eventBridge = await LocalEventBridge.start({
      port: options.eventBridgePort ?? 0,
      quiet: options.quiet,
      logger: log,
      retry: { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 2_000 },
    });
    stops.push(() => eventBridge.stop());
    eventBridge.addBus(EVENT_BUS_NAME);

    const ses = await startSesLocal(options.sesPort ?? 0);
    stops.push(() => ses.stop());

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
      APP_BASE_URL: options.appBaseUrl ?? `http://localhost:${options.apiPort || 3000}`,
      SESSION_KEY_FILE: process.env.SESSION_KEY_FILE ?? sessionKeyFile,
      // The local bus already reports retries in words; handler warnings would repeat them as JSON.
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? (options.quiet ? 'SILENT' : 'ERROR'),
    });
    const [authorizer, profilesApi, publishChanges, computeMatches, notify, sendDigests, expireProposals, recordActivity, suppress] = await Promise.all([
      import('../functions/authorizer/handler.js'),
      import('../functions/profiles-api/handler.js'),
      import('../functions/publish-changes/handler.js'),
      import('../functions/compute-matches/handler.js'),
      import('../functions/notify/handler.js'),
      import('../functions/send-digests/handler.js'),
      import('../functions/expire-proposals/handler.js'),
      import('../functions/record-activity/handler.js'),
      import('../functions/suppress/handler.js'),
    ]);
    const sqsTargets: Record<string, SqsHandler> = { 'compute-matches': computeMatches.handler, notify: notify.handler, 'record-activity': recordActivity.handler, suppress: suppress.handler };
    // The Scheduler's input carries the scheduled time; locally the caller chooses it.
    const runDigests = (at: Date = new Date(), { sendPendingNow = false } = {}) => sendDigests.handler({ scheduledTime: at.toISOString(), ...(sendPendingNow ? { sendPendingNow } : {}) });
    const runExpirySweep = (at: Date = new Date()) => expireProposals.handler({ scheduledTime: at.toISOString() });
    const scheduled: Record<(typeof SCHEDULES)[number]['function'], () => Promise<unknown>> = { 'send-digests': () => runDigests(), 'expire-proposals': () => runExpirySweep() };
    if (options.schedules) {
      for (const schedule of SCHEDULES) {
        const timer = setInterval(() => {
          scheduled[schedule.function]().catch((error: unknown) => log(`${schedule.function} failed; the next run tries again: ${(error as Error).message}`));
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
              const response = await target(sqsEvent(`${rule.target}-buffer`, [event]), lambdaContext(rule.target));
              if (response.batchItemFailures.length) throw new Error(`${rule.target} reported the message as failed`);
            },
          },
        ],
      });
      rules.push({ name: rule.name, eventPattern: rule.eventPattern, target: rule.target });
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
        startingPosition: 'LATEST',
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
        onFailure: (failure) => log(`stream records dead-lettered for ${consumer.function}: ${JSON.stringify(failure)}`),
      });
      stops.push(() => poller.stop());
      pollers.push(poller);
    }

    const localEvents: ApiHandler = async (event) => {
      const params = new URLSearchParams(event.rawQueryString);
      if (event.rawPath.endsWith('/run-digests') || event.rawPath.endsWith('/run-expiry')) {
        if (event.requestContext.http.method !== 'POST') return { statusCode: 405, headers: { allow: 'POST' }, body: '' };
        const at = params.get('at') ? new Date(String(params.get('at'))) : new Date();
        if (Number.isNaN(at.getTime())) return { statusCode: 400, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify({ title: 'Invalid query', status: 400, detail: 'at: expected an ISO date-time', errors: [{ field: 'at', detail: 'expected an ISO date-time' }] }) };
        const due = params.get('due');
        if (due !== null && due !== 'now') return { statusCode: 400, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify({ title: 'Invalid query', status: 400, detail: 'due: expected "now" or nothing', errors: [{ field: 'due', detail: 'expected "now"' }] }) };
        const outcome = event.rawPath.endsWith('/run-expiry') ? await runExpirySweep(at) : await runDigests(at, { sendPendingNow: due === 'now' });
        return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(outcome, null, 2) };
      }
      const events = eventBridge.events
        .filter((e) => !params.get('detail-type') || e.event['detail-type'] === params.get('detail-type'))
        .filter((e) => !params.get('source') || e.event.source === params.get('source'));
      const body = event.rawPath.endsWith('/dead-letters') ? { deadLetters: eventBridge.deadLetters } : { events };
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body, null, 2) };
    };
    // API Gateway's part, as the stack configures it: a `session` route without an Authorization
    // header is answered 401 without calling anything; otherwise the authorizer decides (403).
    const gate: Gate = async (event) => {
      const route = matchRoute(PROFILES_API_ROUTES, event.requestContext.http.method, event.rawPath);
      if (route?.access === 'session' && !event.headers.authorization) return { statusCode: 401, headers: { 'content-type': 'application/json' }, body: '{"message":"Unauthorized"}' };
      const decision = await authorizer.handler({ type: 'REQUEST', routeArn: '', identitySource: [], routeKey: route ? `${route.method} ${route.path}` : '$default', rawPath: event.rawPath, rawQueryString: event.rawQueryString, headers: event.headers, requestContext: event.requestContext, version: '2.0' } as never);
      return decision.isAuthorized ? undefined : { statusCode: 403, headers: { 'content-type': 'application/json' }, body: '{"message":"Forbidden"}' };
    };
    const server: Server = await startHttpServer(
      options.apiPort,
      [
        ...API_PREFIXES.map((prefix) => ({ prefix, functionName: 'profiles-api', handler: profilesApi.handler as ApiHandler, gate })),
        { prefix: '/_local', functionName: 'local', handler: localEvents },
      ],
      console.error,
      options.webRoot ?? join(REPO_ROOT, 'web', 'dist'),
    );
    stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.apiPort;

    return {
      apiUrl: `http://localhost:${port}`,
      dynamodbEndpoint,
      eventBridge,
      tableName,
      ses: { endpoint: ses.endpoint, viewerUrl: ses.viewerUrl },
      runDigests,
      runExpirySweep,
      sessionKeyFile: process.env.SESSION_KEY_FILE ?? sessionKeyFile,
      created,
      wiring: { rules, streamConsumers },
      // Stream → bus → targets → stream again, until nothing moves.
      settle: async () => {
        for (let round = 0; round < 10; round++) {
          const before = eventBridge.events.length;
          for (const p of pollers) await p.whenIdle();
          await eventBridge.whenIdle();
          for (const p of pollers) await p.whenIdle();
          if (eventBridge.events.length === before) return;
        }
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
