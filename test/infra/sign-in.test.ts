import { describe, expect, it } from 'vitest';
import type { IConstruct } from 'constructs';
import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { TABLE } from '@culturebridge/store';
import { PROFILES_API_ROUTES } from '@culturebridge/api/api-routes';
import { actionsOf, environmentOf, functionId, onlyLogicalId, statementsOf } from './template-helpers.js';
import { nagViolations, synthStack } from './synth.js';

describe('sign-in at the edge', () => {
  const { stack } = synthStack();
  const template = Template.fromStack(stack);
  const authorizers = template.findResources('AWS::ApiGatewayV2::Authorizer');
  const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties as { RouteKey: string; AuthorizationType?: string; AuthorizerId?: { Ref: string } });
  const identitySourceOf = (route: (typeof routes)[number]) => authorizers[route.AuthorizerId?.Ref ?? '']?.Properties.IdentitySource as string[] | undefined;

  it('puts a Lambda authorizer on every route, $default included', () => {
    expect(routes.length).toBe(PROFILES_API_ROUTES.length + 1);
    for (const route of routes) {
      expect(route.AuthorizationType, route.RouteKey).toBe('CUSTOM');
      expect(authorizers[route.AuthorizerId?.Ref ?? ''], route.RouteKey).toBeDefined();
    }
  });

  it('uses one always-invoked authorizer (no identity source) on every route, so a session may come as a bearer token or a cookie', () => {
    const byKey = new Map(routes.map((r) => [r.RouteKey, r]));
    for (const declared of PROFILES_API_ROUTES) {
      const route = byKey.get(`${declared.method} ${declared.path}`);
      expect(route, declared.name).toBeDefined();
      expect(identitySourceOf(route!), declared.name).toEqual([]);
    }
    expect(identitySourceOf(byKey.get('$default')!)).toEqual([]);
  });

  it('has exactly one authorizer on the authorizer function: simple responses, payload 2.0, no result cache', () => {
    expect(Object.keys(authorizers)).toHaveLength(1);
    const authorizerFn = functionId(template, 'authorizer');
    for (const a of Object.values(authorizers)) {
      expect(a.Properties).toMatchObject({ AuthorizerType: 'REQUEST', EnableSimpleResponses: true, AuthorizerPayloadFormatVersion: '2.0', AuthorizerResultTtlInSeconds: 0 });
      expect(JSON.stringify(a.Properties.AuthorizerUri)).toContain(`"${authorizerFn}","Arn"`);
    }
    // API Gateway may invoke the authorizer function, for exactly this authorizer.
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).filter((p) => JSON.stringify(p.Properties.FunctionName).includes(authorizerFn));
    expect(permissions.map((p) => p.Properties.Principal)).toEqual(['apigateway.amazonaws.com']);
  });

  it('generates the session key in Secrets Manager (64 alphanumerics), retained in prod', () => {
    template.hasResource('AWS::SecretsManager::Secret', {
      Properties: Match.objectLike({ GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false } }),
      DeletionPolicy: 'Delete',
    });
    Template.fromStack(synthStack({ stage: 'prod' }).stack).hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
  });

  const sessionKeyId = () => {
    const ids = Object.keys(template.findResources('AWS::SecretsManager::Secret')).filter((id) => id.startsWith('SessionKey'));
    expect(ids).toHaveLength(1);
    return ids[0] as string;
  };

  it('lets the authorizer read the session key and the server-side sessions, and nothing else', () => {
    const secret = sessionKeyId();
    const table = onlyLogicalId(template, 'AWS::DynamoDB::Table');
    expect(environmentOf(template, 'authorizer').SESSION_KEY_SECRET_ARN).toEqual({ Ref: secret });
    expect(environmentOf(template, 'authorizer').TABLE_NAME).toEqual({ Ref: table });
    const statements = statementsOf(template, 'authorizer');
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Allow', Action: expect.arrayContaining(['secretsmanager:GetSecretValue']), Resource: { Ref: secret } }));
    // Sessions only: GetItem on SESSION# partitions, no profile, token or address item.
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'dynamodb:GetItem',
      Resource: { 'Fn::GetAtt': [table, 'Arn'] },
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SESSION#*'] } },
    });
    expect(statements.flatMap(actionsOf).filter((a) => !a.startsWith('logs:') && !a.startsWith('secretsmanager:'))).toEqual(['dynamodb:GetItem']);
    // Not the origin secret: the authorizer has no use for it.
    expect(statements.filter((st) => actionsOf(st).some((a) => a.startsWith('secretsmanager:'))).map((st) => st.Resource)).toEqual([{ Ref: secret }]);
  });

  it('gives profiles-api the session key, the mail settings notify uses, and SES sending', () => {
    const secret = sessionKeyId();
    const env = environmentOf(template, 'profiles-api');
    const notify = environmentOf(template, 'notify');
    expect(env.SESSION_KEY_SECRET_ARN).toEqual({ Ref: secret });
    for (const key of ['SENDER_EMAIL', 'CONFIGURATION_SET', 'APP_BASE_URL', 'TABLE_NAME']) expect(env[key], key).toEqual(notify[key]);
    // The web app's own origin is allowed besides the configured ones.
    expect(JSON.stringify(env.ALLOWED_ORIGINS)).toContain('https://app.example.org,https://');
    const statements = statementsOf(template, 'profiles-api');
    expect(statements.flatMap(actionsOf)).toEqual(expect.arrayContaining(['ses:SendEmail', 'secretsmanager:GetSecretValue']));
    expect(statements).toContainEqual(expect.objectContaining({ Action: expect.arrayContaining(['secretsmanager:GetSecretValue']), Resource: { Ref: secret } }));
  });

  it('lets profiles-api perform item operations on the table and query the network index, and no scan', () => {
    const table = onlyLogicalId(template, 'AWS::DynamoDB::Table');
    const dynamo = statementsOf(template, 'profiles-api').filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo).toHaveLength(1);
    expect(actionsOf(dynamo[0]!).sort()).toEqual(
      ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem', 'Query', 'BatchWriteItem'].map((a) => `dynamodb:${a}`).sort(),
    );
    expect(dynamo[0]!.Resource).toEqual([{ 'Fn::GetAtt': [table, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [table, 'Arn'] }, `/index/${TABLE.networkIndex.name}`]] }]);
  });
});

