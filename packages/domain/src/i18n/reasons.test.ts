import { describe, expect, it } from 'vitest';
import type { MatchReason } from '../matching/types.js';
import { renderReasons, type ReasonReader } from './reasons.js';
import type { Locale } from './locales.js';

const names = new Map([
  ['kutaisi', 'Kutaisi'],
  ['gori', 'Gori'],
]);
const reasons: MatchReason[] = [
  { kind: 'shared-theme', themeId: 'climate-environment', priorities: ['high', 'high'] },
  { kind: 'shared-theme', themeId: 'music', priorities: ['high', 'low'] },
  { kind: 'offers', from: 'kutaisi', to: 'gori', resource: 'venue' },
  { kind: 'offers', from: 'gori', to: 'kutaisi', resource: 'artists' },
  { kind: 'offers', from: 'gori', to: 'kutaisi', resource: 'translation' },
  { kind: 'shared-format', format: 'festival' },
  { kind: 'shared-format', format: 'workshop' },
  { kind: 'shared-funding', instrument: 'creative-europe' },
  { kind: 'availability-overlap', from: '2027-03-01', to: '2027-06-30' },
  { kind: 'cross-border', countries: ['GE', 'AM'] },
  { kind: 'shared-network', networkId: 'eu4culture' },
  { kind: 'shared-language', language: 'en' },
  { kind: 'shared-language', language: 'ru' },
];
const reader = (locale: Locale, selfId?: string): ReasonReader => ({ locale, pair: ['gori', 'kutaisi'], names, selfId, networkName: (id) => (id === 'eu4culture' ? 'EU4Culture' : id) });

describe('renderReasons', () => {
  it('names a shared network by its display name even when the reader passes no names (mails, schedules)', () => {
    for (const locale of ['uk', 'hy', 'ka'] as const) {
      const lines = renderReasons([{ kind: 'shared-network', networkId: 'eu4culture' }], { locale, pair: ['gori', 'kutaisi'], names });
      expect(lines.join(' '), locale).toContain('EU4Culture');
      expect(lines.join(' '), locale).not.toContain('eu4culture');
    }
  });

  it('names the words and free tags both texts share (#14)', () => {
    const text = renderReasons([{ kind: 'shared-words', words: ['Soviet-era', 'cinema', 'restoring'] }, { kind: 'shared-tags', tags: ['felt making'] }], reader('en'));
    expect(text).toEqual([expect.stringMatching(/^Both describe Soviet-era, cinema,? and restoring\.$/), 'Both list "felt making".']);
    expect(renderReasons([{ kind: 'shared-tags', tags: ['felt making'] }], reader('ru'))).toEqual(['Оба указали "felt making".']);
  });

  it('says why a weaker match is weaker, in every locale (#14)', () => {
    expect(renderReasons([{ kind: 'weaker-match', cause: 'windows-never-meet' }], reader('en'))).toEqual(['A weaker match: the availability windows never meet.']);
    expect(renderReasons([{ kind: 'weaker-match', cause: 'nothing-in-common' }], reader('en'))[0]).toMatch(/^A weaker match: no theme or words in common/);
    expect(renderReasons([{ kind: 'weaker-match', cause: 'same-role' }], reader('en'))[0]).toMatch(/^A weaker match: both offer funding/);
    expect(renderReasons([{ kind: 'weaker-match', cause: 'same-role' }], reader('uk'))[0]).toMatch(/^Слабший збіг: обидві сторони пропонують фінансування/);
    expect(renderReasons([{ kind: 'weaker-match', cause: 'below-threshold' }], reader('en'))[0]).toMatch(/^A weaker match, below the network's threshold/);
    for (const locale of ['ru', 'uk', 'ka', 'hy', 'az', 'ro', 'kk', 'uz'] as const) {
      const [line] = renderReasons([{ kind: 'weaker-match', cause: 'below-threshold' }], reader(locale));
      expect(line).not.toMatch(/weaker|Another reason/);
    }
  });

  it('reads from a third party\'s side in English: one short sentence per point', () => {
    expect(renderReasons(reasons, reader('en'))).toEqual([
      'Both give Climate and environment high priority.',
      'Music: high priority for Gori, low for Kutaisi.',
      'Kutaisi offers a venue, Gori needs one.',
      'Gori offers artists and translation, which Kutaisi needs.',
      'Both look for festivals and workshops.',
      'Both consider Creative Europe.',
      'Both available from March 1, 2027 to June 30, 2027.',
      'Across borders: Georgia and Armenia.',
      'Same network: EU4Culture.',
      'Shared languages: English and Russian.',
    ]);
  });

  it("reads from the member's own side: you offer, you need, your priority", () => {
    const lines = renderReasons(reasons, reader('en', 'kutaisi'));
    expect(lines).toContain('You offer a venue, which Gori needs.');
    expect(lines).toContain('Gori offers artists and translation, which you need.');
    expect(lines).toContain('Music: low priority for you, high for Gori.');
  });

  it('renders Russian with its own plural forms, dates and country names', () => {
    const lines = renderReasons(reasons, reader('ru'));
    expect(lines).toContain('Kutaisi предлагает площадку, Gori ищет её.');
    expect(lines).toContain('Обе стороны ищут фестивали и мастер-классы.');
    expect(lines).toContain('Через границы: Грузия и Армения.');
    expect(lines).toContain('Общие языки: английский и русский.');
    expect(lines).toContain('Обе стороны свободны с 1 марта 2027 г. по 30 июня 2027 г.');
    expect(renderReasons([{ kind: 'shared-language', language: 'ka' }], reader('ru'))).toEqual(['Общий язык: грузинский.']);
  });

  it('renders Armenian and Georgian in their scripts, names as members wrote them', () => {
    const hy = renderReasons(reasons, reader('hy', 'gori'));
    expect(hy).toContain('Kutaisi առաջարկում է տարածք, ինչը ձեզ պետք է։');
    expect(hy).toContain('Սահմաններից անդին՝ Վրաստան և Հայաստան։');
    const ka = renderReasons(reasons, reader('ka'));
    expect(ka).toContain('საერთო ენები: ინგლისური და რუსული.');
  });

  it('renders a reason kind it does not know in English, in every locale, without failing', () => {
    const newer = [{ kind: 'text-overlap', terms: ['jazz'] }] as const;
    expect(renderReasons(newer, reader('en'))).toEqual(['Another reason: text-overlap.']);
    expect(renderReasons(newer, reader('uk'))).toEqual(['Ще одна причина: text-overlap.']);
  });
});
