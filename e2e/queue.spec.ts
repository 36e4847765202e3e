import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { assessLiveness } from '../lib/liveness/assessment';
import { createDemoSeed, SEED_CASES } from '../sandbox/seed';
import { E2E, storageStateFor } from './config';
import { sandbox } from './sandbox-control';

test.use({ storageState: storageStateFor('reviewer') });

// SPEC §4 defaults: the e2e app sets no thresholds.
const THRESHOLDS = { pass: 90, fail: 50, faceAttributeMinConfidence: 80 };
const seed = createDemoSeed('');
const customers = new Map(seed.customers.map((c) => [c.id, c]));
const needingReview = seed.documents.filter((d) => assessLiveness(d.liveness, THRESHOLDS).needsReview);

const resync = () =>
  execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/sync.ts', '--restart'], { env: { ...process.env, ...E2E.appEnv }, stdio: 'pipe' });

const rowIds = async (page: Page) =>
  (await page.getByTestId('queue-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-document-id'))))) as number[];

test.beforeAll(async () => {
  // Earlier journeys changed documents; start from the seed, indexed afresh.
  await sandbox.reset();
  resync();
});

test('the queue lists exactly the documents the SPEC §7 rules select, oldest first', async ({ page }) => {
  await page.goto('/?reviewed=all');
  await expect(page.getByRole('heading', { name: 'Review queue' })).toBeVisible();
  const all = await rowIds(page);
  expect([...all].sort()).toEqual(needingReview.map((d) => d.id).sort());

  // Without the "reviewed" filter: those a human has decided here (earlier journeys) drop out,
  // and are exactly the ones under "Recently decided".
  await page.goto('/');
  const open = await rowIds(page);
  await page.getByRole('link', { name: /Recently decided/ }).click();
  await expect(page).toHaveURL(/tab=decided/);
  const decided = await rowIds(page);
  expect([...open, ...decided.filter((id) => all.includes(id))].sort()).toEqual([...all].sort());
  expect(open.some((id) => decided.includes(id))).toBe(false);

  await page.goto('/');
  const row = page
    .getByTestId('queue-row')
    .filter({ has: page.locator(`[data-flag="face-occluded"]`) })
    .first();
  await expect(row.getByRole('listitem').filter({ hasText: 'Face occluded' })).toBeVisible();
});

test('filters live in the URL, with a count per option', async ({ page }) => {
  await page.goto('/');
  const filters = page.getByRole('search', { name: 'Queue filters' });
  await expect(filters.getByLabel('Flag')).toContainText('Sunglasses (1)');
  await filters.getByLabel('Flag').selectOption('sunglasses');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]flag=sunglasses/);
  expect(await rowIds(page)).toEqual([SEED_CASES.sunglasses.documentId]);

  await page.goto('/?reviewed=all&flag=liveness-failed&risk=HIGH');
  await expect(page.getByRole('search', { name: 'Queue filters' }).getByLabel('Risk rating')).toHaveValue('HIGH');
  const expected = needingReview.filter((d) => d.liveness.livenessResult === false && customers.get(d.customerId)?.riskRating === 'HIGH').map((d) => d.id);
  expect(expected.length).toBeGreaterThan(0);
  expect((await rowIds(page)).sort()).toEqual(expected.sort());

  await page.goto('/?reviewed=all&cmin=60&cmax=75');
  const band = needingReview.filter((d) => {
    const c = d.liveness.liivenessConfidence as number;
    return c >= 60 && c <= 75;
  });
  expect((await rowIds(page)).sort()).toEqual(band.map((d) => d.id).sort());

  // A value that cannot be read is named and left out; the rest of the view still applies.
  await page.goto('/?reviewed=all&flag=bogus&cmin=500&sort=newest');
  await expect(page.getByTestId('ignored-filters')).toHaveText('Ignored filters with values that could not be read: flag, cmin.');
  await expect(page.getByRole('search', { name: 'Queue filters' }).getByLabel('Sort')).toHaveValue('newest');
  await expect(page.getByTestId('queue-total')).toHaveText(`${needingReview.length} documents need review`);
});

