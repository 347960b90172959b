import type { Locale } from './i18n/locales.js';

/**
 * CSV as RFC 4180 writes it: CRLF between records, a field in double quotes when it holds the
 * delimiter (`,` unless given), a quote or a line break, quotes inside doubled.
 */
export function toCsv(records: readonly (readonly (string | number)[])[], delimiter: ',' | ';' = ','): string {
  return records.map((fields) => fields.map((f) => csvField(f, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}

function csvField(value: string | number, delimiter: ',' | ';'): string {
  const text = String(value);
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The separator a spreadsheet expects in a reader's language: `;` where the decimal sign is a comma
 * (every language the app speaks but English: Excel's list separator there is `;`, and a `,` file
 * opens as one column), `,` in English. Written out, not read from Intl: browsers lack the number
 * symbols of several of these languages (see numberFormat in the web app).
 */
export function spreadsheetDelimiter(locale: Locale): ',' | ';' {
  return locale === 'en' ? ',' : ';';
}

/** A CSV file for a spreadsheet in `locale`: UTF-8 with a byte-order mark (else Excel reads a legacy code page), separated as `spreadsheetDelimiter` says. */
export function spreadsheetCsv(records: readonly (readonly (string | number)[])[], locale: Locale): string {
  return '\uFEFF' + toCsv(records, spreadsheetDelimiter(locale));
}

/**
 * Member names and texts come from anyone who submits the form; a spreadsheet would run one that
 * starts with = + - @ as a formula (OWASP "CSV injection"). A leading apostrophe makes it text.
 */
export function spreadsheetText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * An instant (ISO 8601) as "YYYY-MM-DD HH:MM" in UTC: the form every spreadsheet, whatever its
 * language, reads as a date and time and then shows in its own format; an ISO instant with `T` and
 * `Z` stays text. A value that is no instant is given back as it is.
 */
export function spreadsheetUtcTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${at.toISOString().slice(0, 10)} ${at.toISOString().slice(11, 16)}`;
}
