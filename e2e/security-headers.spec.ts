import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E, serverLogFile, storageStateFor } from './config';
import { sandbox } from './sandbox-control';
import { SESSION_COOKIE, AUTH_SECRET, customerId, documentId, cookieHeader, appApi } from './security-support';

const api = appApi();

test.describe('headers and cookies', () => {
  test('pages carry a nonce CSP without unsafe-inline scripts, and every script has the nonce', async () => {
    const first = await api().get('/sign-in');
    const second = await api().get('/sign-in');
    const csp = first.headers()['content-security-policy']!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers()['content-security-policy']).not.toBe(csp);
    const scriptSrc = csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('script-src'))!;
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).not.toContain('unsafe-eval');
    expect(scriptSrc).toContain('strict-dynamic');
    for (const directive of [`default-src 'self'`, `object-src 'none'`, `base-uri 'none'`, `frame-ancestors 'none'`, `form-action 'self'`]) {
      expect(csp).toContain(directive);
    }
    const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  test('security headers on pages and API answers; no-store wherever data can appear; HSTS only over HTTPS', async () => {
    for (const [route, cookie] of [
      ['/sign-in', undefined],
      ['/customers', cookieHeader('reviewer')],
      [`/customers/${customerId}/documents/${documentId}`, cookieHeader('reviewer')],
      ['/admin/users', cookieHeader('admin')],
      ['/api/auth/session', cookieHeader('reviewer')],
    ] as const) {
      const response = await api().get(route, { headers: cookie ? { Cookie: cookie } : {}, maxRedirects: 0 });
      const headers = response.headers();
      expect(response.status(), route).toBe(200);
      expect(headers['x-content-type-options'], route).toBe('nosniff');
      expect(headers['referrer-policy'], route).toBe('no-referrer');
      expect(headers['permissions-policy'], route).toContain('camera=()');
      expect(headers['permissions-policy'], route).toContain('microphone=()');
      expect(headers['permissions-policy'], route).toContain('geolocation=()');
      expect(headers['cache-control'], route).toContain('no-store');
      expect(headers['content-security-policy'], route).toContain(`frame-ancestors 'none'`);
      expect(headers['strict-transport-security'], route).toBeUndefined();
      expect(headers['x-powered-by'], route).toBeUndefined();
    }
    const overHttps = await api().get('/sign-in', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(overHttps.headers()['strict-transport-security']).toMatch(/max-age=\d{7,}/);
  });

  test('session cookies are HttpOnly and SameSite=Lax, and __Secure-/__Host- prefixed over HTTPS', async () => {
    const state = JSON.parse(readFileSync(storageStateFor('reviewer'), 'utf8')) as {
      cookies: { name: string; httpOnly: boolean; sameSite: string }[];
    };
    const session = state.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    const overHttps = await api().get('/api/auth/csrf', { headers: { 'X-Forwarded-Proto': 'https' } });
    const setCookie = overHttps
      .headersArray()
      .filter((h) => h.name.toLowerCase() === 'set-cookie')
      .map((h) => h.value);
    expect(setCookie.some((c) => c.startsWith('__Host-authjs.csrf-token=') && /;\s*Secure/i.test(c) && /HttpOnly/i.test(c))).toBe(true);
  });
});

/** At least 30 strings that would run script if any of them were rendered as markup or followed as a URL. */

test.describe('secrets', () => {
  test('no secret in the client bundle, the HTML, the RSC payloads or the server log', async () => {
    await sandbox.reset();
    const pages = ['/customers', `/customers/${customerId}`, `/customers/${customerId}/documents/${documentId}`, '/admin/users', '/sign-in'];
    const served: string[] = [];
    for (const route of pages) {
      for (const headers of [{}, { RSC: '1' }] as Record<string, string>[]) {
        served.push(await (await api().get(route, { headers: { ...headers, Cookie: cookieHeader('admin') } })).text());
      }
    }
    const accessTokens = (await sandbox.requests()).map((r) => /^Bearer (.+)$/.exec(r.headers.authorization ?? '')?.[1]).filter((t): t is string => !!t);
    expect(accessTokens.length).toBeGreaterThan(0);
    const secrets = {
      clientSecret: E2E.clientSecret,
      ssoClientSecret: E2E.oidc.clientSecret,
      authSecret: AUTH_SECRET,
      ...Object.fromEntries(accessTokens.map((t, i) => [`accessToken${i}`, t])),
    };

    const bundle: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const file = path.join(dir, entry);
        if (statSync(file).isDirectory()) walk(file);
        else bundle.push(readFileSync(file, 'utf8'));
      }
    };
    walk('.next/static');
    expect(bundle.length).toBeGreaterThan(0);
    const log = readFileSync(serverLogFile, 'utf8');
    expect(log).toContain('Ready');

    for (const [name, secret] of Object.entries(secrets)) {
      expect(
        bundle.some((text) => text.includes(secret)),
        `${name} in .next/static`,
      ).toBe(false);
      expect(
        served.some((text) => text.includes(secret)),
        `${name} in HTML/RSC`,
      ).toBe(false);
      expect(log.includes(secret), `${name} in the server log`).toBe(false);
    }
  });
});