test('a claim is visible to a second user, who can take it over explicitly', async ({ page, browser }) => {
  const doc = SEED_CASES.uncertain;
  const reviewUrl = `/customers/${doc.customerId}/documents/${doc.documentId}`;
  await page.goto(reviewUrl);
  await expect(page.getByTestId('claim-mine')).toBeVisible();

  const adminContext = await browser.newContext({ storageState: storageStateFor('admin') });
  const admin = await adminContext.newPage();
  try {
    await admin.goto('/?flag=eyes-closed');
    const row = admin.locator(`[data-testid="queue-row"][data-document-id="${doc.documentId}"]`);
    await expect(row.getByTestId('queue-claim')).toHaveText(`Being reviewed by ${E2E.users.reviewer.name}`);

    await admin.goto(reviewUrl);
    const banner = admin.getByTestId('claim-banner');
    await expect(banner).toContainText(`Being reviewed by ${E2E.users.reviewer.name}`);
    await banner.getByRole('button', { name: 'Take over' }).click();
    await expect(admin.getByTestId('claim-mine')).toBeVisible();
    await expect(admin.getByTestId('claim-banner')).toHaveCount(0);

    await page.reload();
    await expect(page.getByTestId('claim-banner')).toContainText(`Being reviewed by ${E2E.users.admin.name}`);
  } finally {
    await adminContext.close();
  }
});

test('save, then next: the decided document leaves the queue and the next free one in the same filter opens', async ({ page }) => {
  await page.goto('/?flag=low-confidence');
  const before = await rowIds(page);
  const claimedByOthers = await page
    .getByTestId('queue-row')
    .filter({ hasText: 'Being reviewed by' })
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-document-id'))));
  const free = before.filter((id) => !claimedByOthers.includes(id));
  expect(free.length).toBeGreaterThan(1);
  const [first, second] = free as [number, number];

  await page.locator(`[data-testid="queue-row"][data-document-id="${first}"]`).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/documents/${first}\\?flag=low-confidence$`));
  const form = page.getByRole('form', { name: 'Override' });
  await form.getByRole('radiogroup', { name: 'Conclusion' }).getByRole('radio', { name: 'Pass' }).check();
  await form.getByRole('radiogroup', { name: 'Facial check' }).getByRole('radio', { name: 'Pass' }).check();
  await form.getByLabel('Reason code').selectOption('FALSE_REJECT');
  await form.getByLabel('Reason', { exact: true }).fill('Live person; the low score comes from poor lighting.');
  await form.getByRole('button', { name: 'Save override' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Override saved' })).toBeVisible();

  await page.getByTestId('override-saved').getByRole('link', { name: 'Save and next: next document in queue' }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${second}\\?flag=low-confidence$`));
  await expect(page.getByTestId('claim-mine')).toBeVisible();

  await page.goto('/?flag=low-confidence');
  expect(await rowIds(page)).not.toContain(first);
  await page.goto('/?tab=decided');
  expect(await rowIds(page)).toContain(first);
});

test('the Artemis callback re-syncs the customer; a wrong secret is a 404', async ({ page, request }) => {
  const doc = SEED_CASES.cleanPass;
  await page.goto('/?reviewed=all');
  expect(await rowIds(page)).not.toContain(doc.documentId);

  await sandbox.touch(doc.customerId, doc.documentId, { mergeLiveness: { liivenessConfidence: 41 } });
  const body = {
    customerId: doc.customerId,
    customerReferenceId: 'CUST-2025-0001',
    profileReferenceId: 'PRF-73003',
    status: 'PENDING',
    action: 'UPDATE',
    customerType: 'INDIVIDUAL',
  };
  expect((await request.post(`/api/artemis/callback/not-the-secret`, { data: body })).status()).toBe(404);
  const res = await request.post(`/api/artemis/callback/${E2E.callbackSecret}`, { data: body });
  expect(res.status()).toBe(202);

  await expect(async () => {
    await page.goto('/?reviewed=all');
    expect(await rowIds(page)).toContain(doc.documentId);
  }).toPass({ timeout: 10_000 });
});

test('an auditor reads a document without claiming it', async ({ browser, page }) => {
  const doc = SEED_CASES.occluded;
  const auditorContext = await browser.newContext({ storageState: storageStateFor('auditor') });
  try {
    const auditor = await auditorContext.newPage();
    await auditor.goto(`/customers/${doc.customerId}/documents/${doc.documentId}`);
    await expect(auditor.getByRole('heading', { name: 'Face details' })).toBeVisible();
    await expect(auditor.getByTestId('claim-mine')).toHaveCount(0);
    await expect(auditor.getByRole('link', { name: 'Next document in queue' })).toHaveCount(0);
  } finally {
    await auditorContext.close();
  }
  await page.goto('/?reviewed=all&flag=face-occluded');
  const row = page.locator(`[data-testid="queue-row"][data-document-id="${doc.documentId}"]`);
  await expect(row).toBeVisible();
  await expect(row).not.toContainText(E2E.users.auditor.name);
});
