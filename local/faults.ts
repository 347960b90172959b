/**
 * Fault injection for the local runtime and tests: an AWS SDK v3 middleware that makes calls fail the
 * way they fail in AWS, so the handlers' retry and idempotency paths run for real against DynamoDB
 * Local, the local EventBridge and SES local. `npm start -- --faults <rate>` turns it on; tests call
 * `installSdkFaults` with a rate or with a `decide` function that picks the calls to break.
 *
 * Hand-written: no library injects faults into the SDK's middleware stack (aws-sdk-client-mock
 * replaces the service, so nothing would be applied before a reply is lost).
 */
import { Client } from '@smithy/core/client';
import type { DeserializeHandlerArguments, DeserializeHandlerOutput, DeserializeMiddleware, HandlerExecutionContext, MetadataBearer } from '@smithy/types';

/**
 * - `throttling`: refused before it reaches the service (ThrottlingException, HTTP 400); the SDK retries.
 * - `server-error`: refused with a 5xx before it reaches the service; the SDK retries.
 * - `reply-lost`: the call IS applied, then the caller sees a 5xx as if the reply never came; the SDK
 *   retries a call that already took effect. The case a conditional write must recognise as its own.
 */
export type SdkFault = 'throttling' | 'server-error' | 'reply-lost';
export const SDK_FAULTS: readonly SdkFault[] = ['throttling', 'server-error', 'reply-lost'];

export interface SdkCall {
  /** e.g. "DynamoDBClient", "EventBridgeClient", "SESv2Client". */
  clientName: string;
  /** e.g. "PutItemCommand". */
  commandName: string;
  /** The command's input as sent (DynamoDB attribute values marshalled). */
  input: Record<string, unknown>;
}

export type FaultDecision = (call: SdkCall) => SdkFault | undefined;

export interface FaultCounts {
  calls: number;
  injected: Record<SdkFault, number>;
}

/**
 * A random plan: each call fails with probability `rate`, the kind chosen uniformly among those that
 * fit the call. SES is never given `reply-lost`: SendEmail has no idempotency token, so a mail whose
 * reply was lost is sent twice in AWS too (the accepted duplicate window, see docs/decisions.md);
 * injecting it would only measure that known window.
 */
export function randomFaults(rate: number, random: () => number = Math.random): FaultDecision {
  if (!(rate >= 0 && rate <= 1)) throw new Error(`fault rate must be in [0, 1], got ${rate}`);
  return (call) => {
    if (rate === 0 || random() >= rate) return undefined;
    const kinds = call.clientName.startsWith('SES') ? SDK_FAULTS.filter((k) => k !== 'reply-lost') : SDK_FAULTS;
    return kinds[Math.floor(random() * kinds.length)];
  };
}

class InjectedFault extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: MetadataBearer['$metadata'];
  constructor(fault: SdkFault, call: SdkCall) {
    const throttled = fault === 'throttling';
    super(`${fault} injected into ${call.commandName}${fault === 'reply-lost' ? ' (the call was applied)' : ''}`);
    // The names and statuses the SDK's retry strategy classifies as throttling and server errors.
    this.name = throttled ? 'ThrottlingException' : 'InternalServerError';
    this.$fault = throttled ? 'client' : 'server';
    this.$metadata = { httpStatusCode: throttled ? 400 : 500, attempts: 1, totalRetryDelay: 0 };
  }
}

const MIDDLEWARE_NAME = 'culturebridgeFaultInjection';

/**
 * Holds a call before it reaches the service (or lets it through at once: undefined): a test's way
 * to stop a handler at one point while it makes another change, then let it go on.
 */
export type CallPause = (call: SdkCall) => Promise<void> | undefined;

interface Installation {
  decide: FaultDecision;
  pause?: CallPause;
  counts: FaultCounts;
}

let active: Installation | undefined;
let patched = false;
const equipped = new WeakSet<object>();

/**
 * Below the retry middleware (the deserialize step runs once per attempt), so every attempt can
 * fail on its own and the SDK's own retries are what recover.
 */
const middleware: DeserializeMiddleware<object, MetadataBearer> =
  (next, context: HandlerExecutionContext) =>
  async (args: DeserializeHandlerArguments<object>): Promise<DeserializeHandlerOutput<MetadataBearer>> => {
    const installation = active;
    if (!installation) return next(args);
    const call: SdkCall = { clientName: context.clientName ?? '', commandName: context.commandName ?? '', input: args.input as Record<string, unknown> };
    installation.counts.calls++;
    await installation.pause?.(call);
    const fault = installation.decide(call);
    if (!fault) return next(args);
    installation.counts.injected[fault]++;
    if (fault !== 'reply-lost') throw new InjectedFault(fault, call);
    await next(args);
    throw new InjectedFault(fault, call);
  };

/**
 * Injects faults into every AWS SDK v3 client of this process (created before or after the call)
 * until the returned `uninstall` runs; `pause` first holds the calls it picks. One installation at a time.
 */
export function installSdkFaults(decide: FaultDecision, pause?: CallPause): { counts: FaultCounts; uninstall: () => void } {
  if (active) throw new Error('SDK fault injection is already installed');
  const installation: Installation = { decide, ...(pause ? { pause } : {}), counts: { calls: 0, injected: { throttling: 0, 'server-error': 0, 'reply-lost': 0 } } };
  active = installation;
  if (!patched) {
    patched = true;
    // Every SDK client (and DynamoDBDocumentClient, which shares its client's stack) sends through
    // Client.prototype.send: the middleware joins each stack on its first call.
    const send = Client.prototype.send as (this: Client<never, never, never, never>, ...args: unknown[]) => unknown;
    Client.prototype.send = function (this: Client<never, never, never, never>, ...args: unknown[]) {
      if (!equipped.has(this.middlewareStack)) {
        equipped.add(this.middlewareStack);
        this.middlewareStack.add(middleware as never, { step: 'deserialize', name: MIDDLEWARE_NAME, priority: 'high' });
      }
      return send.apply(this, args);
    } as typeof Client.prototype.send;
  }
  return {
    counts: installation.counts,
    uninstall: () => {
      if (active === installation) active = undefined;
    },
  };
}
