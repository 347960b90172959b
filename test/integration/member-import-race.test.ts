import { describe, expect, it } from 'vitest';
import { AddressBook, CoordinatorStore, ProfileStore, addressHash } from '@culturebridge/store';
import { createMemberListsApi } from '../../functions/member-lists/app.js';
import { call } from '../support/api-event.js';
import { bearer, profilesApiOptions } from '../support/profiles-api.js';
import { addNetworks, freshTable } from '../support/table.js';

const HEADER = 'name,kind,country,region,contact_name,contact_email,themes,languages';
const list = (region: string) => Buffer.from(`${HEADER}\nOrhei,city,MD,${region},Ana,culture@orhei.example,youth,en\n`).toString('base64');

describe('a member list row whose member someone else changed meanwhile (DynamoDB Local)', () => {
  it('is refused with a problem type of its own naming the row, not a version conflict without a version', async () => {
    const table = await freshTable('import-race');
    await addNetworks(table, ['eu4culture']);
    await new CoordinatorStore(table.doc, table.tableName).add({ networkId: 'eu4culture', name: 'Lela', email: 'lela@eu4culture.example', preference: { mode: 'off' } });
    const coordinator = await bearer('lela@eu4culture.example', { networks: ['eu4culture'] });
    const profiles = new ProfileStore(table.doc, table.tableName);
    const importList = (api: ReturnType<typeof createMemberListsApi>, region: string) =>
      call(api, { method: 'POST', path: '/networks/eu4culture/imports', body: { file: list(region), dryRun: false }, headers: coordinator });

    expect((await importList(createMemberListsApi(profilesApiOptions(table.doc, table.tableName)), 'Orhei')).status).toBe(200);
    const [id] = (await new AddressBook(table.doc, table.tableName).ownedBy(addressHash('culture@orhei.example'))).profiles;
    // Another import of another list changes the member just before this one's write.
    let raced = false;
    const racing = new Proxy(table.doc, {
      get: (target, key, receiver) =>
        key === 'send'
          ? async (command: { constructor: { name: string } }) => {
              if (command.constructor.name === 'TransactWriteCommand' && !raced) {
                raced = true;
                const current = await profiles.get(String(id));
                if (!current) throw new Error('the listed profile is gone');
                const { id: _i, version, status: _s, createdAt: _c, updatedAt: _u, memberships: _m, ...data } = current;
                expect((await profiles.update(current.id, version, { ...data, region: 'Chisinau' }, new Date().toISOString())).outcome).toBe('ok');
              }
              return target.send(command as never);
            }
          : Reflect.get(target, key, receiver),
    });
    const answer = await importList(createMemberListsApi(profilesApiOptions(racing, table.tableName)), 'Orhei district');
    expect(raced).toBe(true);
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ type: '/problems/import-row-changed', rowNumber: 2 });
    expect(answer.body).not.toHaveProperty('currentVersion');
    expect(await profiles.get(String(id))).toMatchObject({ region: 'Chisinau' });
  });
});
