import { CfnOutput, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { PROFILES_API_ROUTES } from '../../functions/profiles-api/api-routes.js';
import { DataTable } from './constructs/data-table.js';
import { PublicHttpApi } from './constructs/http-api.js';
import { NodeFunction } from './constructs/node-function.js';

export interface CultureBridgeStackProps extends StackProps {
  stage: string;
  allowedOrigins: string[];
}

export class CultureBridgeStack extends Stack {
  constructor(scope: Construct, id: string, props: CultureBridgeStackProps) {
    super(scope, id, props);
    const prod = props.stage === 'prod';
    const logRetention = prod ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH;

    const { table } = new DataTable(this, 'Data', { removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY });

    const profilesApi = new NodeFunction(this, 'ProfilesApi', {
      name: 'profiles-api',
      logRetention,
      environment: { TABLE_NAME: table.tableName, ALLOWED_ORIGINS: props.allowedOrigins.join(',') },
    });
    // Exactly the item operations the store performs; no Scan, no index access.
    profilesApi.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'],
        resources: [table.tableArn],
      }),
    );

    const http = new PublicHttpApi(this, 'Http', {
      allowedOrigins: props.allowedOrigins,
      logRetention,
      throttle: { rateLimit: 50, burstLimit: 100 },
    });
    http.addLambdaRoutes('Profiles', profilesApi.fn, PROFILES_API_ROUTES);

    Validations.of(http.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Sign-in by magic link and a JWT authorizer arrive with issue 7; until then the API is open by design and only deployed to dev.',
    });

    new CfnOutput(this, 'ApiUrl', { value: http.api.apiEndpoint });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
