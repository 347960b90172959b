import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { synthStack } from './synth.js';

// The one test that bundles for real with local esbuild, as `cdk deploy` would.
describe('profiles-api bundle', () => {
  it('is a small ESM bundle that loads and exports the handler', async () => {
    const { stack, outdir } = synthStack({ bundle: true });
    const fn = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'))[0];
    const assetHash = fn?.Properties.Code.S3Key.replace(/\.zip$/, '');
    const dir = join(outdir, `asset.${assetHash}`);
    expect(readdirSync(dir)).toContain('index.mjs');
    const bytes = statSync(join(dir, 'index.mjs')).size;
    expect(bytes).toBeLessThan(1024 * 1024);

    process.env.TABLE_NAME = 'bundle-test';
    const mod = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as { handler: unknown };
    expect(typeof mod.handler).toBe('function');
  });
});
