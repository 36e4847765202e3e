// Shared by the security journeys: hostile sessions, the build's routes and actions, and what
// must never leak.
import { readFileSync } from 'node:fs';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { decode, encode } from 'next-auth/jwt';
import { createDemoSeed, SEED_CASES } from '../sandbox/seed';
import { openSessionIdsOf, userByEmail } from './audit-db';
import { E2E, storageStateFor, type E2ERole } from './config';

export const SESSION_COOKIE = 'authjs.session-token';
export const AUTH_SECRET = E2E.appEnv.AUTH_SECRET!;
export const { customerId, documentId } = SEED_CASES.failed;

/** Strings that only customer data (or account data) contains: none may reach a stranger. */
export const CUSTOMER_MARKERS = (() => {
  const seed = createDemoSeed('http://127.0.0.1');
  const markers = new Set<string>();
  for (const customer of seed.customers) {
    const name = (customer.particular as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string' && /^[\p{L} '.-]{6,}$/u.test(name)) markers.add(name);
    if (typeof customer.referenceId === 'string' && /^[\w-]{6,}$/.test(customer.referenceId)) markers.add(customer.referenceId);
  }
  for (const doc of seed.documents) if (typeof doc.number === 'string' && /^[\w-]{6,}$/.test(doc.number)) markers.add(doc.number);
  for (const user of Object.values(E2E.users)) markers.add(user.email);
  return [...markers];
})();

export function leakedMarkers(body: string): string[] {
  return CUSTOMER_MARKERS.filter((marker) => body.includes(marker));
}

export function cookieHeader(role: E2ERole): string {
  const state = JSON.parse(readFileSync(storageStateFor(role), 'utf8')) as { cookies: { name: string; value: string }[] };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export async function mint(claims: Record<string, unknown>, { secret = AUTH_SECRET, maxAge = 600 } = {}): Promise<string> {
  return encode({ token: claims, secret, salt: SESSION_COOKIE, maxAge });
}

/** The claims of a role's signed-in session (its storage state's cookie), to mint variations of. */
export async function sessionClaimsOf(role: E2ERole): Promise<Record<string, unknown>> {
  const value = cookieHeader(role)
    .split('; ')
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))!
    .slice(SESSION_COOKIE.length + 1);
  return (await decode({ token: value, secret: AUTH_SECRET, salt: SESSION_COOKIE })) as Record<string, unknown>;
}

/**
 * Session cookies that must not open anything: none, garbage, wrong key, expired, too old, idle,
 * old format, stale version, no session row. Each names the admin's real session, so that the
 * one defect its name gives is what is refused.
 */
export async function hostileSessions(): Promise<{ name: string; cookie: string | null }[]> {
  const admin = userByEmail(E2E.users.admin.email)!;
  const base = { sub: admin.id, sv: admin.session_version, sid: (await sessionClaimsOf('admin')).sid };
  const now = nowSeconds();
  return [
    { name: 'no session', cookie: null },
    { name: 'garbage cookie', cookie: `${SESSION_COOKIE}=forged.${'A'.repeat(40)}` },
    {
      name: 'another key',
      cookie: `${SESSION_COOKIE}=${await mint({ ...base, authTime: now, lastSeen: now }, { secret: 'not-the-secret-0123456789abcdef0123456789' })}`,
    },
    { name: 'expired', cookie: `${SESSION_COOKIE}=${await mint({ ...base, authTime: now - 7200, lastSeen: now - 3600 }, { maxAge: -60 })}` },
    { name: 'past absolute limit', cookie: `${SESSION_COOKIE}=${await mint({ ...base, authTime: now - 9 * 3600, lastSeen: now })}` },
    { name: 'idle too long', cookie: `${SESSION_COOKIE}=${await mint({ ...base, authTime: now - 3600, lastSeen: now - 31 * 60 })}` },
    { name: 'without session times', cookie: `${SESSION_COOKIE}=${await mint(base)}` },
    { name: 'stale session version', cookie: `${SESSION_COOKIE}=${await mint({ ...base, sv: admin.session_version + 7, authTime: now, lastSeen: now })}` },
    { name: 'no session row', cookie: `${SESSION_COOKIE}=${await mint({ ...base, sid: undefined, authTime: now, lastSeen: now })}` },
    {
      name: 'another account’s session',
      cookie: `${SESSION_COOKIE}=${await mint({ ...base, sid: (await sessionClaimsOf('auditor')).sid, authTime: now, lastSeen: now })}`,
    },
  ];
}

/** Every page and route handler of this build, dynamic segments filled with seeded ids. */
export function builtRoutes(): string[] {
  const manifest = JSON.parse(readFileSync('.next/app-path-routes-manifest.json', 'utf8')) as Record<string, string>;
  const routes = Object.values(manifest).map((route) =>
    route
      .replace('[customerId]', String(customerId))
      .replace('[documentId]', String(documentId))
      .replace('[...nextauth]', 'session')
      // The callback receiver is public by design (its URL carries the secret): a wrong one.
      .replace('[secret]', 'not-the-callback-secret')
      .replace('[endpointId]', '00000000-0000-4000-8000-000000000000'),
  );
  expect(routes.filter((r) => r.includes('['))).toEqual([]);
  return [...new Set(routes)];
}

