/** Idle and absolute session limits, in seconds (SESSION_IDLE_MINUTES, SESSION_MAX_HOURS). */
export type SessionLimits = { idleSeconds: number; maxSeconds: number };

/** What the session token carries besides the user id: when the user signed in and was last seen. */
export type SessionTimes = { authTime?: unknown; lastSeen?: unknown };

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * A session is alive when it says when it began and was last used, no more than `maxSeconds`
 * have passed since sign-in, and no more than `idleSeconds` since the last request. A token
 * without these times (older format or minted elsewhere) is not a session.
 */
export function sessionAlive(times: object, limits: SessionLimits, now = nowSeconds()): boolean {
  const { authTime, lastSeen } = times as SessionTimes;
  if (typeof authTime !== 'number' || typeof lastSeen !== 'number') return false;
  if (authTime > now + 60 || lastSeen > now + 60) return false;
  return now - authTime <= limits.maxSeconds && now - lastSeen <= limits.idleSeconds;
}

/** The token a request carries on: `lastSeen` moved to now, or null when the session has ended. */
export function touchSession<T extends object>(token: T, limits: SessionLimits, now = nowSeconds()): (T & { lastSeen: number }) | null {
  if (!sessionAlive(token, limits, now)) return null;
  return { ...token, lastSeen: now };
}
