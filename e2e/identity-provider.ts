import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider for the end-to-end tests (the `oidc-provider` package with its
 * development login and consent pages): whatever login is typed becomes the subject, and the
 * subject is also the email, verified.
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
          return { sub, email: sub, email_verified: true, name: `SSO ${sub}` };
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
