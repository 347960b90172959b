import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { synthStack } from './synth.js';

const MAX_BUNDLE_BYTES = 1024 * 1024;

// The one test that bundles for real with local esbuild, as `cdk deploy` would.
describe('Lambda bundles', () => {
  it('are small ESM bundles that load and export a handler', async () => {
    const { stack, outdir } = synthStack({ bundle: true });
    const functions = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThanOrEqual(2);
    // Each bundle reads its configuration at import, as in Lambda.
    Object.assign(process.env, { TABLE_NAME: 'bundle-test', ALLOWED_ORIGINS: 'https://app.bundle.example', SENDER_EMAIL: 'no-reply@bundle.example', CONFIGURATION_SET: 'bundle-test', APP_BASE_URL: 'https://app.bundle.example' });
    for (const fn of functions) {
      const dir = join(outdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
      expect(readdirSync(dir)).toContain('index.mjs');
      expect(statSync(join(dir, 'index.mjs')).size).toBeLessThan(MAX_BUNDLE_BYTES);
      const mod = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as { handler: unknown };
      expect(typeof mod.handler, dir).toBe('function');
    }
  });
});
