import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CultureBridgeStack } from '../lib/culturebridge-stack.js';

const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
const allowedOrigins = String(app.node.tryGetContext('allowedOrigins') ?? 'http://localhost:3000').split(',');

// The API has no sign-in yet (issue 7): anyone could read, change or erase any profile. It must not
// reach production before that; the APIG4 acknowledgement in the stack says the same.
if (stage === 'prod') {
  throw new Error('CultureBridge cannot be deployed to prod yet: the API has no sign-in (issue 7). Deploy a dev or test stage.');
}

const senderEmail = app.node.tryGetContext('senderEmail') as string | undefined;
const appBaseUrl = app.node.tryGetContext('appBaseUrl') as string | undefined;

new CultureBridgeStack(app, `CultureBridge-${stage}`, { stage, allowedOrigins, senderEmail, appBaseUrl });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
