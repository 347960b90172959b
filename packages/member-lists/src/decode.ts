import { analyse } from 'chardet';

/** Legacy single-byte encodings a member list may arrive in; anything else must be saved as UTF-8. */
export const LEGACY_ENCODINGS = ['windows-1251', 'windows-1250', 'windows-1252'] as const;
export type LegacyEncoding = (typeof LEGACY_ENCODINGS)[number];
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | LegacyEncoding;

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /**
   * True when the encoding was guessed (a legacy single-byte file): the bytes decode under any of
   * them, so only a person looking at the preview can tell the right one. Nothing is imported until
   * the caller confirms it (`confirmedEncoding`).
   */
  needsConfirmation: boolean;
}

/** chardet's names for the legacy encodings (it reports the ISO sets for 1250/1252 text). */
const CHARDET_NAMES: Record<string, LegacyEncoding> = {
  'windows-1251': 'windows-1251',
  'ISO-8859-5': 'windows-1251',
  'KOI8-R': 'windows-1251',
  'windows-1250': 'windows-1250',
  'ISO-8859-2': 'windows-1250',
  'windows-1252': 'windows-1252',
  'ISO-8859-1': 'windows-1252',
};

/**
 * Only the words that hold non-ASCII bytes. A member list is mostly ASCII (headers, codes, e-mail
 * addresses), which drowns chardet's statistics: on a whole Windows-1251 file it guessed Latin-1.
 */
function nonAsciiWords(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  let word: number[] = [];
  const flush = () => {
    if (word.some((b) => b >= 0x80)) out.push(...word, 0x20);
    word = [];
  };
  for (const b of bytes) {
    if (b >= 0x80 || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) word.push(b);
    else flush();
  }
  flush();
  return Uint8Array.from(out);
}

/** The most likely legacy encoding of bytes that are not UTF-8, by chardet's statistics on the words that need one. */
export function guessLegacyEncoding(bytes: Uint8Array): LegacyEncoding {
  for (const candidate of analyse(nonAsciiWords(bytes))) {
    const legacy = CHARDET_NAMES[candidate.name];
    if (legacy) return legacy;
  }
  return 'windows-1252';
}

/**
 * Decodes a text file: a byte-order mark decides (UTF-8, UTF-16LE as Excel's "Unicode text",
 * UTF-16BE); otherwise valid UTF-8 is UTF-8; otherwise it is a legacy single-byte file, decoded with
 * `confirmedEncoding` if given, else with the guessed one and `needsConfirmation`.
 * Throws RangeError for an encoding name outside LEGACY_ENCODINGS.
 */
export function decodeText(bytes: Uint8Array, confirmedEncoding?: string): DecodedText {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xff && b1 === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', needsConfirmation: false };
  if (b0 === 0xfe && b1 === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', needsConfirmation: false };
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', needsConfirmation: false };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', needsConfirmation: false };
  } catch {
    // Not UTF-8: a legacy code page. Decoding never fails for these, which is why a person confirms.
  }
  if (confirmedEncoding !== undefined && !(LEGACY_ENCODINGS as readonly string[]).includes(confirmedEncoding)) {
    throw new RangeError(`encoding must be one of ${LEGACY_ENCODINGS.join(', ')}`);
  }
  const encoding = (confirmedEncoding as LegacyEncoding | undefined) ?? guessLegacyEncoding(bytes);
  return { text: new TextDecoder(encoding).decode(bytes), encoding, needsConfirmation: confirmedEncoding === undefined };
}
