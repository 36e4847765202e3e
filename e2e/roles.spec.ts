import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SEED_CASES } from '../sandbox/seed';
import { storageStateFor } from './config';
import { fillOverride } from './review-helpers';
import { sandbox } from './sandbox-control';

const { customerId, documentId } = SEED_CASES.failed;

test.describe('auditor', () => {
  test.use({ storageState: storageStateFor('auditor') });

  test('sees the evidence and history but no override form', async ({ page }) => {
    await page.goto(`/customers/${customerId}/documents/${documentId}`);
    await expect(page.getByRole('heading', { name: 'Face details' })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Override' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Save override' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Override' })).toContainText('cannot override');
  });
});

test.describe('server-side enforcement', () => {
  test.use({ storageState: storageStateFor('reviewer') });

  test('an auditor session posting the override action is refused and nothing reaches Artemis', async ({ page, context }) => {
    await sandbox.reset();
    await page.goto(`/customers/${customerId}/documents/${documentId}`);
    const form = page.getByRole('form', { name: 'Override' });
    await fillOverride(form, 'Trying to override with an auditor session.');

    // The page was rendered for a reviewer; the action now arrives with an auditor's cookie.
    const auditorState = JSON.parse(readFileSync(storageStateFor('auditor'), 'utf8')) as { cookies: Parameters<typeof context.addCookies>[0] };
    await context.clearCookies();
    await context.addCookies(auditorState.cookies);
    await sandbox.clearRequests();

    await form.getByRole('button', { name: 'Save override' }).click();
    await expect(page.getByTestId('override-failed')).toContainText('Your role does not allow this action.');
    expect(await sandbox.livenessPuts()).toHaveLength(0);
  });
});
