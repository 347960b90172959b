import { describe, expect, it } from 'vitest';
import { CONTACT_CHANGE_LIFETIME_DAYS, ProfileInput, ProfileUpdate, contactChange, profileJsonSchema, requestedContact, toPublicProfile, withoutLapsedContactChange, type Profile } from './profile.js';
import { describeIssues } from './validation.js';
import { validProfileInput } from './test-fixtures.js';

function problemsOf(input: unknown) {
  const result = ProfileInput.safeParse(input);
  if (result.success) throw new Error('expected the input to be rejected');
  return describeIssues(result.error, input);
}

describe('ProfileInput', () => {
  it('accepts a complete profile and applies defaults to optional lists', () => {
    const { freeTags: _f, formats: _fo, offers: _o, needs: _n, fundingInstruments: _fi, description: _d, ...minimal } =
      validProfileInput();
    const parsed = ProfileInput.parse(minimal);
    expect(parsed.formats).toEqual([]);
    expect(parsed.offers).toEqual([]);
    expect(parsed.openToOutsideNetwork).toBe(true);
    expect(parsed.description).toBe('');
  });

  it('trims text and lower-cases the contact e-mail', () => {
    const parsed = ProfileInput.parse(validProfileInput({ name: '  Poti  ', contact: { name: 'A', email: 'Art@Poti.EXAMPLE' } }));
    expect(parsed.name).toBe('Poti');
    expect(parsed.contact.email).toBe('art@poti.example');
  });

  it('names every bad field at once: missing name, bad country, unknown theme, wrong types, extra key', () => {
    const { name: _name, ...rest } = validProfileInput();
    const problems = problemsOf({
      ...rest,
      country: 'XX',
      themes: [{ id: 'cooking', priority: 'high' }],
      languages: 'en',
      openToOutsideNetwork: 'yes',
      favouriteColour: 'blue',
    });
    const byField = Object.fromEntries(problems.map((p) => [p.field, p.detail]));
    expect(byField).toEqual({
      name: 'name is required',
      country: '"XX" is not an ISO 3166-1 alpha-2 country code (e.g. "GE", "AM", "UA")',
      'themes[0].id': '"cooking" is not a theme of the taxonomy; put unmapped tags in freeTags',
      languages: 'languages must be a list',
      openToOutsideNetwork: 'openToOutsideNetwork must be true or false',
      favouriteColour: '"favouriteColour" is not a field of this form',
    });
    expect(problems.find((p) => p.field === 'themes[0].id')?.pointer).toBe('#/themes/0/id');
  });

  it('rejects duplicates, empty required lists, oversize text and an inverted availability window', () => {
    const problems = problemsOf(
      validProfileInput({
        themes: [
          { id: 'youth', priority: 'high' },
          { id: 'youth', priority: 'low' },
        ],
        networks: [],
        description: 'x'.repeat(4001),
        availability: { from: '2027-06-01', to: '2027-01-01' },
        languages: ['english'],
      }),
    );
    expect(problems.map((p) => p.field).sort()).toEqual(
      ['availability.to', 'description', 'languages[0]', 'networks', 'themes[1]'].sort(),
    );
  });

  it('rejects an unknown priority and an unknown key inside a theme', () => {
    const problems = problemsOf(validProfileInput({ themes: [{ id: 'youth', priority: 'urgent', weight: 3 } as never] }));
    expect(problems.map((p) => p.field).sort()).toEqual(['themes[0].priority', 'themes[0].weight']);
  });
});

describe('ProfileUpdate', () => {
  it('requires the version the client read', () => {
    const result = ProfileUpdate.safeParse(validProfileInput());
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error, validProfileInput())).toEqual([
      { field: 'version', pointer: '#/version', code: 'required', detail: 'version is required' },
    ]);
  });
});

describe('public profile', () => {
  it('drops the contact, which is personal data', () => {
    const profile: Profile = {
      ...ProfileInput.parse(validProfileInput()),
      id: 'p1',
      version: 1,
      status: 'active',
      createdAt: '2026-11-24T00:00:00.000Z',
      updatedAt: '2026-11-24T00:00:00.000Z',
    };
    const open = toPublicProfile(profile);
    expect(JSON.stringify(open)).not.toContain('@');
    expect(open.name).toBe('Kutaisi');
  });
});

describe('profile JSON Schema', () => {
  it('is strict and lists the taxonomy as an enum', () => {
    const schema = profileJsonSchema() as { additionalProperties: boolean; required: string[]; properties: Record<string, unknown> };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['kind', 'name', 'country', 'networks', 'contact', 'themes', 'languages']));
    expect(JSON.stringify(schema.properties.themes)).toContain('gender-equality');
  });
});

