import type { NextRequest } from 'next/server';
import { handlers } from '@/auth';
import { CLEAR_SITE_DATA } from '@/lib/auth/sign-out';

export const { GET } = handlers;

/** Auth.js's own sign-out endpoint clears the browser's copy of the console too, as /sign-out does. */
export async function POST(request: NextRequest): Promise<Response> {
  const response = await handlers.POST(request);
  if (!request.nextUrl.pathname.endsWith('/signout')) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(CLEAR_SITE_DATA)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
