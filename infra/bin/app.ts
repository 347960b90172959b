import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CultureBridgeStack } from '../lib/culturebridge-stack.js';

const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
const allowedOrigins = String(app.node.tryGetContext('allowedOrigins') ?? 'http://localhost:3000').split(',');

const senderEmail = app.node.tryGetContext('senderEmail') as string | undefined;
const appBaseUrl = app.node.tryGetContext('appBaseUrl') as string | undefined;
const operatorEmail = app.node.tryGetContext('operatorEmail') as string | undefined;

/**
 * Partner accounts: `-c partnerAccounts=111111111111,222222222222`, or `-c partnerAccountsParameter=
 * /culturebridge/partner-accounts` naming an SSM String(List) parameter the stack reads at synth (a
 * context lookup, cached in cdk.context.json). A lookup needs the stack's account and region, so the
 * stack is then bound to the CLI's (CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION); otherwise it stays
 * environment-agnostic.
 */
const listedAccounts = app.node.tryGetContext('partnerAccounts') as string | undefined;
const partnerAccountsParameter = listedAccounts ? undefined : (app.node.tryGetContext('partnerAccountsParameter') as string | undefined);
new CultureBridgeStack(app, `CultureBridge-${stage}`, {
  stage,
  allowedOrigins,
  senderEmail,
  appBaseUrl,
  operatorEmail,
  partnerAccounts: listedAccounts ? String(listedAccounts).split(',').map((a) => a.trim()).filter(Boolean) : [],
  ...(partnerAccountsParameter ? { partnerAccountsParameter, env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } } : {}),
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
