import { describe, expect, it } from 'vitest';
import { MeetingInput } from './meetings/meeting.js';
import { NetworkSettings } from './network-settings.js';
import { NetworkInput } from './network.js';
import { CoordinatorInput } from './notification.js';
import { PartnerInput } from './partner.js';
import { ProfileInput } from './profile.js';
import { INVISIBLE_OR_CONTROL_TEXT, PROFILE_ONE_LINE_FIELDS, validProfileInput } from './test-fixtures.js';
import { hasVisibleCharacter, multiLineText, oneLineText, publishedText, textLength, withoutInvisibleEdges } from './text.js';
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

  it('names the text direction control left open, or closed without being opened', () => {
    const message = (value: string) => {
      const result = line.safeParse(value);
      return result.success ? '' : result.error.issues[0]?.message;
    };
    expect(message('Batumi \u202eecnetepmoc')).toBe('name must close every text direction control it opens, and only those (found U+202E)');
    expect(message('Batumi\u2069')).toBe('name must close every text direction control it opens, and only those (found U+2069)');
  });

  it('normalises to NFC, so the same name is the same string whichever way it was typed', () => {
    const decomposed = 'Ba\u0306lt\u0326i'; // Bălți with combining marks
    expect(line.parse(decomposed)).toBe('Bălți'.normalize('NFC'));
    expect(line.parse(decomposed)).toBe(line.parse('B\u0103l\u021bi'));
  });

  it('keeps visible text in any script, with joiners and marks inside it, and trims spaces around it', () => {
    for (const ok of ['Gyumri', 'Гюмри', 'გიუმრი', 'Գյումրի', '귬리', 'سمرقند', 'Zürich', '👩‍🎨 studio', 'می‌خواهم', '  Soroca  ', 'Gyumri \u2068גיומרי\u2069', '\u202bעיר\u202c', '\u2067\u202eab\u2069']) {
      expect(line.safeParse(ok).success, ok).toBe(true);
    }
    expect(line.parse('  Soroca\u00a0')).toBe('Soroca');
  });

  it('strips invisible characters at the start and end, so "Рівне" + U+200B is stored as "Рівне"', () => {
    for (const edged of ['Рівне\u200b', '\ufeffРівне', '\u200dРівне\u2060', ' \u200e Рівне \u00ad\u200f ', 'Рівне\u3164', '\u2068Рівне\u2069', '\u202b\u200bРівне\u202c']) {
      expect(line.parse(edged), JSON.stringify(edged)).toBe('Рівне');
    }
  });

  it('keeps what gives the edges meaning: joiners inside, emoji tag sequences and variation selectors, isolates that do not wrap the whole text', () => {
    for (const kept of ['👩\u200d🎨', '\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}', '❤\ufe0f', '\u2068Anna\u2069 and \u2068Ion\u2069', '\u0600123']) {
      expect(line.parse(kept), JSON.stringify(kept)).toBe(kept);
    }
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
    ['a right-to-left override left open on its line', 'Festival \u202eenuJ ni\nVenue'],
    ['an isolate closed on the next line', 'a\u2066b\n\u2069c'],
  ])('refuses other control characters: %s', (_name, value) => {
    expect(paragraphs.safeParse(value).success).toBe(false);
  });

  it('strips invisible characters at the start and end of the whole text', () => {
    expect(paragraphs.parse('\u200bFirst\n\u200bsecond\u2060')).toBe('First\n\u200bsecond');
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

  // Every other one-line field a person types (network, meeting, partner, a network's display name in
  // mail subjects): one table, so a field added later with a plain z.string() stands out here.
  const OTHER_ONE_LINE_FIELDS = [
    { field: 'coordinator name', path: 'name', parse: (v: string) => CoordinatorInput.safeParse({ networkId: 'eu4culture', name: v, email: 'c@example.org' }) },
    { field: 'network name', path: 'name', parse: (v: string) => NetworkInput.safeParse({ id: 'eu4culture', name: v }) },
    { field: 'network displayName', path: 'displayName', parse: (v: string) => NetworkSettings.safeParse({ displayName: v }) },
    { field: 'partner name', path: 'name', parse: (v: string) => PartnerInput.safeParse({ name: v, contact: 'p@example.org', awsAccount: '111111111111' }) },
    {
      field: 'meeting name',
      path: 'name',
      parse: (v: string) =>
        MeetingInput.safeParse({ name: v, date: '2027-05-12', startTime: '10:00', timeZone: 'Asia/Tbilisi', slotMinutes: 10, breakMinutes: 2, rounds: 3, tables: 2, participants: ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'] }),
    },
  ];
  for (const { field, path, parse } of OTHER_ONE_LINE_FIELDS) {
    it(`${field}: accepts a visible name`, () => {
      expect(parse('Gyumri – Գյումրի').success).toBe(true);
    });
    it.each(INVISIBLE_OR_CONTROL_TEXT)(`${field}: refuses $name`, ({ value }) => {
      const result = parse(value);
      expect(result.success ? [] : describeIssues(result.error).map((p) => p.field)).toEqual([path]);
    });
  }
});

describe('textLength', () => {
  // The form's description counter said "5 200 of 4 000" for a text the API takes: it counted UTF-16
  // code units (an emoji is two), where the schema's max counts code points after NFC.
  it.each([
    ['Фестиваль моря', 14],
    ['🎭🎨 театр', 8],
    ['👨‍👩‍👧', 5],
    ['e\u0301te\u0301', 3],
  ])('counts %j as %i characters, exactly as the text schemas\' max does', (text, length) => {
    expect(textLength(text)).toBe(length);
    expect(multiLineText('description', length).safeParse(text).success).toBe(true);
    expect(multiLineText('description', length - 1).safeParse(text).success).toBe(false);
    expect(oneLineText('name', length).safeParse(text).success).toBe(true);
    expect(oneLineText('name', length - 1).safeParse(text).success).toBe(false);
  });
});

describe('publishedText', () => {
  const published = publishedText(multiLineText('description', 100), 'description');
  const codes = (value: string) => (published.safeParse(value).error?.issues ?? []).map((i) => (i as { params?: { code?: string } }).params?.code ?? i.code);

  it.each([
    ['an address', 'Write to nino.beridze@telavi.example.', ['email_in_text']],
    ['an address with letters of any script', 'Пишіть: олена@рівне.укр', ['email_in_text']],
    ['a handle', 'Follow @telavi_culture', []],
    ['a name with @ inside a word', 'Art@Home', []],
    ['an @ with nothing before it', 'x @telavi.example', []],
  ])('tells %s', (_name, value, expected) => {
    expect(codes(value)).toEqual(expected);
  });

  // The check runs on any length, also past the field's maximum (zod runs a refinement after a
  // failed length check): a pattern that backtracks over a long run of letters took seconds for
  // 64 KB (the body limit) and about 20 s for 100 000 letters. These finish within the test's timeout
  // only if the search is linear.
  it.each([
    ['a long run of letters', 'a'.repeat(100_000)],
    ['an @ before a long run of letters', `a@${'b'.repeat(100_000)}`],
    ['a long run of dotted labels', `a@${'b.'.repeat(50_000)}1`],
    ['many @ signs', 'a@b'.repeat(35_000)],
  ])('looks through %s in linear time', (_name, value) => {
    expect(codes(value)).toEqual(['too_big']);
  });
});

describe('withoutInvisibleEdges', () => {
  // Every text field runs it before its length check, on a whole 64 KB body. A trailing-run pattern
  // (`C+$`) tried from each space of a long inner run took seconds; these finish within the test's
  // timeout only if the search is linear.
  it.each([
    ['a long run of spaces inside', `x${' '.repeat(100_000)}x`],
    ['a long run of zero-width spaces inside', `x${'\u200b'.repeat(100_000)}x`],
  ])('looks through %s in linear time', (_name, value) => {
    expect(withoutInvisibleEdges(value)).toBe(value);
    expect(oneLineText('name', 20).safeParse(value).success).toBe(false);
  });

  it('takes off the runs at both ends, and only there', () => {
    expect(withoutInvisibleEdges(' \u200b Рівне \u00a0 ')).toBe('Рівне');
    expect(withoutInvisibleEdges('a  b')).toBe('a  b');
    expect(withoutInvisibleEdges('   ')).toBe('');
  });
});

describe('direction controls nested deeper than the bidi algorithm reads them', () => {
  const name = oneLineText('name', 20);
  const description = multiLineText('description', 100);
  const deep = (depth: number) => `${'\u2068'.repeat(depth)}x${'\u2069'.repeat(depth)}`;

  it('takes 125 (UAX #9 max_depth) and strips them when they wrap the whole text', () => {
    expect(name.parse(deep(125))).toBe('x');
    expect(description.parse(deep(125))).toBe('x');
  });

  // withoutInvisibleEdges peels one wrapping pair per pass over the text: 8 000 pairs took 5 s, and
  // a 64 KB body holds more. Refusing past UAX #9's depth bounds the passes.
  it.each([
    ['name', name],
    ['description', description],
  ])('refuses 126 and more in a %s, naming the control, without peeling them one by one', (label, schema) => {
    for (const depth of [126, 20_000]) {
      const result = schema.safeParse(deep(depth));
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toEqual([expect.stringMatching(new RegExp(`^${label} must close every text direction control .*\\(found U\\+2068 nested more than 125 deep\\)$`))]);
    }
  });
});
