/**
 * Security headers for every response the proxy sees. Pure functions: the proxy supplies the
 * nonce and what it knows about the request.
 */

/** A fresh, unguessable nonce for one response's scripts. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Scripts run only with this response's nonce (and what they load, via 'strict-dynamic').
 * Inline styles stay allowed: React and the toast library set style attributes. `next dev`
 * needs eval for its tooling, so it is allowed there and nowhere else.
 */
export function contentSecurityPolicy(nonce: string, { development }: { development: boolean }): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'${development ? ' ws: wss:' : ''}`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `frame-ancestors 'none'`,
    `form-action 'self'`,
  ].join('; ');
}

/**
 * Every page and API answer may show customer data: nothing is kept by browsers or proxies, nor
 * sniffed into something runnable. Downloads set these themselves too, proxy or not.
 */
export const PRIVATE_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

export function securityHeaders({ https }: { https: boolean }): Record<string, string> {
  return {
    ...PRIVATE_HEADERS,
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'X-Frame-Options': 'DENY',
    // Browsers ignore HSTS over plain HTTP, and a local http deployment must stay reachable.
    ...(https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** True when an action may come from `origin`: the request's own host (as the proxy in front reports it) or a listed one. */
export function originAllowed(origin: string | null, requestHost: string | null, allowed: readonly string[]): boolean {
  if (!origin || origin === 'null' || !requestHost) return false;
  let host: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    host = url.host.toLowerCase();
  } catch {
    return false;
  }
  if (host === requestHost.toLowerCase()) return true;
  return allowed.some((pattern) => (pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern));
}
