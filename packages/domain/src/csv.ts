/**
 * CSV as RFC 4180 writes it: CRLF between records, a field in double quotes when it holds a comma,
 * a quote or a line break, quotes inside doubled.
 */
export function toCsv(records: readonly (readonly (string | number)[])[]): string {
  return records.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Member names and texts come from anyone who submits the form; a spreadsheet would run one that
 * starts with = + - @ as a formula (OWASP "CSV injection"). A leading apostrophe makes it text.
 */
export function spreadsheetText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
