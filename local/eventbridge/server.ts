// The local EventBridge (DESIGN.md §4): an HTTP endpoint speaking PutEvents over AWS JSON 1.1, so
// the real EventBridgeClient can publish to it, plus buses, rules with EventBridge pattern
// semantics, asynchronous delivery with retries, an event log and a dead-letter log.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { queryProblems } from '@culturebridge/http';

import { DEFAULT_RETRY_POLICY, DeliveryScheduler, type DeadLetter, type RetryPolicy, type RuleTarget } from './delivery.js';
import { controlPlane, type ApiRule } from './control-plane.js';
import { buildEnvelope } from './envelope.js';
import { queryEventLog, UnknownEventIdError, type LoggedEvent } from './event-log.js';
import { compilePattern, type CompiledPattern, type EventPattern } from './pattern.js';
import {
  AwsJsonError,
  checkEntry,
  JSON_CONTENT_TYPE,
  parsePutEventsRequest,
  PUT_EVENTS_TARGET,
  TARGET_PREFIX,
  type PutEventsRequestEntry,
  type PutEventsResponse,
  type PutEventsResultEntry,
} from './protocol.js';

const HOST = '127.0.0.1';
const DEFAULT_BUS = 'default';
// Well above the 256 KB entry limit plus JSON overhead; only guards against runaway bodies.
const MAX_BODY_BYTES = 1024 * 1024;

export interface LocalEventBridgeOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Receives one line per accepted event, retry and dead letter. Defaults to console.log. */
  logger?: (line: string) => void;
  /** Suppresses all log lines. */
  quiet?: boolean;
  retry?: Partial<RetryPolicy>;
  /** Deliveries running at once across all targets; unbounded when absent. */
  maxConcurrentDeliveries?: number;
  /**
   * Fault injection: entries for which this returns true are reported as failed with ErrorCode
   * "InternalFailure" (and not accepted), as EventBridge does under partial failure.
   */
  failEntry?: (entry: PutEventsRequestEntry, index: number) => boolean;
  /** Called once per accepted event, after it joined the log (to keep the log on disk). */
  onEvent?: (logged: LoggedEvent) => void;
  /**
   * Called once a delivery of an event to a rule's target is settled (delivered, or dead-lettered):
   * with the log on disk, a restart delivers again what was accepted but never settled, as SQS keeps
   * a message until it is processed.
   */
  onDelivered?: (delivery: { eventId: string; rule: string; target: string }) => void;
  /** Called once per dead letter, and with `redriven: true` when one is taken out for a redrive. */
  onDeadLetter?: (deadLetter: DeadLetter, change: { redriven: boolean }) => void;
}

export interface RuleDefinition {
  name: string;
  /** Defaults to "default". */
  eventBusName?: string;
  eventPattern: EventPattern;
  targets: RuleTarget[];
}

interface Rule {
  name: string;
  pattern: CompiledPattern;
  targets: RuleTarget[];
}

export class LocalEventBridge {
  private readonly buses = new Map<string, Rule[]>([[DEFAULT_BUS, []]]);
  /** Rules created over the API (PutRule), per bus: they match but deliver nowhere locally. */
  private readonly apiRules = new Map<string, Map<string, ApiRule>>();
  private readonly eventLog: LoggedEvent[] = [];
  private readonly deadLetterLog: DeadLetter[] = [];
  private readonly scheduler: DeliveryScheduler;
  private readonly log: (line: string) => void;
  private readonly requestedPort: number;
  private failEntry: LocalEventBridgeOptions['failEntry'];
  private readonly onEvent: LocalEventBridgeOptions['onEvent'];
  private readonly onDeadLetter: LocalEventBridgeOptions['onDeadLetter'];
  private entriesToFail = 0;
  private server: Server | undefined;
  private listeningPort: number | undefined;
  private stopping: Promise<void> | undefined;

  /** Creates and starts a bus in one call. */
  static async start(options: LocalEventBridgeOptions = {}): Promise<LocalEventBridge> {
    const bridge = new LocalEventBridge(options);
    await bridge.start();
    return bridge;
  }

