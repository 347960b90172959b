import { describe, expect, it } from 'vitest';
import { carryOver, changedFields } from './profile-draft';
import { EMPTY_FORM, type ProfileFormState } from './profile-form-state';

const base: ProfileFormState = { ...EMPTY_FORM, name: 'Poltava', region: '', description: 'Old', freeTags: 'literature', languages: ['uk', 'en'] };

describe('a draft carried onto a profile changed meanwhile', () => {
  it('keeps each field the member changed and takes every other one as it is now', () => {
    const draft = { base, form: { ...base, description: 'Mine', languages: ['uk', 'en', 'ro'] } };
    const current = { ...base, region: 'Poltavshchyna', freeTags: 'literature, poetry' };
    expect(carryOver(draft, current)).toEqual({ form: { ...current, description: 'Mine', languages: ['uk', 'en', 'ro'] }, overlapping: [] });
  });

  it('names a field changed in both places to different values, keeping the member\'s; the same change made twice is no overlap', () => {
    const draft = { base, form: { ...base, description: 'Mine', region: 'Poltava oblast' } };
    const current = { ...base, description: 'Theirs', region: 'Poltava oblast' };
    expect(carryOver(draft, current)).toEqual({ form: { ...current, description: 'Mine' }, overlapping: ['description'] });
  });

  it('lists the changed fields by value, not by identity (arrays and maps compared as data)', () => {
    expect(changedFields({ base, form: { ...base, languages: ['uk', 'en'], themes: {} } })).toEqual([]);
    expect(changedFields({ base, form: { ...base, themes: { literature: 'high' } } })).toEqual(['themes']);
  });
});
