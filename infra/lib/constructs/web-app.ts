import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AssetHashType, CfnElement, DefaultStackSynthesizer, DockerImage, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { SingletonFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface WebAppProps {
  /** The request header that carries the viewer's IP address to the API. */
  clientAddressHeader: string;
  /** A header and secret value CloudFront adds to every request it forwards to the API. */
  originVerify: { header: string; value: string };
  /** The HTTP API's execute-api host name, served under the API's path prefixes. */
  apiDomainName: string;
  /** First path segments the API owns (`/auth`, `/me`, …); everything else is the web app. */
  apiPrefixes: readonly string[];
  removalPolicy: RemovalPolicy;
  /** How long access logs are kept. */
  logRetention: Duration;
  /** Retention of the deployment function's log group. */
  logGroupRetention: RetentionDays;
}

/**
 * The web app (Vite build of web/, hash routing, so every page is `/`) in a private bucket behind
 * CloudFront with Origin Access Control, and the API behind the same distribution under its path
 * prefixes, so the app calls it same-origin and needs no CORS.
 */
export class WebApp extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  readonly logs: Bucket;

  /** CloudFront path patterns for an API prefix: the exact path (`/me`, `/profiles`) and everything below it. */
  static pathPatterns(prefix: string): string[] {
    return [prefix, `${prefix}/*`];
  }

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id);
    // S3 server access logs are granted by a bucket policy for logging.s3.amazonaws.com instead of the
    // LogDeliveryWrite ACL (AWS's recommendation); CloudFront standard logs still need ACLs enabled.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const autoDelete = props.removalPolicy === RemovalPolicy.DESTROY;

    this.logs = new Bucket(this, 'Logs', {
      encryption: BucketEncryption.S3_MANAGED, // CloudFront standard logs cannot be written to SSE-KMS buckets
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront standard (legacy) logging writes with an ACL grant to its log-delivery account.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: props.logRetention }],
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: autoDelete,
    });
    Validations.of(this.logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the bucket that receives the site bucket\'s access logs and CloudFront\'s standard logs; logging it into itself would log its own log deliveries.',
    });

    this.bucket = new Bucket(this, 'Site', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'site-access/',
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: autoDelete,
    });

    const api = new HttpOrigin(props.apiDomainName, {
      customHeaders: { [props.originVerify.header]: props.originVerify.value },
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    // API Gateway sees the edge server as the client; this passes the viewer's address on, replacing
    // any value a viewer sent under the same name (the per-client sign-in limit reads it).
    const viewerAddress = new CloudFrontFunction(this, 'ViewerAddress', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Passes the viewer IP address to the API',
      code: FunctionCode.fromInline(
        `function handler(event) { var request = event.request; request.headers['${props.clientAddressHeader}'] = { value: event.viewer.ip }; return request; }`,
      ),
    });
    const apiBehavior: BehaviorOptions = {
      origin: api,
      functionAssociations: [{ function: viewerAddress, eventType: FunctionEventType.VIEWER_REQUEST }],
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // Never cached; every header but Host (API Gateway routes on its own host name), with the
      // Authorization header, which CloudFront forwards with this policy when caching is disabled,
      // and every cookie (the managed policy's cookie behavior is "all"): the browser's session
      // cookie reaches the API, and its Set-Cookie answers reach the browser on the app's origin.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      // No redirect for the API: a redirected POST loses its body, and a plain-HTTP call has already
      // sent its session in the clear; refuse it instead.
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
    };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'CultureBridge web app and API',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
      },
      additionalBehaviors: Object.fromEntries(props.apiPrefixes.flatMap((prefix) => WebApp.pathPatterns(prefix).map((pattern) => [pattern, apiBehavior]))),
      httpVersion: HttpVersion.HTTP2_AND_3,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Members are cities and cultural institutes across the EU, the Eastern Partnership and Central Asia, and partners may be anywhere; there is no country to exclude.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'No WAF web ACL yet: the API has stage throttling and per-address and per-client limits on sign-in mails, and the site is static. A CLOUDFRONT-scope web ACL (us-east-1, billed per ACL and rule) is added when traffic warrants it.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason: 'The distribution uses the default *.cloudfront.net certificate, whose security policy CloudFront fixes (TLSv1) and cannot be pinned to TLS 1.2; pinning needs a custom domain and an ACM certificate, which the operator adds per deployment.',
      },
    );

    // The deployment's custom-resource function gets its own role (no AWS managed policy) and a log
    // group with retention; CDK grants it the bucket and asset access it needs.
    const deployLogs = new LogGroup(this, 'DeployLogs', { retention: props.logGroupRetention, removalPolicy: props.removalPolicy });
    const deployRole = new Role(this, 'DeployRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    deployRole.addToPolicy(new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [deployLogs.logGroupArn] }));
    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: [
        // The built app. In a real synth the asset is bundled by running the Vite build straight into
        // CDK's output folder (web/dist is not needed); when a test skips bundling it is only named.
        Source.asset(`${ROOT}web`, {
          exclude: ['dist', 'node_modules'],
          // The build also reads packages/ (shared vocabularies); hashing the output catches those changes.
          assetHashType: AssetHashType.OUTPUT,
          bundling: {
            // Never pulled: local bundling below either builds or throws. No Docker is needed.
            image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:20-slim'),
            local: {
              tryBundle(outputDir: string): boolean {
                execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--outDir', outputDir, '--emptyOutDir', '--logLevel', 'warn'], {
                  cwd: ROOT,
                  stdio: ['ignore', 'inherit', 'inherit'],
                });
                return true;
              },
            },
          },
        }),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      // Short-lived everywhere: index.html must not outlive a deployment (prune removes the scripts an
      // old one names); the hashed scripts only revalidate. Edges are invalidated on every deploy.
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.minutes(5))],
      memoryLimit: 512,
      role: deployRole,
      logGroup: deployLogs,
    });
    const stack = Stack.of(this);
    const qualifier = stack.synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const siteArn = `<${stack.getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>`;
    const wildcards = 'BucketDeployment (aws-cdk-lib) copies the built app from the CDK asset bucket into the site bucket, deletes files no longer in the build (prune) and invalidates the distribution;';
    Validations.of(deployRole).acknowledge(
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `${wildcards} CDK grants these action groups (bucket.grantRead/grantReadWrite) on exactly the asset bucket and the site bucket.`,
      })),
      {
        id: `AwsSolutions-IAM5[Resource::${siteArn}/*]`,
        reason: `${wildcards} it writes and deletes any object of the site bucket, which holds nothing but the built app.`,
      },
      {
        // As cdk-nag prints it: placeholders for an environment-agnostic stack, the ids for one bound to an account and region.
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-${Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account}-${Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region}/*]`,
        reason: `${wildcards} it reads the uploaded build from the CDK bootstrap asset bucket, whose object keys are content hashes known only at deploy time.`,
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: `${wildcards} CDK grants cloudfront:CreateInvalidation and cloudfront:GetInvalidation on "*" for the invalidation after each deployment; it touches no other resource.`,
      },
    );
    const singleton = deployment.node.findChild('CustomResourceHandler') as SingletonFunction;
    Validations.of(stack.node.findChild(singleton.constructName)).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'The runtime of BucketDeployment\'s handler (Python with the AWS CLI layer) is chosen by aws-cdk-lib and cannot be set; it moves with aws-cdk-lib upgrades.',
    });
  }
}
