import { expect, test } from '@playwright/test';
import { createDemoSeed } from '../sandbox/seed';
import { storageStateFor } from './config';
import { expectNoScriptRan, watchForScripts } from './review-helpers';
import { sandbox } from './sandbox-control';

test.use({ storageState: storageStateFor('reviewer') });

test.beforeEach(async () => {
  await sandbox.reset();
});
test.afterEach(async () => {
  // Other journeys share the sandbox.
  await sandbox.clearFaults();
  await sandbox.reset();
});

test('a document with a malformed date is one unreadable row; the customer’s other documents are listed as usual', async ({ page }) => {
  await sandbox.patchDocument(1002, 5003, { updatedAt: 'not a date' });
  await page.goto('/customers/1002');
  const table = page.getByRole('table', { name: 'Documents' });
  await expect(table.getByRole('link', { name: 'Review document 5002' })).toBeVisible();
  await expect(table.getByRole('link', { name: 'Review document 5004' })).toBeVisible();
  await expect(table.getByRole('link', { name: 'Review document 5003' })).toHaveCount(0);

  const row = table.getByRole('row').filter({ hasText: 'Unreadable document #5003' });
  await expect(row).toContainText(
    'This record from Artemis could not be read (the field last updated date (updatedAt) is not in a form the console can read).',
  );
  await expect(row.getByRole('link')).toHaveCount(0);
});

test('a customer page with an id past 2^53 and a hostile id lists the other customers, and those two as text', async ({ page }) => {
  const [first, second] = createDemoSeed('').customers;
  // Written by hand: JSON.stringify could not write 9007199254740993, which is the point.
  const body =
    `{"content":[${JSON.stringify(first)},{"id":9007199254740993,"referenceId":"BIG"},` +
    `{"id":"<img src=x onerror=alert(1)>"},${JSON.stringify(second)}],"number":0,"size":20,"totalElements":4,"totalPages":1,"last":true}`;
  await sandbox.fault({ status: 200, body, headers: { 'content-type': 'application/json' }, pathContains: 'page=0&size=20', count: 1 });
  const watch = await watchForScripts(page);

  await page.goto('/customers');
  const table = page.getByRole('table', { name: 'Customers' });
  await expect(table.getByRole('link', { name: String(first!.id), exact: true })).toBeVisible();
  await expect(table.getByRole('link', { name: String(second!.id), exact: true })).toBeVisible();

  const unreadable = table.getByRole('row').filter({ hasText: 'This record from Artemis could not be read' });
  await expect(unreadable).toHaveCount(2);
  await expect(unreadable.nth(0)).toContainText('This record from Artemis could not be read (id beyond the range the console can handle).');
  await expect(unreadable.nth(1)).toContainText('<img src=x onerror=alert(1)>');
  await expect(unreadable.nth(1)).toContainText('its id is not a positive whole number');
  await expect(unreadable.getByRole('link')).toHaveCount(0);
  await expect(table.locator('img')).toHaveCount(0);
  await expectNoScriptRan(page, watch);
});
