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

export const MEMBER_EXPORT_HEADER = ['name', 'kind', 'country', 'region', 'contact_name', 'contact_email', 'status', 'membership', 'confirmed_partners', 'open_proposals', 'last_activity'];

const cells = (r: MemberExportRow) => [r.name, r.kind, r.country, r.region, r.contactName, r.contactEmail, r.status, r.membership, r.confirmedPartners.join(' | '), r.openProposals, r.lastActivity];

export type ExportFormat = 'csv' | 'xlsx';

/** The member list as a file: CSV (`,` or `;`) or XLSX. */
export async function memberExportFile(rows: readonly MemberExportRow[], format: ExportFormat, delimiter: ExportDelimiter = ','): Promise<{ body: Uint8Array; contentType: string; extension: string }> {
  if (format === 'xlsx') {
    return { body: await safeXlsx('Members', MEMBER_EXPORT_HEADER, rows.map(cells)), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
  }
  return { body: new TextEncoder().encode(safeCsv(MEMBER_EXPORT_HEADER, rows.map(cells), delimiter)), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
}
