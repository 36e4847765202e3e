import { NextResponse, type NextRequest } from 'next/server';
import { getEnv, type Env } from '@/lib/env';
import { clientAddress } from '@/lib/auth/client-address';
import { sessionAlive } from '@/lib/auth/session-limits';
import { sessionStateOf } from '@/lib/auth/sessions';
import { readSessionToken, reissuedSessionCookie, SESSION_COOKIE_NAMES, sessionCookieName, servedOverHttps } from '@/lib/auth/session-cookie';
import { refuseOverLimit, secondsUntilAdmitted } from '@/lib/evidence-access/access';
import { documentKeyFieldsSchema } from '@/lib/ids';
import { contentSecurityPolicy, createNonce, originAllowed, securityHeaders } from '@/lib/security/headers';

// For authorization this only redirects: every page, route handler and action checks the
// session itself (lib/auth). It also sets the security headers, refuses cross-origin action
// posts, re-issues the session cookie so that activity extends the idle limit, and answers 429
// for a review screen past the fair-use limit (a page cannot set that status; the page's own
// loader is what enforces the limit).
const RETURN_TO_HEADER = 'x-return-to';
const NONCE_HEADER = 'x-nonce';

// `/status` is the trivial page the benchmark compares against; it shows no data. `/.well-known/`
// publishes the evidence key, which examiners fetch without an account.
const PUBLIC_PREFIXES = ['/sign-in', '/status', '/api/', '/.well-known/'];

function isHttps(request: NextRequest): boolean {
  return servedOverHttps(request.nextUrl.protocol, request.headers);
}

function decorate(response: Response, request: NextRequest, csp: string): Response {
  for (const [name, value] of Object.entries(securityHeaders({ https: isHttps(request) }))) response.headers.set(name, value);
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

const REVIEW_SCREEN = /^\/customers\/([^/]+)\/documents\/([^/]+)\/?$/;

/**
 * Seconds until the signed-in person may open this review screen, or null: not a review screen,
 * not a session the gate accepts (the page redirects it), or admitted. A refusal is recorded.
 */
async function reviewScreenLimited(request: NextRequest, env: Env): Promise<number | null> {
  const match = REVIEW_SCREEN.exec(request.nextUrl.pathname);
  const key = documentKeyFieldsSchema.safeParse({ customerId: match?.[1], documentId: match?.[2] });
  if (!key.success) return null;
  const claims = readSessionToken(request.cookies, sessionCookieName(isHttps(request)), env.authSecret);
  // Most requests end at this reading; only one past the limit looks further.
  if (!claims || typeof claims.sub !== 'string' || (await secondsUntilAdmitted(claims.sub, key.data)) === null) return null;
  const state = sessionAlive(claims, env.session) ? await sessionStateOf(claims) : null;
  if (state?.kind !== 'active') return null;
  const source = { client: clientAddress(request.headers, env.trustedProxyHops), requestId: request.headers.get('x-request-id') };
  return refuseOverLimit(state.user, key.data, source);
}

function tooManyDocuments(retryAfterSeconds: number): NextResponse {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too many documents opened</title></head><body><main><h1>Too many documents opened</h1><p>You have opened as many documents as the fair-use limit allows in 10 minutes. This one opens again in about ${minutes} minute${minutes === 1 ? '' : 's'}.</p><p>The limit is on the record, as every view of the evidence is. If your work needs more, ask an admin.</p><p><a href="/queue">Back to the queue</a></p></main></body></html>`;
  return new NextResponse(body, {
    status: 429,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': String(retryAfterSeconds), 'Cache-Control': 'no-store' },
  });
}

function passOn(request: NextRequest, incoming: Headers): NextResponse {
  const headers = new Headers(incoming);
  headers.set(RETURN_TO_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export async function proxy(request: NextRequest): Promise<Response> {
  const env = getEnv();
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, { development: env.development });
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  const headers = new Headers(request.headers);
  headers.set(NONCE_HEADER, nonce);
  headers.set('Content-Security-Policy', csp);
  const { pathname } = request.nextUrl;
  const isPublic = PUBLIC_PREFIXES.some((prefix) => pathname === prefix.replace(/\/$/, '') || pathname.startsWith(prefix));

  // A POST to a page is a server action: only from this console's own pages. Next lets a
  // request without an Origin header through; this does not.
  if (request.method !== 'GET' && request.method !== 'HEAD' && !pathname.startsWith('/api/')) {
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
    if (!originAllowed(request.headers.get('origin'), host, env.allowedOrigins)) {
      return decorate(new NextResponse('Cross-origin request refused', { status: 403 }), request, csp);
    }
  }

  if (isPublic) return decorate(NextResponse.next({ request: { headers } }), request, csp);

  const hasSessionCookie = SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));
  if (!hasSessionCookie) {
    const signIn = new URL('/sign-in', request.url);
    const target = pathname + request.nextUrl.search;
    if (target !== '/') signIn.searchParams.set('callbackUrl', target);
    return decorate(NextResponse.redirect(signIn), request, csp);
  }

  // Actions may set or clear the session cookie themselves (sign-out): only reads re-issue it.
  if (request.method === 'GET') {
    const limited = await reviewScreenLimited(request, env);
    if (limited !== null) return decorate(tooManyDocuments(limited), request, csp);
    const response = passOn(request, headers);
    const cookie = reissuedSessionCookie(request.cookies, { https: isHttps(request), secret: env.authSecret, limits: env.session });
    if (cookie) response.cookies.set(cookie.name, cookie.value, cookie.options);
    return decorate(response, request, csp);
  }
  return decorate(passOn(request, headers), request, csp);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|icon.svg|favicon.ico|robots.txt).*)'],
};
