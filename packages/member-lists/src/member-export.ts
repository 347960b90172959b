import { DEFAULT_LOCALE, countryNameIn, kindLabel, spreadsheetUtcTime, translator, type Locale } from '@culturebridge/domain';
import { safeCsv, safeXlsx, type ExportDelimiter } from './spreadsheet-safe.js';

/** One member of a network as the export lists it. `lastActivity`: ISO 8601, the latest change of the profile or its matches. */
export interface MemberExportRow {
  name: string;
  kind: string;
  country: string;
  region: string;
  contactName: string;
  contactEmail: string;
  /** The profile's status (pending until the member confirms, active) and the membership's. */
  status: string;
  membership: string;
  confirmedPartners: string[];
  openProposals: number;
  lastActivity: string;
}

/** The export's columns, in order; each header is `memberExport.<column>` in the reader's language. */
const MEMBER_EXPORT_COLUMNS = ['name', 'kind', 'country', 'region', 'contactName', 'contactEmail', 'status', 'membership', 'confirmedPartners', 'openProposals', 'lastActivity'] as const;

/**
 * One member's cells in `locale`: the kind, the country (by name), the profile's and the
 * membership's status in words; the last activity (UTC, as the header says) as "YYYY-MM-DD HH:MM"
 * in a CSV, which every spreadsheet reads as a date, and as a date cell of the same minute in a
 * workbook, where a text cell stays text (neither sorted nor formatted as a date).
 */
function cells(r: MemberExportRow, locale: Locale, format: ExportFormat): (string | number | Date)[] {
  const t = translator(locale);
  return [
    r.name,
    kindLabel(r.kind, locale),
    countryNameIn(r.country, locale),
    r.region,
    r.contactName,
    r.contactEmail,
    t(`memberExport.profileStatus.${r.status}`, { defaultValue: r.status }),
    t(`memberExport.membershipStatus.${r.membership}`, { defaultValue: r.membership }),
    r.confirmedPartners.join(' | '),
    r.openProposals,
    format === 'xlsx' ? new Date(`${spreadsheetUtcTime(r.lastActivity).replace(' ', 'T')}:00Z`) : spreadsheetUtcTime(r.lastActivity),
  ];
}

export type ExportFormat = 'csv' | 'xlsx';

/** The member list as a file for a reader in `locale` (headers and words; English by default): CSV (`,` or `;`) or XLSX. */
export async function memberExportFile(
  rows: readonly MemberExportRow[],
  format: ExportFormat,
  delimiter: ExportDelimiter = ',',
  locale: Locale = DEFAULT_LOCALE,
): Promise<{ body: Uint8Array; contentType: string; extension: string }> {
  const t = translator(locale);
  const header = MEMBER_EXPORT_COLUMNS.map((c) => t(`memberExport.${c}`));
  if (format === 'xlsx') {
    const data = rows.map((r) => cells(r, locale, 'xlsx'));
    return { body: await safeXlsx(t('memberExport.sheet'), header, data), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
  }
  const data = rows.map((r) => cells(r, locale, 'csv') as (string | number)[]);
  return { body: new TextEncoder().encode(safeCsv(header, data, delimiter)), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
}
