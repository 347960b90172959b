// What a partner developer does against `npm start`'s bus with the AWS SDK: test a pattern, create a
// rule, see it match, remove it; and the event log surviving a restart.

import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  InvalidEventPatternException,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { afterEach, describe, expect, it } from 'vitest';

import { LocalEventBridge, type LocalEventBridgeOptions } from './index.js';

const running: LocalEventBridge[] = [];
const clients: EventBridgeClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(running.splice(0).map((bridge) => bridge.stop()));
});

async function startBridge(options: LocalEventBridgeOptions = {}): Promise<{ bridge: LocalEventBridge; client: EventBridgeClient }> {
  const bridge = await LocalEventBridge.start({ quiet: true, ...options });
  bridge.addBus('culturebridge');
  running.push(bridge);
  const client = new EventBridgeClient({ region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, endpoint: bridge.endpoint, maxAttempts: 1 });
  clients.push(client);
  return { bridge, client };
}

const event = {
  version: '0',
  id: 'b5b4a2c6-6b5e-4d1c-9a57-1a1b0c9d2e3f',
  'detail-type': 'ProfileUpdated',
  source: 'culturebridge.profiles',
  account: '123456789012',
  time: '2026-11-30T08:00:00Z',
  region: 'eu-central-1',
  resources: [],
  detail: { data: { profile: { country: 'GE', networks: ['eu4culture'] } } },
};

describe('TestEventPattern through the AWS SDK', () => {
  it('answers true and false with AWS\'s pattern semantics, dotted keys included', async () => {
    const { client } = await startBridge();
    const test = async (pattern: unknown) =>
      (await client.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: JSON.stringify(event) }))).Result;
    expect(await test({ source: ['culturebridge.profiles'], 'detail.data.profile.country': ['GE'] })).toBe(true);
    expect(await test({ source: ['culturebridge.profiles'], detail: { data: { profile: { country: ['AM'] } } } })).toBe(false);
    expect(await test({ 'detail-type': [{ 'anything-but': { prefix: ['Match', 'Coordinator'] } }] })).toBe(true);
  });

  it('refuses an invalid pattern with InvalidEventPatternException, and an event without its envelope', async () => {
    const { client } = await startBridge();
    const refused = client.send(new TestEventPatternCommand({ EventPattern: JSON.stringify({ x: [{ wildcard: '*a*a*a*a*a*a*a*a*a*a*a*' }] }), Event: JSON.stringify(event) }));
    await expect(refused).rejects.toBeInstanceOf(InvalidEventPatternException);
    await expect(refused).rejects.toThrow(/Rule is too complex/);
    const { id: _id, ...withoutId } = event;
    await expect(client.send(new TestEventPatternCommand({ EventPattern: '{"source":["x"]}', Event: JSON.stringify(withoutId) }))).rejects.toThrow(/missing id/);
  });
});

describe('rules over the API', () => {
  it('creates, describes, lists, matches and deletes a partner rule', async () => {
    const { bridge, client } = await startBridge();
    const pattern = { source: ['culturebridge.profiles'], 'detail.data.profile.networks': ['eu4culture'] };
    const put = await client.send(new PutRuleCommand({ Name: 'partner-eu4culture', EventBusName: 'culturebridge', EventPattern: JSON.stringify(pattern) }));
    expect(put.RuleArn).toMatch(/:rule\/culturebridge\/partner-eu4culture$/);
    await client.send(new PutTargetsCommand({ Rule: 'partner-eu4culture', EventBusName: 'culturebridge', Targets: [{ Id: 'crm', Arn: 'arn:aws:events:eu-central-1:111111111111:event-bus/default' }] }));

    const described = await client.send(new DescribeRuleCommand({ Name: 'partner-eu4culture', EventBusName: 'culturebridge' }));
    expect(JSON.parse(described.EventPattern ?? '')).toEqual(pattern);
    expect(described.State).toBe('ENABLED');
    expect((await client.send(new ListRulesCommand({ EventBusName: 'culturebridge', NamePrefix: 'partner-' }))).Rules?.map((r) => r.Name)).toEqual(['partner-eu4culture']);
    expect((await client.send(new ListTargetsByRuleCommand({ Rule: 'partner-eu4culture', EventBusName: 'culturebridge' }))).Targets?.map((t) => t.Id)).toEqual(['crm']);

    await client.send(new PutEventsCommand({ Entries: [
      { EventBusName: 'culturebridge', Source: 'culturebridge.profiles', DetailType: 'ProfileUpdated', Detail: JSON.stringify(event.detail) },
      { EventBusName: 'culturebridge', Source: 'culturebridge.profiles', DetailType: 'ProfileUpdated', Detail: JSON.stringify({ data: { profile: { networks: ['eunic-cca'] } } }) },
    ] }));
    expect(bridge.events.map((e) => e.matchedRules)).toEqual([['partner-eu4culture'], []]);

    await expect(client.send(new DeleteRuleCommand({ Name: 'partner-eu4culture', EventBusName: 'culturebridge' }))).rejects.toThrow(/has targets/);
    await client.send(new RemoveTargetsCommand({ Rule: 'partner-eu4culture', EventBusName: 'culturebridge', Ids: ['crm'] }));
    await client.send(new DeleteRuleCommand({ Name: 'partner-eu4culture', EventBusName: 'culturebridge' }));
    await expect(client.send(new DescribeRuleCommand({ Name: 'partner-eu4culture', EventBusName: 'culturebridge' }))).rejects.toThrow(/does not exist/);
  });

  it('refuses to change a rule wired in code, an unknown bus and a bad pattern', async () => {
    const { bridge, client } = await startBridge();
    bridge.addRule({ name: 'profile-changed', eventBusName: 'culturebridge', eventPattern: { source: ['culturebridge.profiles'] }, targets: [] });
    await expect(client.send(new PutRuleCommand({ Name: 'profile-changed', EventBusName: 'culturebridge', EventPattern: '{"source":["x"]}' }))).rejects.toThrow(/managed by CultureBridge/);
    await expect(client.send(new PutRuleCommand({ Name: 'r', EventBusName: 'nope', EventPattern: '{"source":["x"]}' }))).rejects.toThrow(/nope does not exist/);
    await expect(client.send(new PutRuleCommand({ Name: 'r', EventBusName: 'culturebridge', EventPattern: '{"source":"x"}' }))).rejects.toBeInstanceOf(InvalidEventPatternException);
  });
});
