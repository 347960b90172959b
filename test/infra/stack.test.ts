import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_DETAIL_TYPES, EVENT_BUS_NAME, SOURCES } from '@culturebridge/events';
import { SCHEDULES, STREAM_CONSUMERS } from '../../infra/lib/wiring.js';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { TABLE } from '@culturebridge/store';
import { PROFILES_API_ROUTES } from '@culturebridge/api/api-routes';
import { distributionUrl } from './template-helpers.js';
import { nagViolations, synthStack } from './synth.js';

describe('CultureBridge stack', () => {
  const { stack } = synthStack();
  const template = Template.fromStack(stack);

  it('has the single table with streams, point-in-time recovery, TTL, encryption, the network index and the open-proposals index', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      SSESpecification: { SSEEnabled: true },
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: TABLE.networkIndex.name,
          Projection: { ProjectionType: TABLE.networkIndex.projection },
        }),
        Match.objectLike({
          IndexName: TABLE.openProposalsIndex.name,
          KeySchema: [
            { AttributeName: TABLE.openProposalsIndex.partitionKey, KeyType: 'HASH' },
            { AttributeName: TABLE.openProposalsIndex.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: TABLE.openProposalsIndex.projection },
        }),
      ],
    });
  });

  it('retains the table in prod and lets dev stacks clean up', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    const prod = Template.fromStack(synthStack({ stage: 'prod' }).stack);
    prod.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtectionEnabled: true }) });
  });

  it('runs profiles-api on nodejs24.x with its own log group, retention, and the table name from the stack', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'profiles-api', TABLE_NAME: Match.anyValue(), ALLOWED_ORIGINS: Match.anyValue() }) },
      LoggingConfig: { LogGroup: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('grants our roles only item operations on the table, no scan and no wildcard', () => {
    // All policies but that of CDK's BucketDeployment handler, whose wildcards are acknowledged beside it.
    const deploymentHandler = Object.values(template.findResources('Custom::CDKBucketDeployment'))[0]?.Properties.ServiceToken['Fn::GetAtt'][0];
    const deploymentRole = template.toJSON().Resources[deploymentHandler].Properties.Role['Fn::GetAtt'][0];
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles) !== JSON.stringify([{ Ref: deploymentRole }]));
    expect(policies.length).toBeGreaterThan(5);
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]);
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toContain('dynamodb:GetItem');
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.filter((a) => a.endsWith('*'))).toEqual([]);
  });

  it('exposes exactly the declared routes on an HTTP API with stage throttling and access logs', () => {
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey).sort();
    expect(routeKeys).toEqual([...PROFILES_API_ROUTES.map((r) => `${r.method} ${r.path}`), '$default'].sort());
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://app.example.org'] }),
    });
  });
});

describe('event backbone', () => {
  const { stack } = synthStack();
  const template = Template.fromStack(stack);

  it('has the culturebridge bus with an archive that keeps events for replay', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: `${EVENT_BUS_NAME}-dev` });
    template.hasResourceProperties('AWS::Events::Archive', { RetentionDays: 30, EventPattern: { source: Object.values(SOURCES) } });
    // Partners subscribe to the production bus by its plain name.
    Template.fromStack(synthStack({ stage: 'prod' }).stack).hasResourceProperties('AWS::Events::EventBus', { Name: EVENT_BUS_NAME });
  });

  it('feeds the stream to publish-changes exactly as wired: partial failures, bisect, bounded retries and age, an on-failure queue', () => {
    const [consumer] = STREAM_CONSUMERS;
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: Match.anyValue(),
      StartingPosition: consumer.startingPosition,
      BatchSize: consumer.batchSize,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: consumer.retryAttempts,
      MaximumRecordAgeInSeconds: consumer.maxRecordAgeHours * 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('lets publish-changes put events on the bus only', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'events:PutEvents', Resource: Match.anyValue() })]) },
    });
  });

  it('publishes one draft-4 schema per event to the Schema Registry, identical to the checked-in file', () => {
    const schemas = Object.values(template.findResources('AWS::EventSchemas::Schema'));
    expect(schemas.map((s) => s.Properties.SchemaName).sort()).toEqual(ALL_DETAIL_TYPES.map((t) => `${EVENT_BUS_NAME}-dev@${t}`).sort());
    for (const s of schemas) {
      expect(s.Properties.Type).toBe('JSONSchemaDraft4');
      const detailType = String(s.Properties.SchemaName).split('@')[1];
      expect(JSON.parse(s.Properties.Content)).toEqual(JSON.parse(readFileSync(`events/schemas/${detailType}.v1.json`, 'utf8')));
    }
  });
});

