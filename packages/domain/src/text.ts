import * as z from 'zod';

/**
 * The shared rule for text people type: one definition for the API, the web form, mails and later
 * imports, so they agree on what a name is. Every one-line field (names, regions, tags, meeting,
 * network and partner names) uses `oneLineText`; free text that keeps its paragraphs uses
 * `multiLineText`.
 *
 * Written here rather than taken from a library: no maintained package answers "does this string
 * show at least one character", and the test is a few Unicode property escapes.
 */

/** `text` cut to its first `max` characters, with "…" after a cut: what an answer echoes of what was sent. */
export function truncated(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * A value a message quotes back, in double quotes: at most `max` characters (default 60) and "…"
 * after a cut, so a problem about a 2 MB cell stays a line long (issue: import answers of 8 MB).
 */
export function quoted(value: unknown, max = 60): string {
  return `"${truncated(String(value), max)}"`;
}

/** zod reports a missing field as a type error; people want to read "is required". */
export const expected = (label: string, what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${label} is required` : `${label} must be ${what}`;

/**
 * Control characters (Cc: C0, DEL, C1, so CR, LF and TAB too), the line and paragraph separators
 * (Zl, Zp: line breaks in all but name) and lone surrogates (Cs: not text at all).
 */
const LINE_BREAKING_OR_CONTROL = /[\p{Cc}\p{Zl}\p{Zp}\p{Cs}]/u;

/** The same, except LF: multi-line text keeps its line breaks (CR LF and CR are turned into LF first). */
const CONTROL_EXCEPT_LF = /[^\P{Cc}\n]|[\p{Zl}\p{Zp}\p{Cs}]/u;

/**
 * Characters that render as nothing: format characters (Cf: U+200B–U+200F, U+2060, U+FEFF, bidi
 * controls…), separators (Z: every kind of space), controls, the default-ignorable code points
 * (which include the Hangul fillers U+115F, U+1160, U+3164, U+FFA0 and the variation selectors),
 * combining marks with no base to sit on (M), and U+2800 BRAILLE PATTERN BLANK, which Unicode
 * classes as a symbol although it shows as a blank.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}\p{Default_Ignorable_Code_Point}\p{M}\u2800]/u;

/** True if the text shows at least one character (a letter, digit, punctuation, symbol…). */
export function hasVisibleCharacter(value: string): boolean {
  for (const ch of value) if (!INVISIBLE.test(ch)) return true;
  return false;
}

/** "U+000A": a character as a message people can act on names it. */
const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** "U+000A", the first character of `value` that `pattern` matches, for a message people can act on. */
function firstMatch(value: string, pattern: RegExp): string | undefined {
  const ch = pattern.exec(value)?.[0];
  return ch === undefined ? undefined : codePoint(ch);
}

/** The explicit direction controls: embeddings and overrides (LRE, RLE, LRO, RLO) end with PDF, isolates (LRI, RLI, FSI) with PDI. */
const OPENS_EMBEDDING = new Set(['\u202a', '\u202b', '\u202d', '\u202e']);
const OPENS_ISOLATE = new Set(['\u2066', '\u2067', '\u2068']);
const POP_EMBEDDING = '\u202c';
const POP_ISOLATE = '\u2069';

/** UAX #9's max_depth: how deep embeddings and isolates nest before the bidi algorithm ignores them. */
const MAX_DIRECTION_DEPTH = 125;

/**
 * The first direction control of a line that is not closed within it, or that closes what the line
 * did not open, as "U+202E", or the first nested deeper than MAX_DIRECTION_DEPTH, as "U+2068 nested
 * more than 125 deep". Text shows inside other text (a reason line, a mail subject, a table cell), and a right-to-left override left open turns everything after it around: "Batumi" + U+202E
 * makes the app's "… accepted. What is your answer?" read backwards. Closed ones stay within the
 * text that holds them, so a name pasted from a chat app (which wraps names in FSI … PDI) is kept.
 * As in the Unicode bidirectional algorithm, PDI also ends the embeddings opened inside its isolate.
 */
function unclosedDirectionControl(line: string): string | undefined {
  const open: string[] = [];
  for (const ch of line) {
    if (OPENS_EMBEDDING.has(ch) || OPENS_ISOLATE.has(ch)) {
      open.push(ch);
      // The bidi algorithm ignores what nests deeper (UAX #9, BD2 max_depth), and
      // withoutInvisibleEdges peels one wrapping pair per pass over the text: refusing them keeps
      // that at most 125 passes (20 000 pairs took seconds).
      if (open.length > MAX_DIRECTION_DEPTH) return `${codePoint(ch)} nested more than ${MAX_DIRECTION_DEPTH} deep`;
    } else if (ch === POP_EMBEDDING) {
      if (!OPENS_EMBEDDING.has(open.at(-1) ?? '')) return codePoint(ch);
      open.pop();
    } else if (ch === POP_ISOLATE) {
      const isolate = open.findLastIndex((c) => OPENS_ISOLATE.has(c));
      if (isolate < 0) return codePoint(ch);
      open.length = isolate;
    }
  }
  return open[0] === undefined ? undefined : codePoint(open[0]);
}

/** The same for each line of a multi-line text (a line break ends every direction control, but a line should not lean on it). */
const unclosedDirectionControlInLines = (text: string) => text.split('\n').map(unclosedDirectionControl).find((found) => found !== undefined);

/**
 * What may go from either end of a text without changing what it shows or means: spaces, format
 * characters (Cf: zero-width space and joiners, word joiner, BOM, soft hyphen, LRM/RLM/ALM) and the
 * other default-ignorable code points (Hangul fillers…). Not: the embedding, override and isolate
 * controls (taken off only as a pair wrapping the whole text, see `withoutInvisibleEdges`), the
 * variation selectors and emoji tag characters (they end "❤️" and the flag of Scotland), and the
 * prepended concatenation marks (U+0600…: visible signs spanning the digits after them).
 */
const EDGE_INVISIBLE_CLASS = String.raw`[[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}]--[\u202a-\u202e\u2066-\u2069\p{Variation_Selector}\u{E0020}-\u{E007F}\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u{110BD}\u{110CD}]]`;
// The end run starts only where the run does (the lookbehind): a plain `C+$` was tried from every
// character of a long inner run of spaces and backtracked over the rest of it, quadratic.
const INVISIBLE_EDGES = new RegExp(`^${EDGE_INVISIBLE_CLASS}+|(?<!${EDGE_INVISIBLE_CLASS})${EDGE_INVISIBLE_CLASS}+$`, 'gv');

/** The control that closes what `opener` opens (PDF for an embedding or override, PDI for an isolate). */
const closerOf = (opener: string | undefined) => (opener === undefined ? undefined : OPENS_EMBEDDING.has(opener) ? POP_EMBEDDING : OPENS_ISOLATE.has(opener) ? POP_ISOLATE : undefined);

/**
 * `text` without what shows as nothing at its start and end, so "Рівне" + U+200B is stored, shown and
 * compared as "Рівне" (one name must not pass for another). A direction control pair wrapping the
 * whole text (a chat app's FSI … PDI) goes too, as it changes nothing on its own; one that wraps only
 * part stays. Expects text whose direction controls are balanced and nest at most
 * MAX_DIRECTION_DEPTH deep (as the text schemas check first): it takes one pass per wrapping pair.
 */
export function withoutInvisibleEdges(text: string): string {
  let value = text;
  for (;;) {
    const stripped = value.replace(INVISIBLE_EDGES, '');
    const first = stripped[0];
    const inner = stripped.slice(1, -1);
    const unwrapped = stripped.length >= 2 && closerOf(first) === stripped.at(-1) && unclosedDirectionControl(inner) === undefined ? inner : stripped;
    if (unwrapped === value) return value;
    value = unwrapped;
  }
}

/**
 * How many characters a text has as the text schemas' `max` counts them (zod counts code points):
 * after NFC, in code points, so an emoji is one and "e" with a combining accent is one "é". A
 * counter shown beside a field counts this way, or it says a text is too long that is not.
 */
export function textLength(text: string): number {
  return [...text.normalize('NFC')].length;
}

/**
 * One line of visible text: normalised to NFC, no control character (CR and LF included), every
 * text direction control it opens closed within it (and none closed it did not open), trimmed of
 * spaces and invisible characters at both ends (`withoutInvisibleEdges`), at least one visible
 * character, at most `max` characters after normalisation (as `textLength` counts).
 * Messages name the field by `label` and the offending code point ("U+000A").
 */
export function oneLineText(label: string, max: number) {
  return z
    .string({ error: expected(label, 'text') })
    .normalize('NFC')
    .refine((v) => !LINE_BREAKING_OR_CONTROL.test(v), {
      params: { code: 'control_character' },
      error: (issue) => `${label} must be one line of text without control characters (found ${firstMatch(String(issue.input), LINE_BREAKING_OR_CONTROL)})`,
      abort: true,
    })
    .refine((v) => unclosedDirectionControl(v) === undefined, {
      params: { code: 'control_character' },
      error: (issue) => `${label} must close every text direction control it opens, and only those (found ${unclosedDirectionControl(String(issue.input))})`,
      abort: true,
    })
    .trim()
    .min(1, { error: `${label} must not be empty`, abort: true })
    .refine(hasVisibleCharacter, { error: `${label} must contain a visible character, not only spaces or invisible characters`, abort: true, params: { code: 'no_visible_character' } })
    .overwrite(withoutInvisibleEdges)
    .max(max, { error: `${label} must be at most ${max} characters` });
}

/**
 * Free text that keeps its line breaks: normalised to NFC, CR LF and lone CR turned into LF, no other
 * control character (TAB included), each line closing the text direction controls it opens, trimmed of spaces and invisible characters at both ends, at most `max` characters (as `textLength` counts). May be empty (use `.min` for
 * a required one); when not empty it must show a visible character.
 */
export function multiLineText(label: string, max: number) {
  return z
    .string({ error: expected(label, 'text') })
    .normalize('NFC')
    .overwrite((v) => v.replace(/\r\n?/g, '\n'))
    .refine((v) => !CONTROL_EXCEPT_LF.test(v), {
      params: { code: 'control_character' },
      error: (issue) => `${label} must not contain control characters other than line breaks (found ${firstMatch(String(issue.input), CONTROL_EXCEPT_LF)})`,
      abort: true,
    })
    .refine((v) => unclosedDirectionControlInLines(v) === undefined, {
      params: { code: 'control_character' },
      error: (issue) => `${label} must close every text direction control it opens on the same line, and only those (found ${unclosedDirectionControlInLines(String(issue.input))})`,
      abort: true,
    })
    .trim()
    .refine((v) => v === '' || hasVisibleCharacter(v), { error: `${label} must contain a visible character, not only spaces or invisible characters`, abort: true, params: { code: 'no_visible_character' } })
    .overwrite(withoutInvisibleEdges)
    .max(max, { error: `${label} must be at most ${max} characters` });
}

/**
 * Something written as an e-mail address (a local part, @, a domain with a dot), anywhere in a text.
 * The local part is looked at only as the one character before the @ (a lookbehind), not as a run:
 * a search starting at every letter of a long word and backtracking over it was quadratic (seconds
 * for a 64 KB body), and zod runs this check also on text past the field's maximum. From the @ on,
 * each label ends at a dot, so the domain is matched in one pass over what follows each @.
 */
const EMAIL_IN_TEXT = /(?<=[\p{L}\p{N}._%+-])@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;

/**
 * `schema` (a text schema) for text that is published in events (a profile's name, region, tags and
 * description; a meeting's name): it must hold no e-mail address (code `email_in_text`), since
 * events carry no personal data and a member's address has its own, private field. "Art@Home" and
 * "@telavi_culture" are not addresses.
 */
export function publishedText<T extends z.ZodType<string, unknown>>(schema: T, label: string) {
  return schema.refine((v) => !EMAIL_IN_TEXT.test(v), {
    params: { code: 'email_in_text' },
    error: `${label} must not contain an e-mail address: it is shown to partners and published; the contact address has its own field`,
  });
}
