import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authConfig } from './auth.config';
import { getEnv } from '@/lib/env';
import { authenticateWithPassword } from '@/lib/auth/password-sign-in';

class InvalidCredentials extends CredentialsSignin {
  code = 'invalid_credentials';
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig,
  secret: getEnv().authSecret,
  trustHost: true,
  logger: {
    // A wrong password is an expected outcome, recorded in the audit trail, not a server error.
    error(error) {
      if (error.name === 'CredentialsSignin' || (error as { type?: string }).type === 'CredentialsSignin') return;
      console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const user = await authenticateWithPassword(credentials, request);
        if (!user) throw new InvalidCredentials();
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
}));
