import { describe, expect, it } from 'vitest';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { SuppressionReason } from '@culturebridge/store';
import { sqsEvent } from '../../local/sqs.js';
import { createSuppressHandler } from './app.js';
import { SesMailEvent, suppressionsFrom } from './ses-event.js';

/** Shaped as SES publishes to EventBridge (configuration-set event destination, default bus). */
const bounce = (bounceType: string, addresses: string[]) => ({
  version: '0',
  id: 'e1',
  source: 'aws.ses',
  account: '123456789012',
  time: '2026-11-24T10:00:05Z',
  region: 'eu-central-1',
  resources: [],
  'detail-type': 'Email Bounced',
  detail: {
    eventType: 'Bounce',
    bounce: {
      bounceType,
      bounceSubType: 'General',
      bouncedRecipients: addresses.map((emailAddress) => ({ emailAddress, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' })),
      timestamp: '2026-11-24T10:00:04.669Z',
      feedbackId: 'f1',
    },
    mail: { timestamp: '2026-11-24T10:00:02.012Z', source: 'no-reply@culturebridge.example', messageId: 'm1', destination: addresses },
  },
});

const complaint = (addresses: string[]) => ({
  ...bounce('Permanent', []),
  'detail-type': 'Email Complaint Received',
  detail: {
    eventType: 'Complaint',
    complaint: { complainedRecipients: addresses.map((emailAddress) => ({ emailAddress })), timestamp: '2026-11-24T11:00:00.000Z', feedbackId: 'f2', complaintFeedbackType: 'abuse' },
    mail: { messageId: 'm2' },
  },
});

const parse = (event: unknown) => suppressionsFrom(SesMailEvent.parse(event), '2026-01-01T00:00:00.000Z');

describe('reading SES events', () => {
  it('suppresses every recipient of a permanent bounce', () => {
    expect(parse(bounce('Permanent', ['gone@example.org', 'Also.Gone@example.org']))).toEqual([
      { address: 'gone@example.org', reason: 'bounce', at: '2026-11-24T10:00:04.669Z' },
      { address: 'Also.Gone@example.org', reason: 'bounce', at: '2026-11-24T10:00:04.669Z' },
    ]);
  });

  it('does not suppress a transient or undetermined bounce', () => {
    expect(parse(bounce('Transient', ['full@example.org']))).toEqual([]);
    expect(parse(bounce('Undetermined', ['who@example.org']))).toEqual([]);
  });

  it('suppresses the complaining recipients', () => {
    expect(parse(complaint(['angry@example.org']))).toEqual([{ address: 'angry@example.org', reason: 'complaint', at: '2026-11-24T11:00:00.000Z' }]);
  });

  it('refuses other sources and other SES events', () => {
    expect(SesMailEvent.safeParse({ ...bounce('Permanent', ['x@example.org']), source: 'culturebridge.matches' }).success).toBe(false);
    expect(SesMailEvent.safeParse({ ...bounce('Permanent', ['x@example.org']), 'detail-type': 'Email Delivered' }).success).toBe(false);
  });
});

describe('suppress handler', () => {
  function setup() {
    const written: { address: string; reason: SuppressionReason; at: string }[] = [];
    const logs: string[] = [];
    const logger = new Logger({ serviceName: 'suppress-test', logLevel: 'DEBUG' });
    for (const level of ['info', 'warn', 'error'] as const) {
      logger[level] = ((...args: unknown[]) => {
        logs.push(JSON.stringify(args));
      }) as never;
    }
    const handler = createSuppressHandler({ suppressions: { suppress: async (address, reason, at) => void written.push({ address, reason, at }) }, now: () => new Date('2026-11-24T12:00:00Z'), logger });
    return { written, logs, run: (...bodies: unknown[]) => handler(sqsEvent('suppress-buffer', bodies), {} as Context) };
  }

  it('writes a suppression per permanent bounce and complaint, none for a transient bounce, and logs no address', async () => {
    const { written, logs, run } = setup();
    const out = await run(bounce('Permanent', ['gone@example.org']), bounce('Transient', ['full@example.org']), complaint(['angry@example.org']));
    expect(out.batchItemFailures).toEqual([]);
    expect(written.map((w) => [w.address, w.reason])).toEqual([
      ['gone@example.org', 'bounce'],
      ['angry@example.org', 'complaint'],
    ]);
    expect(logs.join('\n')).not.toMatch(/@/);
  });

  it('fails an unreadable message so it is retried and then dead-lettered', async () => {
    const { written, run } = setup();
    // Next to a good message: Powertools throws when every record of a batch failed.
    const out = await run({ source: 'aws.ses', 'detail-type': 'Email Bounced', detail: {} }, complaint(['angry@example.org']));
    expect(out.batchItemFailures).toHaveLength(1);
    expect(written.map((w) => w.reason)).toEqual(['complaint']);
  });
});