describe('messages for wrong shapes', () => {
  it('says what a nested object or the whole body should be', () => {
    expect(problemsOf({ ...validProfileInput(), contact: 'me@example.org' })).toEqual([
      { field: 'contact', pointer: '#/contact', code: 'wrong_type', detail: 'contact must be an object with name and email' },
    ]);
    expect(problemsOf([])).toEqual([
      { field: '(body)', pointer: '#/', code: 'wrong_type', detail: 'the body must be a JSON object with the profile fields' },
    ]);
  });
});

describe('match e-mails preference', () => {
  it('is off unless the member opts in, and is a preference that the public profile leaves out', () => {
    const data = ProfileInput.parse(validProfileInput());
    expect(data.matchEmails).toBe(false);
    const profile: Profile = { ...ProfileInput.parse(validProfileInput({ matchEmails: true })), id: 'p1', version: 1, status: 'active', createdAt: '2026-11-24T00:00:00.000Z', updatedAt: '2026-11-24T00:00:00.000Z' };
    expect(profile.matchEmails).toBe(true);
    expect(toPublicProfile(profile)).not.toHaveProperty('matchEmails');
  });

  it('says in words what a wrong value should be', () => {
    const result = ProfileInput.safeParse(validProfileInput({ matchEmails: 'yes' as unknown as boolean }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('matchEmails must be true or false');
  });
});

describe('locale preference', () => {
  it('is optional, one of the nine languages, and a preference the public profile leaves out', () => {
    expect(ProfileInput.parse(validProfileInput()).locale).toBeUndefined();
    const profile: Profile = { ...ProfileInput.parse(validProfileInput({ locale: 'ka' })), id: 'p1', version: 1, status: 'active', createdAt: '2026-11-24T00:00:00.000Z', updatedAt: '2026-11-24T00:00:00.000Z' };
    expect(profile.locale).toBe('ka');
    expect(toPublicProfile(profile)).not.toHaveProperty('locale');
    const wrong = ProfileInput.safeParse(validProfileInput({ locale: 'ru-RU' as 'ru' }));
    expect(wrong.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['locale', '"ru-RU" is not a language CultureBridge speaks; use one of: en, ru, uk, ka, hy, az, ro, kk, uz']]);
  });
});

describe('contact changes', () => {
  const contact = { name: 'Nino', email: 'nino@kutaisi.example' };
  const waiting = { name: 'Nino', email: 'new@kutaisi.example', requestedAt: '2026-11-30T10:00:00.000Z', version: 4 };

  it('keeps an active profile with its address and lets a new one wait; a pending profile moves at once', () => {
    expect(contactChange({ status: 'active', contact }, 'new@kutaisi.example')).toBe('request');
    expect(contactChange({ status: 'pending', contact }, 'new@kutaisi.example')).toBe('move');
    expect(contactChange({ status: 'active', contact }, ' Nino@Kutaisi.EXAMPLE ')).toBe('none');
  });

  it('cancels a waiting change with the current address, keeps it with its own address, replaces it with another', () => {
    const active = { status: 'active' as const, contact, pendingContact: waiting };
    expect(contactChange(active, 'nino@kutaisi.example')).toBe('cancel');
    expect(contactChange(active, 'NEW@kutaisi.example')).toBe('keep');
    expect(contactChange(active, 'typo@kutaisi.example')).toBe('request');
  });

  it('names the contact asked for: the waiting one, else the current one', () => {
    expect(requestedContact({ contact, pendingContact: waiting })).toEqual({ name: 'Nino', email: 'new@kutaisi.example' });
    expect(requestedContact({ contact })).toBe(contact);
  });

  it('lets a waiting change lapse seven days after its last link was sent', () => {
    expect(CONTACT_CHANGE_LIFETIME_DAYS).toBe(7);
    const profile = { status: 'active' as const, contact, pendingContact: waiting };
    const sent = Date.parse(waiting.requestedAt);
    expect(withoutLapsedContactChange(profile, sent + 7 * 86_400_000 - 1)).toBe(profile);
    const lapsed = withoutLapsedContactChange(profile, sent + 7 * 86_400_000);
    expect(lapsed).toEqual({ status: 'active', contact });
    // Lapsed, its address is a new request again (a new link), not the change it was.
    expect(contactChange(lapsed, 'new@kutaisi.example')).toBe('request');
    const settled: Pick<Profile, 'contact' | 'pendingContact'> = { contact };
    expect(withoutLapsedContactChange(settled, sent + 30 * 86_400_000)).toBe(settled);
  });

  it('never shows a waiting contact in the public profile', () => {
    const profile = { ...ProfileInput.parse(validProfileInput()), id: 'p', version: 4, status: 'active', createdAt: 'x', updatedAt: 'x', pendingContact: waiting } satisfies Profile;
    expect(toPublicProfile(profile)).not.toHaveProperty('pendingContact');
  });
});
