// Drives the local EventBridge through the real AWS SDK client, so protocol drift shows up here.

import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { afterEach, describe, expect, it } from 'vitest';

import { pollUntil } from '../poll.js';
import { LocalEventBridge, type EventEnvelope, type LocalEventBridgeOptions, type LoggedEvent } from './index.js';

const running: LocalEventBridge[] = [];
const clients: EventBridgeClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(running.splice(0).map((bridge) => bridge.stop()));
});

async function startBridge(options: LocalEventBridgeOptions = {}): Promise<LocalEventBridge> {
  const bridge = await LocalEventBridge.start({ quiet: true, retry: { baseDelayMs: 1 }, ...options });
  running.push(bridge);
  return bridge;
}

function clientFor(bridge: LocalEventBridge): EventBridgeClient {
  const client = new EventBridgeClient({
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    endpoint: bridge.endpoint,
    maxAttempts: 1,
  });
  clients.push(client);
  return client;
}

function collector() {
  const received: EventEnvelope[] = [];
  return { received, deliver: async (event: EventEnvelope) => void received.push(event) };
}

function profileSubmitted(overrides: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry {
  return {
    Source: 'culturebridge.profiles',
    DetailType: 'ProfileSubmitted',
    Detail: JSON.stringify({ profileId: 'p-1', country: 'DE' }),
    ...overrides,
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('PutEvents round trip', () => {
  it('delivers the EventBridge envelope to the targets of matching rules', async () => {
    const bridge = await startBridge();
    const target = collector();
    bridge.addRule({
      name: 'compute-matches',
      eventPattern: { source: ['culturebridge.profiles'], 'detail-type': ['ProfileSubmitted'] },
      targets: [{ id: 'compute-matches-fn', deliver: target.deliver }],
    });

    const time = new Date('2025-03-04T05:06:07.890Z');
    const response = await clientFor(bridge).send(
      new PutEventsCommand({ Entries: [profileSubmitted({ Time: time, Resources: ['arn:local:profile/p-1'] })] }),
    );
    await bridge.whenIdle();

    expect(response.FailedEntryCount).toBe(0);
    const eventId = response.Entries?.[0]?.EventId;
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(target.received).toEqual([
      {
        version: '0',
        id: eventId,
        'detail-type': 'ProfileSubmitted',
        source: 'culturebridge.profiles',
        account: '000000000000',
        time: '2025-03-04T05:06:07Z',
        region: 'local',
        resources: ['arn:local:profile/p-1'],
        detail: { profileId: 'p-1', country: 'DE' },
      },
    ]);
  });

  it('does not deliver events that match no rule, but still logs them', async () => {
    const bridge = await startBridge();
    const target = collector();
    bridge.addRule({
      name: 'compute-matches',
      eventPattern: { source: ['culturebridge.profiles'], detail: { country: ['DE'] } },
      targets: [{ id: 't', deliver: target.deliver }],
    });

    const client = clientFor(bridge);
    await client.send(new PutEventsCommand({ Entries: [profileSubmitted({ Detail: JSON.stringify({ country: 'FR' }) })] }));
    await client.send(new PutEventsCommand({ Entries: [profileSubmitted({ Source: 'culturebridge.matches' })] }));
    await bridge.whenIdle();

    expect(target.received).toEqual([]);
    expect(bridge.events.map((entry) => entry.matchedRules)).toEqual([[], []]);
  });

  it('answers before targets run (delivery is asynchronous)', async () => {
    const bridge = await startBridge();
    const gate = deferred();
    const target = collector();
    bridge.addRule({
      name: 'slow',
      eventPattern: { source: ['culturebridge.profiles'] },
      targets: [
        {
          id: 't',
          deliver: async (event) => {
            await gate.promise;
            await target.deliver(event);
          },
        },
      ],
    });

    const response = await clientFor(bridge).send(new PutEventsCommand({ Entries: [profileSubmitted()] }));

    expect(response.FailedEntryCount).toBe(0);
    expect(target.received).toHaveLength(0);
    gate.resolve();
    await bridge.whenIdle();
    expect(target.received).toHaveLength(1);
  });

  it('routes by EventBusName (name or ARN) and fails entries for unknown buses', async () => {
    const bridge = await startBridge();
    bridge.addBus('culturebridge');
    const onCustom = collector();
    const onDefault = collector();
    bridge.addRule({ name: 'custom', eventBusName: 'culturebridge', eventPattern: { source: ['culturebridge.profiles'] }, targets: [{ id: 't', deliver: onCustom.deliver }] });
    bridge.addRule({ name: 'default', eventPattern: { source: ['culturebridge.profiles'] }, targets: [{ id: 't', deliver: onDefault.deliver }] });

    const response = await clientFor(bridge).send(
      new PutEventsCommand({
        Entries: [
          profileSubmitted({ EventBusName: 'culturebridge' }),
          profileSubmitted({ EventBusName: 'arn:aws:events:eu-central-1:000000000000:event-bus/culturebridge' }),
          profileSubmitted({ EventBusName: 'nope' }),
        ],
      }),
    );
    await bridge.whenIdle();

    expect(response.FailedEntryCount).toBe(1);
    expect(response.Entries?.[2]).toMatchObject({ ErrorCode: 'ResourceNotFoundException' });
    expect(onCustom.received).toHaveLength(2);
    expect(onDefault.received).toHaveLength(0);
  });
});

describe('PutEvents validation', () => {
  it('rejects more than 10 entries with a ValidationException', async () => {
    const bridge = await startBridge();
    const entries = Array.from({ length: 11 }, () => profileSubmitted());

    const error = await clientFor(bridge)
      .send(new PutEventsCommand({ Entries: entries }))
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    expect((error as Error).message).toMatch(/less than or equal to 10/);
    expect(bridge.events).toHaveLength(0);
  });

  it('rejects a request whose entries exceed 256 KB in total', async () => {
    const bridge = await startBridge();
    const big = JSON.stringify({ blob: 'x'.repeat(100 * 1024) });
    const entries = Array.from({ length: 3 }, () => profileSubmitted({ Detail: big }));

    const error = await clientFor(bridge)
      .send(new PutEventsCommand({ Entries: entries }))
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'ValidationException', message: expect.stringMatching(/Total size/) });
  });

  it('fails invalid entries individually, as EventBridge does', async () => {
    const bridge = await startBridge();

    const response = await clientFor(bridge).send(
      new PutEventsCommand({
        Entries: [
          profileSubmitted(),
          profileSubmitted({ Detail: 'not json' }),
          profileSubmitted({ Detail: '[1,2]' }),
          profileSubmitted({ Source: undefined }),
          profileSubmitted({ DetailType: undefined }),
        ],
      }),
    );

    expect(response.FailedEntryCount).toBe(4);
    expect(response.Entries?.map((entry) => entry.ErrorCode)).toEqual([
      undefined,
      'MalformedDetail',
      'MalformedDetail',
      'InvalidArgument',
      'InvalidArgument',
    ]);
    expect(response.Entries?.[3]?.ErrorMessage).toMatch(/Source is a required argument/);
    expect(bridge.events).toHaveLength(1);
  });

  it('answers unknown operations with an AWS-shaped error', async () => {
    const bridge = await startBridge();

    const response = await fetch(bridge.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.CreateArchive' },
      body: '{}',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'UnknownOperationException',
      message: expect.stringContaining('CreateArchive'),
    });
  });
});