/** Every page of the console (inside its signed-in layout), with its route's segments. */
export function builtConsolePages(): { route: string; segments: string[] }[] {
  const manifest = JSON.parse(readFileSync('.next/app-path-routes-manifest.json', 'utf8')) as Record<string, string>;
  return Object.entries(manifest)
    .filter(([entry]) => entry.startsWith('/(console)/') && entry.endsWith('/page'))
    .map(([entry, route]) => ({
      route: fillSegments(route),
      segments: fillSegments(entry.replace(/\/page$/, ''))
        .split('/')
        .filter(Boolean),
    }));
}

const fillSegments = (route: string) => route.replace('[customerId]', String(customerId)).replace('[documentId]', String(documentId));

/** The router state a browser sends on a client-side navigation from the page at `segments`. */
function routerStateFrom(segments: string[]): unknown {
  const page: unknown[] = ['__PAGE__', {}];
  return ['', { children: segments.reduceRight<unknown[]>((inner, segment) => [segment, { children: inner }], page) }];
}

/**
 * GET `route` as the client router does when navigating from the page at `from`: an RSC request
 * whose router state says the layouts on the way are already on the client, so Next need not
 * render them again. Next first redirects to add its cache-busting `_rsc` parameter; followed.
 */
export function clientNavigation(api: APIRequestContext, route: string, from: string[], headers: Record<string, string> = {}) {
  return getFollowingRsc(api, route, { RSC: '1', 'Next-Router-State-Tree': encodeURIComponent(JSON.stringify(routerStateFrom(from))), ...headers });
}

/** A GET that follows only Next's redirect to its `_rsc` parameter, with the same headers. */
export async function getFollowingRsc(api: APIRequestContext, route: string, headers: Record<string, string>) {
  const request = { headers, maxRedirects: 0, failOnStatusCode: false };
  const first = await api.get(route, request);
  const location = first.headers()['location'];
  return first.status() === 307 && location !== undefined && /[?&]_rsc(=|&|$)/.test(location) ? api.get(location, request) : first;
}

export type BuiltAction = { id: string; name: string; page: string };

/** Every server action of this build, with a page that hosts it. */
export function builtActions(): BuiltAction[] {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0]!;
    const page =
      worker
        .replace(/^app/, '')
        .replace(/\/page$/, '')
        .replace(/\/\([^)]+\)/g, '')
        .replace('[customerId]', String(customerId))
        .replace('[documentId]', String(documentId)) || '/';
    return { id, name: entry.exportedName ?? id, page };
  });
}

export function actionArguments(name: string): unknown[] {
  const admin = userByEmail(E2E.users.admin.email)!;
  const auditor = userByEmail(E2E.users.auditor.email)!;
  switch (name) {
    case 'saveOverrideAction':
      return [
        {
          customerId,
          documentId,
          seenVersion: 'x',
          conclusion: 'pass',
          facialCheck: 'pass',
          reasonCode: 'OTHER',
          reason: 'Forged request from the security suite.',
        },
      ];
    case 'recordQaVerdictAction':
      return [{ customerId, documentId, seenVersion: 'x', verdict: 'disagree', reasonCode: 'OTHER', reason: 'Forged request from the security suite.' }];
    case 'addNoteAction':
      return [{ customerId, documentId, text: 'Forged note from the security suite.' }];
    case 'escalateAction':
    case 'returnToQueueAction':
      return [{ customerId, documentId, reason: 'Forged request from the security suite.' }];
    case 'assignAction':
      return [{ assigneeId: auditor.id, documents: [{ customerId, documentId }] }];
    case 'unassignMeAction':
      return [{ customerId, documentId }];
    case 'addUserAction':
      return [{ email: 'intruder@example.test', role: 'admin', password: 'intruder password 1' }];
    case 'changeUserRoleAction':
      return [{ userId: auditor.id, role: 'admin' }];
    case 'resetUserPasswordAction':
    case 'endUserSessionsAction':
      return [{ userId: admin.id }];
    case 'changePasswordAction':
      return [{ currentPassword: E2E.users.admin.password, newPassword: 'intruder password 1' }];
    case 'choosePasswordAction':
      return [{ newPassword: 'intruder password 1' }];
    case 'endSessionAction':
      // Another account's real session: ending it takes being that account.
      return [{ sessionId: openSessionIdsOf(E2E.users.admin.email)[0] }];
    default:
      return [{ userId: auditor.id }];
  }
}

export function postAction(api: APIRequestContext, action: BuiltAction, headers: Record<string, string>, body?: string) {
  return api.post(action.page, {
    headers: { 'Next-Action': action.id, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component', ...headers },
    data: body ?? JSON.stringify(actionArguments(action.name)),
    maxRedirects: 0,
    failOnStatusCode: false,
  });
}

/** An API context on the main instance for the file's tests, opened before them and closed after. */
export function appApi(): () => APIRequestContext {
  let api: APIRequestContext;
  test.beforeAll(async () => {
    api = await playwrightRequest.newContext({ baseURL: E2E.appUrl });
  });
  test.afterAll(async () => {
    await api.dispose();
  });
  return () => api;
}
