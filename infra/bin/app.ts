import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CultureBridgeStack } from '../lib/culturebridge-stack.js';

const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
const allowedOrigins = String(app.node.tryGetContext('allowedOrigins') ?? 'http://localhost:3000').split(',');

const senderEmail = app.node.tryGetContext('senderEmail') as string | undefined;
const appBaseUrl = app.node.tryGetContext('appBaseUrl') as string | undefined;

new CultureBridgeStack(app, `CultureBridge-${stage}`, { stage, allowedOrigins, senderEmail, appBaseUrl });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
