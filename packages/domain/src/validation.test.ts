import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { MeetingInput } from './meetings/meeting.js';
import { NotificationPreference } from './notification.js';
import { PartnerInput } from './partner.js';
import { CoordinatorInput } from './notification.js';
import { ProfileInput } from './profile.js';
import { validProfileInput } from './test-fixtures.js';
import { describeIssues, FIELD_PROBLEM_CODES, MAX_FIELD_PROBLEMS } from './validation.js';

const problems = (input: unknown) => {
  const result = ProfileInput.safeParse(input);
  if (result.success) throw new Error('expected invalid input');
  return describeIssues(result.error, input).map(({ field, code, params }) => ({ field, code, ...(params ? { params } : {}) }));
};

describe('a stable code per field problem', () => {
  it('names each kind of mistake with its code and what a client needs to phrase it', () => {
    const input = {
      ...validProfileInput(),
      kind: 'village',
      name: '   ',
      country: 'XX',
      region: 'r'.repeat(121),
      networks: [],
      contact: { name: 'Nino', email: 'not-an-address' },
      themes: [{ id: 'climate-environment', priority: 'high' }, { id: 'climate-environment', priority: 'low' }],
      languages: ['ka', 'qq'],
      availability: { from: '2027-05-01', to: '2027-04-01' },
      openToOutsideNetwork: 'yes',
      locale: 'de',
      colour: 'blue',
    };
    const { kind: _k, ...withoutKind } = input;
    expect(problems(input)).toEqual([
      { field: 'kind', code: 'unknown_value', params: { value: 'village' } },
      { field: 'name', code: 'empty' },
      { field: 'country', code: 'unknown_country', params: { value: 'XX' } },
      { field: 'region', code: 'too_long', params: { max: 120 } },
      { field: 'networks', code: 'too_few', params: { min: 1 } },
      { field: 'contact.email', code: 'invalid_email' },
      { field: 'themes[1]', code: 'duplicate', params: { value: 'climate-environment' } },
      { field: 'languages[1]', code: 'unknown_language', params: { value: 'qq' } },
      { field: 'availability.to', code: 'date_order', params: { value: '2027-04-01' } },
      { field: 'openToOutsideNetwork', code: 'wrong_type' },
      { field: 'locale', code: 'unknown_value', params: { value: 'de' } },
      { field: 'colour', code: 'unknown_field', params: { key: 'colour' } },
    ]);
    expect(problems(withoutKind)[0]).toEqual({ field: 'kind', code: 'required' });
    expect(problems({ ...validProfileInput(), availability: { from: '1 May', to: '2027-04-01' } })).toEqual([{ field: 'availability.from', code: 'invalid_date' }]);
  });

  it('codes the coordinator settings too, and every code is one of the documented list', () => {
    const input = { networkId: 'eu4culture', name: 'Ana', email: 'a@x.example', preference: { mode: 'digest', timeZone: 'Mars/Olympus', digestHour: 24 } };
    const found = describeIssues(CoordinatorInput.safeParse(input).error!, input).map(({ field, code, params }) => ({ field, code, params }));
    expect(found).toEqual([
      { field: 'preference.timeZone', code: 'unknown_time_zone', params: { value: 'Mars/Olympus' } },
      { field: 'preference.digestHour', code: 'too_big', params: { max: 23 } },
    ]);
    for (const { code } of found) expect(FIELD_PROBLEM_CODES).toContain(code);
  });
});

describe('what a problem quotes of the input', () => {
  it('quotes at most the first 60 characters of a wrong value in every message, and 100 in params.value', () => {
    const long = 'x'.repeat(100_000);
    const input = { ...validProfileInput(), kind: long, country: long, languages: [long], themes: [{ id: long, priority: 'high' }], locale: long };
    const problems = describeIssues(ProfileInput.safeParse(input).error!, input);
    expect(problems.map((p) => p.field).sort()).toEqual(['country', 'kind', 'languages[0]', 'locale', 'themes[0].id']);
    for (const p of problems) {
      expect(p.detail.length, p.field).toBeLessThan(400);
      expect(p.detail, p.field).toContain(`"${'x'.repeat(60)}…"`);
      expect((p.params?.value ?? '').length, p.field).toBeLessThanOrEqual(100);
    }
  });
});

