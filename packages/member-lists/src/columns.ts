import { ECHOED_LENGTH, PRIORITIES, ProfileInput, WHOLE_ROW_COLUMN, describeIssues, truncated, type FieldProblem, type FieldProblemCode, type Locale, type Priority } from '@culturebridge/domain';

/**
 * The columns of a member list, in the template's order. Lists go in one cell, separated by `|`
 * (or `,`/`;` inside a quoted cell); themes as `id:priority` (priority defaults to medium).
 */
export const MEMBER_COLUMNS = [
  'name',
  'kind',
  'country',
  'region',
  'contact_name',
  'contact_email',
  'themes',
  'languages',
  'formats',
  'offers',
  'needs',
  'funding_instruments',
  'free_tags',
  'open_to_outside_network',
  'description',
  /** The language of the member's mails (the invitation first), one of LOCALES; the import's default when empty. */
  'locale',
] as const;
export type MemberColumn = (typeof MEMBER_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly MemberColumn[] = ['name', 'kind', 'country', 'contact_name', 'contact_email', 'themes', 'languages'];

/** A cell as a problem (or an unknown header) quotes it, as the API echoes a value: the report stays small whatever the file holds. */
export const quotedCell = (cell: string) => truncated(cell, ECHOED_LENGTH);

/** Header spellings people use, normalised (lower case, spaces and hyphens as `_`). */
const ALIASES: Record<string, MemberColumn> = {
  email: 'contact_email',
  e_mail: 'contact_email',
  contact_e_mail: 'contact_email',
  contact: 'contact_name',
  city: 'region',
  city_or_region: 'region',
  funding: 'funding_instruments',
  tags: 'free_tags',
  open_to_other_networks: 'open_to_outside_network',
  language_of_e_mails: 'locale',
  language_of_emails: 'locale',
  mail_language: 'locale',
  email_language: 'locale',
  e_mail_language: 'locale',
};

export function normaliseHeader(header: string): string {
  return header.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** A header naming a field that an earlier header of the file already names (`name,name`, or `email` after `contact_email`). */
export interface DuplicateColumn {
  /** The later header, as the file has it (at most ECHOED_LENGTH characters). */
  header: string;
  /** The field both name. */
  column: MemberColumn;
  /** The earlier header, as the file has it. */
  firstHeader: string;
}

/**
 * Which column of the file holds each known field; unknown headers are reported, not guessed, and
 * so is a field named twice: which of two `name` columns is meant cannot be guessed either.
 */
export function mapHeader(header: readonly string[]): { columns: Map<MemberColumn, number>; unknown: string[]; missing: MemberColumn[]; duplicate: DuplicateColumn[] } {
  const columns = new Map<MemberColumn, number>();
  const unknown: string[] = [];
  const duplicate: DuplicateColumn[] = [];
  header.forEach((raw, index) => {
    const name = normaliseHeader(raw);
    const column = (MEMBER_COLUMNS as readonly string[]).includes(name) ? (name as MemberColumn) : ALIASES[name];
    const first = column === undefined ? undefined : columns.get(column);
    if (column && first !== undefined) duplicate.push({ header: quotedCell(raw), column, firstHeader: quotedCell(header[first] ?? '') });
    else if (column) columns.set(column, index);
    else if (name !== '') unknown.push(quotedCell(raw));
  });
  return { columns, unknown, missing: REQUIRED_COLUMNS.filter((c) => !columns.has(c)), duplicate };
}

/** What a problem about a repeated column says (API detail, English). */
export const duplicateColumnDetail = (d: DuplicateColumn) => `the header names the column ${d.column} twice ("${d.firstHeader}" and "${d.header}"); keep one`;

const split = (cell: string) => cell.split(/[|;,]/).map((v) => v.trim()).filter(Boolean);

function yesNo(cell: string): boolean | string {
  const v = cell.trim().toLowerCase();
  if (['', 'no', 'false', '0', 'n'].includes(v)) return false;
  if (['yes', 'true', '1', 'y'].includes(v)) return true;
  return cell;
}

/** One row as the profile form would send it, with the import's network, and its default mail language when the row names none. */
export function rowToProfileInput(cells: readonly string[], columns: Map<MemberColumn, number>, networkId: string, defaultLocale?: Locale): Record<string, unknown> {
  const get = (c: MemberColumn) => {
    const i = columns.get(c);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const optional = (c: MemberColumn) => (get(c) === '' ? undefined : get(c));
  return {
    kind: get('kind').toLowerCase(),
    name: get('name'),
    country: get('country').toUpperCase(),
    ...(optional('region') !== undefined ? { region: get('region') } : {}),
    networks: [networkId],
    contact: { name: get('contact_name'), email: get('contact_email') },
    themes: split(get('themes')).map((t) => {
      const [id = '', priority] = t.split(':').map((p) => p.trim());
      return { id: id.toLowerCase(), priority: priority ? (PRIORITIES.includes(priority.toLowerCase() as Priority) ? priority.toLowerCase() : priority) : 'medium' };
    }),
    languages: split(get('languages')).map((l) => l.toLowerCase()),
    formats: split(get('formats')),
    offers: split(get('offers')),
    needs: split(get('needs')),
    fundingInstruments: split(get('funding_instruments')),
    freeTags: split(get('free_tags')),
    openToOutsideNetwork: yesNo(get('open_to_outside_network')),
    description: get('description'),
    ...(optional('locale') !== undefined ? { locale: get('locale').toLowerCase() } : defaultLocale !== undefined ? { locale: defaultLocale } : {}),
  };
}

/** The column a profile field came from, for the error report. */
function columnOf(field: string): MemberColumn | typeof WHOLE_ROW_COLUMN {
  const top = field.split(/[.[]/)[0] ?? '';
  if (field.startsWith('contact.email') || field === 'contact') return 'contact_email';
  if (field.startsWith('contact.name')) return 'contact_name';
  const map: Record<string, MemberColumn> = {
    kind: 'kind',
    name: 'name',
    country: 'country',
    region: 'region',
    themes: 'themes',
    languages: 'languages',
    formats: 'formats',
    offers: 'offers',
    needs: 'needs',
    fundingInstruments: 'funding_instruments',
    freeTags: 'free_tags',
    openToOutsideNetwork: 'open_to_outside_network',
    description: 'description',
    locale: 'locale',
  };
  return map[top] ?? WHOLE_ROW_COLUMN;
}

/**
 * One problem of one row. `code` and `params` are the API's field-problem code (docs/api.md), so a
 * client says it in its reader's language; `message` is the English of it.
 */
/** Problems reported per row. */
export const MAX_ROW_PROBLEMS = 20;

export interface RowProblem {
  rowNumber: number;
  column: string;
  value: string;
  message: string;
  code: FieldProblemCode;
  params?: FieldProblem['params'];
}

/**
 * A row holding a non-empty cell past the header's `width` columns. csv-parse is told to take rows
 * of any length (a spreadsheet saves trailing empty cells, "a;b;;"), so this is where a cell no
 * column names would otherwise be dropped without a word, leaving the value before it cut short.
 */
function extraCellsProblem(row: { rowNumber: number; cells: readonly string[] }, width: number): RowProblem | undefined {
  const left = row.cells.slice(width).find((cell) => cell !== '');
  if (left === undefined) return undefined;
  const value = quotedCell(left);
  return {
    rowNumber: row.rowNumber,
    column: WHOLE_ROW_COLUMN,
    value,
    message: `the row has ${row.cells.length} cells but the header only ${width} columns; a value holding the delimiter must be in double quotes`,
    code: 'extra_cells',
    params: { max: width, value },
  };
}

/**
 * Validates one row with the same ProfileInput schema the form and the API use. `width` is the
 * header's number of columns: a row with a non-empty cell past it is a problem (`extra_cells`), as
 * such a cell is most often the rest of a value cut at a delimiter it held unquoted.
 */
export function validateRow(
  row: { rowNumber: number; cells: readonly string[] },
  columns: Map<MemberColumn, number>,
  networkId: string,
  defaultLocale?: Locale,
  width = Infinity,
): { ok: true; profile: ReturnType<typeof ProfileInput.parse> } | { ok: false; problems: RowProblem[] } {
  const input = rowToProfileInput(row.cells, columns, networkId, defaultLocale);
  const result = ProfileInput.safeParse(input);
  const extra = extraCellsProblem(row, width);
  if (result.success && !extra) return { ok: true, profile: result.data };
  const problems: RowProblem[] = (result.success ? [] : describeIssues(result.error, input)).map((p) => {
    const column = columnOf(p.field);
    const index = column === WHOLE_ROW_COLUMN ? undefined : columns.get(column);
    return { rowNumber: row.rowNumber, column, value: index === undefined ? '' : quotedCell(row.cells[index] ?? ''), message: p.detail, code: p.code, ...(p.params ? { params: p.params } : {}) };
  });
  if (extra) problems.push(extra);
  // A row with this many problems is not a member yet: the first ones say enough, and a file of
  // such rows must not grow the answer without bound.
  return { ok: false, problems: problems.slice(0, MAX_ROW_PROBLEMS) };
}
