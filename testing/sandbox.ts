import { createArtemisClient, type ArtemisClient } from '@/lib/artemis/client';
import type { Sandbox } from '@/sandbox/server';

/** The console's Artemis client for a test sandbox (sandbox/): its credentials, no waits between retries. */
export function sandboxArtemisClient(sandbox: Pick<Sandbox, 'url'>): ArtemisClient {
  return createArtemisClient(
    {
      apiUrl: sandbox.url,
      tokenUrl: `${sandbox.url}/oauth/token`,
      clientId: 'sandbox-client',
      clientSecret: 'sandbox-secret',
      domainId: '4242',
      timeoutMs: 5000,
    },
    { sleep: async () => undefined },
  );
}