describe('the size of a problem list', () => {
  it('stays small whatever the body holds: a 1 MB unknown key, or 10 000 of them', () => {
    const hugeKey = { ...validProfileInput(), ['k'.repeat(1_000_000)]: 1 };
    const one = describeIssues(ProfileInput.safeParse(hugeKey).error!, hugeKey);
    expect(one.map((p) => p.code)).toEqual(['unknown_field']);
    expect(JSON.stringify(one).length).toBeLessThan(1000);
    const many = { ...validProfileInput(), ...Object.fromEntries(Array.from({ length: 10_000 }, (_, k) => [`extra${k}`, k])) };
    const problems = describeIssues(ProfileInput.safeParse(many).error!, many);
    expect(problems).toHaveLength(MAX_FIELD_PROBLEMS + 1);
    expect(problems.at(-1)).toMatchObject({ field: '(body)', code: 'invalid', detail: `and ${10_000 - MAX_FIELD_PROBLEMS} more problems` });
    expect(JSON.stringify(problems).length).toBeLessThan(50_000);
  });
});

describe('messages for checks that name none of their own', () => {
  // zod's defaults read "Invalid input: expected int, received number"; a person reads these.
  const ZOD_DEFAULT = /Invalid input|Too small: expected|Too big: expected|Invalid option|Invalid string|received (number|string|boolean|object|array|undefined|null)/;
  const A = '00000000-0000-4000-8000-00000000000a';
  const B = '00000000-0000-4000-8000-00000000000b';
  const cases: [string, z.ZodType, unknown][] = [
    ['meeting, wrong types', MeetingInput, { name: 'M', date: '2027-05-12', startTime: '10:00', timeZone: 'UTC', slotMinutes: 10.5, breakMinutes: 'five', rounds: 2.5, tables: 1.5, participants: [A, B], requests: 'none' }],
    ['meeting, out of range', MeetingInput, { name: 'M', date: '2027-05-12', startTime: '10:00', timeZone: 'UTC', slotMinutes: 10, breakMinutes: 5, rounds: 0, tables: 0, participants: [A, B], requests: [{ from: A, to: B, extra: 1 }] }],
    ['coordinator preference', NotificationPreference, { mode: 'often', timeZone: 'UTC', digestHour: 24.5 }],
    ['coordinator preference, hour', NotificationPreference, { digestHour: 30 }],
    ['partner', PartnerInput, { name: 'P', contact: 'p@x.example', events: [''], networks: [] }],
    ['partner, types', PartnerInput, { name: 'P', contact: 'p@x.example', events: 'all', networks: 'x' }],
  ];
  it.each(cases)('%s', (_, schema, input) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    const details = describeIssues(result.error!, input).map((p) => `${p.field}: ${p.detail}`);
    expect(details.filter((d) => ZOD_DEFAULT.test(d))).toEqual([]);
  });
});

describe('a refinement after a failed check', () => {
  it('never throws: a webhook that is not a URL is named, not a TypeError', () => {
    const input = { name: 'P', contact: 'p@x.example', webhook: 'not a url' };
    expect(() => PartnerInput.safeParse(input)).not.toThrow();
    expect(describeIssues(PartnerInput.safeParse(input).error!, input).map((p) => p.field)).toEqual(['webhook']);
  });
});

describe('one bound per field', () => {
  it('names the schema\'s bound once for a number far out of range, not the safe-integer range beside it', () => {
    const meeting = { name: 'M', date: '2099-05-12', startTime: '10:00', timeZone: 'UTC', slotMinutes: 1e308, breakMinutes: -1e308, rounds: 2, tables: 1, participants: ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'] };
    const found = describeIssues(MeetingInput.safeParse(meeting).error!, meeting).map(({ field, code, params }) => ({ field, code, params }));
    expect(found).toEqual([
      { field: 'slotMinutes', code: 'too_big', params: { max: 120 } },
      { field: 'breakMinutes', code: 'too_small', params: { min: 0 } },
    ]);
  });
});
