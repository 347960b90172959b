import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkStore } from '@culturebridge/store';
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
});
