import { expect, test, type Page } from '@playwright/test';
import { SEED_CASES } from '../sandbox/seed';
import { E2E, storageStateFor } from './config';
import { fillOverride as fillForm, reviewUrl } from './review-helpers';
import { sandbox } from './sandbox-control';

test.use({ storageState: storageStateFor('reviewer') });

test.beforeEach(async () => {
  await sandbox.reset();
});

/** The Override form, filled as these tests decide: reason code FALSE_REJECT. */
async function fillOverride(page: Page, { conclusion, facialCheck, reason }: { conclusion: 'Pass' | 'Fail'; facialCheck: 'Pass' | 'Fail'; reason: string }) {
  const form = page.getByRole('form', { name: 'Override' });
  await fillForm(form, reason, { conclusion, facialCheck, reasonCode: 'FALSE_REJECT' });
  return form;
}

test('a reviewer overrides a document; Artemis then holds the whole liveness object with only the two fields changed', async ({ page }) => {
  const doc = SEED_CASES.unknownKeys;
  const before = await sandbox.document(doc.customerId, doc.documentId);
  await sandbox.clearRequests();

  await page.goto(reviewUrl(doc));
  await expect(page.getByRole('heading', { name: 'Face details' })).toBeVisible();
  const form = await fillOverride(page, {
    conclusion: 'Pass',
    facialCheck: 'Pass',
    reason: 'Live person, blinking captured mid-frame; checked all audit frames.',
  });
  await form.getByRole('button', { name: 'Save override' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Override saved' })).toBeVisible();

  const after = await sandbox.document(doc.customerId, doc.documentId);
  expect(after.liveness).toEqual({ ...before.liveness, conclusion: true, facialCheck: true });
  expect(after.liveness).toHaveProperty('liivenessConfidence', before.liveness.liivenessConfidence);

  const puts = await sandbox.livenessPuts();
  expect(puts).toHaveLength(1);
  const put = puts[0]!;
  expect(put.body).toEqual({ ...before.liveness, conclusion: true, facialCheck: true });
  expect(put.headers['authorization']).toMatch(/^Bearer \S+/);
  expect(put.headers['x-domain-id']).toBe(E2E.domainId);

  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByTestId('history-event').first()).toContainText('Applied in Artemis');
  await expect(history).toContainText(E2E.users.reviewer.email);
  await expect(history).toContainText('Live person, blinking captured mid-frame');
  await expect(page.getByTestId('decision-status')).toContainText(`Decided by ${E2E.users.reviewer.email}`);

  // Once Artemis no longer holds what the reviewer set, the decision is no longer the document's status.
  await sandbox.touch(doc.customerId, doc.documentId, { mergeLiveness: { conclusion: false } });
  await page.reload();
  await expect(page.getByTestId('decision-status')).toHaveText('Needs review');
});

test('a change behind the reviewer’s back is a conflict: nothing is sent and the new values are shown', async ({ page }) => {
  const doc = SEED_CASES.failed;
  await page.goto(reviewUrl(doc));
  const form = await fillOverride(page, { conclusion: 'Pass', facialCheck: 'Pass', reason: 'Genuine customer, video shows natural movement.' });
  await sandbox.touch(doc.customerId, doc.documentId, { mergeLiveness: { conclusion: true, liivenessConfidence: 93 } });
  await sandbox.clearRequests();

  await form.getByRole('button', { name: 'Save override' }).click();
  const alert = page.getByTestId('override-conflict');
  await expect(alert).toContainText('This document changed since you opened it');
  await expect(alert).toContainText('Liveness confidence');
  await expect(alert).toContainText('93');
  expect(await sandbox.livenessPuts()).toHaveLength(0);
  await expect(form.getByLabel('Reason', { exact: true })).toHaveValue('Genuine customer, video shows natural movement.');

  await alert.getByRole('button', { name: 'Reload document' }).click();
  await expect(page.getByTestId('liveness-confidence')).toHaveText('93%');
  await expect(page.getByRole('region', { name: 'History' })).toContainText('Conflict: not sent');
  await expect(form.getByLabel('Reason', { exact: true })).toHaveValue('Genuine customer, video shows natural movement.');

  // Having seen the change, the reviewer can save against the document as it is now.
  await form.getByRole('button', { name: 'Save override' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Override saved' })).toBeVisible();
  expect(await sandbox.livenessPuts()).toHaveLength(1);
});

test('a definite refusal by Artemis shows a plain-words alert, keeps the input, and records nothing as applied', async ({ page }) => {
  const doc = SEED_CASES.eyesClosed;
  await page.goto(reviewUrl(doc));
  const before = await sandbox.document(doc.customerId, doc.documentId);
  const form = await fillOverride(page, { conclusion: 'Pass', facialCheck: 'Fail', reason: 'Customer is live; the facial check stays failed.' });
  await sandbox.fault({ status: 422, count: 5, method: 'PUT', pathContains: '/liveness' });

  await form.getByRole('button', { name: 'Save override' }).click();
  const alert = page.getByTestId('override-failed');
  await expect(alert).toContainText('The override was not saved');
  await expect(alert).toContainText('Your input is kept');
  await expect(alert).toContainText('HTTP 422');
  await expect(form.getByLabel('Reason', { exact: true })).toHaveValue('Customer is live; the facial check stays failed.');
  await expect(form.getByRole('radiogroup', { name: 'Conclusion' }).getByRole('radio', { name: 'Pass' })).toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'Override saved' })).toHaveCount(0);

  expect((await sandbox.document(doc.customerId, doc.documentId)).liveness).toEqual(before.liveness);
  await page.reload();
  const history = page.getByRole('region', { name: 'History' });
  await expect(history).toContainText('Failed: not applied');
  await expect(history).not.toContainText('Applied in Artemis');
});

test('the reason is required and checked before anything is sent', async ({ page }) => {
  const doc = SEED_CASES.failed;
  await sandbox.clearRequests();
  await page.goto(reviewUrl(doc));
  const form = await fillOverride(page, { conclusion: 'Pass', facialCheck: 'Pass', reason: 'too short' });
  await form.getByRole('button', { name: 'Save override' }).click();
  await expect(form.getByText('Give a reason of at least 10 characters')).toBeVisible();
  expect(await sandbox.livenessPuts()).toHaveLength(0);
});
