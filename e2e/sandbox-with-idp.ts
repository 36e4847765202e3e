import { startSandbox } from '../sandbox/server';
import { E2E } from './config';
import { createIdentityProvider } from './identity-provider';

// The test Artemis sandbox, with an OpenID provider on the same port (no extra port to collide).
const sandbox = await startSandbox({
  port: E2E.sandboxPort,
  clientId: E2E.clientId,
  clientSecret: E2E.clientSecret,
  domainId: E2E.domainId,
  tokenTtlSeconds: 120,
  mounts: {
    '/idp': createIdentityProvider({
      ...E2E.oidc,
      redirectUris: [E2E.appUrl, E2E.mfaUrl, `http://localhost:${E2E.spareStandalonePort}`].map((origin) => `${origin}/api/auth/callback/oidc`),
    }),
  },
});
console.log(`Sandbox at ${sandbox.url}, OpenID provider at ${E2E.oidc.issuer}`);
