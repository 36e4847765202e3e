import 'server-only';
import { longestCallMs } from '@/lib/artemis/http';

/** Margin for the console's own writes (audit events, proposal, queue index) under the lock. */
const DATABASE_MARGIN_MS = 30_000;

/**
 * How long a decision's lock lives: its longest possible span (a document read, which may fall
 * back to the list read, then the PUT, each with every retry and Retry-After wait), plus a
 * margin for the database. A lock left by a crashed process frees itself after this.
 */
export function decisionLockLifetimeMs(artemisTimeoutMs: number): number {
  return 2 * longestCallMs('read', artemisTimeoutMs) + longestCallMs('write', artemisTimeoutMs) + DATABASE_MARGIN_MS;
}

/**
 * After an unknown outcome the document stays locked this long: a PUT that timed out on our side
 * (or that a gateway answered 504 for) may still be carried out by Artemis, and nobody may write
 * over it or call it "not applied" first. A confirmation read back ends it early.
 */
export function settlingWindowMs(artemisTimeoutMs: number): number {
  return 2 * artemisTimeoutMs;
}
