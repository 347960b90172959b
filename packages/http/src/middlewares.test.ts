import { describe, expect, it } from 'vitest';
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { LostEveryAttempt, UnprocessedAfterRetries } from '@culturebridge/store';
import { PROBLEM_TYPES } from '@culturebridge/domain';
import { call } from '../../../test/support/api-event.js';
import { problemDetails } from './middlewares.js';

const logs: string[] = [];
const logger = new Logger({ serviceName: 'test', logLevel: 'INFO' });
(logger as unknown as { console: Record<'info' | 'warn' | 'error', (s: string) => void> }).console = { info: (s) => logs.push(s), warn: (s) => logs.push(s), error: (s) => logs.push(s) };

/** What the edge answers when a route throws `error`. */
async function answerTo(error: unknown) {
  logs.length = 0;
  const handler = middy(async () => {
    throw error;
  }).use(problemDetails(logger));
  return call(handler as never, { method: 'POST', path: '/profiles' });
}

const cancelled = (...codes: string[]) => new TransactionCanceledException({ message: 'Transaction cancelled, please refer cancellation reasons for specific reasons', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

describe('problemDetails: what a store failure answers', () => {
  it('answers 503 kept-changing with Retry-After to a write that lost its race on every attempt', async () => {
    const response = await answerTo(new LostEveryAttempt('erase', 3, { cause: cancelled('ConditionalCheckFailed', 'None') }));
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ type: PROBLEM_TYPES.keptChanging, status: 503 });
    expect(response.headers['retry-after']).toBe('1');
    expect(logs.join('\n')).toContain('ConditionalCheckFailed');
  });

  it('answers 500, not kept-changing, to a cancelled transaction no store method retried (a bug, or a race nobody decided again)', async () => {
    for (const error of [cancelled('ConditionalCheckFailed'), cancelled('TransactionConflict', 'None')]) {
      const response = await answerTo(error);
      expect(response.status).toBe(500);
      expect(response.body).not.toMatchObject({ type: PROBLEM_TYPES.keptChanging });
      // The reason codes are logged; the cancellation's items (which may hold personal data) are not.
      expect(logs.join('\n')).toContain('TransactionCanceledException');
    }
  });

  it('answers 503 Busy with Retry-After when DynamoDB left keys unprocessed on every round', async () => {
    const response = await answerTo(new UnprocessedAfterRetries('reads', 3, 8));
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ type: 'about:blank', status: 503 });
    expect(response.headers['retry-after']).toBe('1');
  });

  it('still answers 503 Busy to a transaction cancelled by throttling', async () => {
    const response = await answerTo(cancelled('ThrottlingError', 'ConditionalCheckFailed'));
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ type: 'about:blank' });
  });
});
