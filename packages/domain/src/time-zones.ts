import { memoise } from './memoise.js';

/**
 * IANA's current names for the legacy ones ICU, and so Intl, still lists as canonical (CLDR keeps
 * its ids stable: Chromium and Node list Europe/Kiev, and a browser in Kyiv reports its zone so).
 * Renames only, from tzdata's `backward` file: zones merged into another (Europe/Bratislava into
 * Europe/Prague) keep their own names, which people know. The API takes both spellings; forms offer
 * the current one.
 */
const RENAMED: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** A zone by IANA's current name (Europe/Kiev → Europe/Kyiv); any other name as it is. */
export function currentTimeZoneName(zone: string): string {
  return RENAMED[zone] ?? zone;
}

let names: readonly string[] | undefined;

/** Every time zone the runtime knows, by its current IANA name, sorted: what forms offer. */
export function timeZoneNames(): readonly string[] {
  names ??= [...new Set(Intl.supportedValuesOf('timeZone').map(currentTimeZoneName))].sort();
  return names;
}

/**
 * The zone a form starts with: the browser's (`Intl.DateTimeFormat().resolvedOptions().timeZone`)
 * when the list has it, else the one usually used (e.g. the network's last meeting), else UTC. A
 * browser set to UTC, as servers and test machines are, says nothing about where the reader is.
 */
export function defaultTimeZone(browser: string | undefined, usual: string | undefined): string {
  for (const zone of [browser, usual]) {
    if (zone !== undefined && timeZoneNames().includes(currentTimeZoneName(zone))) return currentTimeZoneName(zone);
  }
  return 'UTC';
}

/** One formatter per zone (a fixed set), built once: a digest run asks for every member's country. */
const offsetFormat = memoise((timeZone: string) => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }));

/** "GMT+04:00": a zone's offset from UTC at an instant, as Intl writes it ("GMT" for UTC). */
function utcOffset(timeZone: string, at: Date): string {
  return offsetFormat(timeZone).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
}

/** CLDR's zones of a region (Intl.Locale's getTimeZones, Node 22+ and Chromium 130+; `timeZones` before); remembered per code. */
const zonesOfCountry = memoise((country: string): readonly string[] => {
  try {
    const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & { getTimeZones?: () => string[]; timeZones?: string[] };
    return locale.getTimeZones?.() ?? locale.timeZones ?? [];
  } catch {
    return [];
  }
});

/**
 * The zone a country's clocks keep at `at`, by its current IANA name: of CLDR's zones for the
 * ISO 3166 code, the first of those that keep the offset most of them keep (Ukraine: Europe/Kyiv,
 * not Europe/Simferopol; Kazakhstan: Asia/Almaty, UTC+5 like all its zones). Undefined for a code
 * CLDR has no zone for. Source: CLDR via ICU, so it follows the runtime's tzdata.
 */
export function countryTimeZone(country: string, at: Date): string | undefined {
  const zones = zonesOfCountry(country);
  const byOffset = new Map<string, string[]>();
  for (const zone of zones) {
    const offset = utcOffset(zone, at);
    byOffset.set(offset, [...(byOffset.get(offset) ?? []), zone]);
  }
  let chosen: string[] | undefined;
  for (const group of byOffset.values()) if (!chosen || group.length > chosen.length) chosen = group;
  return chosen?.[0] === undefined ? undefined : currentTimeZoneName(chosen[0]);
}


/**
 * Zones that are only an offset: POSIX's Etc/GMT±N (whose sign is inverted: Etc/GMT+12 is twelve
 * hours behind UTC) and UTC's aliases. Their names mislead or say nothing a reader needs.
 */
const OFFSET_ONLY = /^(?:Etc\/)?(?:GMT(?:[+-]\d{1,2})?|GMT0|UTC|UCT|Universal|Zulu|Greenwich)$/;

/**
 * A zone as a person reads it at `at`: an offset-only zone by the offset it keeps ("UTC−12:00" for
 * Etc/GMT+12, "UTC" for UTC and Etc/GMT), any other by its current IANA name and offset then
 * ("Europe/Kyiv, UTC+03:00" in summer, "…, UTC+02:00" in winter; written inside parentheses by most sentences); a minus sign, not a hyphen. A name
 * the runtime does not know stays as given. The same in every language.
 */
export function timeZoneLabel(zone: string, at: Date): string {
  const offset = timeZoneOffsetLabel(zone, at);
  if (offset === undefined) return zone;
  return OFFSET_ONLY.test(zone) ? offset : `${currentTimeZoneName(zone)}, ${offset}`;
}

/** A zone's offset from UTC at `at` as people write it: "UTC+04:00", "UTC−12:00" (minus sign), "UTC"; undefined for a name the runtime does not know. */
export function timeZoneOffsetLabel(zone: string, at: Date): string | undefined {
  try {
    // Intl writes "GMT" for UTC itself, and "GMT+00:00" for some of its aliases.
    return utcOffset(zone, at).replace(/^GMT(?:[+-]00:00)?/, 'UTC').replace('-', '−');
  } catch {
    return undefined;
  }
}
