import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider from 'oidc-provider';
import { E2E_ACR } from './single-sign-on';

/**
 * A real OpenID Connect provider for the end-to-end tests (the `oidc-provider` package with its
 * development login and consent pages): whatever login is typed becomes the subject, and the
 * subject is also the email, verified. A login `unverified:<email>` gives that email without
 * `email_verified`, and `unverified-string:<email>` with the string "false" instead of a boolean.
 * `mfa:<email>` signs in saying the provider checked two factors (`amr` ["pwd", "otp"]), and
 * `acr:<email>` at the level E2E_ACR names; any other login says only `amr` ["pwd"].
 */
export function createIdentityProvider(options: { issuer: string; clientId: string; clientSecret: string; redirectUris: string[] }) {
  const provider = new Provider(options.issuer, {
    acrValues: [E2E_ACR],
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          const [, kind, email] = /^(unverified|unverified-string|mfa|acr):(.+)$/.exec(sub) ?? [null, null, sub];
          const verified = kind === 'unverified' ? {} : kind === 'unverified-string' ? { email_verified: 'false' } : { email_verified: true };
          return { sub, email, ...verified, name: `SSO ${email}` };
        },
      };
    },
    // acr and amr go with the openid scope, so that every ID token that has them carries them.
    claims: { openid: ['sub', 'acr', 'amr'], email: ['email', 'email_verified'], profile: ['name'] },
    // The console reads the email from the ID token.
    conformIdTokenClaims: false,
    cookies: { keys: ['e2e-identity-provider-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  provider.proxy = false;
  // The development login pages record no authentication methods: the login name chooses them.
  const finish = provider.interactionFinished.bind(provider);
  provider.interactionFinished = (req, res, result, finishOptions) => {
    const login = (result as { login?: { accountId?: string; amr?: string[]; acr?: string } }).login;
    if (login?.accountId) {
      login.amr = login.accountId.startsWith('mfa:') ? ['pwd', 'otp'] : ['pwd'];
      if (login.accountId.startsWith('acr:')) login.acr = E2E_ACR;
    }
    return finish(req, res, result, finishOptions);
  };
  return provider.callback() as (req: IncomingMessage, res: ServerResponse) => void;
}
