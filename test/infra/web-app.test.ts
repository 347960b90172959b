import { describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { API_PREFIXES, CLIENT_ADDRESS_HEADER, ORIGIN_VERIFY_HEADER } from '@culturebridge/api/api-routes';
import { dependenciesOf, dependencyCycle, distributionUrl, onlyLogicalId } from './template-helpers.js';
import { synthStack } from './synth.js';

interface Behavior {
  PathPattern?: string;
  TargetOriginId: string;
  CachePolicyId: string;
  OriginRequestPolicyId?: string;
  AllowedMethods?: string[];
  ViewerProtocolPolicy: string;
  FunctionAssociations?: unknown[];
}
interface Origin {
  Id: string;
  DomainName: unknown;
  OriginAccessControlId?: unknown;
  CustomOriginConfig?: { OriginProtocolPolicy: string; OriginSSLProtocols: string[] };
}

describe('web app hosting', () => {
  const { stack } = synthStack();
  const template = Template.fromStack(stack);
  const distributionId = onlyLogicalId(template, 'AWS::CloudFront::Distribution');
  const config = template.toJSON().Resources[distributionId].Properties.DistributionConfig as {
    DefaultCacheBehavior: Behavior;
    CacheBehaviors: Behavior[];
    Origins: Origin[];
    DefaultRootObject: string;
    Logging?: unknown;
  };
  const buckets = template.findResources('AWS::S3::Bucket');
  const siteId = Object.keys(buckets).find((id) => buckets[id]?.Properties.LoggingConfiguration)!;
  const logsId = Object.keys(buckets).find((id) => id !== siteId)!;
  const apiId = onlyLogicalId(template, 'AWS::ApiGatewayV2::Api');

  it('keeps the app in a private, encrypted, SSL-only bucket that logs its access', () => {
    expect(Object.keys(buckets)).toHaveLength(2);
    for (const id of [siteId, logsId]) {
      expect(buckets[id]?.Properties).toMatchObject({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
    expect(buckets[siteId]?.Properties.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'site-access/' });
    // The site bucket is reachable only through this distribution (Origin Access Control).
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: siteId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' }, Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } } }),
        ]),
      },
    });
  });

  it('destroys the buckets with dev stacks and keeps them in prod', () => {
    expect(buckets[siteId]?.DeletionPolicy).toBe('Delete');
    const prod = Template.fromStack(synthStack({ stage: 'prod' }).stack);
    const prodBuckets = Object.values(prod.findResources('AWS::S3::Bucket'));
    expect(prodBuckets.map((b) => b.DeletionPolicy)).toEqual(['Retain', 'Retain']);
    expect(JSON.stringify(prodBuckets)).not.toContain('auto-delete-objects');
  });

  it('serves the app from the bucket by default: index.html, HTTPS redirect, Origin Access Control', () => {
    expect(config.DefaultRootObject).toBe('index.html');
    const s3 = config.Origins.find((o) => o.Id === config.DefaultCacheBehavior.TargetOriginId);
    expect(s3?.DomainName).toEqual({ 'Fn::GetAtt': [siteId, 'RegionalDomainName'] });
    expect(s3?.OriginAccessControlId).toBeDefined();
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.Logging).toMatchObject({ Bucket: { 'Fn::GetAtt': [logsId, 'RegionalDomainName'] } });
  });

  // AllViewerExceptHostHeader forwards all viewer headers but Host, all cookies (the session
  // cookie) and all query strings (AWS managed origin request policies); a policy of our own could
  // not list "every header but Host".
  it('sends every API prefix, exact and below, to the HTTP API uncached with every viewer header but Host and every cookie', () => {
    const patterns = config.CacheBehaviors.map((b) => b.PathPattern);
    expect(patterns.sort()).toEqual(API_PREFIXES.flatMap((p) => [p, `${p}/*`]).sort());
    for (const behavior of config.CacheBehaviors) {
      const origin = config.Origins.find((o) => o.Id === behavior.TargetOriginId);
      expect(origin?.DomainName, behavior.PathPattern).toEqual({ 'Fn::Join': ['', [{ Ref: apiId }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] });
      expect(origin?.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
      expect(behavior).toMatchObject({
        CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
        OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
        ViewerProtocolPolicy: 'https-only',
      });
      expect(behavior.AllowedMethods?.sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
      expect(behavior.FunctionAssociations, behavior.PathPattern).toEqual([{ EventType: 'viewer-request', FunctionARN: expect.anything() }]);
    }
  });

  it('sends CloudFront\'s origin secret to the API, from the same secret profiles-api reads', () => {
    const secretId = Object.keys(template.findResources('AWS::SecretsManager::Secret')).find((id) => id.startsWith('OriginVerify'));
    expect(secretId).toBeDefined();
    const apiOrigin = config.Origins.find((o) => o.Id === config.CacheBehaviors[0]?.TargetOriginId) as Origin & { OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] };
    expect(apiOrigin.OriginCustomHeaders).toHaveLength(1);
    expect(apiOrigin.OriginCustomHeaders?.[0]?.HeaderName).toBe(ORIGIN_VERIFY_HEADER);
    // A CloudFormation dynamic reference: the value never appears in the template.
    expect(JSON.stringify(apiOrigin.OriginCustomHeaders?.[0]?.HeaderValue)).toContain('{{resolve:secretsmanager:');
    expect(JSON.stringify(apiOrigin.OriginCustomHeaders?.[0]?.HeaderValue)).toContain(String(secretId));
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ORIGIN_VERIFY_SECRET_ARN: { Ref: secretId } }) },
    });
  });

  it('passes the viewer address to the API under the header the sign-in limit reads, overwriting any sent', () => {
    const functions = Object.values(template.findResources('AWS::CloudFront::Function')) as { Properties: { FunctionCode: string } }[];
    expect(functions).toHaveLength(1);
    expect(functions[0]?.Properties.FunctionCode).toContain(`request.headers['${CLIENT_ADDRESS_HEADER}'] = { value: event.viewer.ip }`);
  });

  it('deploys the build into the bucket, short-lived in caches, and invalidates the distribution', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: siteId },
      DistributionId: { Ref: distributionId },
      DistributionPaths: ['/*'],
      Prune: true,
      SystemMetadata: { 'cache-control': 'public, max-age=300' },
    });
  });

  it('publishes the web app URL, which mails link to by default', () => {
    template.hasOutput('WebAppUrl', { Value: distributionUrl(template) });
  });

  it('has no dependency cycle: the distribution depends on the API itself, not on its routes or functions', () => {
    expect(dependencyCycle(template)).toBeUndefined();
    const resources = template.toJSON().Resources as Record<string, { Type: string }>;
    const types = dependenciesOf(template, distributionId).map((id) => [id, resources[id]?.Type] as const);
    expect(types.filter(([, type]) => type?.startsWith('AWS::ApiGatewayV2::'))).toEqual([[apiId, 'AWS::ApiGatewayV2::Api']]);
    expect(types.filter(([, type]) => type === 'AWS::Lambda::Function')).toEqual([]);
  });
});