describe('fault injection', () => {
  it('reports injected partial failures with FailedEntryCount and per-entry ErrorCode', async () => {
    const bridge = await startBridge({ failEntry: (_entry, index) => index === 1 });
    const target = collector();
    bridge.addRule({ name: 'all', eventPattern: { source: ['culturebridge.profiles'] }, targets: [{ id: 't', deliver: target.deliver }] });

    const response = await clientFor(bridge).send(
      new PutEventsCommand({ Entries: [profileSubmitted(), profileSubmitted(), profileSubmitted()] }),
    );
    await bridge.whenIdle();

    expect(response.FailedEntryCount).toBe(1);
    expect(response.Entries?.[0]?.EventId).toBeDefined();
    expect(response.Entries?.[1]).toEqual({ ErrorCode: 'InternalFailure', ErrorMessage: expect.any(String) });
    expect(response.Entries?.[2]?.EventId).toBeDefined();
    expect(target.received).toHaveLength(2);
    expect(bridge.events).toHaveLength(2);
  });

  it('fails exactly the next n entries with failNextEntries', async () => {
    const bridge = await startBridge();
    const client = clientFor(bridge);
    bridge.failNextEntries(2);

    const first = await client.send(new PutEventsCommand({ Entries: [profileSubmitted(), profileSubmitted(), profileSubmitted()] }));
    const second = await client.send(new PutEventsCommand({ Entries: [profileSubmitted()] }));

    expect(first.Entries?.map((entry) => entry.ErrorCode)).toEqual(['InternalFailure', 'InternalFailure', undefined]);
    expect(second.FailedEntryCount).toBe(0);
  });
});

