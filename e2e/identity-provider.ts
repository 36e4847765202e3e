import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider for the end-to-end tests (the `oidc-provider` package with its
 * development login and consent pages): whatever login is typed becomes the subject, and the
 * subject is also the email, verified. A login `unverified:<email>` gives that email without
 * `email_verified`, and `unverified-string:<email>` with the string "false" instead of a boolean.
 */
export function createIdentityProvider(options: { issuer: string; clientId: string; clientSecret: string; redirectUri: string }) {
  const provider = new Provider(options.issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          const [, kind, email] = /^(unverified|unverified-string):(.+)$/.exec(sub) ?? [null, null, sub];
          const verified = kind === null ? { email_verified: true } : kind === 'unverified-string' ? { email_verified: 'false' } : {};
          return { sub, email, ...verified, name: `SSO ${email}` };
        },
      };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The console reads the email from the ID token.
    conformIdTokenClaims: false,
    cookies: { keys: ['e2e-identity-provider-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  provider.proxy = false;
  return provider.callback() as (req: IncomingMessage, res: ServerResponse) => void;
}
