// Follows docs/partners.md, "Try it on your machine", command by command: the shell commands are read
// from the document itself (with the port, secret and ids it asks you to fill in), so the document and
// the commands cannot drift apart.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { EventBridgeClient, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/free-port.js';
import type { Platform } from '../../local/platform.js';
import { compilePattern } from '../../local/eventbridge/index.js';
import { startTestPlatform } from '../support/platform.js';
import { matchPair } from '../support/webhooks.js';

const run = promisify(execFile);
const doc = readFileSync(new URL('../../docs/partners.md', import.meta.url), 'utf8');
const local = doc.slice(doc.indexOf('## 3. Try it on your machine'));
const shellBlocks = [...local.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => (m[1] as string).split('\n').map((l) => l.trim()).filter(Boolean));
const jsonBlocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] as string) as unknown);

let platform: Platform;
let receiver: ChildProcess | undefined;
let receiverOutput = '';
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  platform = await startTestPlatform('partners-doc');
  env = { ...process.env, TABLE_NAME: platform.tableName, DYNAMODB_ENDPOINT: platform.dynamodbEndpoint };
});
afterAll(async () => {
  if (receiver?.pid) process.kill(-receiver.pid, 'SIGTERM');
  await platform?.stop();
});

async function until(what: string, check: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; receiver printed:\n${receiverOutput}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sh = (command: string) => run('bash', ['-c', command], { env, cwd: process.cwd() });

describe('docs/partners.md, step by step on one machine', () => {
  it('has the steps this test follows', () => {
    expect(shellBlocks.map((b) => b[0]?.split(' ').slice(0, 4).join(' '))).toEqual([
      'npm run partner --',
      'npm run webhook:receive --',
      'npm run partner --',
      'aws events test-event-pattern --endpoint-url',
    ]);
  });

  it('registers a partner, receives a verified MatchProposed, lists the attempts and redelivers it', async () => {
    const port = await freePort();
    const [add] = shellBlocks[0] as string[];
    const added = await sh((add as string).replace('localhost:4000', `localhost:${port}`));
    const id = /added partner (\S+)/.exec(added.stdout)?.[1];
    const secret = /(whsec_\S+)/.exec(added.stdout)?.[1];
    expect(id).toBeDefined();
    expect(secret).toBeDefined();

    const [receive] = shellBlocks[1] as string[];
    receiver = spawn('bash', ['-c', (receive as string).replace('--port 4000', `--port ${port}`).replace('<secret>', secret as string)], { env, detached: true });
    receiver.stdout?.on('data', (chunk: Buffer) => (receiverOutput += chunk.toString()));
    receiver.stderr?.on('data', (chunk: Buffer) => (receiverOutput += chunk.toString()));
    await until('the receiver to listen', () => receiverOutput.includes('listening on'));

    await matchPair(platform);
    await until('a verified MatchProposed', () => /verified \S+ MatchProposed/.test(receiverOutput));
    const eventId = /verified (\S+) MatchProposed/.exec(receiverOutput)?.[1] as string;
    expect(receiverOutput).not.toContain('rejected');
    expect(platform.eventBridge.events.some((e) => e.event.id === eventId)).toBe(true);

    const [deliveries, redeliver] = shellBlocks[2] as string[];
    const listed = await sh((deliveries as string).replace('<id>', id as string));
    expect(listed.stdout).toContain(`${eventId}  MatchProposed  attempt 1  delivered  204`);
    const again = await sh((redeliver as string).replace('<id>', id as string).replace('<eventId>', eventId));
    expect(again.stdout).toContain('redelivered 1 of 1');
    await until('the same webhook-id a second time', () => receiverOutput.split(`verified ${eventId} MatchProposed`).length === 3);
  });

  it('its example pattern is valid, and TestEventPattern on the local bus matches it against the example event (as the aws command does)', async () => {
    const patterns = jsonBlocks.filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null && 'source' in b);
    expect(patterns.length).toBeGreaterThan(0);
    for (const p of patterns) expect(() => compilePattern(p)).not.toThrow();
    const test = (shellBlocks[3] as string[]).join(' ');
    expect(test).toContain('file://events/examples/MatchProposed.json');
    const client = new EventBridgeClient({ endpoint: platform.eventBridge.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const example = readFileSync(new URL('../../events/examples/MatchProposed.json', import.meta.url), 'utf8');
    const answer = await client.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(patterns[0]), Event: example }));
    client.destroy();
    expect(answer.Result).toBe(true);
  });
});
