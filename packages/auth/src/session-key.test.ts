import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSessionKey, secretString, SESSION_KEY_BYTES } from './session-key.js';

const secrets = mockClient(SecretsManagerClient);
afterEach(() => secrets.reset());

const KEY = Buffer.alloc(SESSION_KEY_BYTES, 7).toString('base64');

describe('secretString', () => {
  it('reads the secret by the id it is given, once', async () => {
    secrets.on(GetSecretValueCommand, { SecretId: 'arn:aws:secretsmanager:eu-central-1:1:secret:k' }).resolves({ SecretString: 'value' });
    expect(await secretString('arn:aws:secretsmanager:eu-central-1:1:secret:k')).toBe('value');
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('throws, naming the secret, when it holds binary data and no string', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1, 2]) });
    await expect(secretString('origin-secret')).rejects.toThrow(/origin-secret has no string value/);
  });

  it('lets a refused read fail the cold start', async () => {
    secrets.on(GetSecretValueCommand).rejects(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }));
    await expect(secretString('origin-secret')).rejects.toThrow('not allowed');
  });
});

describe('loadSessionKey', () => {
  it('decodes the key from the secret in AWS', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: `${KEY}\n` });
    expect(Buffer.from(await loadSessionKey({ SESSION_KEY_SECRET_ARN: 'session-key' })).toString('base64')).toBe(KEY);
  });

  it('refuses a key shorter than 32 bytes, from the secret or the file', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: Buffer.alloc(16).toString('base64') });
    await expect(loadSessionKey({ SESSION_KEY_SECRET_ARN: 'session-key' })).rejects.toThrow(/shorter than 32 bytes/);
    const file = join(mkdtempSync(join(tmpdir(), 'key-')), 'key');
    writeFileSync(file, Buffer.alloc(8).toString('base64'));
    await expect(loadSessionKey({ SESSION_KEY_FILE: file })).rejects.toThrow(/shorter than 32 bytes/);
  });

  it('says what to set when neither source is given', async () => {
    await expect(loadSessionKey({})).rejects.toThrow(/SESSION_KEY_SECRET_ARN .*SESSION_KEY_FILE/);
  });
});
