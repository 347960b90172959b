import { Duration } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface NodeFunctionProps {
  /** Folder under functions/ holding handler.ts. */
  name: string;
  environment?: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
  logRetention: RetentionDays;
  /**
   * Copy the domain's catalogs (packages/domain/locales/*.json) into the asset as `locales/`, where
   * the bundled domain reads a locale's strings on first use (packages/domain/src/i18n). Every
   * function whose bundle holds domain code needs them; only the authorizer, which has none, opts
   * out. test/infra/bundle.test.ts fails for a bundle that can read catalogs and has none beside it.
   */
  catalogs?: boolean;
}

/** Where a bundle's catalogs are, relative to its index.mjs (packages/domain/src/i18n/locale-files.node.ts). */
export const CATALOG_DIR = 'locales';

/**
 * One Lambda per folder under functions/, built the same way everywhere: ESM bundle for node24,
 * nodejs24.x at run time (the project itself runs on Node 24), its own log group with retention, and
 * a role that may write only to that log group (no AWS managed policy with account-wide rights).
 */
export class NodeFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${ROOT}functions/${props.name}/handler.ts`,
      handler: 'handler',
      projectRoot: ROOT,
      depsLockFilePath: `${ROOT}package-lock.json`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.name,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        // The Lambda runtime ships the AWS SDK v3; leaving it out keeps bundles small for cold starts.
        externalModules: ['@aws-sdk/*'],
        mainFields: ['module', 'main'],
        // Some CommonJS dependencies call require(); ESM bundles need it defined.
        banner: "import { createRequire as __cbCreateRequire } from 'module'; const require = __cbCreateRequire(import.meta.url);",
        ...(props.catalogs === false
          ? {}
          : {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) => [
                  `mkdir -p "${outputDir}/${CATALOG_DIR}"`,
                  `cp "${inputDir}/packages/domain/locales/"*.json "${outputDir}/${CATALOG_DIR}/"`,
                ],
              },
            }),
      },
    });
  }
}
