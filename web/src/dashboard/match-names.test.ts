import { describe, expect, it } from 'vitest';
import type { UnnamedNetworkMatch } from '../api/types';
import { namedFromMembers } from './match-names';

const at = '2026-11-30T12:00:00Z';
const match = (a: string, b: string): UnnamedNetworkMatch => ({ matchId: `${a}|${b}`, profileIds: [a, b], state: 'proposed', acceptedBy: [], score: 0.5, weaker: false, proposedAt: at, updatedAt: at });

describe('namedFromMembers', () => {
  const members = [
    { id: 'a', name: 'Kutaisi' },
    { id: 'b', name: 'Poti' },
    { id: 'c', name: 'Batumi' },
  ];

  it('names each pair in profileIds order from the members read', () => {
    expect(namedFromMembers([match('b', 'a'), match('a', 'c')], members).map((m) => [m.matchId, m.names])).toEqual([
      ['b|a', ['Poti', 'Kutaisi']],
      ['a|c', ['Kutaisi', 'Batumi']],
    ]);
  });

  it('leaves out a pair with someone who is not among the members (left the network, or erased)', () => {
    expect(namedFromMembers([match('a', 'gone'), match('gone', 'b'), match('b', 'c')], members).map((m) => m.matchId)).toEqual(['b|c']);
  });
});
