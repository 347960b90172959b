import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { MessageRejected, SESv2Client, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { sesMailer } from '@culturebridge/mail';
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { ProfileInput } from '@culturebridge/domain';
import { storedMeetingFixture, validProfileInput } from '@culturebridge/domain/test-fixtures';
import { addressHash, createDocumentClient, keys, matchItems, meetingItem, networkItem, profileAddressItem, profileItem } from '@culturebridge/store';
import { hashToken } from '@culturebridge/auth';
import { createProfilesApi } from './app.js';
import { call } from '../../test/support/api-event.js';
import { bearer, profilesApiOptions } from '../../test/support/profiles-api.js';

const doc = createDocumentClient({ region: 'eu-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
const ddb = mockClient(doc);
const id = '6f1c1c1e-8b7a-4c39-9d55-6a0a3a6f0a11';
const logs: string[] = [];
const logger = new Logger({ serviceName: 'test', logLevel: 'INFO', logFormatter: undefined });
const api = createProfilesApi(profilesApiOptions(doc, 'table', { newId: () => id, now: () => new Date().toISOString(), logger, allowedOrigins: ['*'] }));
const owner = await bearer('culture@kutaisi.example', { profiles: [id] });

const stored = profileItem({
  ...ProfileInput.parse(validProfileInput()),
  id,
  version: 3,
  status: 'active',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
});

beforeEach(() => {
  ddb.reset();
  // Nothing stored unless a test says so (the submission memory, a profile).
  ddb.on(GetCommand).resolves({});
  // The address book: the session's address owns the stored profile.
  ddb.on(QueryCommand).resolves({ Items: [profileAddressItem('culture@kutaisi.example', id)] });
  // The networks a profile may name.
  ddb
    .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'NETWORKS' } })
    .resolves({ Items: [networkItem({ id: 'eu4culture', name: 'EU4Culture', timeZone: 'UTC', settings: {}, createdAt: 'c', updatedAt: 'u' })] });
  logs.length = 0;
  // Powertools writes through console; capture it to check that no personal data reaches the logs.
  (logger as unknown as { console: { info: (s: string) => void; warn: (s: string) => void; error: (s: string) => void } }).console = {
    info: (s) => logs.push(s),
    warn: (s) => logs.push(s),
    error: (s) => logs.push(s),
  };
});

