import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { encode } from 'next-auth/jwt';
import { createDemoSeed, SEED_CASES } from '../sandbox/seed';
import { auditEvents, lastAuditSeq, userByEmail } from './audit-db';
import { E2E, serverLogFile, storageStateFor, type E2ERole } from './config';
import { sandbox } from './sandbox-control';

const SESSION_COOKIE = 'authjs.session-token';
const AUTH_SECRET = E2E.appEnv.AUTH_SECRET!;
const { customerId, documentId } = SEED_CASES.failed;

/** Strings that only customer data (or account data) contains: none may reach a stranger. */
const CUSTOMER_MARKERS = (() => {
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

function leakedMarkers(body: string): string[] {
  return CUSTOMER_MARKERS.filter((marker) => body.includes(marker));
}

function cookieHeader(role: E2ERole): string {
  const state = JSON.parse(readFileSync(storageStateFor(role), 'utf8')) as { cookies: { name: string; value: string }[] };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function mint(claims: Record<string, unknown>, { secret = AUTH_SECRET, maxAge = 600 } = {}): Promise<string> {
  return encode({ token: claims, secret, salt: SESSION_COOKIE, maxAge });
}

/** Session cookies that must not open anything: none, garbage, wrong key, expired, too old, idle, old format, stale version. */
async function hostileSessions(): Promise<{ name: string; cookie: string | null }[]> {
  const admin = userByEmail(E2E.users.admin.email)!;
  const base = { sub: admin.id, sv: admin.session_version };
  const now = nowSeconds();
  return [
    { name: 'no session', cookie: null },
    { name: 'garbage cookie', cookie: `${SESSION_COOKIE}=forged.${'A'.repeat(40)}` },
    { name: 'another key', cookie: `${SESSION_COOKIE}=${await mint({ ...base, authTime: now, lastSeen: now }, { secret: 'not-the-secret-0123456789abcdef0123456789' })}` },
    { name: 'expired', cookie: `${SESSION_COOKIE}=${await mint({ ...base, authTime: now - 7200, lastSeen: now - 3600 }, { maxAge: -60 })}` },
    { name: 'past absolute limit', cookie: `${SESSION_COOKIE}=${await mint({ ...base, authTime: now - 9 * 3600, lastSeen: now })}` },
    { name: 'idle too long', cookie: `${SESSION_COOKIE}=${await mint({ ...base, authTime: now - 3600, lastSeen: now - 31 * 60 })}` },
    { name: 'without session times', cookie: `${SESSION_COOKIE}=${await mint(base)}` },
    { name: 'stale session version', cookie: `${SESSION_COOKIE}=${await mint({ ...base, sv: admin.session_version + 7, authTime: now, lastSeen: now })}` },
  ];
}

/** Every page and route handler of this build, dynamic segments filled with seeded ids. */
function builtRoutes(): string[] {
  const manifest = JSON.parse(readFileSync('.next/app-path-routes-manifest.json', 'utf8')) as Record<string, string>;
  const routes = Object.values(manifest).map((route) =>
    route
      .replace('[customerId]', String(customerId))
      .replace('[documentId]', String(documentId))
      .replace('[...nextauth]', 'session')
      // The callback receiver is public by design (its URL carries the secret): a wrong one.
      .replace('[secret]', 'not-the-callback-secret'),
  );
  expect(routes.filter((r) => r.includes('['))).toEqual([]);
  return [...new Set(routes)];
}

type BuiltAction = { id: string; name: string; page: string };

/** Every server action of this build, with a page that hosts it. */
function builtActions(): BuiltAction[] {
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

function actionArguments(name: string): unknown[] {
  const admin = userByEmail(E2E.users.admin.email)!;
  const auditor = userByEmail(E2E.users.auditor.email)!;
  switch (name) {
    case 'saveOverrideAction':
      return [{ customerId, documentId, seenVersion: 'x', conclusion: 'pass', facialCheck: 'pass', reasonCode: 'OTHER', reason: 'Forged request from the security suite.' }];
    case 'addUserAction':
      return [{ email: 'intruder@example.test', role: 'admin', password: 'intruder password 1' }];
    case 'changeUserRoleAction':
      return [{ userId: auditor.id, role: 'admin' }];
    case 'resetUserPasswordAction':
      return [{ userId: admin.id, password: 'intruder password 1' }];
    default:
      return [{ userId: auditor.id }];
  }
}

function postAction(api: APIRequestContext, action: BuiltAction, headers: Record<string, string>, body?: string) {
  return api.post(action.page, {
    headers: { 'Next-Action': action.id, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component', ...headers },
    data: body ?? JSON.stringify(actionArguments(action.name)),
    maxRedirects: 0,
    failOnStatusCode: false,
  });
}

let api: APIRequestContext;
test.beforeAll(async () => {
  api = await playwrightRequest.newContext({ baseURL: E2E.appUrl });
});
test.afterAll(async () => {
  await api.dispose();
});

test.describe('without a valid session', () => {
  test('no page, payload or route handler shows customer data or calls Artemis', async () => {
    test.setTimeout(120_000);
    const routes = builtRoutes();
    expect(routes).toEqual(expect.arrayContaining(['/customers', `/customers/${customerId}/documents/${documentId}`, '/admin/users']));
    const variants: Record<string, Record<string, string>> = {
      page: {},
      rsc: { RSC: '1' },
      prefetch: { RSC: '1', 'Next-Router-Prefetch': '1' },
    };
    await sandbox.clearRequests();
    for (const session of await hostileSessions()) {
      for (const route of routes) {
        for (const [variant, headers] of Object.entries(variants)) {
          const response = await api.get(route, {
            headers: { ...headers, ...(session.cookie ? { Cookie: session.cookie } : {}) },
            maxRedirects: 0,
            failOnStatusCode: false,
          });
          const body = await response.text();
          const label = `${session.name} ${variant} ${route} → ${response.status()}`;
          expect(leakedMarkers(body), label).toEqual([]);
          // The global error page answers 500 by design; every other route must not fail.
          if (route !== '/_global-error') expect(response.status(), label).toBeLessThan(500);
        }
      }
    }
    expect(await sandbox.stats()).toEqual({ tokenRequests: 0, apiRequests: 0 });
  });

  test('no server action does anything', async () => {
    test.setTimeout(120_000);
    const actions = builtActions();
    expect(actions.map((a) => a.name)).toEqual(
      expect.arrayContaining([
        'saveOverrideAction',
        'decideProposalAction',
        'renewClaimAction',
        'takeOverClaimAction',
        'addUserAction',
        'disableUserAction',
        'enableUserAction',
        'changeUserRoleAction',
        'resetUserPasswordAction',
      ]),
    );
    const auditorBefore = userByEmail(E2E.users.auditor.email)!;
    const adminBefore = userByEmail(E2E.users.admin.email)!;
    await sandbox.clearRequests();
    for (const session of await hostileSessions()) {
      for (const action of actions.filter((a) => a.name !== 'signInWithPasswordAction')) {
        const response = await postAction(api, action, { Origin: E2E.appUrl, ...(session.cookie ? { Cookie: session.cookie } : {}) });
        const body = await response.text();
        expect(leakedMarkers(body), `${session.name} ${action.name}`).toEqual([]);
      }
    }
    expect(await sandbox.stats()).toEqual({ tokenRequests: 0, apiRequests: 0 });
    expect(userByEmail('intruder@example.test')).toBeUndefined();
    expect(userByEmail(E2E.users.auditor.email)).toEqual(auditorBefore);
    expect(userByEmail(E2E.users.admin.email)).toEqual(adminBefore);
  });

  test('a correctly minted session is accepted, so the refusals above are meaningful', async () => {
    const admin = userByEmail(E2E.users.admin.email)!;
    const now = nowSeconds();
    const token = await mint({ sub: admin.id, sv: admin.session_version, authTime: now - 60, lastSeen: now - 60 });
    const response = await api.get('/admin/users', { headers: { Cookie: `${SESSION_COOKIE}=${token}` }, maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain(E2E.users.auditor.email);
  });
});

test.describe('role enforcement', () => {
  test.use({ storageState: storageStateFor('reviewer') });

  test('an auditor replaying the override action captured from a reviewer page is refused and recorded', async ({ page }) => {
    await sandbox.reset();
    await page.goto(`/customers/${customerId}/documents/${documentId}`);
    const form = page.getByRole('form', { name: 'Override' });
    await form.getByRole('radiogroup', { name: 'Conclusion' }).getByRole('radio', { name: 'Pass' }).check();
    await form.getByRole('radiogroup', { name: 'Facial check' }).getByRole('radio', { name: 'Pass' }).check();
    await form.getByLabel('Reason code').selectOption('OTHER');
    await form.getByLabel('Reason', { exact: true }).fill('Captured for a replay by another role.');

    // The reviewer's own request is captured and never sent.
    let captured: { url: string; headers: Record<string, string>; body: string } | undefined;
    await page.route('**/*', async (route) => {
      const req = route.request();
      if (req.method() === 'POST' && req.headers()['next-action']) {
        captured = { url: req.url(), headers: req.headers(), body: req.postData() ?? '' };
        await route.abort();
        return;
      }
      await route.continue();
    });
    await form.getByRole('button', { name: 'Save override' }).click();
    await expect.poll(() => captured).toBeTruthy();

    await sandbox.clearRequests();
    const since = lastAuditSeq();
    const response = await api.post(captured!.url, {
      headers: {
        'Next-Action': captured!.headers['next-action']!,
        'Content-Type': captured!.headers['content-type']!,
        Accept: 'text/x-component',
        Origin: E2E.appUrl,
        Cookie: cookieHeader('auditor'),
      },
      data: captured!.body,
      maxRedirects: 0,
    });
    expect(await response.text()).toContain('Your role does not allow this action.');
    expect(await sandbox.stats()).toEqual({ tokenRequests: 0, apiRequests: 0 });
    const denied = auditEvents({ since, action: 'override.denied' });
    expect(denied).toHaveLength(1);
    expect(denied[0]!.actor_email).toBe(E2E.users.auditor.email);
    expect(auditEvents({ since }).filter((e) => e.action.startsWith('override.') && e.action !== 'override.denied')).toEqual([]);
  });

  test('a customer and a document that do not belong together are not found, and nothing is sent', async ({ page }) => {
    await sandbox.clearRequests();
    const response = await page.goto(`/customers/${SEED_CASES.cleanPass.customerId}/documents/${documentId}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Face details' })).toHaveCount(0);

    const action = builtActions().find((a) => a.name === 'saveOverrideAction')!;
    const replay = await postAction(
      api,
      action,
      { Origin: E2E.appUrl, Cookie: cookieHeader('reviewer') },
      JSON.stringify([{ ...(actionArguments('saveOverrideAction')[0] as object), customerId: SEED_CASES.cleanPass.customerId }]),
    );
    expect(await replay.text()).not.toContain('"ok":true');
    expect(await sandbox.livenessPuts()).toHaveLength(0);
  });
});

test.describe('action requests', () => {
  const overrideBody = () => JSON.stringify(actionArguments('saveOverrideAction'));

  test('cross-origin, Origin: null and Origin-less posts are refused before the action runs', async () => {
    const action = builtActions().find((a) => a.name === 'saveOverrideAction')!;
    await sandbox.clearRequests();
    for (const origin of ['http://evil.example', 'null', `http://localhost:${E2E.appPort + 1}`, undefined]) {
      const response = await postAction(api, action, { Cookie: cookieHeader('reviewer'), ...(origin ? { Origin: origin } : {}) }, overrideBody());
      expect(response.status(), `Origin ${origin}`).toBe(403);
    }
    expect(await sandbox.stats()).toEqual({ tokenRequests: 0, apiRequests: 0 });
  });

  test('oversized, malformed and unknown-action bodies get an error while the server keeps serving', async () => {
    const action = builtActions().find((a) => a.name === 'saveOverrideAction')!;
    const headers = { Origin: E2E.appUrl, Cookie: cookieHeader('reviewer') };
    await sandbox.clearRequests();

    const oversized = await postAction(api, action, headers, JSON.stringify([{ reason: 'x'.repeat(300_000) }]));
    expect(oversized.status()).toBeGreaterThanOrEqual(400);
    const malformed = await postAction(api, action, headers, '[{"customerId": 1003, ');
    expect(malformed.status()).toBeGreaterThanOrEqual(400);
    const unknown = await postAction(api, { ...action, id: '7f'.repeat(21) }, headers, '[]');
    expect(unknown.status()).toBeGreaterThanOrEqual(400);

    expect(await sandbox.livenessPuts()).toHaveLength(0);
    expect((await api.get('/sign-in')).status()).toBe(200);
    const signedIn = await api.get('/customers', { headers: { Cookie: cookieHeader('reviewer') } });
    expect(signedIn.status()).toBe(200);
  });
});

test.describe('headers and cookies', () => {
  test('pages carry a nonce CSP without unsafe-inline scripts, and every script has the nonce', async () => {
    const first = await api.get('/sign-in');
    const second = await api.get('/sign-in');
    const csp = first.headers()['content-security-policy']!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers()['content-security-policy']).not.toBe(csp);
    const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'))!;
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
      const response = await api.get(route, { headers: cookie ? { Cookie: cookie } : {}, maxRedirects: 0 });
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
    const overHttps = await api.get('/sign-in', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(overHttps.headers()['strict-transport-security']).toMatch(/max-age=\d{7,}/);
  });

  test('session cookies are HttpOnly and SameSite=Lax, and __Secure-/__Host- prefixed over HTTPS', async () => {
    const state = JSON.parse(readFileSync(storageStateFor('reviewer'), 'utf8')) as {
      cookies: { name: string; httpOnly: boolean; sameSite: string }[];
    };
    const session = state.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    const overHttps = await api.get('/api/auth/csrf', { headers: { 'X-Forwarded-Proto': 'https' } });
    const setCookie = overHttps.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);
    expect(setCookie.some((c) => c.startsWith('__Host-authjs.csrf-token=') && /;\s*Secure/i.test(c) && /HttpOnly/i.test(c))).toBe(true);
  });
});

/** At least 30 strings that would run script if any of them were rendered as markup or followed as a URL. */
const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '"><svg onload="window.__pwned=3">',
  "'><img src=x onerror=window.__pwned=4>",
  '</script><script>window.__pwned=5</script>',
  'javascript:window.__pwned=6',
  '<iframe srcdoc="<script>parent.__pwned=7</script>"></iframe>',
  '<a href="javascript:window.__pwned=8">open</a>',
  '<details open ontoggle="window.__pwned=9">',
  '<body onload="window.__pwned=10">',
  '<input autofocus onfocus="window.__pwned=11">',
  '<math><mi xlink:href="javascript:window.__pwned=12">x</mi></math>',
  '<object data="javascript:window.__pwned=13"></object>',
  '<embed src="javascript:window.__pwned=14">',
  '<base href="javascript:window.__pwned=15//">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=16">',
  '<style>*{background:url("javascript:window.__pwned=17")}</style>',
  "{{constructor.constructor('window.__pwned=18')()}}",
  '${window.__pwned=19}',
  '"}]</script><script>window.__pwned=20</script>',
  '\u2028\u2029<script>window.__pwned=21</script>',
  '<svg><script>window.__pwned=22</script></svg>',
  '<img src="x" onerror="alert(23)">',
  '<video><source onerror="window.__pwned=24"></video>',
  '<marquee onstart="window.__pwned=25">',
  '<form action="javascript:window.__pwned=26"><button>go</button></form>',
  '<noscript><p title="</noscript><img src=x onerror=window.__pwned=27>">',
  '<template><img src=x onerror=window.__pwned=28></template>',
  '<div onmouseover="window.__pwned=29" style="position:fixed;inset:0">',
  `data:text/html;base64,${Buffer.from('<script>window.__pwned=30</script>').toString('base64')}`,
  "<img src=x:x onerror=eval(atob('d2luZG93Ll9fcHduZWQ9MzE='))>",
  '%3Cscript%3Ewindow.__pwned=32%3C/script%3E',
  '<svg/onload=window.__pwned=33>',
  '&lt;img src=x onerror=window.__pwned=34&gt;',
  '<link rel=stylesheet href="javascript:window.__pwned=35">',
  'confirm(36)//<script>confirm(36)</script>',
];

const HOSTILE_IMAGES = [
  'javascript:window.__pwned=40',
  `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=41"><script>window.__pwned=41</script></svg>').toString('base64')}`,
  'data:text/html,<script>window.__pwned=42</script>',
  '"><img src=x onerror=window.__pwned=43>',
];

test.describe('hostile data from Artemis', () => {
  test.use({ storageState: storageStateFor('admin') });
  test.afterEach(async () => {
    await sandbox.reset();
  });

  test('none of 40 hostile strings in names, numbers, reasons and images executes or trips the CSP', async ({ page }) => {
    test.setTimeout(120_000);
    expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
    const cases = Object.values(SEED_CASES).filter((c, i, all) => all.findIndex((o) => o.customerId === c.customerId) === i).slice(0, 12);
    for (const [i, { customerId: cid, documentId: did }] of cases.entries()) {
      const [name, reference, number] = [HOSTILE[i * 3]!, HOSTILE[i * 3 + 1]!, HOSTILE[i * 3 + 2] ?? HOSTILE[i]!];
      await sandbox.patchCustomer(cid, { particular: { name, nationality: '<b>SG</b>', dateOfBirth: HOSTILE[(i + 5) % HOSTILE.length] }, referenceId: reference });
      const image = HOSTILE_IMAGES[i % HOSTILE_IMAGES.length]!;
      await sandbox.patchDocument(cid, did, { number, type: HOSTILE[(i + 7) % HOSTILE.length], frontName: HOSTILE[(i + 9) % HOSTILE.length], front: image });
      await sandbox.touch(cid, did, {
        mergeLiveness: {
          referenceImage: image,
          auditImages: JSON.stringify(HOSTILE_IMAGES),
          reason: HOSTILE[(i + 11) % HOSTILE.length],
          ...(i % 4 === 3 ? { liivenessConfidence: HOSTILE[i] } : {}),
        },
      });
    }

    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __cspViolations: string[] };
      w.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });

    const visited: string[] = ['/customers'];
    for (const { customerId: cid, documentId: did } of cases) visited.push(`/customers/${cid}`, `/customers/${cid}/documents/${did}`);
    for (const url of visited) {
      await page.goto(url);
      await page.mouse.move(200, 200);
      await page.mouse.move(400, 400);
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
        violations: (window as unknown as { __cspViolations: string[] }).__cspViolations,
      }));
      expect(state, url).toEqual({ pwned: null, violations: [] });
    }
    // The strings did reach the pages, as text.
    await page.goto(`/customers/${cases[0]!.customerId}`);
    await expect(page.getByText(HOSTILE[0]!).first()).toBeVisible();
    expect(dialogs).toEqual([]);
  });
});

