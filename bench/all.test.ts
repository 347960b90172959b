import { describe, expect, it } from 'vitest';
import { figuresOf } from './all.js';

describe('benchmark summary', () => {
  it('gathers each goal bullet with its verdict and ignores other lines', () => {
    const md = ['# X', '', '| a | b |', '- all matches of 10 000 profiles: 1.16 s (target ≤ 5 s) met', '- read units: 1/40 (goal ≤ 1/20) missed', '- a note without a goal', '- time (goal ≤ 1 s)'].join('\n');
    expect(figuresOf('matching', md)).toEqual([
      { bench: 'matching', text: 'all matches of 10 000 profiles: 1.16 s (target ≤ 5 s)', met: true },
      { bench: 'matching', text: 'read units: 1/40 (goal ≤ 1/20)', met: false },
      { bench: 'matching', text: 'time (goal ≤ 1 s)', met: undefined },
    ]);
  });

  it('calls a bullet with several goals met only when every one of them is met', () => {
    const md = [
      '- GET /networks/{id}/matches: 59 % of the limit (goal ≥ 60 %) missed; p99 78.0 ms (goal ≤ 100 ms) met',
      '- GET /profiles/{id}/matches: 61 % of the limit (goal ≥ 60 %) met; p99 98.0 ms (goal ≤ 100 ms) met',
      '- GET /x: 61 % of the limit (goal ≥ 60 %) met; p99 120.0 ms (goal ≤ 100 ms) missed',
    ].join('\n');
    expect(figuresOf('api', md).map((f) => f.met)).toEqual([false, true, false]);
  });
});
