import type { SdkCall } from '../../local/faults.js';
import { installSdkFaults } from '../../local/faults.js';
import { pollUntil } from '../../local/poll.js';
import type { Platform } from '../../local/platform.js';

/**
 * Runs `steps` while notify lags behind them: every SDK call `held` picks fails as the service
 * fails it (a 5xx the SDK retries, then the message is retried), so the events wait in notify's
 * retries. The first step's event is tried (a held call seen) before the next step runs. Then the
 * calls succeed again and everything settles.
 */
export async function whileNotifyLags(platform: Platform, held: (call: SdkCall) => boolean, steps: readonly (() => Promise<void>)[]): Promise<void> {
  let holding = true;
  let refused = 0;
  const faults = installSdkFaults((call) => {
    if (!holding || !held(call)) return undefined;
    refused++;
    return 'server-error';
  });
  try {
    for (const [i, step] of steps.entries()) {
      await step();
      if (i === 0) await pollUntil('notify trying the first change', async () => (refused > 0 ? true : undefined));
    }
    holding = false;
    await platform.settle();
  } finally {
    faults.uninstall();
  }
}

/**
 * Runs `step`, then holds notify (or any handler of this process: send-digests too) at the first
 * SDK call `at` picks (the call waits, unanswered, as a slow reply would) while `meanwhile` runs;
 * then lets it go on, and everything settles. For a change that lands between two steps of one run
 * (e.g. a contact confirmed while a lease or a mail's claim is taken). `step` must not wait for the
 * held run to end.
 */
export async function whileNotifyWaitsAt(platform: Platform, at: (call: SdkCall) => boolean, step: () => Promise<void>, meanwhile: () => Promise<void>): Promise<void> {
  let reached = false;
  let go: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (go = resolve));
  const faults = installSdkFaults(
    () => undefined,
    (call) => {
      if (reached || !at(call)) return undefined;
      reached = true;
      return gate;
    },
  );
  try {
    await step();
    await pollUntil('notify reaching the held call', async () => (reached ? true : undefined));
    await meanwhile();
  } finally {
    go();
    faults.uninstall();
  }
  await platform.settle();
}
