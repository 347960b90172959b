// Asynchronous delivery of matched events to rule targets, with EventBridge-like retries and a
// dead-letter log. Deliveries are tracked so tests and shutdown can wait for quiescence instead
// of sleeping.

import { randomUUID } from 'node:crypto';
import { errorMessage } from '../error-message.js';
import type { EventEnvelope } from './envelope.js';

export interface RuleTarget {
  id: string;
  deliver: (event: EventEnvelope) => Promise<void>;
}

export interface RetryPolicy {
  /** Attempts per target, the first one included. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles for each further attempt. */
  baseDelayMs: number;
  /** Upper bound for a single delay. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 5_000 };

export interface DeadLetter {
  /** Names this dead letter for a redrive (`POST /_local/dead-letters/{id}/redrive`). */
  id: string;
  rule: string;
  eventBusName: string;
  target: string;
  error: string;
  attempts: number;
  failedAt: string;
  event: EventEnvelope;
}

export interface DeliveryJob {
  rule: string;
  eventBusName: string;
  target: RuleTarget;
  event: EventEnvelope;
}

export class DeliveryScheduler {
  private readonly pending = new Set<Promise<void>>();
  private idleWaiters: Array<() => void> = [];
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    private readonly policy: RetryPolicy,
    private readonly onDeadLetter: (deadLetter: DeadLetter) => void,
    private readonly log: (line: string) => void,
    /** Called when a delivery is settled: delivered, or given up (after onDeadLetter). */
    private readonly onSettled: (job: DeliveryJob) => void = () => undefined,
    /**
     * Deliveries running at once (their retries' waits included), as a function's concurrency limit
     * bounds the SQS pollers in AWS; the rest wait their turn in order. Unbounded by default.
     */
    private readonly maxConcurrent = Number.POSITIVE_INFINITY,
  ) {
    if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
      throw new Error(`retry.maxAttempts must be a positive integer, got ${policy.maxAttempts}`);
    }
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /**
   * Registers the delivery at once (so whenIdle() called right after sees it) but starts it on a
   * later turn of the event loop, after the PutEvents response has been written.
   */
  schedule(job: DeliveryJob): void {
    const delivery: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.slot())
      .then(() => this.run(job))
      .finally(() => {
        this.running--;
        this.queue.shift()?.();
        this.pending.delete(delivery);
        if (this.pending.size === 0) this.notifyIdle();
      });
    this.pending.add(delivery);
  }

  /** Waits for a free slot under maxConcurrent and takes it. */
  private slot(): Promise<void> {
    if (this.running < this.maxConcurrent) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) =>
      this.queue.push(() => {
        this.running++;
        resolve();
      }),
    );
  }

  /** Resolves once no delivery is in flight, including retries and deliveries they trigger. */
  whenIdle(options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    const idle = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    const { timeoutMs } = options;
    if (timeoutMs === undefined) return idle;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`LocalEventBridge: ${this.pending.size} deliveries still in flight after ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    return Promise.race([idle, timeout]).finally(() => clearTimeout(timer));
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private async run(job: DeliveryJob): Promise<void> {
    const { maxAttempts } = this.policy;
    for (let attempt = 1; ; attempt++) {
      try {
        // Each target gets its own copy so one target mutating the event cannot affect another.
        await job.target.deliver(structuredClone(job.event));
        this.onSettled(job);
        return;
      } catch (error) {
        const message = errorMessage(error);
        const where = `${job.rule} → ${job.target.id}`;
        if (attempt >= maxAttempts) {
          this.log(`dead   ${where}  after ${attempt} attempt(s): ${message}  (event ${job.event.id})`);
          this.onDeadLetter({
            id: randomUUID(),
            rule: job.rule,
            eventBusName: job.eventBusName,
            target: job.target.id,
            error: message,
            attempts: attempt,
            failedAt: new Date().toISOString(),
            event: job.event,
          });
          this.onSettled(job);
          return;
        }
        // Half fixed, half random ("equal jitter"): targets that failed together do not retry in step.
        const ceiling = Math.min(this.policy.baseDelayMs * 2 ** (attempt - 1), this.policy.maxDelayMs);
        const delay = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
        this.log(`retry  ${where}  attempt ${attempt}/${maxAttempts} failed: ${message}; next in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
