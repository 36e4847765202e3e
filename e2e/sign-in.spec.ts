import { expect, test } from '@playwright/test';
import { SEED_CASES } from '../sandbox/seed';
import { E2E } from './config';
import { sandbox } from './sandbox-control';

test.describe('signed out', () => {
  test('a protected page sends the visitor to sign-in, shows no data, and comes back after sign-in', async ({ page }) => {
    const { customerId, documentId } = SEED_CASES.failed;
    await sandbox.clearRequests();
    const target = `/customers/${customerId}/documents/${documentId}`;
    const response = await page.goto(target);
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    const html = (await response?.text()) ?? '';
    expect(html).not.toContain('Face details');
    await expect(page.getByRole('heading', { name: 'Face details' })).toHaveCount(0);
    expect((await sandbox.stats()).apiRequests).toBe(0);

    await page.getByLabel('Email').fill(E2E.users.reviewer.email);
    await page.getByLabel('Password').fill(E2E.users.reviewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(new RegExp(`${target}$`));
    await expect(page.getByRole('heading', { name: 'Face details' })).toBeVisible();
  });

  test('a wrong password and an unknown email give the same message', async ({ page }) => {
    for (const [email, password] of [
      [E2E.users.auditor.email, 'not the password at all'],
      ['nobody-here@example.test', 'whatever password'],
    ] as const) {
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByTestId('sign-in-error')).toHaveText('Invalid email or password');
      await expect(page).toHaveURL(/\/sign-in/);
    }
  });

  test('repeated failures for one account are slowed down', async ({ page }) => {
    const email = 'throttle-target@example.test';
    for (let i = 0; i < 5; i++) {
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(`wrong-${i}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByTestId('sign-in-error')).toBeVisible();
    }
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong-again');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('sign-in-error')).toContainText(/Try again in \d+ seconds/);
  });
});
