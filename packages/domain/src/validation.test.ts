import { describe, expect, it } from 'vitest';
import { CoordinatorInput } from './notification.js';
import { ProfileInput } from './profile.js';
import { validProfileInput } from './test-fixtures.js';
import { describeIssues, FIELD_PROBLEM_CODES } from './validation.js';

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