describe('profiles-api error paths', () => {
  it('answers 503 with Retry-After when DynamoDB keeps throttling, not a 500', async () => {
    ddb.on(TransactWriteCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    const response = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput(), headers: owner });
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body.type).toBe('about:blank');
  });

  it('turns a conditional-check failure during the write (a concurrent edit) into 409 with the current version', async () => {
    ddb
      .on(GetCommand)
      .resolvesOnce({ Item: stored })
      // Someone else's edit: other data than this request sends (the same data would be this request's own earlier write).
      .resolves({ Item: { ...stored, name: 'Kutaisi, edited elsewhere', version: 4 } });
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] }),
    );
    const response = await call(api, { method: 'PUT', path: `/profiles/${id}`, body: { ...validProfileInput(), version: 3 }, headers: owner });
    expect(response.status).toBe(409);
    expect(response.body.currentVersion).toBe(4);
  });

  it('answers an unexpected failure with a bare 500 and logs no personal data from the request', async () => {
    ddb.on(TransactWriteCommand).rejects(new Error('disk on fire'));
    const response = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput(), headers: owner });
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain('disk on fire');
    expect(logs.join('\n')).toContain('disk on fire');
    expect(logs.join('\n')).not.toContain('kutaisi.example');
    // The answer names the request, and the log line of the failure carries the same id: what a
    // member quotes to support finds the failure.
    expect(response.body.requestId).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    const failure = logs.find((line) => line.includes('disk on fire')) ?? '';
    expect(failure).toContain(String(response.body.requestId));
  });

  it('answers 409, not 500, when DynamoDB cancels the write because another transaction holds the item', async () => {
    ddb.on(GetCommand).resolves({ Item: stored });
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }] }),
    );
    const response = await call(api, { method: 'PUT', path: `/profiles/${id}`, body: { ...validProfileInput(), version: 3 }, headers: owner });
    expect(response.status).toBe(409);
  });

  it('decides a match answer again after each lost race, and answers 503 with Retry-After (never a version conflict) when every attempt lost', async () => {
    const partner = '0b6e2f0a-3c1d-4e5f-8a9b-1c2d3e4f5a6b';
    const [ownCopy] = matchItems({ matchId: `${id}|${partner}`, profileIds: [id, partner], state: 'proposed', acceptedBy: [], score: 0.7, summary: 's', reasons: [], sharedNetworks: ['eu4culture'], version: 1, proposedAt: 'p', updatedAt: 'u' }).filter((item) => item.PK === keys.match(id, partner).PK && item.SK === keys.match(id, partner).SK);
    ddb.on(GetCommand, { Key: keys.match(id, partner) }).resolves({ Item: ownCopy });
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }] }),
    );
    const response = await call(api, { method: 'POST', path: `/matches/${id}/${partner}/accept`, headers: owner });
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    // A type of its own: a client tells a race lost on every attempt from throttling (about:blank).
    expect(response.body).toMatchObject({ type: '/problems/kept-changing', status: 503 });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(5);
    expect(ddb.commandCalls(GetCommand, { Key: keys.match(id, partner) })).toHaveLength(5);
  });

  it('answers 503 kept-changing, not 500, when a write that sends no version (an erasure) loses every race', async () => {
    // In no network, so no meeting to leave first.
    ddb.on(GetCommand, { Key: keys.profile(id) }).resolves({ Item: { ...stored, networks: [] } });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': keys.profilePartition(id) } }).resolves({ Items: [stored] });
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }] }),
    );
    const response = await call(api, { method: 'DELETE', path: `/profiles/${id}`, headers: owner });
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ type: '/problems/kept-changing' });
    expect(response.headers['retry-after']).toBe('1');
  });

  it('answers 503 kept-changing, not 500, when a leaving member\'s meeting changes on every attempt, and erases nothing yet', async () => {
    const others = ['0b6e2f0a-3c1d-4e5f-8a9b-1c2d3e4f5a6b', '1c7f3a1b-4d2e-4f6a-9b0c-2d3e4f5a6b7c'];
    const meeting = storedMeetingFixture(1, [id, ...others]);
    ddb.on(GetCommand, { Key: keys.profile(id) }).resolves({ Item: stored });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': keys.meetingPartition('eu4culture') } }).resolves({ Items: [meetingItem(meeting)] });
    // A coordinator's change lands before each attempt: the meeting is always one version further.
    let version = 1;
    ddb.on(PutCommand).callsFake(() => {
      version++;
      throw new ConditionalCheckFailedException({ message: 'changed', $metadata: {} });
    });
    ddb.on(GetCommand, { Key: keys.meeting('eu4culture', meeting.id) }).callsFake(() => ({ Item: meetingItem({ ...meeting, version }) }));
    const response = await call(api, { method: 'DELETE', path: `/profiles/${id}`, headers: owner });
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ type: '/problems/kept-changing' });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('answers 503 with Retry-After, never a shorter list, when DynamoDB leaves a partner\'s profile unprocessed on every round', async () => {
    const partner = '0b6e2f0a-3c1d-4e5f-8a9b-1c2d3e4f5a6b';
    const match = matchItems({ matchId: `${id}|${partner}`, profileIds: [id, partner], state: 'proposed', acceptedBy: [], score: 0.7, summary: 's', reasons: [], sharedNetworks: ['eu4culture'], version: 1, proposedAt: 'p', updatedAt: 'u' });
    ddb.on(GetCommand, { Key: keys.profile(id) }).resolves({ Item: stored });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': keys.profilePartition(id), ':match': keys.matchPrefix } }).resolves({ Items: match.filter((item) => item.PK === keys.profilePartition(id)) });
    ddb.on(BatchGetCommand).resolves({ Responses: { table: [] }, UnprocessedKeys: { table: { Keys: [keys.profile(partner)] } } });
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const answered = call(api, { method: 'GET', path: `/profiles/${id}/matches`, headers: owner });
      // The store backs off between its rounds: each wait is let pass at once.
      let settled = false;
      void answered.finally(() => (settled = true));
      while (!settled) {
        await new Promise((resolve) => setImmediate(resolve));
        if (vi.getTimerCount() > 0) await vi.advanceTimersToNextTimerAsync();
      }
      const response = await answered;
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(8);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers 503 when a transaction was cancelled by throttling', async () => {
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ThrottlingError' }] }),
    );
    const response = await call(api, { method: 'POST', path: '/profiles', body: validProfileInput(), headers: owner });
    expect(response.status).toBe(503);
  });
});

