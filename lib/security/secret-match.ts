import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares digests, so neither the content nor the length of the secret leaks through timing. */
export function secretMatches(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected)) && given.length === expected.length;
}
