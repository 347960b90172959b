import { createHash, randomBytes } from 'node:crypto';

export const MAGIC_LINK = {
  /** 256 bits from the CSPRNG: twice the 128 the threat model asks for, at no cost. */
  tokenBytes: 32,
  ttlSeconds: 15 * 60,
  /** An invitation to confirm an imported profile waits for a busy member: a week, still single use. */
  inviteTtlSeconds: 7 * 24 * 60 * 60,
} as const;

/** The table keeps only this hash: a copy of the table cannot be used to sign in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newMagicToken(): { token: string; hash: string } {
  const token = randomBytes(MAGIC_LINK.tokenBytes).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** A shape check before any lookup: a token that cannot have come from us costs no database read. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
