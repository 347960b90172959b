import type { Meeting, MeetingInput } from './meetings/meeting.js';
import type { ProfileInput } from './profile.js';

/** A valid profile to start tests from; override what the test is about. */
export function validProfileInput(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    kind: 'city',
    name: 'Kutaisi',
    country: 'GE',
    region: 'Imereti',
    networks: ['eu4culture'],
    contact: { name: 'Nino Beridze', email: 'culture@kutaisi.example' },
    themes: [
      { id: 'climate-environment', priority: 'high' },
      { id: 'urban-regeneration', priority: 'medium' },
    ],
    freeTags: ['public art festival'],
    formats: ['festival', 'artist-residency'],
    offers: ['venue', 'audience'],
    needs: ['curatorial-support'],
    languages: ['ka', 'en'],
    fundingInstruments: ['eu4culture-grant'],
    availability: { from: '2027-01-01', to: '2027-12-31' },
    openToOutsideNetwork: true,
    description: 'Public art festival in the old town.',
    ...overrides,
  };
}

/**
 * Text that must never pass as one line of visible text, by character class, for unit and API tests.
 * `visible` cases mix the character into otherwise visible text (control characters are refused
 * anywhere); the others are text that shows nothing at all.
 */
export const INVISIBLE_OR_CONTROL_TEXT: readonly { name: string; value: string }[] = [
  { name: 'line feed inside text', value: 'Sor\noca' },
  { name: 'carriage return inside text', value: 'Sor\roca' },
  { name: 'CR LF at the end', value: 'Soroca\r\n' },
  { name: 'tab', value: 'Sor\toca' },
  { name: 'NUL', value: 'Sor\u0000oca' },
  { name: 'escape (C0 control)', value: '\u001b[31mSoroca' },
  { name: 'DEL', value: 'Soroca\u007f' },
  { name: 'C1 control (NEL)', value: 'Sor\u0085oca' },
  { name: 'line separator U+2028', value: 'Sor\u2028oca' },
  { name: 'paragraph separator U+2029', value: 'Sor\u2029oca' },
  { name: 'lone surrogate', value: 'Sor\ud800oca' },
  { name: 'zero-width spaces U+200B', value: '\u200b\u200b' },
  { name: 'zero-width non-joiner U+200C', value: '\u200c' },
  { name: 'zero-width joiner U+200D', value: '\u200d\u200d' },
  { name: 'word joiner U+2060', value: '\u2060' },
  { name: 'byte order mark U+FEFF', value: '\ufeff' },
  { name: 'Hangul filler U+3164', value: '\u3164\u3164' },
  { name: 'Braille pattern blank U+2800', value: '\u2800' },
  { name: 'Hangul choseong filler U+115F', value: '\u115f' },
  { name: 'Hangul jungseong filler U+1160', value: '\u1160' },
  { name: 'halfwidth Hangul filler U+FFA0', value: '\uffa0' },
  { name: 'no-break and ideographic spaces', value: '\u00a0\u3000' },
  { name: 'em space and thin space', value: '\u2003\u2009' },
  { name: 'soft hyphen U+00AD', value: '\u00ad' },
  { name: 'bidi override U+202E', value: '\u202e' },
  // A direction control left open turns the text after the field around wherever it is shown (a
  // reason line, a mail subject): "Batumi" + RLO makes "… accepted. Your answer?" read backwards.
  { name: 'right-to-left override left open U+202E', value: 'Batumi \u202eecnetepmoc' },
  { name: 'right-to-left embedding left open U+202B', value: '\u202bBatumi' },
  { name: 'right-to-left isolate left open U+2067', value: 'Batumi \u2067x' },
  { name: 'pop directional formatting with nothing open U+202C', value: 'Batumi\u202c' },
  { name: 'pop directional isolate with nothing open U+2069', value: 'Batumi\u2069' },
  { name: 'override closed by an isolate\'s end U+202E U+2069', value: '\u202eBatumi\u2069' },
  { name: 'variation selector U+FE0F', value: '\ufe0f' },
  { name: 'combining acute accent alone', value: '\u0301' },
  { name: 'mixture of invisible characters and spaces', value: ' \u200b\u3164 \u2060\ufeff ' },
];

/** Every one-line field of a profile, as a way to put a value into a valid input, and its field path. */
export const PROFILE_ONE_LINE_FIELDS: readonly { field: string; set: (value: string) => ProfileInput }[] = [
  { field: 'name', set: (name) => validProfileInput({ name }) },
  { field: 'region', set: (region) => validProfileInput({ region }) },
  { field: 'contact.name', set: (name) => validProfileInput({ contact: { name, email: 'culture@kutaisi.example' } }) },
  { field: 'freeTags[1]', set: (tag) => validProfileInput({ freeTags: ['public art festival', tag] }) },
];

/**
 * A coordinator's meeting as sent to `POST /networks/{networkId}/meetings`: Kutaisi speed dating on
 * 2099-05-12 from 10:00 in Tbilisi, two rounds of 10 minutes with 5-minute breaks, two tables.
 */
export function meetingInputFixture(participants: string[], overrides: Partial<MeetingInput> = {}): MeetingInput {
  return { name: 'Kutaisi speed dating', date: '2099-05-12', startTime: '10:00', timeZone: 'Asia/Tbilisi', slotMinutes: 10, breakMinutes: 5, rounds: 2, tables: 2, participants, requests: [], ...overrides };
}

/**
 * A stored meeting of one round (2099-05-12, 06:00–06:10 UTC) at version `version`; the round seats
 * nobody and gives the participants after the first two a break unless `overrides` brings a schedule.
 */
export function storedMeetingFixture(version: number, participants: string[], overrides: Partial<Meeting> = {}): Meeting {
  return {
    ...meetingInputFixture(participants, { rounds: 1, tables: 1 }),
    id: '44444444-4444-4444-8444-444444444444',
    networkId: 'eu4culture',
    requests: [],
    version,
    unmetRequests: [],
    createdAt: '2026-11-30T08:00:00.000Z',
    updatedAt: `2026-11-30T09:0${version % 10}:00.000Z`,
    schedule: [{ round: 1, startsAt: '2099-05-12T06:00:00.000Z', endsAt: '2099-05-12T06:10:00.000Z', byes: participants.slice(2), meetings: [] }],
    ...overrides,
  };
}
