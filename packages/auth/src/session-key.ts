import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';

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

/** Read once at cold start; a missing or short key stops the function before it signs anything. */
export async function loadSessionKey(source: SessionKeySource): Promise<Uint8Array> {
  if (source.SESSION_KEY_SECRET_ARN) {
    const value = await getSecret(source.SESSION_KEY_SECRET_ARN, { maxAge: 300 });
    if (typeof value !== 'string') throw new Error('the session key secret has no string value');
    return decode(value, 'the session key secret');
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
