import { NextResponse, type NextRequest } from 'next/server';
import { getEnv } from '@/lib/env';
import { reissuedSessionCookie, SESSION_COOKIE_NAMES, servedOverHttps } from '@/lib/auth/session-cookie';
import { contentSecurityPolicy, createNonce, originAllowed, securityHeaders } from '@/lib/security/headers';

// For authorization this only redirects: every page, route handler and action checks the
// session itself (lib/auth). It also sets the security headers, refuses cross-origin action
// posts, and re-issues the session cookie so that activity extends the idle limit.
const RETURN_TO_HEADER = 'x-return-to';
const NONCE_HEADER = 'x-nonce';

// `/status` is the trivial page the benchmark compares against; it shows no data.
const PUBLIC_PREFIXES = ['/sign-in', '/status', '/api/'];

function isHttps(request: NextRequest): boolean {
  return servedOverHttps(request.nextUrl.protocol, request.headers);
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

export function proxy(request: NextRequest): Response {
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
