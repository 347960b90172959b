import { describe, expect, it } from 'vitest';
import type { NetworkMatch } from '../api/types';
import { matchesCsv } from './matches-csv';

const match = (overrides: Partial<NetworkMatch>): NetworkMatch => ({
  matchId: 'a|b',
  profileIds: ['a', 'b'],
  names: ['Kutaisi', 'Poti'],
  state: 'accepted',
  acceptedBy: ['a'],
  score: 0.71234,
  weaker: false,
  topReason: { kind: 'shared-theme', id: 'climate-environment' },
  proposedAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
  ...overrides,
});

describe('matchesCsv', () => {
  it('writes one RFC 4180 line per match with the main reason in words', () => {
    const lines = matchesCsv([match({})]).split('\r\n');
    expect(lines[0]).toBe('matchId,memberA,memberB,state,score,acceptedBy,mainReason,proposedAt,updatedAt');
    expect(lines[1]).toBe('a|b,Kutaisi,Poti,accepted,0.7123,Kutaisi,Shared theme: Climate and environment,2026-11-24T10:00:00.000Z,2026-11-25T10:00:00.000Z');
  });

  it('quotes a name holding a comma or a quote, and defuses one a spreadsheet would run as a formula', () => {
    const csv = matchesCsv([match({ names: ['Culture, Arts "Hub"', '=HYPERLINK("x")'] })]);
    expect(csv).toContain('"Culture, Arts ""Hub"""');
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });
});
