import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** HS256 wants a key at least as long as the hash: 32 bytes. */
export const SESSION_KEY_BYTES = 32;

export interface SessionKeySource {
  /** AWS: a Secrets Manager secret whose string is the key, base64-encoded. */
  SESSION_KEY_SECRET_ARN?: string | undefined;
  /** `npm start` and tests: a file holding the key, base64-encoded. */
  SESSION_KEY_FILE?: string | undefined;
}

function decode(value: string, where: string): Uint8Array {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length < SESSION_KEY_BYTES) throw new Error(`the session key in ${where} is shorter than ${SESSION_KEY_BYTES} bytes`);
  return new Uint8Array(key);
}

/**
 * The string value of a Secrets Manager secret (`secretId`: its ARN or name), read once at cold start
 * with the SDK's own client: the functions hold each secret for their lifetime, so a caching layer
 * (Powertools Parameters) had nothing to do and cost every bundle about 4 KB (issue #18's budgets).
 * Throws when the secret holds no string (binary only) or the read is refused.
 */
export async function secretString(secretId: string, client: SecretsManagerClient = new SecretsManagerClient({})): Promise<string> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (typeof SecretString !== 'string') throw new Error(`the secret ${secretId} has no string value`);
  return SecretString;
}

/** Read once at cold start; a missing or short key stops the function before it signs anything. */
export async function loadSessionKey(source: SessionKeySource): Promise<Uint8Array> {
  if (source.SESSION_KEY_SECRET_ARN) {
    return decode(await secretString(source.SESSION_KEY_SECRET_ARN), 'the session key secret');
  }
  if (source.SESSION_KEY_FILE) return decode(await readFile(source.SESSION_KEY_FILE, 'utf8'), source.SESSION_KEY_FILE);
  throw new Error('no session key: set SESSION_KEY_SECRET_ARN (AWS) or SESSION_KEY_FILE (local)');
}

/** The local key file, created with a fresh random key on first use and kept between runs. */
export async function ensureLocalSessionKey(path: string): Promise<string> {
  try {
    await readFile(path, 'utf8');
  } catch {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${randomBytes(SESSION_KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
  return path;
}
