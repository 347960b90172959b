import { App, Stack, Validations } from 'aws-cdk-lib';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CultureBridgeStack } from '../lib/culturebridge-stack.js';

const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
const allowedOrigins = String(app.node.tryGetContext('allowedOrigins') ?? 'http://localhost:3000').split(',');

const senderEmail = app.node.tryGetContext('senderEmail') as string | undefined;
const appBaseUrl = app.node.tryGetContext('appBaseUrl') as string | undefined;
const operatorEmail = app.node.tryGetContext('operatorEmail') as string | undefined;

new CultureBridgeStack(app, `CultureBridge-${stage}`, { stage, allowedOrigins, senderEmail, appBaseUrl, operatorEmail, partnerAccounts: partnerAccountsFromContext() });

/**
 * `-c partnerAccounts=111111111111,222222222222`, or `-c partnerAccountsParameter=/culturebridge/partner-accounts`
 * naming an SSM String(List) parameter read at synth (a context lookup, cached in cdk.context.json).
 */
function partnerAccountsFromContext(): string[] {
  const listed = app.node.tryGetContext('partnerAccounts') as string | undefined;
  if (listed) return String(listed).split(',').map((a) => a.trim()).filter(Boolean);
  const parameter = app.node.tryGetContext('partnerAccountsParameter') as string | undefined;
  if (!parameter) return [];
  const lookupScope = new Stack(app, 'PartnerAccountsLookup', { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } });
  // Before the lookup has run CDK hands back a placeholder, which is no account id and is dropped.
  return StringParameter.valueFromLookup(lookupScope, parameter).split(',').map((a) => a.trim()).filter((a) => /^\d{12}$/.test(a));
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
