import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { SEED_CASES } from '../sandbox/seed';
import { storageStateFor } from './config';
import { evidenceImageWidths, reviewUrl } from './review-helpers';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${colorScheme} mode`, () => {
    test.use({ colorScheme });

    test('sign-in', async ({ page }) => {
      await page.goto('/sign-in');
      await expectNoAxeViolations(page);
    });

    test.describe('signed in', () => {
      test.use({ storageState: storageStateFor('reviewer') });

      test('customers and a customer', async ({ page }) => {
        await page.goto('/customers');
        await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
        await expectNoAxeViolations(page);
        await page.goto(`/customers/${SEED_CASES.hostileName.customerId}`);
        await expectNoAxeViolations(page);
      });

      test('review screens, with the viewer open', async ({ page }) => {
        for (const doc of [SEED_CASES.unknownKeys, SEED_CASES.javascriptImage, SEED_CASES.httpImage, SEED_CASES.noResult]) {
          await page.goto(reviewUrl(doc));
          await evidenceImageWidths(page);
          await expectNoAxeViolations(page);
        }
        await page.goto(reviewUrl(SEED_CASES.unknownKeys));
        await page.getByRole('button', { name: 'Enlarge Reference image' }).click();
        await expect(page.getByRole('dialog', { name: 'Reference image' })).toBeVisible();
        await expectNoAxeViolations(page);
      });

      test('review screen with field errors', async ({ page }) => {
        await page.goto(reviewUrl(SEED_CASES.veryLowConfidence));
        const form = page.getByRole('form', { name: 'Override' });
        await form.getByLabel('Reason code').selectOption('OTHER');
        await form.getByLabel('Reason', { exact: true }).fill('Too short');
        await form.getByRole('button', { name: 'Save override' }).click();
        await expect(form.getByText('Give a reason of at least 10 characters')).toBeVisible();
        await expectNoAxeViolations(page);
      });

      test('not found', async ({ page }) => {
        const res = await page.goto('/customers/999999/documents/999999');
        expect(res?.status()).toBe(404);
        await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
        await expectNoAxeViolations(page);
        const unknown = await page.goto('/no-such-page');
        expect(unknown?.status()).toBe(404);
        await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
        await expectNoAxeViolations(page);
      });
    });

    test.describe('auditor', () => {
      test.use({ storageState: storageStateFor('auditor') });
      test('read-only review screen', async ({ page }) => {
        await page.goto(reviewUrl(SEED_CASES.failed));
        await expectNoAxeViolations(page);
      });
    });
  });
}
