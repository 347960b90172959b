/**
 * `npm run bench:network-matches`: the coordinator's list of a network's matches at 2 000 members,
 * as the dashboard reads it now (every page with `names=omit`, named from the members it reads
 * anyway), a page at a time with names (the route's default answer, for other clients), the whole
 * projection in one answer (before paging) and one Query per member (before the projection), on
 * DynamoDB Local with ReturnConsumedCapacity, and the size of the route's answers. Writes
 * bench/results/network-matches.md.
 *
 *   npx tsx bench/network-matches.ts [--members 2000] [--runs 15]
 *
 * Time is the median wall time of the reads (ms); read units are DynamoDB's reported capacity
 * units. Goals (issue #18 item 5), judged on the dashboard's full read of the matches (every page,
 * not one): ≤ 300 ms at 2 000 members, and ≤ 1/20 of the per-member read units. The members' pages
 * the dashboard reads for its members table are measured and shown apart.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { MATCH_PAGE_LIMITS, MEMBER_PAGE_LIMITS, computeAllMatches, pairKey, sharedNetworksOf, type Profile } from '@culturebridge/domain';
import { generateSyntheticProfiles } from '@culturebridge/domain/synthetic';
import { MatchStore, backfillNetworkMatches, batchWrite, matchItems, membershipItems, profileItem, sortedPair } from '@culturebridge/store';
import { ensureTable, localDocumentClient, localDynamoDbClient, startDynamoDbLocal } from '../local/dynamodb-local.js';
import { listedMatches, unnamedMatches } from '../functions/network-dashboard/read-routes.js';
import { namedFromMembers } from '../web/src/dashboard/match-names.js';
import { option } from './args.js';

if (process.argv.includes('--help')) {
  process.stdout.write('npx tsx bench/network-matches.ts [--members 2000] [--runs 15]\n  writes bench/results/network-matches.md\n');
  process.exit(0);
}

const MEMBERS = Number(option('members') ?? 2000);
const RUNS = Number(option('runs') ?? 15);
const NETWORK = 'bench-network';
export const NETWORK_MATCHES_GOAL = { ms: 300, readShare: 1 / 20 } as const;

export interface NetworkMatchesResult {
  members: number;
  matches: number;
  /** The network index read both ways share (members' ids and names). */
  membersMs: number;
  membersUnits: number;
  indexMs: number;
  indexUnits: number;
  perMemberMs: number;
  perMemberUnits: number;
  /** One page of MATCH_PAGE_LIMITS.max matches with its members' names (the route's default answer). */
  pageMs: number;
  pageUnits: number;
  /** Every page with names, one after the other (the default answer; the dashboard until names=omit). */
  allPagesMs: number;
  allPagesUnits: number;
  pages: number;
  /** The dashboard's read of the matches: every page with names=omit, then named from the members it read (namedFromMembers). */
  dashboardMatchesMs: number;
  dashboardMatchesUnits: number;
  /** The members' pages the dashboard reads anyway (GET /networks/{id}/members: index Query + the page's profiles). */
  memberPagesMs: number;
  memberPagesUnits: number;
  memberPages: number;
  /** The route's JSON: every match in one answer (before paging), the largest page with names and without (bytes). */
  wholeAnswerBytes: number;
  largestPageBytes: number;
  largestUnnamedPageBytes: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function runNetworkMatches(endpoint: string): Promise<NetworkMatchesResult> {
  const tableName = `bench-network-matches-${Date.now()}`;
  const client = localDynamoDbClient(endpoint);
  await ensureTable(client, tableName);
  client.destroy();
  const doc = localDocumentClient(endpoint);

  // One network of MEMBERS active members, matched by the real engine; both profile copies and the
  // network copy of every match are stored as compute-matches stores them.
  const profiles: Profile[] = generateSyntheticProfiles({ count: MEMBERS, networks: 1 }).map((p) => ({ ...p, status: 'active', networks: [NETWORK] }));
  const run = computeAllMatches(profiles);
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const now = new Date().toISOString();
  const seen = new Set<string>();
  const items: Record<string, unknown>[] = profiles.flatMap((p) => [profileItem(p), ...membershipItems(p)]);
  for (const [id, proposals] of run.proposals) {
    for (const proposal of proposals) {
      const matchId = pairKey(id, proposal.b);
      if (seen.has(matchId)) continue;
      seen.add(matchId);
      const match = {
        matchId,
        profileIds: sortedPair(id, proposal.b),
        state: 'proposed' as const,
        acceptedBy: [],
        score: proposal.score,
        summary: proposal.summary,
        reasons: proposal.reasons as unknown as Record<string, unknown>[],
        sharedNetworks: sharedNetworksOf(byId.get(id)!, byId.get(proposal.b)),
        version: 1,
        proposedAt: now,
        updatedAt: now,
      };
      items.push(...matchItems(match));
    }
  }
  await batchWrite(doc, tableName, items);
  await backfillNetworkMatches(doc, tableName); // the projection, as compute-matches would have written it

  const indexRuns: { ms: number; units: number }[] = [];
  const perMemberRuns: { ms: number; units: number }[] = [];
  const memberRuns: { ms: number; units: number }[] = [];
  const timed = async (runs: { ms: number; units: number }[], read: (store: MatchStore) => Promise<unknown>) => {
    const store = new MatchStore(doc, tableName, { measureCapacity: true });
    const start = performance.now();
    await read(store);
    runs.push({ ms: performance.now() - start, units: store.consumedReadUnits });
  };
  const members = await new MatchStore(doc, tableName).candidates([NETWORK]);
  const names = new Map(members.map((m) => [m.id, m.name]));
  // One page as the route reads it: the projection from the cursor, then the page's members' names.
  const page = async (store: MatchStore, after?: readonly [string, string]) => {
    const projected = await store.networkMatchesPage(NETWORK, { limit: MATCH_PAGE_LIMITS.max, ...(after ? { after } : {}) });
    const pageNames = new Map([...(await store.membersAmong(NETWORK, projected.matches.flatMap((m) => m.profileIds))).values()].map((v) => [v.id, v.name]));
    return { ...projected, bytes: Buffer.byteLength(JSON.stringify({ networkId: NETWORK, matches: listedMatches(projected.matches, pageNames) })) };
  };
  const everyPage = async (store: MatchStore) => {
    const sizes: number[] = [];
    let after: readonly [string, string] | undefined;
    do {
      const read = await page(store, after);
      sizes.push(read.bytes);
      after = read.last;
    } while (after);
    return sizes;
  };
  const pageSizes = await everyPage(new MatchStore(doc, tableName));
  const wholeAnswerBytes = Buffer.byteLength(JSON.stringify({ networkId: NETWORK, matches: listedMatches(await new MatchStore(doc, tableName).networkMatches(NETWORK), names) }));
  // The dashboard now: every page with names=omit (the projection's Query alone), then, once the
  // members are read too, each pair named from them and those with a non-member dropped.
  const unnamedPages = async (store: MatchStore) => {
    const pages: ReturnType<typeof unnamedMatches>[] = [];
    let after: readonly [string, string] | undefined;
    do {
      const read = await store.networkMatchesPage(NETWORK, { limit: MATCH_PAGE_LIMITS.max, ...(after ? { after } : {}) });
      pages.push(unnamedMatches(read.matches));
      after = read.last;
    } while (after);
    return pages;
  };
  const dashboardMatches = async (store: MatchStore) => namedFromMembers((await unnamedPages(store)).flat(), members);
  const unnamedSizes = (await unnamedPages(new MatchStore(doc, tableName))).map((matches) => Buffer.byteLength(JSON.stringify({ networkId: NETWORK, matches })));
  if ((await dashboardMatches(new MatchStore(doc, tableName))).length !== seen.size) throw new Error('the dashboard would not list every match');
  // GET /networks/{id}/members, every page, as the dashboard reads it for its members table.
  const memberPages = async (store: MatchStore) => {
    let pages = 0;
    let after: string | undefined;
    do {
      const read = await store.membersPage(NETWORK, { limit: MEMBER_PAGE_LIMITS.max, ...(after ? { after } : {}) });
      await store.profiles(read.views.map((v) => v.id), { counted: true });
      after = read.last;
      pages++;
    } while (after);
    return pages;
  };
  const memberPageCount = await memberPages(new MatchStore(doc, tableName));
  const pageRuns: { ms: number; units: number }[] = [];
  const allPagesRuns: { ms: number; units: number }[] = [];
  const dashboardRuns: { ms: number; units: number }[] = [];
  const memberPageRuns: { ms: number; units: number }[] = [];
  for (let r = 0; r < RUNS; r++) {
    await timed(dashboardRuns, dashboardMatches);
    await timed(memberPageRuns, memberPages);
    await timed(pageRuns, (store) => page(store));
    await timed(allPagesRuns, everyPage);
    await timed(memberRuns, (store) => store.candidates([NETWORK]));
    await timed(indexRuns, (store) => store.networkMatches(NETWORK));
    // The previous route: every member's own partition (it ran them all at once; ten at a time here).
    await timed(perMemberRuns, async (store) => {
      for (let i = 0; i < members.length; i += 10) await Promise.all(members.slice(i, i + 10).map((m) => store.matchesOf(m.id)));
    });
  }
  doc.destroy();
  return {
    members: MEMBERS,
    matches: seen.size,
    membersMs: median(memberRuns.map((r) => r.ms)),
    membersUnits: median(memberRuns.map((r) => r.units)),
    indexMs: median(indexRuns.map((r) => r.ms)),
    indexUnits: median(indexRuns.map((r) => r.units)),
    perMemberMs: median(perMemberRuns.map((r) => r.ms)),
    perMemberUnits: median(perMemberRuns.map((r) => r.units)),
    pageMs: median(pageRuns.map((r) => r.ms)),
    pageUnits: median(pageRuns.map((r) => r.units)),
    allPagesMs: median(allPagesRuns.map((r) => r.ms)),
    allPagesUnits: median(allPagesRuns.map((r) => r.units)),
    pages: pageSizes.length,
    dashboardMatchesMs: median(dashboardRuns.map((r) => r.ms)),
    dashboardMatchesUnits: median(dashboardRuns.map((r) => r.units)),
    memberPagesMs: median(memberPageRuns.map((r) => r.ms)),
    memberPagesUnits: median(memberPageRuns.map((r) => r.units)),
    memberPages: memberPageCount,
    wholeAnswerBytes,
    largestPageBytes: Math.max(...pageSizes),
    largestUnnamedPageBytes: Math.max(...unnamedSizes),
  };
}

