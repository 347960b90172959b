import { loadSessionKey, signSession } from '@culturebridge/auth';
import { addressHash } from '@culturebridge/store';

/**
 * A session for an address, signed with the local key: what `POST /auth/verify` would return after
 * the address opened its link. The demo seed acts for the demo members this way (the operator
 * vouches for them), and tests use it where the sign-in flow itself is not what they test.
 */
export async function localSession(keyFile: string, email: string, owns: { profiles?: string[]; networks?: string[] } = {}): Promise<string> {
  const key = await loadSessionKey({ SESSION_KEY_FILE: keyFile });
  const { session } = await signSession(key, { sub: addressHash(email), profiles: owns.profiles ?? [], networks: owns.networks ?? [] });
  return session;
}
