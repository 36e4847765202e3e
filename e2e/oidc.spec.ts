import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { auditEvents, lastAuditSeq } from './audit-db';
import { E2E } from './config';
import { singleSignOn } from './single-sign-on';

test('an active local account signs in through the OpenID provider and keeps its local role', async ({ page }) => {
  const since = lastAuditSeq();
  await singleSignOn(page, E2E.users.auditor.email);
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('(Auditor)');
  const signIns = auditEvents({ since, action: 'auth.sign_in' });
  expect(signIns).toHaveLength(1);
  expect(signIns[0]).toMatchObject({ actor_email: E2E.users.auditor.email });
  expect(signIns[0]!.detail_json).toContain('oidc');
});

test('an email without an active local account, or not verified by the provider, is refused, and the refusal is recorded', async ({ page }) => {
  // Three runs of the users command (a few seconds each under the suite's load) and five sign-ins.
  test.setTimeout(60_000);
  const disabled = `sso.disabled.${Date.now()}@example.test`;
  const cli = (...args: string[]) =>
    execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/users.ts', ...args], {
      env: { ...process.env, ...E2E.appEnv, NEW_USER_PASSWORD: 'disabled account pw 1' },
      stdio: 'pipe',
    });
  cli('add', disabled, '--role', 'admin');
  cli('disable', disabled);
  // A demo account left active on this database by a demo run (a users command in demo mode):
  // its password is public, and single sign-on must not open it either.
  execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/users.ts', 'add', 'auditor@demo.test', '--role', 'auditor'], {
    env: { ...process.env, ...E2E.appEnv, ARTEMIS_API_URL: '', NEW_USER_PASSWORD: 'audit-liveness-1' },
    stdio: 'pipe',
  });

  for (const [login, reason] of [
    ['stranger@example.test', 'unknown_email'],
    [disabled, 'account_disabled'],
    // An active account's email, but the provider does not vouch for it.
    [`unverified:${E2E.users.auditor.email}`, 'email_not_verified'],
    [`unverified-string:${E2E.users.auditor.email}`, 'email_not_verified'],
    ['auditor@demo.test', 'demo_account'],
  ] as const) {
    const since = lastAuditSeq();
    await page.context().clearCookies();
    await singleSignOn(page, login);
    await expect(page).toHaveURL(/\/sign-in\?.*error=AccessDenied/);
    await expect(page.getByTestId('sso-error')).toContainText('no active account here');
    await page.goto('/customers');
    await expect(page).toHaveURL(/\/sign-in/);
    const failures = auditEvents({ since, action: 'auth.sign_in_failed' });
    expect(failures).toHaveLength(1);
    expect(failures[0]!.detail_json).toContain(reason);
    expect(auditEvents({ since, action: 'auth.sign_in' })).toHaveLength(0);
  }
});