describe('delivery retries and dead letters', () => {
  it('retries a failing target and delivers exactly once when it recovers', async () => {
    const bridge = await startBridge({ retry: { maxAttempts: 3, baseDelayMs: 1 } });
    let attempts = 0;
    const delivered: string[] = [];
    bridge.addRule({
      name: 'notify',
      eventPattern: { source: ['culturebridge.profiles'] },
      targets: [
        {
          id: 'flaky',
          deliver: async (event) => {
            attempts++;
            if (attempts <= 2) throw new Error(`transient failure ${attempts}`);
            delivered.push(event.id);
          },
        },
      ],
    });

    const response = await clientFor(bridge).send(new PutEventsCommand({ Entries: [profileSubmitted()] }));
    await bridge.whenIdle();

    expect(attempts).toBe(3);
    expect(delivered).toEqual([response.Entries?.[0]?.EventId]);
    expect(bridge.deadLetters).toEqual([]);
  });

  it('moves the event to the dead letters after the last failed attempt', async () => {
    const bridge = await startBridge({ retry: { maxAttempts: 3, baseDelayMs: 1 } });
    let attempts = 0;
    const healthy = collector();
    bridge.addRule({
      name: 'notify',
      eventPattern: { source: ['culturebridge.profiles'] },
      targets: [
        {
          id: 'broken',
          deliver: async () => {
            attempts++;
            throw new Error('SES is down');
          },
        },
        { id: 'healthy', deliver: healthy.deliver },
      ],
    });

    const response = await clientFor(bridge).send(new PutEventsCommand({ Entries: [profileSubmitted()] }));
    await bridge.whenIdle();

    expect(attempts).toBe(3);
    expect(healthy.received).toHaveLength(1);
    expect(bridge.deadLetters).toEqual([
      {
        id: expect.any(String),
        rule: 'notify',
        eventBusName: 'default',
        target: 'broken',
        error: 'SES is down',
        attempts: 3,
        failedAt: expect.any(String),
        event: expect.objectContaining({ id: response.Entries?.[0]?.EventId }),
      },
    ]);
    const served = (await (await fetch(`${bridge.endpoint}/_local/dead-letters`)).json()) as { deadLetters: unknown[] };
    expect(served.deadLetters).toHaveLength(1);
  });

  it('redrives a dead letter to the target that gave up on it, reports both changes, and forgets an unknown id', async () => {
    const changes: { id: string; redriven: boolean }[] = [];
    const bridge = await startBridge({ retry: { maxAttempts: 1, baseDelayMs: 1 }, onDeadLetter: (d, { redriven }) => changes.push({ id: d.id, redriven }) });
    let healthy = false;
    const received: string[] = [];
    bridge.addRule({
      name: 'notify',
      eventPattern: { source: ['culturebridge.profiles'] },
      targets: [
        {
          id: 'flaky',
          deliver: async (event) => {
            if (!healthy) throw new Error('down');
            received.push(event.id);
          },
        },
      ],
    });
    const response = await clientFor(bridge).send(new PutEventsCommand({ Entries: [profileSubmitted()] }));
    await bridge.whenIdle();
    const [dead] = bridge.deadLetters;
    expect(dead?.event.id).toBe(response.Entries?.[0]?.EventId);

    healthy = true;
    expect(bridge.redrive('no-such-id')).toBe(false);
    expect(bridge.redrive(dead?.id ?? '')).toBe(true);
    await bridge.whenIdle();
    expect(received).toEqual([dead?.event.id]);
    expect(bridge.deadLetters).toEqual([]);
    expect(changes).toEqual([{ id: dead?.id, redriven: false }, { id: dead?.id, redriven: true }]);
  });
});

describe('delivery concurrency', () => {
  it('runs at most maxConcurrentDeliveries deliveries at once and delivers the rest in turn', async () => {
    const bridge = await startBridge({ maxConcurrentDeliveries: 2 });
    let active = 0;
    let most = 0;
    const delivered: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    bridge.addRule({
      name: 'bounded',
      eventPattern: { source: ['culturebridge.profiles'] },
      targets: [
        {
          id: 'slow',
          deliver: async (event) => {
            active++;
            most = Math.max(most, active);
            await gate;
            delivered.push(event.id);
            active--;
          },
        },
      ],
    });
    await clientFor(bridge).send(new PutEventsCommand({ Entries: Array.from({ length: 5 }, () => profileSubmitted()) }));
    await pollUntil('two deliveries to be running', async () => (active === 2 ? true : undefined));
    release();
    await bridge.whenIdle();
    expect(most).toBe(2);
    expect(delivered).toHaveLength(5);
  });
});

