import { describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { SESv2Client, SendEmailCommand, TooManyRequestsException, MessageRejected } from '@aws-sdk/client-sesv2';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { Coordinator } from '@culturebridge/domain';
import { UnprocessedAfterRetries, type CoordinatorStore, type NotificationStore } from '@culturebridge/store';
import { sqsEvent } from '../../local/sqs.js';
import { createNotifyHandler } from './app.js';
import { memoryNotifications } from './notifications-test-support.js';
import { sesMailer } from '@culturebridge/mail';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const COORDINATOR: Coordinator = { id: 'c1', networkId: 'eu4culture', name: 'Ana', email: 'ana@eu4culture.example', preference: { mode: 'immediate', timeZone: 'UTC', digestHour: 8 } };

const proposed = {
  source: 'culturebridge.matches',
  'detail-type': 'MatchProposed',
  detail: {
    metadata: { eventId: '7c3c3f57-3f8c-4c43-9a53-3a1f7a1e7c11', schemaVersion: 1, occurredAt: '2026-11-24T10:00:00.000Z', correlationId: 'c', idempotencyKey: `MATCH#${A}|${B}#v1` },
    data: { matchId: `${A}|${B}`, profileIds: [A, B], state: 'proposed', acceptedBy: [], score: 0.7, summary: 'Both give Youth high priority.', reasons: [], sharedNetworks: ['eu4culture'], version: 1 },
  },
};

/** notify with the coordinator mailed at once; `current` is the match as the table holds it (undefined: not found). */
function setup(ses: SESv2Client, current?: { state: string; version: number; proposedAt?: string }, profiles: () => Promise<Map<string, unknown>> = async () => new Map([[A, { name: 'Kutaisi', mailFrequency: 'off' }], [B, { name: 'Gyumri', mailFrequency: 'off' }]])) {
  const notifications = memoryNotifications();
  const handler = createNotifyHandler({
    notifications: notifications as unknown as NotificationStore,
    suppressions: { isSuppressed: async () => false },
    coordinators: { ofNetworks: async () => [COORDINATOR] } as unknown as CoordinatorStore,
    networkSettings: { getMany: async () => new Map() },
    // The members chose no mail: these tests are about the coordinator's.
    matches: { profiles, match: async () => current } as never,
    meetings: { get: async () => undefined },
    memberships: { membership: async () => undefined },
    mailer: sesMailer(ses, { sender: 'no-reply@culturebridge.example', configurationSet: 'cs', sleep: async () => undefined }),
    baseUrl: 'https://app.example.org',
    now: () => new Date('2026-11-24T10:00:00Z'),
    logger: new Logger({ serviceName: 'notify-test', logLevel: 'SILENT' }),
  });
  return { notifications, handler: (body: unknown) => handler(sqsEvent('notify-buffer', [body]), {} as Context) };
}

const throttled = () => new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: {} });

