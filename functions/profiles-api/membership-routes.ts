import { toPublicProfile } from '@culturebridge/domain';
import { invalidFields, json, notFound, parseBody } from '@culturebridge/http';
import { UnreadableFile, errorReportCsv, memberExportFile, parseMemberFile, planImport, templateCsv } from '@culturebridge/member-lists';
import type { MatchStore, NetworkStore, ProfileStore } from '@culturebridge/store';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { coordinates, type Caller } from './access.js';
import { importMembers, type MemberImportDeps } from './member-import.js';
import { networkMemberRows } from './member-export.js';
import { MemberImportRequest } from './requests-import.js';
import type { Route } from './route.js';

export interface MembershipRouteDeps extends Omit<MemberImportDeps, 'invite'> {
  profiles: ProfileStore;
  matches: MatchStore;
  networks: NetworkStore;
  invite: MemberImportDeps['invite'];
}

const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The network of the path, if the caller coordinates it; otherwise 404, as for a network that does not exist. */
export function coordinatedNetwork(event: APIGatewayProxyEventV2, caller: Caller): string {
  const id = event.pathParameters?.networkId ?? '';
  if (!coordinates(caller, id)) throw notFound('network');
  return id;
}

const query = (event: APIGatewayProxyEventV2) => new URLSearchParams(event.rawQueryString ?? '');

/** How many problems an import answer lists in full; the error report CSV has all of them. */
const PROBLEMS_SHOWN = 200;

export function membershipRoutes(deps: MembershipRouteDeps) {
  const { profiles, matches, networks } = deps;

  /** Anyone may list the networks (id and display name): the form offers them. */
  const listNetworks: Route = async () => {
    const all = await networks.list();
    return json(200, { networks: all.map((n) => ({ id: n.id, name: n.name })) }, { 'cache-control': 'public, max-age=60' });
  };

  const joinRequests: Route = async (event, caller) => {
    const networkId = coordinatedNetwork(event, caller);
    const views = await matches.joinRequests(networkId);
    const found = await matches.profiles(views.map((v) => v.id));
    const requests = [...found.values()]
      .filter((p) => p.memberships?.[networkId] === 'requested')
      .map((p) => ({ ...toPublicProfile(p), requestedAt: p.updatedAt }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return json(200, { networkId, requests });
  };

  const answer = (status: 'approved' | 'rejected'): Route => async (event, caller) => {
    const networkId = coordinatedNetwork(event, caller);
    const id = event.pathParameters?.id ?? '';
    if (!ID_PATTERN.test(id)) throw notFound('membership');
    const outcome = await profiles.setMembership(id, networkId, status, deps.now());
    if (outcome === 'not-member') throw notFound('membership');
    return json(200, { profileId: id, networkId, membership: status, changed: outcome === 'changed' });
  };

  /**
   * Preview (dryRun) and import. A file that cannot be read at all, or a legacy encoding not yet
   * confirmed on a real import, is a 400 naming the field; row problems are part of the answer.
   */
  const importMemberList: Route = async (event, caller) => {
    const networkId = coordinatedNetwork(event, caller);
    const request = parseBody(MemberImportRequest, event.body);
    let sheet;
    try {
      sheet = await parseMemberFile(Buffer.from(request.file, 'base64'), request.encoding);
    } catch (error) {
      if (error instanceof UnreadableFile) throw invalidFields([{ field: 'file', pointer: '#/file', detail: error.message }]);
      throw error;
    }
    const plan = planImport(sheet, networkId);
    if (plan.missingColumns.length > 0 && !request.dryRun) {
      throw invalidFields([{ field: 'file', pointer: '#/file', detail: `the header lacks the columns ${plan.missingColumns.join(', ')}; download the template` }]);
    }
    if (plan.needsEncodingConfirmation && !request.dryRun) {
      throw invalidFields([
        { field: 'encoding', pointer: '#/encoding', detail: `the file is not UTF-8; it looks like ${plan.encoding}. Check the preview and confirm the encoding, or save the file as UTF-8` },
      ]);
    }
    const result = await importMembers(deps, networkId, plan, { dryRun: request.dryRun });
    return json(200, {
      networkId,
      dryRun: request.dryRun,
      format: plan.format,
      encoding: plan.encoding ?? null,
      needsEncodingConfirmation: plan.needsEncodingConfirmation,
      delimiter: plan.delimiter ?? null,
      unknownColumns: plan.unknownColumns,
      missingColumns: plan.missingColumns,
      rows: plan.rows,
      summary: result.summary,
      preview: result.outcomes.slice(0, 50),
      problems: plan.problems.slice(0, PROBLEMS_SHOWN),
      problemCount: plan.problems.length,
      ...(plan.problems.length > 0 ? { errorReportCsv: errorReportCsv(plan.problems) } : {}),
    });
  };

  const importTemplate: Route = async (event, caller) => {
    const networkId = coordinatedNetwork(event, caller);
    return { statusCode: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${networkId}-members-template.csv"` }, body: templateCsv(networkId) };
  };

  /** Members (approved and asking to join) with status, confirmed partners, open proposals and last activity. */
  const exportMembers: Route = async (event, caller) => {
    const networkId = coordinatedNetwork(event, caller);
    const params = query(event);
    const format = params.get('format') ?? 'csv';
    const delimiter = params.get('delimiter') ?? ',';
    const problems = [
      ...(format === 'csv' || format === 'xlsx' ? [] : [{ field: 'format', pointer: '#/format', detail: 'format must be csv or xlsx' }]),
      ...(delimiter === ',' || delimiter === ';' ? [] : [{ field: 'delimiter', pointer: '#/delimiter', detail: 'delimiter must be , or ;' }]),
    ];
    if (problems.length > 0) throw invalidFields(problems);
    const rows = await networkMemberRows(matches, networkId);
    const file = await memberExportFile(rows, format as 'csv' | 'xlsx', delimiter as ',' | ';');
    return {
      statusCode: 200,
      headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${networkId}-members.${file.extension}"` },
      body: Buffer.from(file.body).toString('base64'),
      isBase64Encoded: true,
    };
  };

  return {
    listNetworks,
    joinRequests,
    approveMembership: answer('approved'),
    rejectMembership: answer('rejected'),
    importMemberList,
    importTemplate,
    exportMembers,
  };
}
