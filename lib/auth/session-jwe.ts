// Auth.js's session token, encrypted and decrypted synchronously with node:crypto.
//
// The format is Auth.js's own (`next-auth/jwt` encode/decode): a compact JWE with `alg: "dir"`
// and `enc: "A256CBC-HS512"` (RFC 7516, RFC 7518 §5.2), whose 64-byte key is
// HKDF-SHA256(secret, salt = cookie name, info = "Auth.js Generated Encryption Key (<salt>)")
// and whose `kid` is the key's RFC 7638 thumbprint (SHA-512). Auth.js does the same work with
// WebCrypto, a thread-pool round trip per step and the key derived anew on every call; here it
// is synchronous with the key derived once. Tests check both directions against `next-auth/jwt`.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

const ALG = 'dir';
const ENC = 'A256CBC-HS512';
/** Seconds of clock skew allowed on `exp` and `nbf`, as Auth.js allows. */
const CLOCK_TOLERANCE = 15;

type DerivedKey = { macKey: Buffer; encKey: Buffer; kid: string };
const derivedKeys = new Map<string, DerivedKey>();

function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}

function keyFor(secret: string, salt: string): DerivedKey {
  const id = `${salt}\u0000${secret}`;
  let key = derivedKeys.get(id);
  if (!key) {
    const raw = Buffer.from(hkdfSync('sha256', secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    // RFC 7638: the thumbprint of {"k","kty"} in lexical order; SHA-512 for a 512-bit key, as Auth.js does.
    const kid = base64url(
      createHash('sha512')
        .update(JSON.stringify({ k: base64url(raw), kty: 'oct' }))
        .digest(),
    );
    key = { macKey: raw.subarray(0, 32), encKey: raw.subarray(32), kid };
    // A handful of entries at most: one per cookie name and secret in use.
    if (derivedKeys.size > 16) derivedKeys.clear();
    derivedKeys.set(id, key);
  }
  return key;
}

/** RFC 7518 §5.2.2.1: HMAC over AAD, IV, ciphertext and the AAD's length in bits, cut to half. */
function authenticationTag(macKey: Buffer, aad: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  const aadBits = Buffer.alloc(8);
  aadBits.writeBigUInt64BE(BigInt(aad.length * 8));
  return createHmac('sha512', macKey).update(aad).update(iv).update(ciphertext).update(aadBits).digest().subarray(0, 32);
}

export type TokenOptions = { secret: string; salt: string; now?: number };

/** Encrypts `claims` as Auth.js's `encode` does: `iat`, `exp` (now + maxAge) and a fresh `jti` are set here. */
export function encryptSessionToken(
  claims: Record<string, unknown>,
  { secret, salt, maxAge, now = Math.floor(Date.now() / 1000) }: TokenOptions & { maxAge: number },
): string {
  const { macKey, encKey, kid } = keyFor(secret, salt);
  const header = base64url(Buffer.from(JSON.stringify({ alg: ALG, enc: ENC, kid })));
  const payload = Buffer.from(JSON.stringify({ ...claims, iat: now, exp: now + maxAge, jti: randomUUID() }));
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', encKey, iv);
  const ciphertext = Buffer.concat([cipher.update(payload), cipher.final()]);
  const tag = authenticationTag(macKey, Buffer.from(header, 'ascii'), iv, ciphertext);
  return `${header}..${base64url(iv)}.${base64url(ciphertext)}.${base64url(tag)}`;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * The claims of a token this secret and salt encrypted, or null for anything else: malformed,
 * another algorithm, another key, altered, expired or not yet valid.
 */
export function decryptSessionToken(token: string, { secret, salt, now = Math.floor(Date.now() / 1000) }: TokenOptions): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 5 || !parts.every((part) => BASE64URL.test(part))) return null;
  const [headerPart, encryptedKey, ivPart, ciphertextPart, tagPart] = parts as [string, string, string, string, string];
  if (encryptedKey !== '') return null;
  const { macKey, encKey, kid } = keyFor(secret, salt);
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!header || typeof header !== 'object') return null;
  const { alg, enc, kid: tokenKid, zip, crit } = header as Record<string, unknown>;
  if (alg !== ALG || enc !== ENC || zip !== undefined || crit !== undefined) return null;
  if (tokenKid !== undefined && tokenKid !== kid) return null;

  const iv = Buffer.from(ivPart, 'base64url');
  const ciphertext = Buffer.from(ciphertextPart, 'base64url');
  const tag = Buffer.from(tagPart, 'base64url');
  if (iv.length !== 16 || tag.length !== 32 || ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null;
  if (!timingSafeEqual(tag, authenticationTag(macKey, Buffer.from(headerPart, 'ascii'), iv, ciphertext))) return null;

  let claims: unknown;
  try {
    const decipher = createDecipheriv('aes-256-cbc', encKey, iv);
    claims = JSON.parse(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8'));
  } catch {
    return null;
  }
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) return null;
  const { exp, nbf, iat } = claims as Record<string, unknown>;
  if (typeof exp !== 'number' || exp <= now - CLOCK_TOLERANCE) return null;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + CLOCK_TOLERANCE)) return null;
  if (iat !== undefined && typeof iat !== 'number') return null;
  return claims as Record<string, unknown>;
}
