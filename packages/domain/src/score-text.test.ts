import { describe, expect, it } from 'vitest';
import { scoreOutOf100 } from './score-text.js';

describe('scoreOutOf100', () => {
  it('writes a score in [0, 1] out of 100, rounded, with the page\'s digits', () => {
    expect(scoreOutOf100(0.224, String)).toBe('22/100');
    expect(scoreOutOf100(1, (n) => new Intl.NumberFormat('uk').format(n))).toBe('100/100');
    expect(scoreOutOf100(0.72)).toBe('72/100');
  });
});
