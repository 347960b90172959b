/**
 * `npm run bench:network-matches`: the coordinator's list of a network's matches at 2 000 members,
 * from the network match projection (one Query) against the previous way (one Query per member), on
 * DynamoDB Local with ReturnConsumedCapacity. Writes bench/results/network-matches.md.
 *
 *   npx tsx bench/network-matches.ts [--members 2000] [--runs 15]
 *
 * Both ways also read the network index for the members (ids and names), as the route does. Time is
 * the median wall time of the reads (ms); read units are DynamoDB's reported capacity units.
 * Goals (issue #18): ≤ 300 ms at 2 000 members, and ≤ 1/20 of the per-member read units.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { computeAllMatches, pairKey, sharedNetworksOf, type Profile } from '@culturebridge/domain';
import { generateSyntheticProfiles } from '@culturebridge/domain/synthetic';
import { MatchStore, backfillNetworkMatches, batchWrite, matchItems, membershipItems, profileItem, sortedPair } from '@culturebridge/store';
import { ensureTable, localDocumentClient, localDynamoDbClient, startDynamoDbLocal } from '../local/dynamodb-local.js';
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
  for (let r = 0; r < RUNS; r++) {
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
    `| matches from the network match projection (the route now) | 1 Query of \`NETMATCHES#\` (one item per member) | ${r.indexUnits.toFixed(1)} | ${r.indexMs.toFixed(1)} ms |`,
    `| matches by one Query per member (the route before) | ${r.members} Queries | ${r.perMemberUnits.toFixed(1)} | ${r.perMemberMs.toFixed(1)} ms |`,
    `| members' names (both ways, in parallel with the matches) | 1 Query of the ByNetwork index | ${r.membersUnits.toFixed(1)} | ${r.membersMs.toFixed(1)} ms |`,
    '',
    `- the route's reads at ${r.members} members: ${routeMs.toFixed(1)} ms (goal ≤ ${NETWORK_MATCHES_GOAL.ms} ms) ${routeMs <= NETWORK_MATCHES_GOAL.ms ? 'met' : 'missed'}`,
    `- match read units: ${(share * 100).toFixed(1)} % of one Query per member, 1/${(1 / share).toFixed(0)} (goal ≤ 1/20) ${share <= NETWORK_MATCHES_GOAL.readShare ? 'met' : 'missed'}`,
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
