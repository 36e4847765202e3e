import { NextResponse, type NextRequest } from 'next/server';

// Only redirects: every page, route handler and action checks the session itself (lib/auth).
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];
export const RETURN_TO_HEADER = 'x-return-to';

export function proxy(request: NextRequest) {
  const target = request.nextUrl.pathname + request.nextUrl.search;
  const hasSessionCookie = SESSION_COOKIES.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));
  if (!hasSessionCookie) {
    const signIn = new URL('/sign-in', request.url);
    if (target !== '/') signIn.searchParams.set('callbackUrl', target);
    return NextResponse.redirect(signIn);
  }
  // Lets a page whose session turns out to be invalid send the user back here after sign-in.
  const headers = new Headers(request.headers);
  headers.set(RETURN_TO_HEADER, target);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!api/|sign-in|status|_next/|icon.svg|favicon.ico|robots.txt).*)'],
};