  constructor(options: LocalEventBridgeOptions = {}) {
    this.requestedPort = options.port ?? 0;
    const logger = options.logger ?? ((line: string) => console.log(line));
    this.log = options.quiet ? () => {} : logger;
    this.failEntry = options.failEntry;
    this.onEvent = options.onEvent;
    this.onDeadLetter = options.onDeadLetter;
    this.scheduler = new DeliveryScheduler(
      { ...DEFAULT_RETRY_POLICY, ...options.retry },
      (deadLetter) => {
        this.deadLetterLog.push(deadLetter);
        this.onDeadLetter?.(deadLetter, { redriven: false });
      },
      this.log,
      (job) => options.onDelivered?.({ eventId: job.event.id, rule: job.rule, target: job.target.id }),
      options.maxConcurrentDeliveries,
    );
  }

  /** Starts listening on 127.0.0.1. Rejects with a message naming the port when it is taken. */
  async start(): Promise<this> {
    if (this.server) throw new Error('LocalEventBridge is already started');
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        sendAwsError(res, new AwsJsonError('InternalException', message, 500));
      });
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        const port = this.requestedPort;
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(`LocalEventBridge cannot listen on ${HOST}:${port}: port ${port} is already in use`, { cause: error })
            : new Error(`LocalEventBridge cannot listen on ${HOST}:${port}: ${error.message}`, { cause: error }),
        );
      };
      server.once('error', onError);
      server.listen(this.requestedPort, HOST, () => {
        server.off('error', onError);
        resolve();
      });
    });
    this.server = server;
    this.listeningPort = (server.address() as AddressInfo).port;
    return this;
  }

  get port(): number {
    if (this.listeningPort === undefined) throw new Error('LocalEventBridge is not started');
    return this.listeningPort;
  }

  /** Base URL to pass as `endpoint` to EventBridgeClient. */
  get endpoint(): string {
    return `http://${HOST}:${this.port}`;
  }

  /** Adds a custom event bus; adding an existing one is a no-op. */
  addBus(name: string): void {
    if (!name) throw new Error('Event bus name must not be empty');
    if (!this.buses.has(name)) this.buses.set(name, []);
  }

  /** Adds a rule; the pattern is validated here so a bad pattern fails at wiring time. */
  addRule(definition: RuleDefinition): void {
    const busName = definition.eventBusName ?? DEFAULT_BUS;
    const rules = this.buses.get(busName);
    if (!rules) throw new Error(`Cannot add rule ${definition.name}: event bus ${busName} does not exist (call addBus first)`);
    if (rules.some((rule) => rule.name === definition.name)) {
      throw new Error(`Rule ${definition.name} already exists on event bus ${busName}`);
    }
    const ids = new Set<string>();
    for (const target of definition.targets) {
      if (ids.has(target.id)) throw new Error(`Rule ${definition.name} has two targets with id ${target.id}`);
      ids.add(target.id);
    }
    let pattern: CompiledPattern;
    try {
      pattern = compilePattern(definition.eventPattern);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`Rule ${definition.name} on event bus ${busName}: ${message}`, { cause: error });
    }
    rules.push({ name: definition.name, pattern, targets: [...definition.targets] });
  }

  removeRule(name: string, eventBusName: string = DEFAULT_BUS): void {
    const rules = this.buses.get(eventBusName);
    const index = rules?.findIndex((rule) => rule.name === name) ?? -1;
    if (!rules || index === -1) throw new Error(`Rule ${name} does not exist on event bus ${eventBusName}`);
    rules.splice(index, 1);
  }

  /** Fault injection: the next `count` otherwise valid entries fail with "InternalFailure". */
  failNextEntries(count: number): void {
    if (!Number.isInteger(count) || count < 0) throw new Error(`failNextEntries expects a non-negative integer, got ${count}`);
    this.entriesToFail = count;
  }

  /** Replaces (or, with undefined, removes) the failEntry fault-injection predicate. */
  setFailEntry(predicate: LocalEventBridgeOptions['failEntry']): void {
    this.failEntry = predicate;
  }

  /** Every accepted event, in order. */
  get events(): readonly LoggedEvent[] {
    return this.eventLog;
  }

  get deadLetters(): readonly DeadLetter[] {
    return this.deadLetterLog;
  }

  /** Puts back what an earlier run logged (read from disk), before any new event arrives. */
  restore(saved: { events: readonly LoggedEvent[]; deadLetters: readonly DeadLetter[] }): void {
    this.eventLog.push(...saved.events);
    this.deadLetterLog.push(...saved.deadLetters);
  }

  /**
   * Delivers again, to the current targets of the rules it matched, every logged event whose delivery
   * was not settled (`settled` holds `<event id>|<rule>|<target>`): what a stopped process left in
   * flight. Returns how many deliveries were scheduled.
   */
  resumeDeliveries(settled: ReadonlySet<string>): number {
    let scheduled = 0;
    for (const logged of this.eventLog) {
      for (const rule of this.buses.get(logged.eventBusName) ?? []) {
        if (!logged.matchedRules.includes(rule.name)) continue;
        for (const target of rule.targets) {
          if (settled.has(`${logged.event.id}|${rule.name}|${target.id}`)) continue;
          this.scheduler.schedule({ rule: rule.name, eventBusName: logged.eventBusName, target, event: logged.event });
          scheduled++;
        }
      }
    }
    return scheduled;
  }

  /**
   * Delivers a dead letter's event again to the target that gave up on it, with a fresh retry
   * budget, and takes it off the dead-letter log. False when no dead letter has this id, or its rule
   * or target no longer exists (it stays in the log).
   */
  redrive(id: string): boolean {
    const index = this.deadLetterLog.findIndex((d) => d.id === id);
    const deadLetter = this.deadLetterLog[index];
    if (!deadLetter) return false;
    const rule = this.buses.get(deadLetter.eventBusName)?.find((r) => r.name === deadLetter.rule);
    const target = rule?.targets.find((t) => t.id === deadLetter.target);
    if (!target) return false;
    this.deadLetterLog.splice(index, 1);
    this.onDeadLetter?.(deadLetter, { redriven: true });
    this.log(`redrive ${deadLetter.rule} → ${deadLetter.target}  (event ${deadLetter.event.id})`);
    this.scheduler.schedule({ rule: deadLetter.rule, eventBusName: deadLetter.eventBusName, target, event: deadLetter.event });
    return true;
  }

  /** Empties the event and dead-letter logs (between tests, say). */
  clearLogs(): void {
    this.eventLog.length = 0;
    this.deadLetterLog.length = 0;
  }

  /** Resolves when no deliveries (including pending retries) are in flight. */
  whenIdle(options: { timeoutMs?: number } = {}): Promise<void> {
    return this.scheduler.whenIdle(options);
  }

  /** Waits for in-flight deliveries, then closes the server. Safe to call more than once. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    await this.scheduler.whenIdle();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // SDK clients keep connections alive; without this close() would wait for them to time out.
      server.closeAllConnections();
    });
  }

  // -------------------------------------------------------------------------------------------
  // HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    if (req.method === 'GET' && url.pathname === '/_local/events') {
      // A filter sent twice, or one it does not read, is named in a 400, as the API names them.
      const problems = queryProblems(url.search.slice(1), ['source', 'detail-type', 'bus', 'since']);
      if (problems.length > 0) {
        sendJson(res, 400, { message: `Invalid query: ${problems.map((p) => p.detail).join('; ')}`, errors: problems });
        return;
      }
      const param = (name: string) => url.searchParams.get(name) ?? undefined;
      try {
        const events = queryEventLog(this.eventLog, {
          source: param('source'),
          detailType: param('detail-type'),
          eventBusName: param('bus'),
          since: param('since'),
        });
        sendJson(res, 200, { events });
      } catch (error) {
        if (!(error instanceof UnknownEventIdError)) throw error;
        sendJson(res, 400, { message: error.message });
      }
      return;
    }
    if (req.method === 'GET' && url.pathname === '/_local/dead-letters') {
      sendJson(res, 200, { deadLetters: this.deadLetterLog });
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 404, { message: `No route for ${req.method ?? ''} ${url.pathname}` });
      return;
    }

    const target = headerValue(req, 'x-amz-target');
    const body = await readBody(req);
    try {
      if (!target) throw new AwsJsonError('UnknownOperationException', 'Missing X-Amz-Target header');
      const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
      if (body === undefined) {
        throw new AwsJsonError('ValidationException', `Request body exceeds ${MAX_BODY_BYTES} bytes`, 413);
      }
      let parsed: unknown;
      try {
        parsed = body.length === 0 ? {} : JSON.parse(body);
      } catch {
        throw new AwsJsonError('SerializationException', 'Request body is not valid JSON');
      }
      if (target === PUT_EVENTS_TARGET) {
        sendJson(res, 200, this.putEvents(parsed), JSON_CONTENT_TYPE);
        return;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new AwsJsonError('SerializationException', 'Request body must be a JSON object');
      const answer = controlPlane(operation, parsed as Record<string, unknown>, {
        busExists: (name) => this.buses.has(name),
        apiRules: (bus) => this.apiRulesOf(bus),
        isWiredRule: (bus, name) => this.buses.get(bus)?.some((rule) => rule.name === name) ?? false,
      });
      if (answer === undefined) {
        throw new AwsJsonError(
          'UnknownOperationException',
          `Operation ${operation} is not supported by the local EventBridge (PutEvents, TestEventPattern and the rule operations are)`,
        );
      }
      sendJson(res, 200, answer, JSON_CONTENT_TYPE);
    } catch (error) {
      if (!(error instanceof AwsJsonError)) throw error;
      sendAwsError(res, error);
    }
  }

  /**
   * Delivers an event as an AWS service does (e.g. SES publishing a bounce to the default bus): the
   * `aws.` sources that PutEvents refuses from callers are accepted here. Local and tests only.
   */
  emitServiceEvent(entry: PutEventsRequestEntry): PutEventsResponse {
    return this.putEvents({ Entries: [entry] }, { serviceEvent: true });
  }

  private putEvents(body: unknown, options: { serviceEvent?: boolean } = {}): PutEventsResponse {
    const request = parsePutEventsRequest(body);
    const entries: PutEventsResultEntry[] = request.Entries.map((entry, index) => {
      const checked = checkEntry(entry, new Date(), options);
      if (!checked.ok) return { ErrorCode: checked.errorCode, ErrorMessage: checked.errorMessage };
      const rules = this.buses.get(checked.eventBusName);
      if (!rules) {
        return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${checked.eventBusName} does not exist.` };
      }
      if (this.shouldFail(entry, index)) {
        return { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal failure injected by LocalEventBridge' };
      }
      const event = buildEnvelope(checked);
      const matched = rules.filter((rule) => rule.pattern.matches(event));
      const matchedApiRules = [...this.apiRulesOf(checked.eventBusName).values()].filter((rule) => rule.state === 'ENABLED' && rule.compiled.matches(event));
      const logged: LoggedEvent = { eventBusName: checked.eventBusName, matchedRules: [...matched, ...matchedApiRules].map((rule) => rule.name), event };
      this.eventLog.push(logged);
      this.onEvent?.(logged);
      this.log(describeEvent(checked.eventBusName, event.source, event['detail-type'], matched));
      for (const rule of matched) {
        for (const target of rule.targets) {
          this.scheduler.schedule({ rule: rule.name, eventBusName: checked.eventBusName, target, event });
        }
      }
      return { EventId: event.id };
    });
    return { FailedEntryCount: entries.filter((entry) => 'ErrorCode' in entry).length, Entries: entries };
  }

  private apiRulesOf(bus: string): Map<string, ApiRule> {
    let rules = this.apiRules.get(bus);
    if (!rules) {
      rules = new Map();
      this.apiRules.set(bus, rules);
    }
    return rules;
  }

  private shouldFail(entry: PutEventsRequestEntry, index: number): boolean {
    if (this.entriesToFail > 0) {
      this.entriesToFail--;
      return true;
    }
    return this.failEntry?.(entry, index) ?? false;
  }
}

function describeEvent(busName: string, source: string, detailType: string, matched: readonly Rule[]): string {
  const bus = busName === DEFAULT_BUS ? '' : `[${busName}] `;
  const rules = matched.length > 0 ? matched.map((rule) => rule.name).join(', ') : '(no matching rule)';
  return `event  ${bus}${source} ${detailType}  → ${rules}`;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the body as UTF-8; undefined when it exceeds MAX_BODY_BYTES (the rest is drained). */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    if (!tooLarge) chunks.push(chunk);
  }
  return tooLarge ? undefined : Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(payload);
}

function sendAwsError(res: ServerResponse, error: AwsJsonError): void {
  if (res.headersSent) {
    res.destroy(error);
    return;
  }
  const payload = JSON.stringify(error.toBody());
  res.writeHead(error.statusCode, {
    'content-type': JSON_CONTENT_TYPE,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
    'x-amzn-errortype': error.type,
  });
  res.end(payload);
}
