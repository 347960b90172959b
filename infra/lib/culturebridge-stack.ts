import { CfnElement, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { ConfigurationSet, ConfigurationSetTlsPolicy, EmailIdentity, EmailSendingEvent, EventDestination, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { AWS_SERVICE_RULES, RULES } from '@culturebridge/events';
import { TABLE, keys } from '@culturebridge/store';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { API_PREFIXES, CLIENT_ADDRESS_HEADER, ORIGIN_VERIFY_HEADER, routesOf, type ApiFunction } from '@culturebridge/api/api-routes';
import { BufferedRuleTarget } from './constructs/buffered-rule-target.js';
import { allowPartnerRules } from './constructs/partner-access.js';
import { DataTable } from './constructs/data-table.js';
import { EventBackbone } from './constructs/event-backbone.js';
import { FailureQueue } from './constructs/failure-queue.js';
import { SCHEDULES, STREAM_CONSUMERS } from './wiring.js';
import { PublicHttpApi, sessionAuthorizers } from './constructs/http-api.js';
import { NodeFunction, type NodeFunctionProps } from './constructs/node-function.js';
import { WebApp } from './constructs/web-app.js';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';

export interface CultureBridgeStackProps extends StackProps {
  stage: string;
  allowedOrigins: string[];
  /** The verified sender of coordinator mails (context `senderEmail`). */
  senderEmail?: string;
  /** The web app's origin for links in mails (context `appBaseUrl`); the CloudFront distribution's when absent. */
  appBaseUrl?: string;
  /** Where "webhook endpoint disabled" mails to the operator go (context `operatorEmail`); the sender when absent. */
  operatorEmail?: string;
  /** AWS accounts of partner systems that may put their own rules on the bus (context `partnerAccounts`). */
  partnerAccounts?: string[];
  /**
   * An SSM String(List) parameter naming more partner accounts, comma-separated, read at synth by a
   * context lookup (context `partnerAccountsParameter`); the stack then needs an account and region.
   */
  partnerAccountsParameter?: string;
}

export class CultureBridgeStack extends Stack {
  constructor(scope: Construct, id: string, props: CultureBridgeStackProps) {
    super(scope, id, props);
    const prod = props.stage === 'prod';
    const logRetention = prod ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH;

    const { table } = new DataTable(this, 'Data', { removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY });

    // A random alphanumeric secret, kept in prod; neither is rotated automatically (reason given).
    const generatedSecret = (id: string, description: string, length: number, notRotatedBecause: string) => {
      const secret = new Secret(this, id, {
        description,
        generateSecretString: { passwordLength: length, excludePunctuation: true, includeSpace: false },
        removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
      Validations.of(secret).acknowledge({ id: 'AwsSolutions-SMG4', reason: `Not rotated automatically: ${notRotatedBecause}` });
      return secret;
    };

    // Sign-in: the HS256 key that signs sessions (64 alphanumerics, read as base64: 48 bytes).
    const sessionKey = generatedSecret(
      'SessionKey',
      'CultureBridge session signing key (HS256), base64',
      64,
      'rotating the single HS256 key would end every session at once (sessions last one hour), and a graceful rotation needs verification against the previous and the current key, which is not built yet. Rotate by hand in a quiet hour.',
    );

    // Sent by CloudFront with every API request, so the API can tell forwarded requests (whose
    // viewer address it may believe) from direct calls of the execute-api URL.
    const originSecret = generatedSecret(
      'OriginVerify',
      'CultureBridge: the header value CloudFront sends to the API',
      48,
      'CloudFront holds the value in its origin configuration, so a rotation is a redeploy (CloudFormation resolves the new value); a rotation Lambda would leave CloudFront and the API disagreeing until then.',
    );

    // The HTTP API's authorizer: verifies the bearer session or the session cookie before any
    // function runs. It reads server-side sessions (GetItem on SESSION# partitions) and nothing else.
    const authorizer = new NodeFunction(this, 'Authorizer', {
      name: 'authorizer',
      logRetention,
      memorySize: 256,
      // No domain code, so no catalogs to read (its budget is 60 KB).
      catalogs: false,
      environment: { SESSION_KEY_SECRET_ARN: sessionKey.secretArn, TABLE_NAME: table.tableName },
    });
    sessionKey.grantRead(authorizer.role);
    authorizer.role.addToPolicy(onlyItemsUnder(table.tableArn, 'dynamodb:GetItem', keys.sessionPrefix));

    const http = new PublicHttpApi(this, 'Http', {
      // The web app calls the API same-origin through CloudFront and needs no CORS; these are other
      // origins (a local dev server, partners). The distribution's own domain cannot be listed here:
      // the distribution already depends on the API, so the API cannot depend on it.
      allowedOrigins: props.allowedOrigins,
      logRetention,
      throttle: { rateLimit: 50, burstLimit: 100 },
    });

    // The web app, and the API under its path prefixes, on one CloudFront distribution.
    const web = new WebApp(this, 'Web', {
      apiDomainName: `${http.api.apiId}.execute-api.${this.region}.${this.urlSuffix}`,
      apiPrefixes: API_PREFIXES,
      clientAddressHeader: CLIENT_ADDRESS_HEADER,
      originVerify: { header: ORIGIN_VERIFY_HEADER, value: originSecret.secretValue.unsafeUnwrap() },
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      logRetention: Duration.days(prod ? 365 : 30),
      logGroupRetention: logRetention,
    });

    // Mail: sign-in links (profiles-api), coordinator and member mails (notify, send-digests).
    const senderEmail = props.senderEmail ?? 'no-reply@culturebridge.example';
    const appBaseUrl = props.appBaseUrl ?? `https://${web.distribution.distributionDomainName}`;
    const configurationSet = new ConfigurationSet(this, 'MailConfiguration', {
      configurationSetName: `culturebridge-${props.stage}`,
      reputationMetrics: true,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      // SES's own suppression for this configuration set: bounced and complaining addresses get no mail.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    const sender = new EmailIdentity(this, 'Sender', { identity: Identity.email(senderEmail), configurationSet });
    const sendEmail = new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['ses:SendEmail'],
      resources: [
        this.formatArn({ service: 'ses', resource: 'identity', resourceName: sender.emailIdentityName }),
        this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet.configurationSetName }),
      ],
    });
    const mailEnvironment = { TABLE_NAME: table.tableName, SENDER_EMAIL: senderEmail, CONFIGURATION_SET: configurationSet.configurationSetName, APP_BASE_URL: appBaseUrl };

    const profilesApi = new NodeFunction(this, 'ProfilesApi', {
      name: 'profiles-api',
      logRetention,
      environment: {
        ...mailEnvironment,
        ALLOWED_ORIGINS: [...new Set([...props.allowedOrigins, appBaseUrl])].join(','),
        SESSION_KEY_SECRET_ARN: sessionKey.secretArn,
        ORIGIN_VERIFY_SECRET_ARN: originSecret.secretArn,
      },
    });
    sessionKey.grantRead(profilesApi.role);
    originSecret.grantRead(profilesApi.role);
    profilesApi.role.addToPolicy(sendEmail);
    // Exactly the item operations the store performs, no Scan; the network index for coordinators'
    // member lists.
    const apiTableAccess = new PolicyStatement({
      effect: Effect.ALLOW,
      actions: [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:Query',
        'dynamodb:BatchWriteItem',
      ],
      resources: [table.tableArn, `${table.tableArn}/index/${TABLE.networkIndex.name}`],
    });
    profilesApi.role.addToPolicy(apiTableAccess);
    // Every route behind the authorizer its access names; anything else (404s) behind the public one.
    const authorizers = sessionAuthorizers(authorizer.fn);
    http.addLambdaRoutes('Profiles', profilesApi.fn, routesOf('profiles-api'), { authorizers, catchAll: 'public' });

    // The API's other functions: the same configuration as profiles-api (its environment, the
    // session key to verify callers with) and the routes api-routes.ts gives each; no origin secret
    // (only sign-in's per-client limit needs the viewer's address).
    const apiEnvironment = {
      ...mailEnvironment,
      ALLOWED_ORIGINS: [...new Set([...props.allowedOrigins, appBaseUrl])].join(','),
      SESSION_KEY_SECRET_ARN: sessionKey.secretArn,
    };
    const apiFunction = (id: string, name: Exclude<ApiFunction, 'profiles-api'>, own: Pick<NodeFunctionProps, 'memorySize' | 'timeout' | 'catalogs'>) => {
      const fn = new NodeFunction(this, id, { name, logRetention, ...own, environment: apiEnvironment });
      sessionKey.grantRead(fn.role);
      http.addLambdaRoutes(id, fn.fn, routesOf(name), { authorizers });
      return fn;
    };
    // Member list import and export: its own function (CSV/XLSX libraries stay out of profiles-api),
    // with the memory and time a 5 000-row list takes (bench/results/member-import.md), just under
    // the HTTP API's 30 s integration limit. It mails invitations and creates profiles in the table.
    const memberLists = apiFunction('MemberLists', 'member-lists', { memorySize: 1024, timeout: Duration.seconds(29) });
    memberLists.role.addToPolicy(sendEmail);
    memberLists.role.addToPolicy(apiTableAccess);

    // A network's meetings: planning one (maximum-weight matching over up to 150 participants' pairs,
    // text scoring of each pair) is the API's heaviest computation, and CPU grows with memory, so it
    // keeps member-lists' 1 024 MB and 29 s (bench:meetings), just under the HTTP API's 30 s limit.
    // It reads members (the network index), matches, profiles and network names, and writes only
    // meetings; it sends no mail (notify does, from the meetings' events).
    const meetings = apiFunction('Meetings', 'meetings', { memorySize: 1024, timeout: Duration.seconds(29) });
    meetings.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
        resources: [table.tableArn],
      }),
    );
    // An index holds no item to get: only Query reaches it.
    meetings.role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/${TABLE.networkIndex.name}`] }));
    meetings.role.addToPolicy(onlyItemsUnder(table.tableArn, 'dynamodb:PutItem', keys.meetingPartition('')));
    // Authenticating a caller renews the session now and then (an update of its SESSION# item).
    meetings.role.addToPolicy(onlyItemsUnder(table.tableArn, 'dynamodb:UpdateItem', keys.sessionPrefix));

    // The coordinator's dashboard reads (a page of the network's matches or activity, and the
    // membership items naming it) and the coordinator's mail settings: small and quick, so the
    // authorizer's 256 MB and the default 10 s. Reads by key and Query of single partitions (no index);
    // its one write of its own is a coordinator's preference. No mail, and no text for people from
    // the catalogs (its bundle has no catalog reader).
    const networkDashboard = apiFunction('NetworkDashboard', 'network-dashboard', { memorySize: 256, catalogs: false });
    networkDashboard.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
        resources: [table.tableArn],
      }),
    );
    // Updates: a session's renewal (as meetings), and a coordinator's preference.
    networkDashboard.role.addToPolicy(onlyItemsUnder(table.tableArn, 'dynamodb:UpdateItem', keys.sessionPrefix, keys.coordinatorPartition('')));

    const { bus } = new EventBackbone(this, 'Events', { archiveRetention: Duration.days(prod ? 365 : 30), stage: props.stage });

    // The outbox: every change on the table reaches the bus through this one publisher.
    for (const consumer of STREAM_CONSUMERS) {
      const fn = new NodeFunction(this, 'PublishChanges', {
        name: consumer.function,
        logRetention,
        timeout: Duration.seconds(30),
        environment: { EVENT_BUS_NAME: bus.eventBusName },
        // It maps records to events and writes no text for people: no catalogs to read.
        catalogs: false,
      });
      bus.grantPutEventsTo(fn.fn);
      const failures = new FailureQueue(this, 'PublishFailures', {
        description: 'Stream records that could not be published as events after all retries',
      });
      fn.fn.addEventSource(
        new DynamoEventSource(table, {
          startingPosition: StartingPosition[consumer.startingPosition],
          batchSize: consumer.batchSize,
          maxBatchingWindow: Duration.seconds(consumer.maxBatchingWindowSeconds),
          retryAttempts: consumer.retryAttempts,
          maxRecordAge: Duration.hours(consumer.maxRecordAgeHours),
          bisectBatchOnError: consumer.bisectBatchOnError,
          reportBatchItemFailures: consumer.reportBatchItemFailures,
          onFailure: new SqsDlq(failures.queue),
        }),
      );
      Validations.of(fn.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'dynamodb:ListStreams, granted by the stream event source, has no resource-level permissions (AWS service authorization reference).',
      });
    }

    // Matching: profile events → SQS buffer (absorbs bursts, retries, dead-letters) → compute-matches.
    const computeMatches = new NodeFunction(this, 'ComputeMatches', {
      name: RULES.profileChanged.target,
      logRetention,
      timeout: Duration.seconds(60),
      memorySize: 1024,
      environment: { TABLE_NAME: table.tableName },
    });
    computeMatches.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'],
        resources: [table.tableArn, `${table.tableArn}/index/${TABLE.networkIndex.name}`],
      }),
    );
    new BufferedRuleTarget(this, 'Matching', {
      bus,
      rule: RULES.profileChanged,
      stage: props.stage,
      consumer: computeMatches,
      maxConcurrency: 5,
      failureDescription: 'Profile events that compute-matches could not process after all retries',
    });
    // Answers, expiries and withdrawals free exposure slots: both sides and their waiters are recomputed.
    new BufferedRuleTarget(this, 'FreedSlots', {
      bus,
      rule: RULES.slotFreed,
      stage: props.stage,
      consumer: computeMatches,
      maxConcurrency: 5,
      failureDescription: 'Match events whose freed slots compute-matches could not fill after all retries',
    });

    // Coordinator e-mails: match events → SQS buffer → notify → SES v2; hourly digests by Scheduler.
    const notify = new NodeFunction(this, 'Notify', {
      name: RULES.matchToNotify.target,
      logRetention,
      timeout: Duration.seconds(60),
      environment: mailEnvironment,
    });
    notify.role.addToPolicy(sendEmail);
    // Profile names (BatchGet), membership standings (GetItem), coordinators (Query), notification
    // claims, mail leases (what a member was last told of a membership or a meeting) and digest entries.
    notify.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        resources: [table.tableArn],
      }),
    );
    new BufferedRuleTarget(this, 'Notifications', {
      bus,
      rule: RULES.matchToNotify,
      stage: props.stage,
      consumer: notify,
      maxConcurrency: 2,
      failureDescription: 'Match events whose e-mails could not be sent after all retries',
    });

    const sendDigests = new NodeFunction(this, 'SendDigests', {
      name: 'send-digests',
      logRetention,
      timeout: Duration.minutes(5),
      environment: mailEnvironment,
    });
    sendDigests.role.addToPolicy(sendEmail);
    sendDigests.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        // Members' profiles (BatchGet), and the matches as they stand now for the lines and the counts
        // (a member's partition, the network's projection, a match's own copy).
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        resources: [table.tableArn, `${table.tableArn}/index/${TABLE.networkIndex.name}`],
      }),
    );
    this.hourly(sendDigests, 'send-digests', 'Digest');

    // The expiry sweep: reminders and expiries of unanswered proposals, from the open-proposals index.
    const expireProposals = new NodeFunction(this, 'ExpireProposals', {
      name: 'expire-proposals',
      logRetention,
      timeout: Duration.minutes(5),
      environment: mailEnvironment,
    });
    expireProposals.role.addToPolicy(sendEmail);
    // Reads: the index, matches, profiles, settings; writes: reminders and expiries (transactions on
    // both copies), mail claims and digest entries.
    expireProposals.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
        resources: [table.tableArn, `${table.tableArn}/index/${TABLE.openProposalsIndex.name}`],
      }),
    );
    this.hourly(expireProposals, 'expire-proposals', 'Expiry');

    // The dashboard's activity feed: a projection of the events, one partition per network.
    const recordActivity = new NodeFunction(this, 'RecordActivity', {
      name: RULES.activityFeed.target,
      logRetention,
      timeout: Duration.seconds(30),
      environment: { TABLE_NAME: table.tableName },
      // It writes no text for people from the catalogs (its bundle has no catalog reader).
      catalogs: false,
    });
    recordActivity.role.addToPolicy(onlyItemsUnder(table.tableArn, 'dynamodb:PutItem', keys.activityPrefix));
    new BufferedRuleTarget(this, 'ActivityFeed', {
      bus,
      rule: RULES.activityFeed,
      stage: props.stage,
      consumer: recordActivity,
      maxConcurrency: 2,
      failureDescription: 'Events the activity feed could not record after all retries',
    });

    // Our own suppression step: SES publishes bounces and complaints of this configuration set to the
    // default bus (the only bus SES can publish to) → rule → SQS buffer → suppress → SUPPRESS# items,
    // which notify and send-digests read before every mail.
    const defaultBus = EventBus.fromEventBusName(this, 'DefaultBus', AWS_SERVICE_RULES.sesSuppression.eventBusName);
    configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.eventBus(defaultBus),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    const suppress = new NodeFunction(this, 'Suppress', {
      name: AWS_SERVICE_RULES.sesSuppression.target,
      logRetention,
      timeout: Duration.seconds(30),
      environment: { TABLE_NAME: table.tableName },
      // It writes no text for people from the catalogs (its bundle has no catalog reader).
      catalogs: false,
    });
    // It only writes suppression items (an idempotent put); it reads nothing.
    suppress.role.addToPolicy(onlyItemsUnder(table.tableArn, 'dynamodb:PutItem', keys.suppressionPrefix));
    new BufferedRuleTarget(this, 'Suppression', {
      bus: defaultBus,
      rule: AWS_SERVICE_RULES.sesSuppression,
      stage: props.stage,
      consumer: suppress,
      maxConcurrency: 2,
      failureDescription: 'SES bounce and complaint events that could not be recorded after all retries',
    });

    // Partner webhooks: one rule for every partner → SQS → deliver-webhooks, which fans each event out
    // to one message per subscribed partner on the same queue and retries each on its own.
    const deliverWebhooks = new NodeFunction(this, 'DeliverWebhooks', {
      name: RULES.partnerWebhooks.target,
      logRetention,
      // Attempts in a batch run in parallel; each times out after 10 s.
      timeout: Duration.seconds(60),
      environment: { ...mailEnvironment, OPERATOR_EMAIL: props.operatorEmail ?? senderEmail },
      // It writes no text for people from the catalogs (its bundle has no catalog reader).
      catalogs: false,
    });
    deliverWebhooks.role.addToPolicy(sendEmail);
    // Partners and their failure state, delivery records, kept events, and the two profiles of a match (networks).
    deliverWebhooks.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resources: [table.tableArn],
      }),
    );
    const webhookDelivery = new BufferedRuleTarget(this, 'Webhooks', {
      bus,
      rule: RULES.partnerWebhooks,
      stage: props.stage,
      consumer: deliverWebhooks,
      maxConcurrency: 10,
      failureDescription: 'Webhook deliveries whose attempts (Standard Webhooks schedule, about three days) are used up',
    });
    webhookDelivery.buffer.grantSendMessages(deliverWebhooks.role);
    webhookDelivery.failures.queue.grantSendMessages(deliverWebhooks.role);
    deliverWebhooks.fn.addEnvironment('QUEUE_URL', webhookDelivery.buffer.queueUrl);
    deliverWebhooks.fn.addEnvironment('DEAD_LETTER_QUEUE_URL', webhookDelivery.failures.queue.queueUrl);

    // Partner accounts may keep their own rules on the bus (docs/partners.md).
    // Before a lookup has run CDK hands back a placeholder, which is no account id and is dropped.
    const looked = props.partnerAccountsParameter ? StringParameter.valueFromLookup(this, props.partnerAccountsParameter).split(',').map((a) => a.trim()).filter((a) => /^\d{12}$/.test(a)) : [];
    allowPartnerRules(bus, [...(props.partnerAccounts ?? []), ...looked]);

    new CfnOutput(this, 'EventBusName', { value: bus.eventBusName });
    new CfnOutput(this, 'EventBusArn', { value: bus.eventBusArn, description: 'Partners put their rules on this bus (docs/partners.md)' });
    new CfnOutput(this, 'ApiUrl', { value: http.api.apiEndpoint });
    new CfnOutput(this, 'WebAppUrl', { value: `https://${web.distribution.distributionDomainName}` });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }

  /**
   * An EventBridge Scheduler schedule for a function listed in SCHEDULES, at its rate, with the
   * scheduled time as input (a retried run decides exactly as the original), retries and a
   * dead-letter queue. `id` keeps each schedule's construct ids stable.
   */
  private hourly(fn: NodeFunction, name: (typeof SCHEDULES)[number]['function'], id: string): void {
    const schedule = SCHEDULES.find((s) => s.function === name);
    if (!schedule) throw new Error(`no schedule declared for ${name}`);
    const failures = new FailureQueue(this, `${id}Failures`, { description: `${name} runs that failed after all retries` });
    const role = new Role(this, `${id}SchedulerRole`, {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': this.account } } }),
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(fn.fn.node.defaultChild as CfnElement)}.Arn>:*]`,
      reason: `LambdaInvoke grants lambda:InvokeFunction on ${name} and its versions (\`<arn>:*\`); the role belongs to this one schedule and can invoke nothing else.`,
    });
    new Schedule(this, `${id}Schedule`, {
      description: schedule.description,
      schedule: ScheduleExpression.rate(Duration.minutes(schedule.rateMinutes)),
      target: new LambdaInvoke(fn.fn, {
        input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }),
        retryAttempts: 3,
        maxEventAge: Duration.minutes(50),
        deadLetterQueue: failures.queue,
        role,
      }),
    });
  }
}

/**
 * One DynamoDB action on the table's items whose partition key starts with one of `prefixes` only
 * (`dynamodb:LeadingKeys`), for functions that touch a few kinds of item.
 */
function onlyItemsUnder(tableArn: string, action: string, ...prefixes: string[]): PolicyStatement {
  return new PolicyStatement({
    effect: Effect.ALLOW,
    actions: [action],
    resources: [tableArn],
    conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((prefix) => `${prefix}*`) } },
  });
}