describe('event log', () => {
  it('serves accepted events in order with their matched rules, filterable by source, detail-type and since', async () => {
    const bridge = await startBridge();
    bridge.addRule({ name: 'compute-matches', eventPattern: { 'detail-type': ['ProfileSubmitted'] }, targets: [] });
    bridge.addRule({ name: 'notify', eventPattern: { source: [{ prefix: 'culturebridge.' }] }, targets: [] });
    const client = clientFor(bridge);

    const first = await client.send(
      new PutEventsCommand({
        Entries: [profileSubmitted(), profileSubmitted({ Source: 'culturebridge.matches', DetailType: 'MatchesComputed' })],
      }),
    );
    await client.send(new PutEventsCommand({ Entries: [profileSubmitted({ Source: 'other.app', DetailType: 'Ping' })] }));

    const get = async (query: string) => {
      const response = await fetch(`${bridge.endpoint}/_local/events${query}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { events: LoggedEvent[] }).events;
    };

    const all = await get('');
    expect(all.map((e) => [e.event['detail-type'], e.matchedRules])).toEqual([
      ['ProfileSubmitted', ['compute-matches', 'notify']],
      ['MatchesComputed', ['notify']],
      ['Ping', []],
    ]);
    expect(all[0]?.event.id).toBe(first.Entries?.[0]?.EventId);
    expect((await get('?source=culturebridge.matches')).map((e) => e.event['detail-type'])).toEqual(['MatchesComputed']);
    expect((await get('?detail-type=Ping')).map((e) => e.event.source)).toEqual(['other.app']);
    expect((await get(`?since=${first.Entries?.[0]?.EventId}`)).map((e) => e.event['detail-type'])).toEqual([
      'MatchesComputed',
      'Ping',
    ]);
    expect((await fetch(`${bridge.endpoint}/_local/events?since=unknown`)).status).toBe(400);
    // A filter sent twice would be read as its first; a misspelt one would filter nothing: each is named.
    for (const [query, name] of [['?source=a&source=b', 'source'], ['?detail-type=Ping&detail-type=Pong', 'detail-type'], ['?sorce=other.app', 'sorce']]) {
      const refused = await fetch(`${bridge.endpoint}/_local/events${query}`);
      expect(refused.status, query).toBe(400);
      expect(((await refused.json()) as { errors?: { field: string }[] }).errors?.map((e) => e.field), query).toEqual([name]);
    }
  });

  it('prints one readable line per accepted event', async () => {
    const lines: string[] = [];
    const bridge = await startBridge({ quiet: false, logger: (line) => lines.push(line) });
    bridge.addRule({ name: 'compute-matches', eventPattern: { source: ['culturebridge.profiles'] }, targets: [] });
    bridge.addRule({ name: 'notify', eventPattern: { 'detail-type': ['ProfileSubmitted'] }, targets: [] });

    await clientFor(bridge).send(new PutEventsCommand({ Entries: [profileSubmitted()] }));

    expect(lines).toEqual(['event  culturebridge.profiles ProfileSubmitted  → compute-matches, notify']);
  });
});

describe('lifecycle and wiring errors', () => {
  it('rejects an invalid pattern when the rule is added', async () => {
    const bridge = await startBridge();
    expect(() =>
      bridge.addRule({ name: 'bad', eventPattern: { source: 'culturebridge.profiles' } as never, targets: [] }),
    ).toThrow(/Rule bad on event bus default: Event pattern is not valid.*"source" must be an object or an array/);
    expect(() => bridge.addRule({ name: 'x', eventBusName: 'missing', eventPattern: { source: ['a'] }, targets: [] })).toThrow(
      /event bus missing does not exist/,
    );
  });

  it('names the port when it is already in use', async () => {
    const bridge = await startBridge();
    await expect(LocalEventBridge.start({ port: bridge.port, quiet: true })).rejects.toThrow(
      new RegExp(`port ${bridge.port} is already in use`),
    );
  });

  it('stop() waits for in-flight deliveries before closing', async () => {
    const bridge = await LocalEventBridge.start({ quiet: true });
    const gate = deferred();
    const delivered: string[] = [];
    bridge.addRule({
      name: 'slow',
      eventPattern: { source: ['culturebridge.profiles'] },
      targets: [
        {
          id: 't',
          deliver: async (event) => {
            await gate.promise;
            delivered.push(event.id);
          },
        },
      ],
    });
    const client = clientFor(bridge);
    await client.send(new PutEventsCommand({ Entries: [profileSubmitted()] }));

    let stopped = false;
    const stopping = bridge.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);

    gate.resolve();
    await stopping;
    expect(delivered).toHaveLength(1);
    await expect(fetch(`${bridge.endpoint}/_local/events`)).rejects.toThrow();
  });
});
