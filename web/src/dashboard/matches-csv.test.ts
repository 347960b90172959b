import { describe, expect, it } from 'vitest';
import type { Locale } from '@culturebridge/domain';
import type { NetworkMatch } from '../api/types';
import { catalogTools } from '../i18n/catalog-tools';
import { describeTopReason } from '../lib/top-reason';
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
/** The file as the dashboard saves it in `locale`, read as Tbilisi's clocks read it; its lines without the byte-order mark. */
const csv = (locale: Locale, matches: NetworkMatch[] = [match({})]) => {
  const tools = catalogTools(locale);
  return matchesCsv(matches, { ...tools, locale }, (reason) => describeTopReason(tools, reason), 'Asia/Tbilisi');
};
const lines = (locale: Locale) => csv(locale).slice(1).split('\r\n');

describe('matchesCsv', () => {
  it('writes one RFC 4180 line per match: state and main reason in words, the score as the pages give it, times a spreadsheet reads as such, in the reader\'s zone', () => {
    expect(csv('en').startsWith('\uFEFF')).toBe(true);
    expect(lines('en')[0]).toBe('Match,Member A,Member B,State,Score (of 100),Accepted by,Main reason,"Proposed (Asia/Tbilisi, UTC+04:00)","Last change (Asia/Tbilisi, UTC+04:00)"');
    expect(lines('en')[1]).toBe('a|b,Kutaisi,Poti,Accepted by one side,71,Kutaisi,Shared theme: Climate and environment,2026-11-24 14:00,2026-11-25 14:00');
  });

  // A network's matches span months: Kyiv's rows of June are UTC+03:00, its rows of December UTC+02:00.
  it('names the zone with its offset only when every row has that offset', () => {
    const tools = catalogTools('en');
    const file = (matches: NetworkMatch[]) => matchesCsv(matches, { ...tools, locale: 'en' }, (reason) => describeTopReason(tools, reason), 'Europe/Kyiv').slice(1).split('\r\n');
    const summer = match({ proposedAt: '2026-06-01T10:00:00.000Z', updatedAt: '2026-06-02T10:00:00.000Z' });
    const winter = match({ proposedAt: '2026-11-24T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z' });
    expect(file([winter])[0]).toContain('"Proposed (Europe/Kyiv, UTC+02:00)"');
    const both = file([summer, winter]);
    expect(both[0]).toContain(',Proposed (Europe/Kyiv),Last change (Europe/Kyiv)');
    expect(both[1]).toContain(',2026-06-01 13:00,2026-06-02 13:00');
    expect(both[2]).toContain(',2026-11-24 12:00,2026-12-01 12:00');
  });

  it('quotes a name holding the separator or a quote, and defuses one a spreadsheet would run as a formula', () => {
    const file = csv('en', [match({ names: ['Culture, Arts "Hub"', '=HYPERLINK("x")'] })]);
    expect(file).toContain('"Culture, Arts ""Hub"""');
    expect(file).not.toMatch(/,=HYPERLINK/);
  });

  it('speaks the coordinator\'s language, separated by ";" where its spreadsheets expect it', () => {
    expect(lines('ka')[1]).toContain(';საერთო თემა: კლიმატი და გარემო;');
    const ru = lines('ru');
    expect(ru[0]?.split(';').slice(0, 4)).toEqual(['Совпадение', 'Участник A', 'Участник B', 'Статус']);
    expect(ru[1]).toMatch(/^a\|b;Kutaisi;Poti;[^;a-z]+;71;Kutaisi;/);
  });
});
