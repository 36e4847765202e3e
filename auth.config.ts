import type { NextAuthConfig } from 'next-auth';

/** Session settings shared by everything that decodes the session cookie. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const authConfig = {
  pages: { signIn: '/sign-in' },
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  // The session carries only the user's id and session version; role and status are read
  // from the database on every request (lib/auth), so changes apply at once.
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? '';
      (session as { sv?: unknown }).sv = token.sv ?? 0;
      return session;
    },
  },
  providers: [],
} satisfies NextAuthConfig;
