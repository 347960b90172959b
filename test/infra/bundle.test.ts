import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { LOCALES, localeData } from '@culturebridge/domain';
import { CATALOG_DIR } from '../../infra/lib/constructs/node-function.js';
import { call } from '../support/api-event.js';
import { synthStack } from './synth.js';

import { bundleBudget } from '../../bench/cold-start.js';
/** The start of the error the domain's catalog reader throws (locale-files.node.ts): in a bundle, it can read catalogs. */
const READS_CATALOGS = 'CultureBridge locale catalog';

// The one test that bundles for real with local esbuild (and the web app with Vite), as `cdk deploy` would.
describe('Lambda bundles', () => {
  it('are small ESM bundles that load, export a handler and read their catalogs beside them', async () => {
    const { stack, outdir } = synthStack({ bundle: true });
    // Our functions (NodeFunction sets POWERTOOLS_SERVICE_NAME); CDK's own handlers (BucketDeployment) are prebuilt.
    const functions = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')).filter((fn) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME);
    expect(functions.map((fn) => fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME)).toEqual(expect.arrayContaining(['profiles-api', 'authorizer', 'member-lists', 'meetings', 'network-dashboard']));
    // Each bundle reads its configuration (and the session key) at import, as in Lambda.
    const keyFile = join(mkdtempSync(join(tmpdir(), 'session-key-')), 'key');
    writeFileSync(keyFile, randomBytes(32).toString('base64'));
    Object.assign(process.env, {
      TABLE_NAME: 'bundle-test',
      ALLOWED_ORIGINS: 'https://app.bundle.example',
      SENDER_EMAIL: 'no-reply@bundle.example',
      CONFIGURATION_SET: 'bundle-test',
      APP_BASE_URL: 'https://app.bundle.example',
      SESSION_KEY_FILE: keyFile,
      QUEUE_URL: 'https://sqs.eu-central-1.amazonaws.com/123456789012/webhooks',
      DEAD_LETTER_QUEUE_URL: 'https://sqs.eu-central-1.amazonaws.com/123456789012/webhook-failures',
      OPERATOR_EMAIL: 'operator@bundle.example',
    });
    const assetOf = (fn: (typeof functions)[number]) => join(outdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
    const profilesApi = functions.find((fn) => fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'profiles-api');
    if (!profilesApi) throw new Error('no profiles-api function in the stack');
    // The Georgian sign-in subject in profiles-api's copy of the catalogs is marked before the bundle
    // loads, so the mail below shows the string came from the files beside the bundle.
    const kaFile = join(assetOf(profilesApi), CATALOG_DIR, 'ka.json');
    const ka = JSON.parse(readFileSync(kaFile, 'utf8')) as { messages: { mail: { signInSubject: string } } };
    ka.messages.mail.signInSubject += ' [asset]';
    writeFileSync(kaFile, JSON.stringify(ka));
    let profilesApiHandler: unknown;
    for (const fn of functions) {
      const dir = assetOf(fn);
      expect(readdirSync(dir)).toContain('index.mjs');
      // The budgets of issue #18 (network-dashboard's too), or a function's own where bench:cold-start
      // gives it one (member-lists 500 KB, meetings 410 KB: what each measures plus about 5 %, see
      // OWN_BUDGET_KB); sizes are deterministic; import times are measured by bench:cold-start.
      const name = fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME as string;
      const { budgetKb } = bundleBudget(name);
      expect(statSync(join(dir, 'index.mjs')).size, `${name} bundle`).toBeLessThanOrEqual(budgetKb * 1024);
      // The domain reads each locale's strings from `locales/` beside the bundle (no catalog is bundled):
      // a function whose bundle can read them has all nine, and only such a function has them.
      const readsCatalogs = readFileSync(join(dir, 'index.mjs'), 'utf8').includes(READS_CATALOGS);
      expect(existsSync(join(dir, CATALOG_DIR)), `${name} has catalogs`).toBe(readsCatalogs);
      if (readsCatalogs) expect(readdirSync(join(dir, CATALOG_DIR)).sort(), `${name} catalogs`).toEqual(LOCALES.map((l) => `${l}.json`).sort());
      const mod = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as { handler: unknown };
      expect(typeof mod.handler, dir).toBe('function');
      if (fn === profilesApi) profilesApiHandler = mod.handler;
    }

    // The bundled profiles-api writes a sign-in mail in Georgian from its asset's catalogs
    // (DynamoDB and SES mocked: the rate counters, the token and the suppression list, then the mail).
    const ddb = mockClient(DynamoDBDocumentClient);
    const ses = mockClient(SESv2Client);
    try {
      ddb.on(UpdateCommand).resolves({ Attributes: { hits: 1 } });
      ddb.on(PutCommand).resolves({});
      ddb.on(GetCommand).resolves({});
      ses.on(SendEmailCommand).resolves({ MessageId: 'bundle-test' });
      const handler = profilesApiHandler as (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;
      const answer = await call(handler, { method: 'POST', path: '/auth/magic-link', body: { email: 'nino@kutaisi.example', locale: 'ka' } });
      expect(answer.status).toBe(202);
      const sent = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Content?.Simple?.Subject?.Data);
      const kaMail = localeData('ka').messages.mail as Readonly<Record<string, string>>;
      expect(sent).toEqual([`${kaMail.signInSubject} [asset]`]);
      expect(sent[0]).toMatch(/[\u10D0-\u10FF]/); // Georgian letters
    } finally {
      ddb.restore();
      ses.restore();
    }
    // The web app was built into its asset: an index.html next to its hashed scripts.
    const deployment = Object.values(Template.fromStack(stack).findResources('Custom::CDKBucketDeployment'))[0];
    const webAsset = join(outdir, `asset.${String(deployment?.Properties.SourceObjectKeys[0]).replace(/\.zip$/, '')}`);
    expect(readdirSync(webAsset)).toContain('index.html');
  });
});
