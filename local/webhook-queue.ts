/**
 * The webhook delivery queue on one machine: what SQS does for deliver-webhooks in AWS (delayed
 * messages, redelivery of a failed message, then the dead-letter queue). Wiring only: every decision
 * (what to send, when to retry, when to disable) is deliver-webhooks' own code.
 *
 * With a ManualClock (tests), nothing runs by itself: `runDue()` delivers the messages that are due at
 * the clock's time and `advance(ms)` moves the clock and does the same, so a test can walk the whole
 * three-day retry schedule in milliseconds. Without one, real timers deliver each message when due.
 */
import type { WebhookQueue } from '../functions/deliver-webhooks/app.js';

/** A clock a test moves by hand. */
export class ManualClock {
  private at: number;
  constructor(start: Date = new Date()) {
    this.at = start.getTime();
  }
  now = (): Date => new Date(this.at);
  set(at: Date): void {
    this.at = at.getTime();
  }
}

interface Queued {
  body: string;
  visibleAt: number;
  receives: number;
}

/** Receives before a message that keeps failing goes to the dead letters (the stack's maxReceiveCount). */
const MAX_RECEIVES = 5;

export class LocalWebhookQueue implements WebhookQueue {
  /** Messages whose attempts are used up, or that failed MAX_RECEIVES times. */
  readonly deadLetters: string[] = [];
  private readonly waiting: Queued[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly deliver: (body: string) => Promise<boolean>,
    private readonly clock?: ManualClock,
  ) {}

  private now(): number {
    return (this.clock?.now() ?? new Date()).getTime();
  }

  async send(messages: { body: string; delaySeconds: number }[]): Promise<void> {
    for (const m of messages) this.enqueue({ body: m.body, visibleAt: this.now() + m.delaySeconds * 1000, receives: 0 });
  }

  async deadLetter(body: string): Promise<void> {
    this.deadLetters.push(body);
  }

  private enqueue(message: Queued): void {
    if (this.stopped) return;
    if (this.clock) {
      this.waiting.push(message);
      return;
    }
    // Only messages due now count as in flight for whenIdle(); a retry due in 5 minutes does not.
    const immediate = message.visibleAt <= this.now();
    if (immediate) this.running++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!immediate) this.running++;
      void this.receive(message).finally(() => this.finished());
    }, Math.max(0, message.visibleAt - this.now()));
    this.timers.add(timer);
  }

  private async receive(message: Queued): Promise<void> {
    message.receives++;
    let ok = false;
    try {
      ok = await this.deliver(message.body);
    } catch {
      ok = false;
    }
    if (ok) return;
    if (message.receives >= MAX_RECEIVES) this.deadLetters.push(message.body);
    // SQS makes a failed message visible again after its visibility timeout; locally after a second.
    else this.enqueue({ ...message, visibleAt: this.now() + 1000 });
  }

  private finished(): void {
    this.running--;
    if (this.running === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Resolves when no message that is due is waiting or being handled (future retries do not count). */
  async whenIdle(): Promise<void> {
    if (this.clock) return this.runDue();
    if (this.running === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** ManualClock only: handles every message due at the clock's time, including those that become due while doing so. */
  async runDue(): Promise<void> {
    for (;;) {
      const now = this.now();
      const due = this.waiting.filter((m) => m.visibleAt <= now).sort((a, b) => a.visibleAt - b.visibleAt);
      if (due.length === 0) return;
      for (const m of due) this.waiting.splice(this.waiting.indexOf(m), 1);
      await Promise.all(due.map((m) => this.receive(m)));
    }
  }

  /** ManualClock only: moves the clock by `ms` and handles what became due. */
  async advance(ms: number): Promise<void> {
    if (!this.clock) throw new Error('advance() needs a ManualClock');
    this.clock.set(new Date(this.now() + ms));
    await this.runDue();
  }

  /** ManualClock only: the time the next waiting message becomes visible, if any. */
  nextDueAt(): Date | undefined {
    const next = Math.min(...this.waiting.map((m) => m.visibleAt));
    return Number.isFinite(next) ? new Date(next) : undefined;
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.waiting.length = 0;
  }
}
