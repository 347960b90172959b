import { describe, expect, it } from 'vitest';

// The Lambda functions run on nodejs24.x; the tests must run on the same major, so that a feature
// missing on the deployed runtime cannot pass here. Printed so a CI log shows which Node ran the tests.
describe('test runtime', () => {
  it('is Node 24 or newer, like the nodejs24.x Lambda runtime', () => {
    console.log(`node --version: ${process.version}`);
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });
});
