import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CultureBridgeStack } from '../lib/culturebridge-stack.js';

const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
const allowedOrigins = String(app.node.tryGetContext('allowedOrigins') ?? 'http://localhost:3000').split(',');

new CultureBridgeStack(app, `CultureBridge-${stage}`, { stage, allowedOrigins });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
