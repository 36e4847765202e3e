import { expect, test, type Browser, type Page } from '@playwright/test';
import { auditEvents, lastAuditSeq } from './audit-db';
import { E2E, storageStateFor } from './config';

async function signIn(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: E2E.appUrl });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Review queue' })).toBeVisible();
  return page;
}

function row(page: Page, email: string) {
  return page.getByRole('row').filter({ has: page.getByRole('cell', { name: email, exact: true }) });
}

test.describe('admin', () => {
  test.use({ storageState: storageStateFor('admin') });

  test('adds a user, changes the role, disables, enables and resets the password; each change is an audit event', async ({ page, browser }) => {
    const email = `new.user.${Date.now()}@example.test`;
    const since = lastAuditSeq();
    await page.goto('/customers');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();

    const form = page.getByRole('form', { name: 'Add user' });
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Name').fill('New User');
    await form.getByLabel('Role').selectOption('auditor');
    await form.getByLabel('Password').fill('short');
    await form.getByRole('button', { name: 'Add user' }).click();
    await expect(form.getByText('At least 12 characters')).toBeVisible();
    await form.getByLabel('Password').fill('first password 123');
    await form.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByTestId('add-user-ok')).toContainText(`Added ${email} as auditor`);
    await expect(row(page, email)).toContainText('auditor');

    await row(page, email).getByLabel(`Role for ${email}`).selectOption('reviewer');
    await row(page, email)
      .getByRole('button', { name: `Change role of ${email}` })
      .click();
    await expect(row(page, email).getByTestId('user-change-ok')).toContainText(`${email} is now reviewer`);

    // The new user signs in elsewhere; a password reset ends that session (the one-time password
    // it gives: e2e/sessions-and-passwords.spec.ts).
    const other = await signIn(browser, email, 'first password 123');
    await row(page, email)
      .getByRole('button', { name: `Reset password of ${email}` })
      .click();
    await expect(row(page, email).getByTestId('user-change-ok')).toContainText('their sessions have ended');
    await expect(row(page, email).getByTestId('one-time-password')).toHaveText(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    await other.goto('/customers');
    await expect(other).toHaveURL(/\/sign-in/);
    await other.context().close();

    await row(page, email)
      .getByRole('button', { name: `Disable ${email}` })
      .click();
    await expect(row(page, email)).toContainText('Disabled');
    await row(page, email)
      .getByRole('button', { name: `Enable ${email}` })
      .click();
    await expect(row(page, email).getByRole('button', { name: `Disable ${email}` })).toBeVisible();

    const actions = auditEvents({ since })
      .filter((e) => (e.after_json ?? '').includes(email))
      .map((e) => e.action);
    expect(actions).toEqual(['user.created', 'user.role_changed', 'user.password_reset', 'user.disabled', 'user.enabled']);
    for (const event of auditEvents({ since }).filter((e) => e.action.startsWith('user.'))) {
      expect(event.actor_email).toBe(E2E.users.admin.email);
      expect(event.detail_json).toContain('console');
    }
  });

  test('cannot disable their own account or remove their own admin role', async ({ page }) => {
    const self = E2E.users.admin.email;
    const since = lastAuditSeq();
    await page.goto('/admin/users');
    await row(page, self)
      .getByRole('button', { name: `Disable ${self}` })
      .click();
    await expect(row(page, self).getByTestId('user-change-failed')).toHaveText('You cannot disable your own account.');
    await row(page, self).getByLabel(`Role for ${self}`).selectOption('auditor');
    await row(page, self)
      .getByRole('button', { name: `Change role of ${self}` })
      .click();
    await expect(row(page, self).getByTestId('user-change-failed')).toHaveText('You cannot remove your own admin role.');
    await page.reload();
    await expect(row(page, self)).toContainText('admin');
    await expect(row(page, self)).toContainText('Active');
    expect(auditEvents({ since }).filter((e) => e.action.startsWith('user.'))).toHaveLength(0);
  });
});

for (const role of ['reviewer', 'auditor'] as const) {
  test.describe(`${role}`, () => {
    test.use({ storageState: storageStateFor(role) });

    test(`has no Users link and is refused /admin/users`, async ({ page }) => {
      await page.goto('/customers');
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' })).toHaveCount(0);
      await page.goto('/admin/users');
      await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
      await expect(page.getByText(E2E.users.admin.email)).toHaveCount(0);
    });
  });
}
