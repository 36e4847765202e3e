import { signOut } from '@/auth';
import { CLEAR_SITE_DATA } from '@/lib/auth/sign-out';

export const dynamic = 'force-dynamic';

/**
 * The header's `Sign out` (a same-origin fetch; the proxy refuses a post from another site).
 * Auth.js ends the session (lib/auth/sign-out.ts) and clears its cookie; the answer also clears
 * what the browser cached, which a server action's answer could not say.
 */
export async function POST(): Promise<Response> {
  await signOut({ redirect: false });
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store', ...CLEAR_SITE_DATA } });
}
