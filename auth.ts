import 'server-only';
import { headers } from 'next/headers';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import type { Provider } from 'next-auth/providers';
import { createAuthConfig } from './auth.config';
import { getEnv, type Env } from '@/lib/env';
import { authLogger } from '@/lib/auth/logger';
import { sessionStateOf, startSession } from '@/lib/auth/sessions';
import { clientAddress } from '@/lib/auth/client-address';
import { authenticateWithOidc, localAccountFor, oidcVouchesForTwoFactors } from '@/lib/auth/oidc-sign-in';
import { authenticateWithPassword } from '@/lib/auth/password-sign-in';
import { endSessionAtSignOut } from '@/lib/auth/sign-out';

class InvalidCredentials extends CredentialsSignin {
  code = 'invalid_credentials';
}

class Throttled extends CredentialsSignin {
  code = 'throttled';
}

export const OIDC_PROVIDER_ID = 'oidc';

/** The session row of a sign-in that just succeeded; its id goes into the cookie. */
async function startSignInSession(userId: string, method: 'password' | 'oidc', secondFactor: boolean): Promise<string> {
  const requestHeaders = await headers();
  return startSession(userId, {
    method,
    secondFactor,
    clientAddress: clientAddress(requestHeaders, getEnv().trustedProxyHops),
    userAgent: requestHeaders.get('user-agent'),
  });
}

function oidcProvider(oidc: NonNullable<Env['oidc']>): Provider {
  return {
    id: OIDC_PROVIDER_ID,
    name: 'Single sign-on',
    type: 'oidc',
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    checks: ['pkce', 'state', 'nonce'],
    // Asking for a level of assurance: the provider then says in `acr` whether it was met.
    authorization: { params: { scope: 'openid email profile', ...(oidc.acr ? { acr_values: oidc.acr } : {}) } },
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
    events: {
      async signOut(message) {
        await endSessionAtSignOut('token' in message ? message.token : null);
      },
    },
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
          const token = base.callbacks.jwt({ ...params, user: { id: local.id, sessionVersion: local.sessionVersion } as never });
          return { ...token, sid: await startSignInSession(local.id, 'oidc', oidcVouchesForTwoFactors(params.profile, env.oidc)) };
        }
        if (params.user) return { ...base.callbacks.jwt(params), sid: await startSignInSession(params.user.id!, 'password', false) };
        const token = base.callbacks.jwt(params);
        // A session that sign-out, a disabled account or a reset ended, or one still pending its
        // second factor, gets nothing from /api/auth/session: Auth.js answers as for no session.
        if (token && (await sessionStateOf(token))?.kind !== 'active') return null;
        return token;
      },
    },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          // PASSWORD_SIGN_IN=off: this endpoint of Auth.js's own is closed too.
          if (!env.mfa.passwordSignIn) throw new InvalidCredentials();
          const check = await authenticateWithPassword(credentials, request);
          if (!check.ok) throw check.throttled ? new Throttled() : new InvalidCredentials();
          const { user } = check;
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        },
      }),
      ...(env.oidc ? [oidcProvider(env.oidc)] : []),
    ],
  };
});
