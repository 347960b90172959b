import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ProfileInput } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { MatchStore, NetworkStore, ProfileStore, keys } from '@culturebridge/store';
import type { Platform } from '../../local/platform.js';
import { operatorCommand } from '../support/operator-command.js';
import { platformDocumentClient, startTestPlatform } from '../support/platform.js';

// `npm run network -- add | list` (#19), as the operator runs it against npm start's table.

let platform: Platform;
beforeAll(async () => {
  platform = await startTestPlatform('network-command');
});
afterAll(async () => platform?.stop());

const networkCli = (...args: string[]) => operatorCommand(platform, 'network', ...args);

describe('npm run network', () => {
  it('adds a network, lists it, updates it on a second add, and refuses a name with no visible character, naming each bad field and storing nothing', async () => {
    const added = await networkCli('add', '--id', 'black-sea-culture', '--name', 'Black Sea Culture', '--time-zone', 'Europe/Bucharest');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('added network black-sea-culture "Black Sea Culture" (Europe/Bucharest)');
    expect((await networkCli('list')).stdout).toMatch(/^black-sea-culture\s+Europe\/Bucharest\s+Black Sea Culture$/m);

    const updated = await networkCli('add', '--id', 'black-sea-culture', '--name', 'Black Sea Culture Network');
    expect(updated.stdout).toContain('updated network black-sea-culture "Black Sea Culture Network"');

    const store = new NetworkStore(platformDocumentClient(platform), platform.tableName);
    const before = await store.list();
    const refused = await networkCli('add', '--id', 'Not A Slug', '--name', '\u200b\u200b', '--time-zone', 'Mars/Olympus');
    expect(refused.code).toBe(1);
    for (const field of ['id', 'name', 'timeZone']) expect(refused.stderr).toMatch(new RegExp(`^${field}\\b`, 'm'));
    expect(await store.list()).toEqual(before);
  });

  it('index-rejected gives the rejected memberships stored before they were indexed their index key, once, and publishes nothing', async () => {
    // Rejected memberships were not indexed until 2026-11-30: a member taken out before stayed off
    // GET /networks/{id}/rejected until its profile was written again.
    const doc = platformDocumentClient(platform);
    await new NetworkStore(doc, platform.tableName).put({ id: 'black-sea-culture', name: 'Black Sea Culture' }, new Date().toISOString());
    const profiles = new ProfileStore(doc, platform.tableName);
    const at = new Date().toISOString();
    const ids: string[] = [];
    for (const name of ['Constanța', 'Odesa']) {
      const created = await profiles.create(ProfileInput.parse(validProfileInput({ name, networks: ['black-sea-culture'], contact: { name, email: `culture@${randomUUID().slice(0, 8)}.example` } })), { id: randomUUID(), status: 'active', now: at, membership: 'approved' });
      await profiles.setMembership(created.id, 'black-sea-culture', 'rejected', new Date().toISOString());
      ids.push(created.id);
    }
    // Constanța's item as it was stored before: no index key.
    await doc.send(new UpdateCommand({ TableName: platform.tableName, Key: { PK: keys.profilePartition(ids[0] as string), SK: `${keys.membershipPrefix}black-sea-culture` }, UpdateExpression: 'REMOVE GSI1PK, GSI1SK' }));
    const matches = new MatchStore(doc, platform.tableName);
    const listed = async () => (await matches.rejectedMemberships('black-sea-culture')).map((v) => v.name).sort();
    expect(await listed()).toEqual(['Odesa']);
    await platform.settle();
    const events = platform.eventBridge.events.length;

    const indexed = await networkCli('index-rejected');
    expect(indexed.code).toBe(0);
    expect(indexed.stdout).toContain('indexed 1 rejected membership');
    expect(await listed()).toEqual(['Constanța', 'Odesa']);
    expect((await networkCli('index-rejected')).stdout).toContain('indexed 0 rejected memberships');
    await platform.settle();
    expect(platform.eventBridge.events.length).toBe(events);
  });
});
