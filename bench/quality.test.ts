import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DevsetMissing, evaluate, loadDevset, renderQuality } from './quality-eval.js';

const devset = loadDevset(join(dirname(fileURLToPath(import.meta.url)), 'devset'));

describe('matching quality on the development set (bench/devset)', () => {
  const result = evaluate(devset);

  it('parses every profile through ProfileInput', () => {
    expect(devset.profiles).toHaveLength(48);
  });

  it('proposes no mustNot pair (incompatible or self), in any position', () => {
    expect(result.violations).toEqual([]);
  });

  it('gives every profile at least one proposal, the sparse and the closed ones too', () => {
    expect(result.perProfile.filter((p) => p.proposed.length === 0).map((p) => p.id)).toEqual([]);
    expect(result.coverage).toBe(1);
  });

  it('never proposes a pair whose windows never meet when it has pairs that can meet', () => {
    expect(result.nonOverlapping).toBe(0);
  });

  it('renders the figures and one row per profile', () => {
    const table = renderQuality(result, 'test');
    expect(table).toContain(`| mustNot violations | 0 |`);
    for (const p of devset.profiles) expect(table).toContain(`| ${p.id} | `);
  });

  it('names a missing set clearly', () => {
    expect(() => loadDevset('/nonexistent/devset')).toThrow(DevsetMissing);
    expect(() => loadDevset('/nonexistent/devset')).toThrow(/not at \/nonexistent\/devset/);
  });
});