describe('coordinator e-mails', () => {
  const { stack } = synthStack();
  const template = Template.fromStack(stack);
  const functionWithService = (name: string) => Match.objectLike({ Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: name }) } });

  it('sends through an SES configuration set with TLS required and bounce/complaint suppression, from a configured sender', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'culturebridge-dev',
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'no-reply@culturebridge.example' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'notify', SENDER_EMAIL: 'no-reply@culturebridge.example', CONFIGURATION_SET: Match.anyValue(), APP_BASE_URL: distributionUrl(template) }) },
    });
  });

  it('links to the context appBaseUrl when one is given (a custom domain)', () => {
    const custom = Template.fromStack(synthStack({ appBaseUrl: 'https://partners.example.org' }).stack);
    for (const name of ['notify', 'send-digests', 'profiles-api']) {
      custom.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: name, APP_BASE_URL: 'https://partners.example.org' }) },
      });
    }
  });

  it('buffers match, meeting and membership events for notify in SQS with a dead-letter queue, and reports partial batch failures', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['culturebridge.matches', 'culturebridge.meetings', 'culturebridge.memberships'],
        'detail-type': ['MatchProposed', 'MatchAccepted', 'MatchConfirmed', 'MatchExpired', 'MeetingPlanned', 'MeetingChanged', 'MeetingCancelled', 'MembershipRequested', 'MembershipRejected', 'MembershipApproved'],
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 360, RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }) });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 2 } });
  });

  it('lets notify, send-digests, expire-proposals, profiles-api, member-lists and deliver-webhooks send only as the sender identity through the configuration set', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    const ses = statements.filter((s) => s.Action === 'ses:SendEmail');
    expect(ses).toHaveLength(6);
    for (const s of ses) {
      expect(s.Resource).toHaveLength(2);
      expect(JSON.stringify(s.Resource)).toMatch(/:identity\/.*:configuration-set\//);
    }
  });

  it('runs send-digests hourly from EventBridge Scheduler with the scheduled time, retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 hour)',
      Target: Match.objectLike({
        Input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3000 },
        DeadLetterConfig: { Arn: Match.anyValue() },
      }),
    });
    template.hasResourceProperties('AWS::Lambda::Function', functionWithService('send-digests'));
  });

  it('runs each function of SCHEDULES (digests, the expiry sweep) on its own schedule at its declared rate', () => {
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).map((r) => r.Properties as { ScheduleExpression: string; Target: { Arn: { 'Fn::GetAtt': [string, string] } } });
    const functions = template.findResources('AWS::Lambda::Function');
    const targeted = schedules.map((s) => [(functions[s.Target.Arn['Fn::GetAtt'][0]]?.Properties as { Environment: { Variables: Record<string, string> } }).Environment.Variables.POWERTOOLS_SERVICE_NAME, s.ScheduleExpression]);
    expect(targeted.sort()).toEqual(SCHEDULES.map((s) => [s.function, `rate(${s.rateMinutes / 60} hour${s.rateMinutes === 60 ? '' : 's'})`]).sort());
  });

  it('lets the expiry sweep read the open-proposals index', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    expect(statements.some((s) => JSON.stringify(s.Resource).includes(`/index/${TABLE.openProposalsIndex.name}`) && ([] as string[]).concat(s.Action).includes('dynamodb:Query'))).toBe(true);
  });
});

describe('bounce and complaint suppression', () => {
  const { stack } = synthStack();
  const template = Template.fromStack(stack);

  it('publishes bounces and complaints of the configuration set to the default bus', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        EventBridgeDestination: { EventBusArn: Match.anyValue() },
      }),
    });
    const destination = Object.values(template.findResources('AWS::SES::ConfigurationSetEventDestination'))[0];
    expect(JSON.stringify(destination)).toContain('event-bus/default');
  });

  it('routes SES bounce and complaint events from the default bus through an SQS buffer to suppress', () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule')).filter((r) => JSON.stringify(r.Properties.EventPattern).includes('aws.ses'));
    expect(rules).toHaveLength(1);
    expect(rules[0]?.Properties.EventPattern).toEqual({ source: ['aws.ses'], 'detail-type': ['Email Bounced', 'Email Complaint Received'] });
    expect(rules[0]?.Properties.EventBusName).toBe('default');
  });

  it('lets suppress only put suppression items', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Condition?: unknown }[]);
    const suppress = statements.filter((s) => JSON.stringify(s.Condition ?? {}).includes('SUPPRESS#'));
    expect(suppress).toEqual([expect.objectContaining({ Action: 'dynamodb:PutItem' })]);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in the stack', () => {
    const { app } = synthStack();
    expect(nagViolations(app)).toEqual([]);
  });

  it('does report a finding when there is one, so the clean result above means something', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Probe');
    new HttpApi(stack, 'OpenApi').addRoutes({ path: '/x', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('U', 'https://example.org') });
    expect(nagViolations(app).map((v) => v.ruleName)).toContain('AwsSolutions-APIG4');
  });
});
