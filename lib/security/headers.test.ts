import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, originAllowed, securityHeaders } from './headers';

describe('content security policy', () => {
  it('allows scripts only by nonce, never unsafe-inline or eval in production', () => {
    const csp = contentSecurityPolicy('abc123', { development: false });
    const scripts = csp.split('; ').find((d) => d.startsWith('script-src'))!;
    expect(scripts).toBe(`script-src 'self' 'nonce-abc123' 'strict-dynamic'`);
    for (const directive of [`object-src 'none'`, `base-uri 'none'`, `frame-ancestors 'none'`, `form-action 'self'`, `img-src 'self' data: blob:`]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-eval');
  });

  it('allows eval in development only', () => {
    expect(contentSecurityPolicy('n', { development: true })).toContain(`'unsafe-eval'`);
  });

  it('nonces differ per call', () => {
    const a = createNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createNonce()).not.toBe(a);
  });
});

describe('security headers', () => {
  it('sends HSTS only over HTTPS', () => {
    expect(securityHeaders({ https: false })['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders({ https: true })['Strict-Transport-Security']).toMatch(/max-age=\d+/);
    expect(securityHeaders({ https: false })['Cache-Control']).toBe('no-store');
  });
});

describe('originAllowed', () => {
  it('accepts the same host and listed hosts only', () => {
    expect(originAllowed('http://localhost:3000', 'localhost:3000', [])).toBe(true);
    expect(originAllowed('http://evil.example', 'localhost:3000', [])).toBe(false);
    expect(originAllowed('https://console.example.com', 'internal:3000', ['console.example.com'])).toBe(true);
    expect(originAllowed('https://a.proxy.example', 'internal:3000', ['*.proxy.example'])).toBe(true);
    expect(originAllowed('https://proxy.example.evil', 'internal:3000', ['*.proxy.example'])).toBe(false);
  });

  it('refuses a missing, null or non-http origin', () => {
    expect(originAllowed(null, 'localhost:3000', [])).toBe(false);
    expect(originAllowed('null', 'localhost:3000', ['null'])).toBe(false);
    expect(originAllowed('file://localhost:3000', 'localhost:3000', [])).toBe(false);
    expect(originAllowed('not a url', 'localhost:3000', [])).toBe(false);
  });
});