describe('notify against SES throttling', () => {
  it('retries a throttled send and ends with exactly one mail, marked sent once', async () => {
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({ MessageId: 'm1' });
    const { notifications, handler } = setup(ses as unknown as SESv2Client);

    expect((await handler(proposed)).batchItemFailures).toEqual([]);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(3);
    expect([...notifications.records.values()]).toEqual([{ status: 'sent' }]);

    // The same event again: nothing more is sent.
    expect((await handler(proposed)).batchItemFailures).toEqual([]);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(3);
    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input?.ConfigurationSetName).toBe('cs');
    expect(input?.Destination?.ToAddresses).toEqual(['ana@eu4culture.example']);
  });

  it('fails the message when throttling outlasts the retries, releases the claim, and the redelivery sends the one mail', async () => {
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).rejects(throttled());
    const { notifications, handler } = setup(ses as unknown as SESv2Client);
    // Every record of the batch failed: Powertools fails the invocation, so SQS retries the message.
    await expect(handler(proposed)).rejects.toThrow(/All records failed/);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(4);
    expect(notifications.records.size).toBe(0);

    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'm2' });
    expect((await handler(proposed)).batchItemFailures).toEqual([]);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect([...notifications.records.values()]).toEqual([{ status: 'sent' }]);
  });

  it('fails the message, mailing nothing, when DynamoDB leaves the members\' profiles unprocessed on every round: the redelivery mails', async () => {
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).resolves({ MessageId: 'm1' });
    let short = true;
    const { notifications, handler } = setup(ses as unknown as SESv2Client, undefined, async () => {
      if (short) throw new UnprocessedAfterRetries('reads', 2, 8);
      return new Map([[A, { name: 'Kutaisi', mailFrequency: 'off' }], [B, { name: 'Gyumri', mailFrequency: 'off' }]]);
    });
    await expect(handler(proposed)).rejects.toThrow(/All records failed/);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(notifications.records.size).toBe(0);
    short = false;
    expect((await handler(proposed)).batchItemFailures).toEqual([]);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });

  it('does not retry a permanent refusal in-process: the message fails (SQS retries, then dead-letters it)', async () => {
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'Email address is not verified.', $metadata: {} }));
    const { notifications, handler } = setup(ses as unknown as SESv2Client);
    await expect(handler(proposed)).rejects.toThrow(/All records failed/);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(notifications.records.size).toBe(0);
  });

  it('reports a message that is not a match event as failed (so it dead-letters), sending nothing', async () => {
    const ses = mockClient(SESv2Client);
    const { handler } = setup(ses as unknown as SESv2Client);
    await expect(handler({ 'detail-type': 'MatchProposed', detail: {} })).rejects.toThrow(/All records failed/);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });
});

describe('a match event that arrives after the match moved on', () => {
  // A retry or a redrive can hand notify a MatchProposed after the match was declined: its mail
  // would announce a proposal that no longer stands (a reviewer of the digest fix saw the gap).
  const withMatchNow = (current: { state: string; version: number; proposedAt?: string } | undefined) => {
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).resolves({ MessageId: 'm' });
    return { ses, deliver: setup(ses as unknown as SESv2Client, current).handler };
  };

  it('mails nothing when the match was closed since (declined, withdrawn or expired at a later version)', async () => {
    for (const state of ['declined', 'withdrawn', 'expired']) {
      const { ses, deliver } = withMatchNow({ state, version: 2 });
      expect((await deliver(proposed)).batchItemFailures).toEqual([]);
      expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    }
  });

  it('mails as before when the match still stands (same state, a later version of it, or moved on to accepted or confirmed: the coordinator hears of a new match only here), or is not found', async () => {
    for (const current of [{ state: 'proposed', version: 1 }, { state: 'proposed', version: 3 }, { state: 'accepted', version: 2 }, { state: 'confirmed', version: 3 }, undefined]) {
      const { ses, deliver } = withMatchNow(current);
      expect((await deliver(proposed)).batchItemFailures).toEqual([]);
      expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    }
  });

  it('mails nothing for a proposal replaced since by a new one (the pair withdrawn or expired, then proposed again): the new proposal\'s own event tells, once', async () => {
    // Proposed at version 1, withdrawn at 2, proposed again at 3 before notify caught up: both MatchProposed mailed a new match.
    const again = { state: 'proposed', version: 3, proposedAt: '2026-11-26T10:00:00.000Z' };
    for (const event of [proposed, { ...proposed, 'detail-type': 'MatchAccepted', detail: { ...proposed.detail, data: { ...proposed.detail.data, state: 'accepted', acceptedBy: [A], version: 2 } } }]) {
      const { ses, deliver } = withMatchNow(again);
      expect((await deliver(event)).batchItemFailures).toEqual([]);
      expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    }
    // The proposal the event is about still stands (proposed when it occurred): mailed.
    const { ses, deliver } = withMatchNow({ state: 'proposed', version: 1, proposedAt: proposed.detail.metadata.occurredAt });
    await deliver(proposed);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });
});
