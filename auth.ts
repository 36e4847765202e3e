import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { createAuthConfig } from './auth.config';
import { getEnv } from '@/lib/env';
import { authLogger } from '@/lib/auth/logger';
import { authenticateWithPassword } from '@/lib/auth/password-sign-in';

class InvalidCredentials extends CredentialsSignin {
  code = 'invalid_credentials';
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...createAuthConfig(getEnv().session),
  secret: getEnv().authSecret,
  trustHost: true,
  logger: authLogger,
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
