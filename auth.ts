import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import type { Provider } from 'next-auth/providers';
import { createAuthConfig } from './auth.config';
import { getEnv, type Env } from '@/lib/env';
import { authLogger } from '@/lib/auth/logger';
import { authenticateWithOidc, localAccountFor } from '@/lib/auth/oidc-sign-in';
import { authenticateWithPassword } from '@/lib/auth/password-sign-in';

class InvalidCredentials extends CredentialsSignin {
  code = 'invalid_credentials';
}

export const OIDC_PROVIDER_ID = 'oidc';

function oidcProvider(oidc: NonNullable<Env['oidc']>): Provider {
  return {
    id: OIDC_PROVIDER_ID,
    name: 'Single sign-on',
    type: 'oidc',
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    checks: ['pkce', 'state', 'nonce'],
    authorization: { params: { scope: 'openid email profile' } },
  };
}

export const { handlers, signIn, signOut } = NextAuth(() => {
  const env = getEnv();
  const base = createAuthConfig(env.session);
  return {
    ...base,
    secret: env.authSecret,
    trustHost: true,
    logger: authLogger,
    callbacks: {
      ...base.callbacks,
      async signIn({ account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        return (await authenticateWithOidc(profile as Record<string, unknown> | undefined)) !== null;
      },
      async jwt(params) {
        // The session names the local account, never the provider's subject.
        if (params.account?.provider === OIDC_PROVIDER_ID) {
          const local = await localAccountFor(params.profile?.email ?? params.user?.email);
          if (!local) return null;
          return base.callbacks.jwt({ ...params, user: { id: local.id, sessionVersion: local.sessionVersion } as never });
        }
        return base.callbacks.jwt(params);
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
      ...(env.oidc ? [oidcProvider(env.oidc)] : []),
    ],
  };
});
