/**
 * `npm run bench:member-import`: how long a 5 000-row member list takes through the import path the
 * API and `npm run members` share (parse, validate, upsert by address, invitation tokens), as a
 * dry run, a first import and a repeat import (nothing changes), against DynamoDB Local (in memory).
 * Mails go to a recording mailer, so SES time is not in the figure. Writes bench/results/member-import.md.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseMemberFile, planImport } from '@culturebridge/member-lists';
import { AddressBook, MatchStore, NetworkSettingsStore, NetworkStore, ProfileStore, SignInStore, SuppressionStore } from '@culturebridge/store';
import { importMembers } from '../functions/member-lists/member-import.js';
import { invitationNetworks } from '../functions/member-lists/invitation.js';
import { sendMagicLink } from '@culturebridge/api/magic-link';
import { ensureTable, localDocumentClient, localDynamoDbClient, startDynamoDbLocal } from '../local/dynamodb-local.js';

const ROWS = Number(process.argv.find((a) => a.startsWith('--rows='))?.slice(7) ?? 5000);
const NETWORK = 'bench-network';

const header = 'name;kind;country;region;contact_name;contact_email;themes;languages;offers;needs';
const csv = [header, ...Array.from({ length: ROWS }, (_, i) => `Member ${i};city;GE;Region ${i % 40};Contact ${i};member-${i}@bench.example;climate-environment:high|youth:medium;ka|en;venue;curatorial-support`)].join('\r\n');

const db = await startDynamoDbLocal();
try {
  const client = localDynamoDbClient(db.endpoint);
  await ensureTable(client, 'bench-import');
  client.destroy();
  const doc = localDocumentClient(db.endpoint);
  await new NetworkStore(doc, 'bench-import').put({ id: NETWORK, name: 'Bench network' }, new Date().toISOString());
  let mails = 0;
  const profiles = new ProfileStore(doc, 'bench-import');
  const linkDeps = {
    logger: console,
    signIns: new SignInStore(doc, 'bench-import'),
    suppressions: new SuppressionStore(doc, 'bench-import'),
    profiles,
    invitationNetworks: invitationNetworks(new NetworkSettingsStore(doc, 'bench-import')),
    mailer: { send: async () => `m-${++mails}` },
    appBaseUrl: 'https://app.example',
  };
  const deps = {
    profiles,
    addresses: new AddressBook(doc, 'bench-import'),
    matches: new MatchStore(doc, 'bench-import'),
    invite: (email: string, profile: { id: string; name: string; networks: string[] }, at: Date) => sendMagicLink(linkDeps, email, 'invite-member', at, profile),
    newId: randomUUID,
    now: () => new Date().toISOString(),
  };
  const timed = async (label: string, dryRun: boolean) => {
    const start = performance.now();
    const plan = planImport(await parseMemberFile(Buffer.from(csv)), NETWORK);
    const parsed = performance.now();
    const result = await importMembers(deps, NETWORK, plan, { dryRun });
    const end = performance.now();
    console.log(`  ${label}: ${((end - start) / 1000).toFixed(1)} s`);
    return { label, parseMs: parsed - start, totalMs: end - start, summary: result.summary };
  };
  const rows = [await timed('dry run', true), await timed('first import', false), await timed('repeat import', false)];
  const table = [
    '# Member list import',
    '',
    `Node ${process.version}; DynamoDB Local (in memory) on this machine; ${ROWS.toLocaleString('en-GB').replace(/,/g, ' ')} rows of CSV; mails to a recording mailer; \`npm run bench:member-import\`.`,
    '',
    '| run | parse + validate (ms) | total (s) | created | updated | unchanged | invalid |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.label} | ${r.parseMs.toFixed(0)} | ${(r.totalMs / 1000).toFixed(1)} | ${r.summary.created} | ${r.summary.updated} | ${r.summary.unchanged} | ${r.summary.invalid} |`),
    '',
    `Invitations sent: ${mails}. Each row costs one address-book Query and one BatchGetItem; a new member adds one`,
    'TransactWriteItems (profile, membership, address, and the once-per-address key that keeps two calls of one list',
    'from creating it twice), and one token PutItem (the network\'s display name for the invitations is read once a minute), at 8 rows',
    'in parallel. In the API one call takes rows for at most 20 s and the client continues (docs/api.md).',
    '',
  ].join('\n');
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/member-import.md', table);
  console.log(`\n${table}`);
  doc.destroy();
} finally {
  await db.stop();
}
