import { expect, test, type Page } from '@playwright/test';
import { SEED_CASES } from '../sandbox/seed';
import { claimsOn } from './audit-db';
import { E2E, storageStateFor } from './config';
import { reviewUrl } from './review-helpers';
import { sandbox } from './sandbox-control';

test.use({ storageState: storageStateFor('reviewer') });

const isReadAhead = (method: string, url: string) => method === 'POST' && new URL(url).pathname === '/queue/next';

/** Opens the queue's first free document and waits for the screen to read the next one ahead; returns that next one. */
async function openFirstAndReadAhead(page: Page) {
  await page.goto('/');
  const readAhead = page.waitForResponse((r) => isReadAhead(r.request().method(), r.url()));
  await page.getByTestId('queue-row').first().getByRole('link').click();
  await expect(page.getByRole('form', { name: 'Override' })).toBeVisible();
  expect((await readAhead).status()).toBe(204);
  const opened = new URL(page.url()).pathname;
  const reads = (await sandbox.requests()).map((r) => (r.method === 'GET' ? /^\/api\/customer\/(\d+)\/document\/(\d+)$/.exec(r.path) : null));
  const ahead = reads.find((m) => m !== null && reviewUrl({ customerId: Number(m[1]), documentId: Number(m[2]) }) !== opened);
  expect(ahead, 'the read-ahead read the next document').toBeTruthy();
  return { customerId: Number(ahead![1]), documentId: Number(ahead![2]) };
}

/** The next screen's own read-ahead is left out, so the log shows only what opening it cost. */
async function withoutFurtherReadAhead(page: Page) {
  await page.route('**/queue/next?**', (route) => (isReadAhead(route.request().method(), route.request().url()) ? route.abort() : route.continue()));
}

test.beforeEach(async () => {
  await sandbox.reset();
});

test('the next document is read ahead without a claim, and opens with no upstream read', async ({ page }) => {
  // A claim lasts 15 minutes from when it is written: one written from now on expires after this.
  const writtenFromNow = new Date(Date.now() + 15 * 60_000).toISOString();
  const next = await openFirstAndReadAhead(page);
  const fresh = () => claimsOn(next.customerId, next.documentId).filter((c) => c.expires_at >= writtenFromNow);
  const claimedBefore = fresh();

  await withoutFurtherReadAhead(page);
  await sandbox.clearRequests();
  await page.getByRole('link', { name: 'Next document in queue' }).click();
  await expect(page).toHaveURL(new RegExp(`${reviewUrl(next)}(\\?|$)`));
  await expect(page.getByRole('button', { name: 'Save override' })).toBeEnabled();
  expect((await sandbox.requests()).filter((r) => r.path.startsWith('/api/'))).toEqual([]);
  expect(claimedBefore, 'reading ahead claims nothing').toEqual([]);
  // Opening it is what claims it.
  expect(fresh().map((c) => c.user_label)).toEqual([E2E.users.reviewer.name]);
});

test('a change made elsewhere after the read-ahead is a conflict on save, and nothing is sent', async ({ page }) => {
  const next = await openFirstAndReadAhead(page);
  await withoutFurtherReadAhead(page);
  // Someone decides on the document in Artemis itself while this reviewer is still on the previous one.
  const before = await sandbox.document(next.customerId, next.documentId);
  await sandbox.touch(next.customerId, next.documentId, { mergeLiveness: { conclusion: !before.liveness.conclusion } });
  await sandbox.clearRequests();

  await page.getByRole('link', { name: 'Next document in queue' }).click();
  await expect(page).toHaveURL(new RegExp(`${reviewUrl(next)}(\\?|$)`));
  const form = page.getByRole('form', { name: 'Override' });
  await form.getByRole('radiogroup', { name: 'Facial check' }).getByRole('radio', { name: 'Fail' }).check();
  await form.getByLabel('Reason code').selectOption('SPOOF_SUSPECTED');
  await form.getByLabel('Reason', { exact: true }).fill('Screen replay: moiré pattern across every audit frame.');
  await form.getByRole('button', { name: 'Save override' }).click();
  await expect(page.getByTestId('override-conflict')).toContainText('This document changed since you opened it');
  expect(await sandbox.livenessPuts()).toEqual([]);
});

test('auditors are not read ahead for, and cannot ask for it', async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor('auditor') });
  try {
    const auditor = await context.newPage();
    let asked = false;
    auditor.on('request', (r) => (asked ||= isReadAhead(r.method(), r.url())));
    await auditor.goto(reviewUrl(SEED_CASES.failed));
    await expect(auditor.getByRole('heading', { name: 'Face details' })).toBeVisible();
    await auditor.waitForLoadState('networkidle');
    expect(asked).toBe(false);

    await sandbox.clearRequests();
    const { customerId, documentId } = SEED_CASES.failed;
    const status = await auditor.evaluate(
      async (after) => (await fetch(`/queue/next?after=${after}`, { method: 'POST' })).status,
      `${customerId}:${documentId}`,
    );
    expect(status).toBe(403);
    expect((await sandbox.requests()).filter((r) => r.path.startsWith('/api/'))).toEqual([]);
  } finally {
    await context.close();
  }
});
