import { HttpProblem, PROBLEM_TYPES, invalidFields, json, parseBody } from '@culturebridge/http';
import { UnreadableFile, duplicateColumnDetail, errorReportCsv, memberExportFile, parseMemberFile, planImport, templateCsv } from '@culturebridge/member-lists';
import { DEFAULT_LOCALE, coordinatorMaySee, membershipStatus, toPublicProfile } from '@culturebridge/domain';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { localeQuery } from '@culturebridge/api/locale-query';
import { networkOf } from '@culturebridge/api/path-params';
import { standingPage } from '@culturebridge/api/page-query';
import type { Route } from '@culturebridge/api/route';
import { networkMemberRows } from './member-export.js';
import { IMPORT_SLICE_MS, importMembers, RowChanged, type MemberImportDeps } from './member-import.js';
import { MemberImportRequest } from './requests.js';

const query = (event: APIGatewayProxyEventV2) => new URLSearchParams(event.rawQueryString ?? '');

/** How many problems an import answer lists in full; the error report CSV has all of them. */
const PROBLEMS_SHOWN = 200;

/** A coordinator's member lists: import (with its preview), the template, and the export. */
export function memberListRoutes(deps: MemberImportDeps & { importSliceMs?: number }) {
  const { matches } = deps;

  /**
   * Preview (dryRun) and import. A file that cannot be read at all, or a legacy encoding not yet
   * confirmed on a real import, is a 400 naming the field; row problems are part of the answer. An
   * import that needs longer than one call's slice answers with `continueFromRow`: the client sends
   * the same file again with `fromRow` set to it, until an answer has none (`progress` says how far).
   */
  const importMemberList: Route = async (event, caller) => {
    const networkId = networkOf(event, caller);
    const request = parseBody(MemberImportRequest, event.body);
    let sheet;
    try {
      sheet = await parseMemberFile(Buffer.from(request.file, 'base64'), request.encoding);
    } catch (error) {
      if (error instanceof UnreadableFile) throw invalidFields([{ field: 'file', pointer: '#/file', code: error.code, detail: error.message, ...(error.params ? { params: error.params } : {}) }]);
      throw error;
    }
    const plan = planImport(sheet, networkId, request.locale);
    if (plan.missingColumns.length > 0 && !request.dryRun) {
      throw invalidFields([{ field: 'file', pointer: '#/file', code: 'missing_columns', params: { value: plan.missingColumns.join(', ') }, detail: `the header lacks the columns ${plan.missingColumns.join(', ')}; download the template` }]);
    }
    if (plan.duplicateColumns.length > 0 && !request.dryRun) {
      throw invalidFields(plan.duplicateColumns.map((d) => ({ field: 'file', pointer: '#/file', code: 'duplicate' as const, params: { value: d.header }, detail: duplicateColumnDetail(d) })));
    }
    if (plan.needsEncodingConfirmation && !request.dryRun) {
      throw invalidFields([
        { field: 'encoding', pointer: '#/encoding', code: 'unconfirmed_encoding', params: { value: plan.encoding }, detail: `the file is not UTF-8; it looks like ${plan.encoding}. Check the preview and confirm the encoding, or save the file as UTF-8` },
      ]);
    }
    const last = plan.valid.at(-1)?.rowNumber;
    if (request.fromRow !== undefined && (last === undefined || request.fromRow > last)) {
      // Nothing from there on: a client continuing another file, or a made-up row, is told, not answered "done".
      throw invalidFields([{ field: 'fromRow', pointer: '#/fromRow', code: 'too_big', params: { max: last ?? 1 }, detail: last === undefined ? 'fromRow: the file has no valid row to continue from' : `fromRow: the file's last valid row is ${last}` }]);
    }
    const result = await importMembers(deps, networkId, plan, { dryRun: request.dryRun, fromRow: request.fromRow, sliceMs: deps.importSliceMs ?? IMPORT_SLICE_MS }).catch((error: unknown) => {
      if (error instanceof RowChanged) throw new HttpProblem(409, 'A member changed during the import', `${error.message}: rows already done are left as they are.`, PROBLEM_TYPES.importRowChanged, { rowNumber: error.rowNumber });
      throw error;
    });
    return json(200, {
      networkId,
      dryRun: request.dryRun,
      format: plan.format,
      encoding: plan.encoding ?? null,
      needsEncodingConfirmation: plan.needsEncodingConfirmation,
      delimiter: plan.delimiter ?? null,
      unknownColumns: plan.unknownColumns,
      missingColumns: plan.missingColumns,
      duplicateColumns: plan.duplicateColumns,
      rows: plan.rows,
      summary: result.summary,
      progress: result.progress,
      ...(result.continueFromRow !== undefined ? { continueFromRow: result.continueFromRow } : {}),
      preview: result.outcomes.slice(0, 50),
      problems: plan.problems.slice(0, PROBLEMS_SHOWN),
      problemCount: plan.problems.length,
      ...(plan.problems.length > 0 ? { errorReportCsv: errorReportCsv(plan.problems, request.locale, plan.delimiter) } : {}),
    });
  };

  const importTemplate: Route = async (event, caller) => {
    const networkId = networkOf(event, caller);
    return { statusCode: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${networkId}-members-template.csv"` }, body: templateCsv(networkId) };
  };

  /** Members (approved and asking to join) with status, confirmed partners, open proposals and last activity. */
  const exportMembers: Route = async (event, caller) => {
    const networkId = networkOf(event, caller);
    const params = query(event);
    const format = params.get('format') ?? 'csv';
    const delimiter = params.get('delimiter') ?? ',';
    // The reader's language (the page sends its own); English without one.
    const asked = localeQuery(event);
    const problems = [
      ...(format === 'csv' || format === 'xlsx' ? [] : [{ field: 'format', pointer: '#/format', code: 'unknown_value' as const, params: { value: format.slice(0, 100) }, detail: 'format must be csv or xlsx' }]),
      ...(delimiter === ',' || delimiter === ';' ? [] : [{ field: 'delimiter', pointer: '#/delimiter', code: 'unknown_value' as const, params: { value: delimiter.slice(0, 100) }, detail: 'delimiter must be , or ;' }]),
      ...(asked.problem ? [asked.problem] : []),
    ];
    if (problems.length > 0) throw invalidFields(problems);
    const rows = await networkMemberRows(matches, networkId);
    const file = await memberExportFile(rows, format as 'csv' | 'xlsx', delimiter as ',' | ';', asked.locale ?? DEFAULT_LOCALE);
    return {
      statusCode: 200,
      headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${networkId}-members.${file.extension}"` },
      body: Buffer.from(file.body).toString('base64'),
      isBase64Encoded: true,
    };
  };

  /**
   * One page (see pageQuery: `limit`, `cursor`) of the profiles whose membership the network's
   * coordinators rejected (members taken out, join requests declined), each with its public profile
   * and status, by name within the page: one Query of the network's rejected partition and one read
   * of those profiles, never of its members. Asked for now and then
   * (the dashboard's "Removed or declined"), so it is served here, not by profiles-api.
   */
  const rejectedMembers: Route = async (event, caller) => {
    const networkId = networkOf(event, caller);
    const { profiles: found, cursor } = await standingPage(event, matches, networkId, 'rejected');
    // The index follows the table a moment later: a profile approved since is left out.
    const rejected = found
      .filter((p) => membershipStatus(p, networkId) === 'rejected' && coordinatorMaySee(p, networkId))
      .map(toPublicProfile)
      .sort((a, b) => a.name.localeCompare(b.name));
    return json(200, { networkId, rejected, ...(cursor === undefined ? {} : { cursor }) });
  };

  return { importMemberList, importTemplate, exportMembers, rejectedMembers };
}
