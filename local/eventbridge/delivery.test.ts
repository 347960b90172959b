import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { describe, expect, it } from 'vitest';
import { MatchWriteConflict } from '../../functions/compute-matches/recompute.js';
import { errorMessage } from '../error-message.js';
import { DeliveryScheduler } from './delivery.js';

const event = { version: '0', id: 'e1', 'detail-type': 'ProfileSubmitted', source: 'culturebridge.profiles', account: '000000000000', time: '2026-11-30T00:00:00Z', region: 'eu-central-1', resources: [], detail: {} };

describe('delivery retries say why', () => {
  it('a function that failed its whole batch is logged with each record\'s error name and message, not the batch utility\'s "see individual errors below"', async () => {
    const lines: string[] = [];
    const scheduler = new DeliveryScheduler({ maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 }, () => undefined, (line) => lines.push(line));
    let calls = 0;
    scheduler.schedule({
      rule: 'profile-changed',
      eventBusName: 'culturebridge',
      target: {
        id: 'compute-matches',
        deliver: async () => {
          if (++calls === 1) throw new FullBatchFailureError([new MatchWriteConflict(2)]);
        },
      },
      event,
    } as unknown as Parameters<DeliveryScheduler['schedule']>[0]);
    await scheduler.whenIdle({ timeoutMs: 5_000 });
    expect(calls).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^retry {2}profile-changed → compute-matches {2}attempt 1\/3 failed: FullBatchFailureError \(MatchWriteConflict: 2 match write\(s\) lost a race with a concurrent change; will recompute\); next in \d+ ms$/);
  });

  it('errorMessage names an error and its inner errors (a batch utility\'s, an AggregateError\'s), each kind once with a count', () => {
    expect(errorMessage(new Error('plain'))).toBe('plain');
    expect(errorMessage('text')).toBe('text');
    expect(errorMessage(new FullBatchFailureError([new MatchWriteConflict(1), new MatchWriteConflict(1), new TypeError('x is undefined')]))).toBe(
      'FullBatchFailureError (MatchWriteConflict: 1 match write(s) lost a race with a concurrent change; will recompute ×2; TypeError: x is undefined)',
    );
    expect(errorMessage(new AggregateError([new RangeError('too far')], 'several'))).toBe('AggregateError (RangeError: too far)');
  });
});
