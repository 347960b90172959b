import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { synthStack } from './synth.js';

import { BUDGET_KB } from '../../bench/cold-start.js';
/**
 * member-lists carries exceljs (with its zip and XML readers, about 700 KB minified) and csv-parse:
 * coordinators call it now and then, never on a member's or a sign-in's path, which is why it is a
 * function of its own (docs/decisions.md, member lists). Its budget is its own, not #18's 250 KB.
 * It also serves a network's meetings (the planner and the `ics` writer with its validator, about
 * 130 KB), which would put profiles-api over its 250 KB.
 */
const MEMBER_LISTS_BUDGET_KB = 1600;

// The one test that bundles for real with local esbuild (and the web app with Vite), as `cdk deploy` would.
describe('Lambda bundles', () => {
  it('are small ESM bundles that load and export a handler', async () => {
    const { stack, outdir } = synthStack({ bundle: true });
    // Our functions (NodeFunction sets POWERTOOLS_SERVICE_NAME); CDK's own handlers (BucketDeployment) are prebuilt.
    const functions = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')).filter((fn) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME);
    expect(functions.map((fn) => fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME)).toEqual(expect.arrayContaining(['profiles-api', 'authorizer', 'member-lists']));
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
    for (const fn of functions) {
      const dir = join(outdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
      expect(readdirSync(dir)).toContain('index.mjs');
      // The budgets of issue #18 (sizes are deterministic; import times are measured by bench:cold-start).
      const name = fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME as string;
      const budgetKb = name === 'authorizer' ? BUDGET_KB.authorizer : name === 'member-lists' ? MEMBER_LISTS_BUDGET_KB : BUDGET_KB.other;
      expect(statSync(join(dir, 'index.mjs')).size, `${name} bundle`).toBeLessThanOrEqual(budgetKb * 1024);
      const mod = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as { handler: unknown };
      expect(typeof mod.handler, dir).toBe('function');
    }
    // The web app was built into its asset: an index.html next to its hashed scripts.
    const deployment = Object.values(Template.fromStack(stack).findResources('Custom::CDKBucketDeployment'))[0];
    const webAsset = join(outdir, `asset.${String(deployment?.Properties.SourceObjectKeys[0]).replace(/\.zip$/, '')}`);
    expect(readdirSync(webAsset)).toContain('index.html');
  });
});
