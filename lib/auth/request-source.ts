import 'server-only';
import { headers } from 'next/headers';
import { getEnv } from '@/lib/env';
import { clientAddress } from './client-address';

/** The request being served, as the trail records it: the client's address and the console's request id. */
export async function requestSource(): Promise<{ client: string; requestId: string | null }> {
  const list = await headers();
  return { client: clientAddress(list, getEnv().trustedProxyHops), requestId: list.get('x-request-id') };
}