describe('the API functions beside profiles-api', () => {
  const { stack } = synthStack();
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, { Properties: Record<string, unknown> }>;

  it('sends each declared route to the function api-routes.ts names', () => {
    const integrationOf = new Map(
      Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => [r.Properties.RouteKey as string, (r.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] })['Fn::Join'][1][1].Ref]),
    );
    for (const declared of PROFILES_API_ROUTES) {
      const integration = integrationOf.get(`${declared.method} ${declared.path}`);
      const uri = resources[integration ?? '']?.Properties.IntegrationUri as { 'Fn::GetAtt': [string, string] };
      expect(uri['Fn::GetAtt'][0], declared.name).toBe(functionId(template, declared.function));
    }
    expect(new Set(PROFILES_API_ROUTES.map((r) => r.function))).toEqual(new Set(['profiles-api', 'member-lists', 'meetings', 'network-dashboard']));
  });

  it('configures meetings and network-dashboard as member-lists is configured, and sizes each for its work', () => {
    const { POWERTOOLS_SERVICE_NAME: _m, ...memberLists } = environmentOf(template, 'member-lists');
    for (const name of ['meetings', 'network-dashboard']) {
      const { POWERTOOLS_SERVICE_NAME: _n, ...env } = environmentOf(template, name);
      expect(env, name).toEqual(memberLists);
    }
    const size = (name: string) => ({ MemorySize: resources[functionId(template, name)]?.Properties.MemorySize, Timeout: resources[functionId(template, name)]?.Properties.Timeout });
    // Planning a meeting takes what an import takes; the dashboard's reads are single-page Queries.
    expect(size('meetings')).toEqual({ MemorySize: 1024, Timeout: 29 });
    expect(size('member-lists')).toEqual({ MemorySize: 1024, Timeout: 29 });
    expect(size('network-dashboard')).toEqual({ MemorySize: 256, Timeout: 10 });
  });

  it('lets meetings and network-dashboard read the session key and the table, write only their own items, and send no mail', () => {
    const table = onlyLogicalId(template, 'AWS::DynamoDB::Table');
    const tableArn = { 'Fn::GetAtt': [table, 'Arn'] };
    const networkIndex = { 'Fn::Join': ['', [tableArn, `/index/${TABLE.networkIndex.name}`]] };
    const under = (action: string, ...prefixes: string[]) => ({ Effect: 'Allow', Action: action, Resource: tableArn, Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes } } });
    const reads = (resource: unknown) => ({ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'], Resource: resource });
    const dynamo = (name: string) => statementsOf(template, name).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    // Meetings: members from the network index; writes meetings, and renews sessions.
    expect(dynamo('meetings')).toEqual([reads(tableArn), { Effect: 'Allow', Action: 'dynamodb:Query', Resource: networkIndex }, under('dynamodb:PutItem', 'MEETINGS#*'), under('dynamodb:UpdateItem', 'SESSION#*')]);
    // The dashboard: single partitions and keys; renews sessions, and sets a coordinator's preference.
    expect(dynamo('network-dashboard')).toEqual([reads(tableArn), under('dynamodb:UpdateItem', 'SESSION#*', 'COORDINATORS#*')]);
    const secret = Object.keys(template.findResources('AWS::SecretsManager::Secret')).find((id) => id.startsWith('SessionKey'));
    for (const name of ['meetings', 'network-dashboard']) {
      const statements = statementsOf(template, name);
      expect(statements.flatMap(actionsOf).filter((a) => !a.startsWith('dynamodb:') && !a.startsWith('logs:')), name).toEqual(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']);
      expect(statements.filter((st) => actionsOf(st).some((a) => a.startsWith('secretsmanager:'))).map((st) => st.Resource), name).toEqual([{ Ref: secret }]);
    }
  });
});

describe('cdk-nag and the prod stage', () => {
  it('synthesizes stage prod with nothing unacknowledged', () => {
    const { app } = synthStack({ stage: 'prod' });
    expect(nagViolations(app)).toEqual([]);
  });

  it('satisfies AwsSolutions-APIG4 instead of acknowledging it anywhere', () => {
    const { app, stack } = synthStack();
    const acknowledged = (c: IConstruct) =>
      c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).flatMap((m) => Object.keys(m.data as Record<string, string>));
    const ids = app.node.findAll().flatMap(acknowledged);
    expect(ids.length).toBeGreaterThan(0); // the walk does see acknowledgements
    expect(ids.filter((id) => id.includes('APIG4'))).toEqual([]);
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('APIG4');
  });
});
