import { evidencePackPath } from '../lib/evidence-pack/paths';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { SEED_CASES } from '../sandbox/seed';
import { auditEvents, lastAuditSeq, openSessionIdsOf, userByEmail } from './audit-db';
import { E2E, storageStateFor } from './config';
import { fillOverride, holdNextAction } from './review-helpers';
import { sandbox } from './sandbox-control';
import {
  SESSION_COOKIE,
  customerId,
  documentId,
  leakedMarkers,
  cookieHeader,
  nowSeconds,
  mint,
  hostileSessions,
  builtRoutes,
  builtActions,
  builtConsolePages,
  clientNavigation,
  getFollowingRsc,
  sessionClaimsOf,
  actionArguments,
  postAction,
  appApi,
} from './security-support';

const api = appApi();

test.describe('without a valid session', () => {
  test('no page, payload or route handler shows customer data or calls Artemis', async () => {
    test.setTimeout(120_000);
    // The readiness probe is public by design and obtains an Artemis token (never data): e2e/fleet.spec.ts covers it.
    const routes = [...builtRoutes().filter((route) => route !== '/api/ready'), evidencePackPath(customerId, documentId)];
    expect(routes).toEqual(expect.arrayContaining(['/customers', `/customers/${customerId}/documents/${documentId}`, '/admin/users', '/api/health']));
    const variants: Record<string, Record<string, string>> = {
      page: {},
      rsc: { RSC: '1' },
      prefetch: { RSC: '1', 'Next-Router-Prefetch': '1' },
    };
    await sandbox.clearRequests();
    for (const session of await hostileSessions()) {
      for (const route of routes) {
        for (const [variant, headers] of Object.entries(variants)) {
          const response = await getFollowingRsc(api(), route, { ...headers, ...(session.cookie ? { Cookie: session.cookie } : {}) });
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

  test('every console page gates itself, even on a client-side navigation that skips the console layout', async () => {
    test.setTimeout(120_000);
    const pages = builtConsolePages();
    expect(pages.map((p) => p.route)).toEqual(
      expect.arrayContaining(['/', '/about', '/customers', `/customers/${customerId}/documents/${documentId}`, '/admin/users']),
    );
    // Navigating from the About page (or, for it, from the queue): the console layout is shared.
    const from = (segments: string[]) => (segments.join('/') === '(console)/about' ? ['(console)'] : ['(console)', 'about']);
    await sandbox.clearRequests();
    for (const session of await hostileSessions()) {
      for (const { route, segments } of pages) {
        const response = await clientNavigation(api(), route, from(segments), session.cookie ? { Cookie: session.cookie } : {});
        const body = await response.text();
        const label = `${session.name} ${route} → ${response.status()}`;
        expect(leakedMarkers(body), label).toEqual([]);
        // Either the proxy sent it to sign in, or the page's own gate did (the layout was skipped).
        if (response.status() === 200) expect(body, label).toContain('NEXT_REDIRECT;replace;/sign-in');
        else expect(response.headers()['location'] ?? '', label).toContain('/sign-in');
      }
    }
    expect(await sandbox.stats()).toEqual({ tokenRequests: 0, apiRequests: 0 });

    // The same navigation with a valid session renders the page: the refusals above mean something.
    // A context of its own: the session cookie it is sent back must not ride on the tests after.
    const signedIn = await playwrightRequest.newContext({ baseURL: E2E.appUrl });
    try {
      const about = await clientNavigation(signedIn, '/about', ['(console)'], { Cookie: cookieHeader('auditor') });
      expect(about.status()).toBe(200);
      const rendered = await about.text();
      expect(rendered).toContain('About this console');
      expect(rendered).not.toContain('NEXT_REDIRECT');
    } finally {
      await signedIn.dispose();
    }
  });

  test('no server action does anything', async () => {
    test.setTimeout(120_000);
    const actions = builtActions();
    expect(actions.map((a) => a.name)).toEqual(
      expect.arrayContaining([
        'saveOverrideAction',
        'recordQaVerdictAction',
        'decideProposalAction',
        'renewClaimAction',
        'takeOverClaimAction',
        'addUserAction',
        'disableUserAction',
        'enableUserAction',
        'changeUserRoleAction',
        'resetUserPasswordAction',
        'claimDocumentAction',
        'endSessionAction',
        'endOtherSessionsAction',
        'endUserSessionsAction',
        'changePasswordAction',
        'choosePasswordAction',
        'addNoteAction',
        'escalateAction',
        'returnToQueueAction',
        'assignAction',
        'unassignMeAction',
      ]),
    );
    const auditorBefore = userByEmail(E2E.users.auditor.email)!;
    const adminBefore = userByEmail(E2E.users.admin.email)!;
    const adminSessions = openSessionIdsOf(E2E.users.admin.email);
    await sandbox.clearRequests();
    for (const session of await hostileSessions()) {
      for (const action of actions.filter((a) => a.name !== 'signInWithPasswordAction')) {
        const response = await postAction(api(), action, { Origin: E2E.appUrl, ...(session.cookie ? { Cookie: session.cookie } : {}) });
        const body = await response.text();
        expect(leakedMarkers(body), `${session.name} ${action.name}`).toEqual([]);
      }
    }
    expect(await sandbox.stats()).toEqual({ tokenRequests: 0, apiRequests: 0 });
    expect(userByEmail('intruder@example.test')).toBeUndefined();
    expect(userByEmail(E2E.users.auditor.email)).toEqual(auditorBefore);
    expect(userByEmail(E2E.users.admin.email)).toEqual(adminBefore);
    expect(openSessionIdsOf(E2E.users.admin.email)).toEqual(adminSessions);
  });

  test('a correctly minted session is accepted, so the refusals above are meaningful', async () => {
    const admin = userByEmail(E2E.users.admin.email)!;
    const now = nowSeconds();
    const { sid } = await sessionClaimsOf('admin');
    const token = await mint({ sub: admin.id, sv: admin.session_version, sid, authTime: now - 60, lastSeen: now - 60 });
    const response = await api().get('/admin/users', { headers: { Cookie: `${SESSION_COOKIE}=${token}` }, maxRedirects: 0 });
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
    await fillOverride(form, 'Captured for a replay by another role.');

    // The reviewer's own request is captured and never sent.
    const heldAction = await holdNextAction(page);
    await form.getByRole('button', { name: 'Save override' }).click();
    const captured = await heldAction();

    await sandbox.clearRequests();
    const since = lastAuditSeq();
    const response = await api().post(captured.url, {
      headers: {
        'Next-Action': captured.headers['next-action']!,
        'Content-Type': captured.headers['content-type']!,
        Accept: 'text/x-component',
        Origin: E2E.appUrl,
        Cookie: cookieHeader('auditor'),
      },
      data: captured.body,
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
      api(),
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
      const response = await postAction(api(), action, { Cookie: cookieHeader('reviewer'), ...(origin ? { Origin: origin } : {}) }, overrideBody());
      expect(response.status(), `Origin ${origin}`).toBe(403);
    }
    expect(await sandbox.stats()).toEqual({ tokenRequests: 0, apiRequests: 0 });
  });

  test('oversized, malformed and unknown-action bodies get an error while the server keeps serving', async () => {
    const action = builtActions().find((a) => a.name === 'saveOverrideAction')!;
    const headers = { Origin: E2E.appUrl, Cookie: cookieHeader('reviewer') };
    await sandbox.clearRequests();

    const oversized = await postAction(api(), action, headers, JSON.stringify([{ reason: 'x'.repeat(300_000) }]));
    expect(oversized.status()).toBeGreaterThanOrEqual(400);
    const malformed = await postAction(api(), action, headers, '[{"customerId": 1003, ');
    expect(malformed.status()).toBeGreaterThanOrEqual(400);
    const unknown = await postAction(api(), { ...action, id: '7f'.repeat(21) }, headers, '[]');
    expect(unknown.status()).toBeGreaterThanOrEqual(400);

    expect(await sandbox.livenessPuts()).toHaveLength(0);
    expect((await api().get('/sign-in')).status()).toBe(200);
    const signedIn = await api().get('/customers', { headers: { Cookie: cookieHeader('reviewer') } });
    expect(signedIn.status()).toBe(200);
  });
});