test.describe('secrets', () => {
  test('no secret in the client bundle, the HTML, the RSC payloads or the server log', async () => {
    await sandbox.reset();
    const pages = ['/customers', `/customers/${customerId}`, `/customers/${customerId}/documents/${documentId}`, '/admin/users', '/sign-in'];
    const served: string[] = [];
    for (const route of pages) {
      for (const headers of [{}, { RSC: '1' }] as Record<string, string>[]) {
        served.push(await (await api.get(route, { headers: { ...headers, Cookie: cookieHeader('admin') } })).text());
      }
    }
    const accessTokens = (await sandbox.requests())
      .map((r) => /^Bearer (.+)$/.exec(r.headers.authorization ?? '')?.[1])
      .filter((t): t is string => !!t);
    expect(accessTokens.length).toBeGreaterThan(0);
    const secrets = { clientSecret: E2E.clientSecret, ssoClientSecret: E2E.oidc.clientSecret, authSecret: AUTH_SECRET, ...Object.fromEntries(accessTokens.map((t, i) => [`accessToken${i}`, t])) };

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
      expect(bundle.some((text) => text.includes(secret)), `${name} in .next/static`).toBe(false);
      expect(served.some((text) => text.includes(secret)), `${name} in HTML/RSC`).toBe(false);
      expect(log.includes(secret), `${name} in the server log`).toBe(false);
    }
  });
});
