/**
 * `npm run bench:network-matches`: the coordinator's list of a network's matches at 2 000 members,
 * a page at a time as the route reads it now, the whole projection in one answer (before paging)
 * and one Query per member (before the projection), on DynamoDB Local with ReturnConsumedCapacity,
 * and the size of the route's answer both ways. Writes bench/results/network-matches.md.
 *
 *   npx tsx bench/network-matches.ts [--members 2000] [--runs 15]
 *
 * Both ways also read the network index for the members (ids and names), as the route does. Time is
 * the median wall time of the reads (ms); read units are DynamoDB's reported capacity units.
 * Goals (issue #18): ≤ 300 ms at 2 000 members, and ≤ 1/20 of the per-member read units.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { MATCH_PAGE_LIMITS, computeAllMatches, pairKey, sharedNetworksOf, type Profile } from '@culturebridge/domain';
import { generateSyntheticProfiles } from '@culturebridge/domain/synthetic';
import { MatchStore, backfillNetworkMatches, batchWrite, matchItems, membershipItems, profileItem, sortedPair } from '@culturebridge/store';
import { ensureTable, localDocumentClient, localDynamoDbClient, startDynamoDbLocal } from '../local/dynamodb-local.js';
import { listedMatches } from '../functions/profiles-api/network-routes.js';
import { option } from './args.js';

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
  /** One page of MATCH_PAGE_LIMITS.max matches with its members' names, as the route reads it now. */
  pageMs: number;
  pageUnits: number;
  /** Every page one after the other, as the dashboard reads them. */
  allPagesMs: number;
  allPagesUnits: number;
  pages: number;
  /** The route's JSON: every match in one answer (before paging), and the largest page (bytes). */
  wholeAnswerBytes: number;
  largestPageBytes: number;
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
  const pageRuns: { ms: number; units: number }[] = [];
  const allPagesRuns: { ms: number; units: number }[] = [];
  for (let r = 0; r < RUNS; r++) {
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
    wholeAnswerBytes,
    largestPageBytes: Math.max(...pageSizes),
  };
}

export function renderNetworkMatches(r: NetworkMatchesResult): string {
  const share = r.indexUnits / r.perMemberUnits;
  const routeMs = Math.max(r.indexMs, r.membersMs); // the route reads both at once
  return [
    '# Network matches: projection vs one Query per member',
    '',
    `Node ${process.version}; DynamoDB Local; ${r.members} members in one network, ${r.matches} matches; median of ${RUNS} runs; \`npm run bench:network-matches\`.`,
    '',
    '| read | what | read units | time |',
    '|---|---|---|---|',
    `| one page of ${MATCH_PAGE_LIMITS.max} matches with its members' names (the route now) | Query of \`NETMATCHES#\` from the cursor's owner + BatchGetItem of the page's membership items | ${r.pageUnits.toFixed(1)} | ${r.pageMs.toFixed(1)} ms |`,
    `| every page, one after another (the dashboard) | ${r.pages} pages as above | ${r.allPagesUnits.toFixed(1)} | ${r.allPagesMs.toFixed(1)} ms |`,
    `| matches from the whole projection in one answer (the route before paging) | 1 Query of \`NETMATCHES#\` (one item per member) | ${r.indexUnits.toFixed(1)} | ${r.indexMs.toFixed(1)} ms |`,
    `| matches by one Query per member (the route before) | ${r.members} Queries | ${r.perMemberUnits.toFixed(1)} | ${r.perMemberMs.toFixed(1)} ms |`,
    `| members' names for the whole projection (the route before paging, in parallel with it) | 1 Query of the ByNetwork index | ${r.membersUnits.toFixed(1)} | ${r.membersMs.toFixed(1)} ms |`,
    '',
    `- the route's answer as JSON: ${(r.wholeAnswerBytes / 1e6).toFixed(2)} MB with every match in one answer (Lambda's limit: 6 MB); ${(r.largestPageBytes / 1e6).toFixed(2)} MB for the largest page of ${MATCH_PAGE_LIMITS.max}`,
    `- the route's reads at ${r.members} members: one page ${r.pageMs.toFixed(1)} ms (goal ≤ ${NETWORK_MATCHES_GOAL.ms} ms) ${r.pageMs <= NETWORK_MATCHES_GOAL.ms ? 'met' : 'missed'}; before paging ${routeMs.toFixed(1)} ms`,
    `- match read units: ${(share * 100).toFixed(1)} % of one Query per member, 1/${(1 / share).toFixed(0)} (goal ≤ 1/20) ${share <= NETWORK_MATCHES_GOAL.readShare ? 'met' : 'missed'}`,
    `- every page costs ${(r.allPagesUnits / (r.indexUnits + r.membersUnits)).toFixed(1)} × the read units of the one answer (projection and index): each page reads its members' names by BatchGetItem, half a unit per membership item, where the index Query reads them at about a tenth`,
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
