import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCHING_CONFIG, MatchingConfig, normalisedWeights, parseMatchingConfig, thresholdUnits } from './config.js';
import { describeIssues } from '../validation.js';

function problems(input: unknown) {
  const result = MatchingConfig.safeParse(input);
  if (result.success) throw new Error('expected the settings to be rejected');
  return Object.fromEntries(describeIssues(result.error, input).map((p) => [p.field, p.detail]));
}

describe('MatchingConfig', () => {
  it('fills every default from an empty object, equal to DEFAULT_MATCHING_CONFIG', () => {
    expect(parseMatchingConfig({})).toEqual(DEFAULT_MATCHING_CONFIG);
  });

  it("keeps a network's own values and defaults the rest, inside nested objects too", () => {
    const config = parseMatchingConfig({ weights: { crossBorder: 0.5 }, topK: 5 });
    expect(config.weights).toEqual({ ...DEFAULT_MATCHING_CONFIG.weights, crossBorder: 0.5 });
    expect(config.topK).toBe(5);
    expect(config.exposureCap).toBe(DEFAULT_MATCHING_CONFIG.exposureCap);
  });

  it('names each bad setting', () => {
    expect(
      problems({ weights: { themes: -1 }, threshold: 2, topK: 2.5, priorityFactors: { low: 0 }, colour: 'red' }),
    ).toEqual({
      'weights.themes': 'weights.themes must not be negative',
      threshold: 'threshold must be between 0 and 1',
      topK: 'topK must be a whole number',
      'priorityFactors.low': 'priorityFactors.low must be above 0',
      colour: '"colour" is not a field of this form',
    });
  });

  it('rejects all-zero weights, inverted priorities and a cap below topK', () => {
    const zero = Object.fromEntries(Object.keys(DEFAULT_MATCHING_CONFIG.weights).map((k) => [k, 0]));
    expect(problems({ weights: zero })).toEqual({ weights: 'at least one weight must be above 0' });
    expect(Object.values(problems({ priorityFactors: { high: 0.2, low: 0.5 } }))[0]).toMatch(/high ≥ medium ≥ low/);
    expect(problems({ topK: 10, exposureCap: 5 })).toEqual({ exposureCap: 'exposureCap must be at least topK' });
  });

  it('normalises weights to sum 1 and turns the threshold into stored-score units', () => {
    const weights = normalisedWeights(parseMatchingConfig({ weights: { themes: 4, text: 0, complementarity: 4, formats: 0, funding: 0, availability: 0, crossBorder: 2, network: 0 } }));
    expect(Array.from(weights)).toEqual([0.4, 0, 0.4, 0, 0, 0, 0.2, 0]);
    expect(thresholdUnits(parseMatchingConfig({ threshold: 0.29 }))).toBe(2900);
  });
});
