import NextAuth from 'next-auth';
import { NextRequest, NextResponse, type NextFetchEvent } from 'next/server';
import { createAuthConfig } from './auth.config';
import { authLogger } from '@/lib/auth/logger';
import { getEnv } from '@/lib/env';
import { contentSecurityPolicy, createNonce, originAllowed, securityHeaders } from '@/lib/security/headers';

// For authorization this only redirects: every page, route handler and action checks the
// session itself (lib/auth). It also sets the security headers, refuses cross-origin action
// posts, and re-issues the session cookie so that activity extends the idle limit.
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];
export const RETURN_TO_HEADER = 'x-return-to';
export const NONCE_HEADER = 'x-nonce';

// `/status` is the trivial page the benchmark compares against; it shows no data.
const PUBLIC_PREFIXES = ['/sign-in', '/status', '/api/'];

// Lazy: the configuration is read at the first request, not when the build imports this file.
const { auth: withSession } = NextAuth(() => ({
  ...createAuthConfig(getEnv().session),
  secret: getEnv().authSecret,
  trustHost: true,
  logger: authLogger,
}));

type SessionRefresher = (request: NextRequest, event: NextFetchEvent) => Promise<Response | void>;
let refresher: Promise<SessionRefresher> | undefined;

/** Reads the session cookie through Auth.js, which answers with the cookie re-issued. */
function refreshSession(request: NextRequest, event: NextFetchEvent): Promise<Response | void> {
  // With a lazy configuration Auth.js hands the wrapped handler back as a promise.
  refresher ??= Promise.resolve(
    withSession((req) => passOn(req, req.headers)) as unknown as SessionRefresher | Promise<SessionRefresher>,
  );
  return refresher.then((refresh) => refresh(request, event));
}

function isHttps(request: NextRequest): boolean {
  return request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

function decorate(response: Response, request: NextRequest, csp: string): Response {
  for (const [name, value] of Object.entries(securityHeaders({ https: isHttps(request) }))) response.headers.set(name, value);
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

function passOn(request: NextRequest, incoming: Headers): NextResponse {
  const headers = new Headers(incoming);
  headers.set(RETURN_TO_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
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

  const hasSessionCookie = SESSION_COOKIES.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));
  if (!hasSessionCookie) {
    const signIn = new URL('/sign-in', request.url);
    const target = pathname + request.nextUrl.search;
    if (target !== '/') signIn.searchParams.set('callbackUrl', target);
    return decorate(NextResponse.redirect(signIn), request, csp);
  }

  // Actions may set or clear the session cookie themselves (sign-out): only reads re-issue it.
  if (request.method === 'GET') {
    const withHeaders = new NextRequest(request, { headers });
    const response = await refreshSession(withHeaders, event);
    return decorate(response ?? passOn(request, headers), request, csp);
  }
  return decorate(passOn(request, headers), request, csp);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|icon.svg|favicon.ico|robots.txt).*)'],
};
