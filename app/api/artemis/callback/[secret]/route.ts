import { after } from 'next/server';
import { getEnv } from '@/lib/env';
import { resyncCustomer } from '@/lib/document-index/background';
import { receiveCustomerStatusCallback } from '@/lib/document-index/callback';

type Context = { params: Promise<{ secret: string }> };

// Machine-to-machine: Artemis has no user session; the secret path segment is the authorization
// (SPEC §7), checked in constant time before anything else happens.
async function handle(request: Request, { params }: Context): Promise<Response> {
  const { secret } = await params;
  return receiveCustomerStatusCallback(request, secret, {
    configuredSecret: getEnv().callbackSecret,
    schedule: (task) => after(task),
    resync: resyncCustomer,
  });
}

export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