export function renderNetworkMatches(r: NetworkMatchesResult): string {
  // #18 item 5 is judged on what the dashboard reads to list the matches: every page, not one.
  const share = r.dashboardMatchesUnits / r.perMemberUnits;
  const met = (ok: boolean) => (ok ? 'met' : 'missed');
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
  const beforeMs = Math.max(r.indexMs, r.membersMs); // the route before paging read both at once
  return [
    '# Network matches: as the dashboard reads them, page by page, projection, one Query per member',
    '',
    `Node ${process.version}; DynamoDB Local; ${r.members} members in one network, ${r.matches} matches; median of ${RUNS} runs; \`npm run bench:network-matches\`.`,
    '',
    '| read | what | read units | time |',
    '|---|---|---|---|',
    `| **the dashboard's matches (now)** | every page with \`names=omit\` (${r.pages} Quer${r.pages === 1 ? 'y' : 'ies'} of \`NETMATCHES#\`), named from the members it has read (\`namedFromMembers\`) | ${r.dashboardMatchesUnits.toFixed(1)} | ${r.dashboardMatchesMs.toFixed(1)} ms |`,
    `| the members' pages the dashboard reads anyway, for its members table (apart) | ${r.memberPages} page${r.memberPages === 1 ? '' : 's'} of GET /networks/{id}/members: ByNetwork index Query + BatchGetItem of the page's profiles | ${r.memberPagesUnits.toFixed(1)} | ${r.memberPagesMs.toFixed(1)} ms |`,
    `| one page of ${MATCH_PAGE_LIMITS.max} matches with its members' names (the route's default answer) | Query of \`NETMATCHES#\` from the cursor's owner + BatchGetItem of the page's membership items | ${r.pageUnits.toFixed(1)} | ${r.pageMs.toFixed(1)} ms |`,
    `| every page with names, one after another (the default answer; the dashboard before \`names=omit\`) | ${r.pages} page${r.pages === 1 ? '' : 's'} as above | ${r.allPagesUnits.toFixed(1)} | ${r.allPagesMs.toFixed(1)} ms |`,
    `| matches from the whole projection in one answer (the route before paging) | 1 Query of \`NETMATCHES#\` (one item per member) | ${r.indexUnits.toFixed(1)} | ${r.indexMs.toFixed(1)} ms |`,
    `| members' names for the whole projection (the route before paging, in parallel with it) | 1 Query of the ByNetwork index | ${r.membersUnits.toFixed(1)} | ${r.membersMs.toFixed(1)} ms |`,
    `| matches by one Query per member (the route before the projection) | ${r.members} Queries | ${r.perMemberUnits.toFixed(1)} | ${r.perMemberMs.toFixed(1)} ms |`,
    '',
    `- #18 item 5, judged on the dashboard's full read of the matches (${r.pages} page${r.pages === 1 ? '' : 's'}, not one): ${r.dashboardMatchesMs.toFixed(1)} ms (goal ≤ ${NETWORK_MATCHES_GOAL.ms} ms) ${met(r.dashboardMatchesMs <= NETWORK_MATCHES_GOAL.ms)}; ${r.dashboardMatchesUnits.toFixed(1)} read units, ${(share * 100).toFixed(1)} % of one Query per member, 1/${(1 / share).toFixed(0)} (goal ≤ 1/20) ${met(share <= NETWORK_MATCHES_GOAL.readShare)}`,
    `- the dashboard's matches cost ${(r.dashboardMatchesUnits / r.indexUnits).toFixed(2)} × the one answer's projection Query (${r.indexUnits.toFixed(1)} units; ${(r.dashboardMatchesUnits / (r.indexUnits + r.membersUnits)).toFixed(2)} × with its index Query for names) and ${(r.dashboardMatchesUnits / r.allPagesUnits).toFixed(2)} × every page with names (${r.allPagesUnits.toFixed(1)} units, half a unit per membership item); before paging: ${beforeMs.toFixed(1)} ms`,
    `- the names come from the members' pages the dashboard reads for its members table in any case (${r.memberPagesUnits.toFixed(1)} units, ${r.memberPagesMs.toFixed(1)} ms, in parallel with the matches: the dashboard waits for the longer, ${Math.max(r.memberPagesMs, r.dashboardMatchesMs).toFixed(1)} ms); not counted in the goal, as the member table's own read`,
    `- one page with names (other clients): ${r.pageMs.toFixed(1)} ms, ${r.pageUnits.toFixed(1)} units`,
    `- the route's answer as JSON: ${mb(r.wholeAnswerBytes)} with every match in one answer (Lambda's limit: 6 MB); the largest page of ${MATCH_PAGE_LIMITS.max}: ${mb(r.largestPageBytes)} with names, ${mb(r.largestUnnamedPageBytes)} with \`names=omit\``,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const db = await startDynamoDbLocal();
  try {
    const table = renderNetworkMatches(await runNetworkMatches(db.endpoint));
    process.stdout.write(table);
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/network-matches.md', table);
  } finally {
    await db.stop();
  }
}
