import type { NextAuthConfig } from 'next-auth';
import { touchSession, type SessionLimits } from '@/lib/auth/session-limits';

/**
 * Auth.js's session settings (auth.ts). The cookie and token live for the idle limit; the proxy
 * re-issues them on each page request (lib/auth/session-cookie.ts) with the same rule as the
 * jwt callback below. The token also carries the sign-in time, so the absolute limit holds
 * however active the user is.
 */
export function createAuthConfig(limits: SessionLimits) {
  return {
    // Errors (a refused single sign-on) land on the sign-in page, which explains them.
    pages: { signIn: '/sign-in', error: '/sign-in' },
    session: { strategy: 'jwt', maxAge: limits.idleSeconds, updateAge: 0 },
    // The session carries only the user's id, session version and times; role and status are
    // read from the database on every request (lib/auth), so changes apply at once.
    callbacks: {
      jwt({ token, user }) {
        const now = Math.floor(Date.now() / 1000);
        if (user) {
          // Nothing personal in the cookie: the name and email are read from the database.
          delete token.name;
          delete token.email;
          delete token.picture;
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          token.authTime = now;
          token.lastSeen = now;
          return token;
        }
        // Returning null makes Auth.js clear the cookie.
        return touchSession(token, limits, now);
      },
      session({ session, token }) {
        session.user.id = token.sub ?? '';
        const extra = session as { sv?: unknown; authTime?: unknown; lastSeen?: unknown };
        extra.sv = token.sv ?? 0;
        extra.authTime = token.authTime;
        extra.lastSeen = token.lastSeen;
        return session;
      },
    },
    providers: [],
  } satisfies NextAuthConfig;
}
