import { describe, expect, it } from 'vitest';
import { operatorTarget } from './operator-table.js';

describe('which table an operator command writes to', () => {
  it("is npm start's DynamoDB Local without TABLE_NAME, on DYNAMODB_PORT or 8000", () => {
    expect(operatorTarget({})).toEqual({ local: true, tableName: 'culturebridge-local', endpoint: 'http://localhost:8000' });
    expect(operatorTarget({ DYNAMODB_PORT: '8123' })).toMatchObject({ local: true, endpoint: 'http://localhost:8123' });
  });

  it('is a table in AWS with TABLE_NAME, through the default endpoint or one of its own (a VPC endpoint): strict checks, the usual credentials', () => {
    expect(operatorTarget({ TABLE_NAME: 'Prod-Table' })).toEqual({ local: false, tableName: 'Prod-Table', endpoint: undefined });
    expect(operatorTarget({ TABLE_NAME: 'Prod-Table', DYNAMODB_ENDPOINT: 'https://vpce-0a1b.dynamodb.eu-central-1.vpce.amazonaws.com' })).toMatchObject({ local: false });
  });

  it('is this machine for a named table on a loopback endpoint (a DynamoDB Local of its own, as the tests run)', () => {
    for (const endpoint of ['http://localhost:8100', 'http://127.0.0.1:8100', 'http://[::1]:8100']) {
      expect(operatorTarget({ TABLE_NAME: 'test-table', DYNAMODB_ENDPOINT: endpoint }), endpoint).toEqual({ local: true, tableName: 'test-table', endpoint });
    }
  });
});
