import type { Profile } from '../profile.js';
import { THEMES, type ThemeId } from '../taxonomy.js';
import { FORMATS, FUNDING_INSTRUMENTS, PRIORITIES, RESOURCES, type Priority, type ProfileKind } from '../vocabulary.js';

/*
 * Deterministic synthetic networks for benchmarks (matching here, DynamoDB read units elsewhere).
 * Not exported from the package entry point: production code has no use for it. Import it as
 * `packages/domain/src/matching/synthetic.ts`.
 *
 * Shape, loosely after the EU4Culture / EaP networks: theme popularity follows a Zipf law (a few
 * themes such as climate are everywhere, some are rare), network sizes are skewed too, most
 * members work in English and/or Russian besides their own language, ~20 % accept partners
 * outside their networks, and a few profiles are pending or withdrawn.
 */

export interface SyntheticOptions {
  count: number;
  seed?: number;
  networks?: number;
  /** Share of profiles open to partners outside their networks. */
  openShare?: number;
  /** Zipf exponent of theme popularity (1 ≈ the most popular theme in half the profiles). */
  themeSkew?: number;
}

/** A small, fast, well-distributed 32-bit PRNG; the same seed gives the same stream on every platform. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES: readonly { code: string; language: string; postSoviet: boolean; weight: number; cities: readonly string[] }[] = [
  { code: 'GE', language: 'ka', postSoviet: true, weight: 8, cities: ['Kutaisi', 'Tbilisi', 'Batumi', 'Telavi'] },
  { code: 'AM', language: 'hy', postSoviet: true, weight: 7, cities: ['Gyumri', 'Yerevan', 'Vanadzor', 'Dilijan'] },
  { code: 'AZ', language: 'az', postSoviet: true, weight: 5, cities: ['Baku', 'Ganja', 'Sheki'] },
  { code: 'UA', language: 'uk', postSoviet: true, weight: 10, cities: ['Lviv', 'Kharkiv', 'Odesa', 'Dnipro', 'Chernivtsi'] },
  { code: 'MD', language: 'ro', postSoviet: true, weight: 5, cities: ['Chișinău', 'Bălți', 'Cahul'] },
  { code: 'KZ', language: 'kk', postSoviet: true, weight: 5, cities: ['Almaty', 'Shymkent', 'Karaganda'] },
  { code: 'UZ', language: 'uz', postSoviet: true, weight: 4, cities: ['Samarkand', 'Bukhara', 'Tashkent'] },
  { code: 'TM', language: 'tk', postSoviet: true, weight: 1, cities: ['Ashgabat', 'Mary'] },
  { code: 'TR', language: 'tr', postSoviet: false, weight: 4, cities: ['Izmir', 'Eskişehir', 'Mardin'] },
  { code: 'PL', language: 'pl', postSoviet: false, weight: 5, cities: ['Lublin', 'Wrocław', 'Gdańsk'] },
  { code: 'RO', language: 'ro', postSoviet: false, weight: 4, cities: ['Timișoara', 'Cluj-Napoca', 'Iași'] },
  { code: 'CZ', language: 'cs', postSoviet: false, weight: 3, cities: ['Brno', 'Plzeň', 'Ostrava'] },
  { code: 'DE', language: 'de', postSoviet: false, weight: 5, cities: ['Chemnitz', 'Leipzig', 'Essen'] },
  { code: 'FR', language: 'fr', postSoviet: false, weight: 4, cities: ['Marseille', 'Lille', 'Nantes'] },
  { code: 'IT', language: 'it', postSoviet: false, weight: 4, cities: ['Matera', 'Bologna', 'Palermo'] },
  { code: 'ES', language: 'es', postSoviet: false, weight: 3, cities: ['Valencia', 'Bilbao', 'Cáceres'] },
  { code: 'DK', language: 'da', postSoviet: false, weight: 2, cities: ['Aarhus', 'Odense'] },
];

const KIND_NAMES: Readonly<Record<ProfileKind, string>> = { city: 'city culture office', cluster: 'EUNIC cluster', organisation: 'arts centre' };

export function generateSyntheticProfiles(options: SyntheticOptions): Profile[] {
  const { count, seed = 20_270_101, networks = 8, openShare = 0.2, themeSkew = 1 } = options;
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;

  // Popularity order is itself seeded, so "climate is the most popular" is not baked in.
  const themeOrder = shuffle([...THEMES.map((t) => t.id)], random);
  const themeTable = cumulative(themeOrder.map((_, r) => 1 / Math.pow(r + 1, themeSkew)));
  const networkIds = Array.from({ length: networks }, (_, k) => `network-${String(k + 1).padStart(2, '0')}`);
  const networkTable = cumulative(networkIds.map((_, r) => 1 / Math.pow(r + 1, 0.8)));
  const countryTable = cumulative(COUNTRIES.map((c) => c.weight));
  const themeCountTable = cumulative([15, 30, 25, 15, 10, 5]);
  const priorityTable = cumulative([35, 40, 25]);
  const kinds: ProfileKind[] = ['city', 'city', 'city', 'organisation', 'organisation', 'cluster'];
  const epochDay = Date.UTC(2027, 0, 1) / 86_400_000;

  // Text from a stream of its own, so that adding it left every other field as it was.
  const textRandom = mulberry32(seed ^ 0x7e47);
  const vocabulary = syntheticWords(4000, textRandom);
  const wordTable = cumulative(vocabulary.map((_, r) => 1 / (r + 1)));
  const tagVocabulary = Array.from({ length: 400 }, (_, k) => `${vocabulary[(k * 7) % 1000]} ${vocabulary[(k * 13 + 500) % 2000]}`);
  const tagTable = cumulative(tagVocabulary.map((_, r) => 1 / Math.pow(r + 1, 0.8)));

  const profiles: Profile[] = [];
  for (let i = 0; i < count; i++) {
    const country = COUNTRIES[sample(countryTable, random)]!;
    const city = pick(country.cities);
    const kind = pick(kinds);

    const themeCount = sample(themeCountTable, random) + 1;
    const themes: { id: ThemeId; priority: Priority }[] = [];
    while (themes.length < themeCount) {
      const id = themeOrder[sample(themeTable, random)] as ThemeId;
      if (!themes.some((t) => t.id === id)) themes.push({ id, priority: PRIORITIES[sample(priorityTable, random)]! });
    }

    const memberOf = [networkIds[sample(networkTable, random)]!];
    if (chance(0.15)) {
      const second = networkIds[sample(networkTable, random)]!;
      if (second !== memberOf[0]) memberOf.push(second);
    }

    const languages = new Set([country.language]);
    if (chance(0.75)) languages.add('en');
    if (chance(country.postSoviet ? 0.65 : 0.08)) languages.add('ru');
    if (chance(0.08)) languages.add('fr');
    if (chance(0.08)) languages.add('de');

    let availability: { from: string; to: string } | undefined;
    if (chance(0.7)) {
      const start = epochDay + Math.floor(random() * 300);
      const length = 30 + Math.floor(random() * 335);
      availability = { from: isoDay(start), to: isoDay(start + length) };
    }

    const statusRoll = random();
    const id = `syn-${seed}-${String(i).padStart(6, '0')}`;
    profiles.push({
      id,
      version: 1,
      status: statusRoll < 0.94 ? 'active' : statusRoll < 0.98 ? 'pending' : 'withdrawn',
      createdAt: '2026-09-01T09:00:00.000Z',
      updatedAt: '2026-09-01T09:00:00.000Z',
      kind,
      name: `${city} ${KIND_NAMES[kind]} ${i}`,
      country: country.code,
      region: city,
      networks: memberOf,
      contact: { name: `Coordinator ${i}`, email: `member${i}@example.org` },
      themes,
      freeTags: [...new Set(Array.from({ length: Math.floor(textRandom() * 4) }, () => tagVocabulary[sample(tagTable, textRandom)] as string))],
      formats: some(FORMATS, 1 + Math.floor(random() * 4), random),
      offers: some(RESOURCES, 1 + Math.floor(random() * 4), random),
      needs: some(RESOURCES, 1 + Math.floor(random() * 3), random),
      languages: [...languages],
      fundingInstruments: some(FUNDING_INSTRUMENTS, Math.floor(random() * 4), random),
      ...(availability ? { availability } : {}),
      openToOutsideNetwork: chance(openShare),
      matchEmails: false,
      description:
        textRandom() < 0.8
          ? Array.from({ length: 20 + Math.floor(textRandom() * 30) }, (_, k) =>
              k % 6 === 5 ? pickFrom(FILLER, textRandom) : (vocabulary[sample(wordTable, textRandom)] as string),
            ).join(' ')
          : '',
    });
  }
  return profiles;
}

const FILLER = ['the', 'and', 'with', 'for', 'our', 'we', 'of', 'to', 'in'];
const SYLLABLES = ['ka', 'ri', 'mo', 'sel', 'ta', 'vin', 'lu', 'dor', 'pe', 'nas', 'gu', 'shi', 'om', 'bra', 'tel', 'zi'];

function pickFrom<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Distinct pseudo-words of 2-4 syllables: a vocabulary with a Zipf-shaped use, like real descriptions. */
function syntheticWords(count: number, random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < count) {
    const length = 2 + Math.floor(random() * 3);
    words.add(Array.from({ length }, () => pickFrom(SYLLABLES, random)).join(''));
  }
  return [...words];
}

function cumulative(weights: readonly number[]): Float64Array {
  const table = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, k) => (table[k] = sum += w));
  return table.map((c) => c / sum);
}

function sample(table: Float64Array, random: () => number): number {
  const r = random();
  for (let k = 0; k < table.length; k++) if (r < (table[k] as number)) return k;
  return table.length - 1;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let k = items.length - 1; k > 0; k--) {
    const m = Math.floor(random() * (k + 1));
    [items[k], items[m]] = [items[m] as T, items[k] as T];
  }
  return items;
}

/** `count` distinct items, kept in vocabulary order. */
function some<T>(items: readonly T[], count: number, random: () => number): T[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(Math.floor(random() * items.length));
  return [...chosen].sort((x, y) => x - y).map((k) => items[k] as T);
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
