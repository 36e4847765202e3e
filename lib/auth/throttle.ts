import 'server-only';

// Kept in process memory: enough for one instance. Several instances each count on their own,
// which still bounds guessing; a shared store is a later step (see README).
type Entry = { failures: number; windowStart: number; blockedUntil: number };

const WINDOW_MS = 15 * 60_000;
const FREE_FAILURES_PER_ACCOUNT = 5;
const FREE_FAILURES_PER_CLIENT = 20;
const MAX_BLOCK_MS = 15 * 60_000;

const store: Map<string, Entry> = ((globalThis as { __signInThrottle?: Map<string, Entry> }).__signInThrottle ??= new Map());

function keys(email: string, client: string) {
  return [
    { key: `account:${email.toLowerCase()}`, free: FREE_FAILURES_PER_ACCOUNT },
    { key: `client:${client}`, free: FREE_FAILURES_PER_CLIENT },
  ];
}

/** Seconds the caller must wait before another attempt, or 0. */
export function signInWaitSeconds(email: string, client: string, now = Date.now()): number {
  let wait = 0;
  for (const { key } of keys(email, client)) {
    const entry = store.get(key);
    if (entry && entry.blockedUntil > now) wait = Math.max(wait, Math.ceil((entry.blockedUntil - now) / 1000));
  }
  return wait;
}

export function recordSignInFailure(email: string, client: string, now = Date.now()): void {
  for (const { key, free } of keys(email, client)) {
    const entry = store.get(key);
    const current = entry && now - entry.windowStart < WINDOW_MS ? entry : { failures: 0, windowStart: now, blockedUntil: 0 };
    current.failures += 1;
    if (current.failures >= free) {
      // Doubles with each failure past the free ones: 30 s, 60 s, 120 s… up to 15 minutes.
      const blockMs = Math.min(30_000 * 2 ** (current.failures - free), MAX_BLOCK_MS);
      current.blockedUntil = now + blockMs;
    }
    store.set(key, current);
  }
}

export function recordSignInSuccess(email: string): void {
  store.delete(`account:${email.toLowerCase()}`);
}
