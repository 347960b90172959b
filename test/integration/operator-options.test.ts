import { describe, expect, it } from 'vitest';
import { NetworkSettingsStore } from '@culturebridge/store';
import { operatorCommand } from '../support/operator-command.js';
import { freshTable } from '../support/table.js';

// The operator's commands (scripts/*.ts) answer a mistake in their options as a usage error, not as
// a Node stack trace, and do what their help says with an empty display name.

const table = await freshTable('operator-options');
const command = (script: string, ...args: string[]) => operatorCommand({ tableName: table.tableName, dynamodbEndpoint: table.endpoint }, script, ...args);

describe('the operator commands\' options', () => {
  it.each([
    ['coordinator', ['network-settings', '--network', 'eu4culture', '--reminder-days', '-3'], '--reminder-days'],
    ['coordinator', ['list', '--network', 'eu4culture', '--colour', 'red'], '--colour'],
    ['network', ['add', '--id', 'x', '--name'], '--name'],
    ['members', ['export', '--network', 'eu4culture', '--verbose'], '--verbose'],
    ['partner', ['list', '--everything'], '--everything'],
    ['webhook-receive', ['--port'], '--port'],
    // These three started listening (or, for a bad --status, crashed with a stack trace at the first delivery).
    ['webhook-receive', ['--port', '70000', '--secret', 'whsec_dGVzdA=='], '--port'],
    ['webhook-receive', ['--port', '0', '--secret', 'whsec_dGVzdA==', '--status', 'abc'], '--status'],
    ['webhook-receive', ['--port', '0', '--secret', 'whsec_!!!'], '--secret'],
  ])('%s %j: one line naming the option, then the usage; exit 2, no stack trace', async (script, args, option) => {
    const out = await command(script, ...args);
    expect(out.code).toBe(2);
    const [first = '', ...rest] = out.stderr.trim().split('\n');
    expect(first).toContain(option);
    expect(rest.join('\n')).toMatch(/^usage:/);
    expect(out.stderr).not.toMatch(/ERR_PARSE_ARGS|\n\s+at /);
  });

  it('clears a network\'s display name with --display-name "", as the help says, and says so', async () => {
    const store = new NetworkSettingsStore(table.doc, table.tableName);
    await store.put('opt-net', { displayName: 'Old name' });
    const help = await command('coordinator');
    expect(help.stderr).toContain('--display-name ""');
    const cleared = await command('coordinator', 'network-settings', '--network', 'opt-net', '--display-name', '');
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toMatch(/display name cleared/);
    expect((await store.get('opt-net')).displayName).toBeUndefined();
    // Other settings keep their values when the name is cleared.
    await store.put('opt-net', { displayName: 'Named', reminderAfterDays: 5 });
    await command('coordinator', 'network-settings', '--network', 'opt-net', '--display-name', '');
    expect(await store.get('opt-net')).toMatchObject({ reminderAfterDays: 5 });
  });
});
