import type { JWT } from 'next-auth/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuthConfig } from '@/auth.config';

const limits = { idleSeconds: 30 * 60, maxSeconds: 8 * 3600 };
const { callbacks, session } = createAuthConfig(limits);
const jwt = (params: { token: JWT; user?: unknown }) => callbacks.jwt(params as Parameters<typeof callbacks.jwt>[0]);

describe('session token', () => {
  afterEach(() => vi.useRealTimers());

  it('lives for the idle limit and is re-issued on every read', () => {
    expect(session).toMatchObject({ strategy: 'jwt', maxAge: 30 * 60, updateAge: 0 });
  });

  it('at sign-in carries the user id, session version and times, and nothing personal', () => {
    vi.useFakeTimers({ now: new Date('2030-01-01T08:00:00Z') });
    const token = jwt({ token: { name: 'Ada', email: 'ada@example.test', picture: 'x' }, user: { id: 'u1', sessionVersion: 3 } });
    const t = Date.parse('2030-01-01T08:00:00Z') / 1000;
    expect(token).toEqual({ sub: 'u1', sv: 3, authTime: t, lastSeen: t });
  });

  it('each read moves lastSeen, until the absolute limit ends the session', () => {
    vi.useFakeTimers({ now: new Date('2030-01-01T08:00:00Z') });
    let token = jwt({ token: {}, user: { id: 'u1', sessionVersion: 0 } }) as JWT;
    for (let hour = 1; hour <= 7; hour++) {
      vi.setSystemTime(new Date(`2030-01-01T${String(8 + hour).padStart(2, '0')}:00:00Z`));
      // A request every 20 minutes in between keeps it from idling out.
      token = jwt({ token: { ...token, lastSeen: Date.now() / 1000 - 20 * 60 } }) as JWT;
      expect(token).not.toBeNull();
    }
    vi.setSystemTime(new Date('2030-01-01T16:00:01Z'));
    expect(jwt({ token: { ...token, lastSeen: Date.now() / 1000 - 60 } })).toBeNull();
  });

  it('ends after 30 idle minutes', () => {
    vi.useFakeTimers({ now: new Date('2030-01-01T08:00:00Z') });
    const token = jwt({ token: {}, user: { id: 'u1', sessionVersion: 0 } }) as JWT;
    vi.setSystemTime(new Date('2030-01-01T08:29:00Z'));
    expect(jwt({ token: { ...token } })).not.toBeNull();
    vi.setSystemTime(new Date('2030-01-01T09:00:00Z'));
    expect(jwt({ token: { ...token, lastSeen: Date.parse('2030-01-01T08:29:00Z') / 1000 } })).toBeNull();
  });
});
