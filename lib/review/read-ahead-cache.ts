import 'server-only';
import type { ArtemisCustomer, ArtemisDocument } from '@/lib/artemis/schemas';

/**
 * The document `Next document in queue` would open, read from Artemis ahead of the click and held
 * here per user, so that opening it waits on no upstream call. In memory only: another instance
 * simply reads again, and a decision made on another instance is seen in the trail, which
 * `loadReview` checks against `startedAt` before using the copy. The decision path never uses it;
 * it does its own fresh read under the lock.
 */
export type ReadAhead = { customerId: number; documentId: number; customer: ArtemisCustomer; document: ArtemisDocument; startedAt: string };

type Entry = ReadAhead & { expiresAt: number };

/** Long enough for a reviewer to decide; short enough that a change made elsewhere is seen soon. */
export const READ_AHEAD_HOLD_MS = 60_000;
/** One entry per user; the bound only matters with many users at once. */
const MAX_ENTRIES = 1_000;

declare global {
  // Shared across Next's separate server bundles: the route handler fills it, the page takes it.
  var __readAheads: Map<string, Entry> | undefined;
}

const entries = () => (globalThis.__readAheads ??= new Map());

const matches = (entry: ReadAhead, customerId: number, documentId: number) => entry.customerId === customerId && entry.documentId === documentId;

function pruneExpired(map: Map<string, Entry>, now: number) {
  for (const [userId, entry] of map) if (entry.expiresAt <= now) map.delete(userId);
}

/** Replaces the user's entry; the oldest entries go first when the bound is reached. */
export function holdReadAhead(userId: string, readAhead: ReadAhead, now = Date.now()): void {
  const map = entries();
  map.delete(userId);
  if (map.size >= MAX_ENTRIES) pruneExpired(map, now);
  while (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value!);
  map.set(userId, { ...readAhead, expiresAt: now + READ_AHEAD_HOLD_MS });
}

/** Whether the user already holds a live read-ahead of this document (nothing to read again). */
export function holdsReadAhead(userId: string, customerId: number, documentId: number, now = Date.now()): boolean {
  const entry = entries().get(userId);
  return entry !== undefined && entry.expiresAt > now && matches(entry, customerId, documentId);
}

/** The user's read-ahead of this document, taken out of the cache; undefined when none is live. */
export function takeReadAhead(userId: string, customerId: number, documentId: number, now = Date.now()): ReadAhead | undefined {
  const map = entries();
  const entry = map.get(userId);
  if (!entry) return undefined;
  if (entry.expiresAt <= now) {
    map.delete(userId);
    return undefined;
  }
  if (!matches(entry, customerId, documentId)) return undefined;
  map.delete(userId);
  return { customerId: entry.customerId, documentId: entry.documentId, customer: entry.customer, document: entry.document, startedAt: entry.startedAt };
}

/**
 * A decision on a document drops every read-ahead of it: what they hold may no longer be true.
 * The deciding reviewer's own read-ahead of the next document stays; it is what they open next.
 */
export function dropReadAheadsOf(customerId: number, documentId: number): void {
  const map = entries();
  for (const [userId, entry] of map) if (matches(entry, customerId, documentId)) map.delete(userId);
}
