import { describe, expect, it } from 'vitest';
import { CoordinatorInput } from './notification.js';
import { ProfileInput } from './profile.js';
import { INVISIBLE_OR_CONTROL_TEXT, PROFILE_ONE_LINE_FIELDS, validProfileInput } from './test-fixtures.js';
import { hasVisibleCharacter, multiLineText, oneLineText } from './text.js';
import { describeIssues } from './validation.js';

const line = oneLineText('name', 20);
const paragraphs = multiLineText('description', 100);

describe('oneLineText', () => {
  it.each(INVISIBLE_OR_CONTROL_TEXT)('refuses $name, with one message naming the field', ({ value }) => {
    const result = line.safeParse(value);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues).toHaveLength(1);
    expect(result.error.issues[0]?.message).toMatch(/^name must /);
  });

  it('names the control character it found', () => {
    const result = line.safeParse('Soroca\nEvil: header');
    expect(result.success ? '' : result.error.issues[0]?.message).toBe('name must be one line of text without control characters (found U+000A)');
  });

  it('normalises to NFC, so the same name is the same string whichever way it was typed', () => {
    const decomposed = 'Ba\u0306lt\u0326i'; // Bălți with combining marks
    expect(line.parse(decomposed)).toBe('Bălți'.normalize('NFC'));
    expect(line.parse(decomposed)).toBe(line.parse('B\u0103l\u021bi'));
  });

  it('keeps visible text in any script, with joiners and marks inside it, and trims spaces around it', () => {
    for (const ok of ['Gyumri', 'Гюмри', 'გიუმრი', 'Գյումրի', '귬리', 'سمرقند', 'Zürich', '👩‍🎨 studio', 'می‌خواهم', '  Soroca  ']) {
      expect(line.safeParse(ok).success, ok).toBe(true);
    }
    expect(line.parse('  Soroca\u00a0')).toBe('Soroca');
  });

  it('counts the limit after normalisation and refuses the empty string', () => {
    expect(line.safeParse('a'.repeat(20)).success).toBe(true);
    expect(line.safeParse('a'.repeat(21)).success).toBe(false);
    expect(line.safeParse('').success).toBe(false);
    expect(line.safeParse(7).success).toBe(false);
  });

  it('hasVisibleCharacter tells blank-looking text from text', () => {
    expect(hasVisibleCharacter('\u200b\u2800\u3164')).toBe(false);
    expect(hasVisibleCharacter('\u200bA')).toBe(true);
  });
});

describe('multiLineText', () => {
  it('keeps line breaks, turning CR LF and CR into LF', () => {
    expect(paragraphs.parse('First line\r\nsecond\rthird\n\nfourth')).toBe('First line\nsecond\nthird\n\nfourth');
  });

  it.each([
    ['tab', 'a\tb'],
    ['NUL', 'a\u0000b'],
    ['escape', '\u001b[2J'],
    ['C1 control', 'a\u0085b'],
    ['line separator', 'a\u2028b'],
    ['lone surrogate', 'a\udc00b'],
  ])('refuses other control characters: %s', (_name, value) => {
    expect(paragraphs.safeParse(value).success).toBe(false);
  });

  it('may be empty, but text of only invisible characters is refused', () => {
    expect(paragraphs.parse('')).toBe('');
    expect(paragraphs.safeParse('\u200b\n\u3164').success).toBe(false);
  });
});

describe('every one-line field of the schemas uses the rule', () => {
  for (const { field, set } of PROFILE_ONE_LINE_FIELDS) {
    it.each(INVISIBLE_OR_CONTROL_TEXT)(`profile ${field}: refuses $name`, ({ value }) => {
      const result = ProfileInput.safeParse(set(value));
      expect(result.success).toBe(false);
      if (result.success) return;
      expect(describeIssues(result.error).map((p) => p.field)).toEqual([field]);
    });
  }

  it('a profile with visible one-line fields and a multi-line description passes, NFC-normalised', () => {
    const parsed = ProfileInput.parse(validProfileInput({ name: 'Ba\u0306lt\u0326i', description: 'Line one.\r\nLine two.' }));
    expect(parsed.name).toBe('Bălți'.normalize('NFC'));
    expect(parsed.description).toBe('Line one.\nLine two.');
  });

  it('the description refuses control characters other than line breaks', () => {
    const result = ProfileInput.safeParse(validProfileInput({ description: 'Line one.\n\u0007Line two.' }));
    expect(result.success ? [] : describeIssues(result.error).map((p) => p.field)).toEqual(['description']);
  });

  it.each(INVISIBLE_OR_CONTROL_TEXT)('coordinator name: refuses $name', ({ value }) => {
    const result = CoordinatorInput.safeParse({ networkId: 'eu4culture', name: value, email: 'c@example.org' });
    expect(result.success ? [] : describeIssues(result.error).map((p) => p.field)).toEqual(['name']);
  });
});
