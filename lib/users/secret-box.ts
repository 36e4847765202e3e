import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { getEnv } from '@/lib/env';

/**
 * Authenticator-app secrets must be read back to check a code, so unlike passwords they cannot
 * be hashed: they are kept encrypted (AES-256-GCM, Node's own) under a key derived from
 * AUTH_SECRET with HKDF, so that a copy of the database alone does not give them away.
 * Changing AUTH_SECRET therefore asks everyone to set up their authenticator app again.
 */
const VERSION = 'v1';

function key(): Buffer {
  return Buffer.from(hkdfSync('sha256', getEnv().authSecret, 'liveness-review-console', 'authenticator-app secrets', 32));
}

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** The sealed text, or null when it was not sealed with this key (or was altered). */
export function open(sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
