import 'server-only';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with Node's built-in scrypt at one of OWASP's equivalent settings: N=2^15,
 * r=8, p=3 is as costly to attack as N=2^17, p=1 but holds 32 MiB per hash instead of 128,
 * so concurrent sign-ins stay within memory. Stored as
 * `scrypt$N$r$p$salt$hash` (base64url); a hash under weaker parameters is replaced at the next
 * successful sign-in (see `needsRehash`).
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 3, keyLength: 32, saltLength: 16 } as const;

/** Refuse to evaluate stored hashes with absurd parameters (a corrupted row must not eat the RAM). */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r * p + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength, saltLength } = SCRYPT_PARAMS;
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, N, r, p, keyLength);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

type Parsed = { N: number; r: number; p: number; salt: Buffer; key: Buffer };

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((v) => (/^\d+$/.test(v) ? Number(v) : NaN)) as [number, number, number];
  if (!(N > 1 && N <= MAX_N && (N & (N - 1)) === 0 && r >= 1 && r <= MAX_R && p >= 1 && p <= MAX_P)) return null;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || key.length < 16 || key.length > 128) return null;
  return { N, r, p, salt, key };
}

/** True when `password` matches `stored`; false for a wrong password or an unreadable hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) {
    // Still spend the usual time, so a broken row is not distinguishable by timing.
    await verifyAgainstDummy(password);
    return false;
  }
  const actual = await derive(password, parsed.salt, parsed.N, parsed.r, parsed.p, parsed.key.length);
  return timingSafeEqual(actual, parsed.key);
}

/** True when a stored hash uses weaker parameters than the current ones. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.N < SCRYPT_PARAMS.N || parsed.r < SCRYPT_PARAMS.r || parsed.p < SCRYPT_PARAMS.p || parsed.key.length < SCRYPT_PARAMS.keyLength;
}

/**
 * A hash of a random password nobody knows, with the current parameters (a test checks they
 * match `SCRYPT_PARAMS`). Verifying against it costs the same as a real check.
 */
export const DUMMY_HASH = 'scrypt$32768$8$3$JlSMj2ut8SvcEouJmNTAaA$ABwVrJ-CzQuAx9aqcWhppEahyXlhZSWX0vE3_7l2rVI';

/** For unknown emails: takes as long as a real verification, always false (no user enumeration). */
export async function verifyAgainstDummy(password: string): Promise<false> {
  const parsed = parse(DUMMY_HASH)!;
  const actual = await derive(password, parsed.salt, parsed.N, parsed.r, parsed.p, parsed.key.length);
  timingSafeEqual(actual, parsed.key);
  return false;
}

let estimator: ZxcvbnFactory | undefined;

/**
 * Why a new password is refused, or null: it is, or is built from, a common or leaked password
 * (zxcvbn's estimate over its offline list of leaked passwords, no network call).
 */
export async function guessablePasswordRefusal(password: string): Promise<string | null> {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const { score } = await estimator.check(password);
  return score >= 3 ? null : 'Too easy to guess: a common or leaked password, or close to one. Choose another.';
}
