import { describe, expect, it } from 'vitest';
import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MatchStore } from '@culturebridge/store';
import { lambdaContext } from '../../local/api-gateway.js';
import { sqsEvent } from '../../local/sqs.js';
import { createComputeMatchesHandler } from './app.js';

const recomputed: string[] = [];
const handler = createComputeMatchesHandler({
  // Only what recompute touches for an erased profile: no view, no matches.
  matches: { matchingView: async (id: string) => (recomputed.push(id), undefined), matchesOf: async () => [], formerPartners: async () => [] } as unknown as MatchStore,
  doc: {} as DynamoDBDocumentClient,
  tableName: 't',
  now: () => '2026-11-24T00:00:00.000Z',
  logger: new Logger({ logLevel: 'SILENT' }),
});

describe('compute-matches messages', () => {
  it('reads a profile event leniently (extra fields are fine) and reports an unreadable message as failed, never dropping it', async () => {
    const readable = { 'detail-type': 'ProfileWithdrawn', detail: { metadata: { correlationId: 'c1', addedLater: true }, data: { profileId: 'p1' } } };
    const event = sqsEvent('buffer', [readable, { 'detail-type': 'ProfileWithdrawn', detail: {} }]);
    event.Records.push({ ...event.Records[0]!, messageId: 'not-json', body: '{oops' });
    const result = await handler(event, lambdaContext('compute-matches'));
    expect(recomputed).toEqual(['p1']);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([event.Records[1]?.messageId, 'not-json']);
  });
});