describe('sign-in error paths', () => {
  const ses = new SESv2Client({ region: 'eu-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
  const sesMock = mockClient(ses);
  const signInApi = createProfilesApi(
    profilesApiOptions(doc, 'table', { logger, mailer: sesMailer(ses, { sender: 'no-reply@culturebridge.example', configurationSet: 'cs', sleep: async () => undefined }) }),
  );

  beforeEach(() => {
    sesMock.reset();
    ddb.on(UpdateCommand).resolves({ Attributes: { hits: 1 } });
    ddb.on(PutCommand).resolves({});
    ddb.on(GetCommand).resolves({});
  });

  it('answers 503, not 500, when SES keeps throttling the sign-in mail', async () => {
    sesMock.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));
    const response = await call(signInApi, { method: 'POST', path: '/auth/magic-link', body: { email: 'nino@kutaisi.example' } });
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(sesMock.commandCalls(SendEmailCommand).length).toBeGreaterThan(1);
  });

  it('still answers 202 when SES rejects one address, and logs neither the address nor the link', async () => {
    sesMock.on(SendEmailCommand).rejects(new MessageRejected({ message: 'Email address is not verified', $metadata: {} }));
    const response = await call(signInApi, { method: 'POST', path: '/auth/magic-link', body: { email: 'nino@kutaisi.example' } });
    expect(response.status).toBe(202);
    const logged = logs.join('\n');
    expect(logged).toContain('sign-in mail rejected by SES');
    expect(logged).not.toContain('kutaisi.example');
    expect(logged).not.toContain('token');
  });

  it('answers 503 kept-changing, with the link unspent, when confirming its profile loses every race', async () => {
    const token = 'A'.repeat(43);
    const tokenKey = keys.token(hashToken(token));
    const later = Math.floor(Date.now() / 1000) + 600;
    ddb.on(GetCommand, { Key: tokenKey }).resolves({ Item: { ...tokenKey, addressHash: addressHash('culture@kutaisi.example'), purpose: 'confirm-profile', profileId: id, expiresAt: later } });
    ddb.on(GetCommand, { Key: keys.profile(id) }).resolves({ Item: { ...stored, status: 'pending' } });
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] }),
    );
    const response = await call(signInApi, { method: 'POST', path: '/auth/verify', body: { token } });
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ type: '/problems/kept-changing' });
    expect(response.headers['retry-after']).toBe('1');
    // Never spent on its own: only inside the confirming transaction, which never went through.
    expect(ddb.commandCalls(UpdateCommand, { Key: tokenKey })).toHaveLength(0);
  });

  it('answers 503 when the rate counter is throttled, and mails nothing', async () => {
    ddb.on(UpdateCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    const response = await call(signInApi, { method: 'POST', path: '/auth/magic-link', body: { email: 'nino@kutaisi.example' } });
    expect(response.status).toBe(503);
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(0);
  });
});
