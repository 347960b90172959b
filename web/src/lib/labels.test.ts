import { describe, expect, it } from 'vitest';
import { REGION_COUNTRY_CODES } from '@culturebridge/domain';
import { regionFirst } from './labels';

// Georgian as Chromium shows it: the catalog names the region's countries in Georgian, and every
// other country falls back to its English name (Chromium has no Georgian CLDR data).
const GEORGIAN: Record<string, string> = { GE: 'საქართველო', AM: 'სომხეთი', AZ: 'აზერბაიჯანი', UA: 'უკრაინა' };
const ENGLISH: Record<string, string> = { AF: 'Afghanistan', AT: 'Austria', GE: 'Georgia', AM: 'Armenia', AZ: 'Azerbaijan', UA: 'Ukraine', ZW: 'Zimbabwe', BE: 'Belgium' };
const inGeorgian = (code: string) => GEORGIAN[code] ?? ENGLISH[code] ?? code;
// Chromium has no Georgian collation either: Intl.Collator('ka') there sorts as the root order, Latin
// before Georgian (Node's full ICU sorts Georgian first, which hid the fault).
const georgianCollator = new Intl.Collator('und', { sensitivity: 'base', numeric: true });

describe('a list of countries or languages with the region\'s first', () => {
  it('puts the region\'s choices first even where the rest fall back to English names, which Chromium sorts before Georgian ones', () => {
    const codes = ['ZW', 'AF', 'GE', 'BE', 'AM', 'AT', 'UA', 'AZ'];
    // The fault: one list sorted as a whole put every English name first.
    expect([...codes].map(inGeorgian).sort(georgianCollator.compare)[0]).toBe('Afghanistan');
    const { region, other } = regionFirst(codes, ['GE', 'AM', 'AZ', 'UA', 'MD'], inGeorgian, georgianCollator.compare);
    expect(region.map((c) => c.name)).toEqual(['აზერბაიჯანი', 'საქართველო', 'სომხეთი', 'უკრაინა']);
    expect(other.map((c) => c.name)).toEqual(['Afghanistan', 'Austria', 'Belgium', 'Zimbabwe']);
  });

  it('lists each code once, the region\'s only among the codes offered (a language already chosen is not offered again)', () => {
    const { region, other } = regionFirst(['AT', 'GE'], REGION_COUNTRY_CODES, inGeorgian, georgianCollator.compare);
    expect(region.map((c) => c.code)).toEqual(['GE']);
    expect(other.map((c) => c.code)).toEqual(['AT']);
  });
});
