import { readFileSync } from 'node:fs';
import { expect, test, type Browser } from '@playwright/test';
import { SEED_CASES } from '../sandbox/seed';
import { auditEvents, lastAuditSeq } from './audit-db';
import { E2E, storageStateFor } from './config';
import { pressAUntilFirstAuditImage, reviewUrl } from './review-helpers';
import { enrol, freshPage, newAccount, queue, signInWithPassword } from './two-factor-support';

// SPEC §13: every look at a face on the record, images only behind such a look, a fair-use
// limit on documents opened, and who saw a customer's evidence for an access request.

const { customerId, documentId } = SEED_CASES.httpImage;
const imagePath = `/api/images?customerId=${customerId}&documentId=${documentId}&slot=reference`;

/** A reviewer of their own on the main instance, so that no earlier view of theirs counts. */
async function freshReviewer(browser: Browser, label: string) {
  const email = newAccount(label);
  const page = await (await browser.newContext({ baseURL: E2E.appUrl })).newPage();
  await signInWithPassword(page, email);
  await queue(page);
  return { email, page };
}

test('one view is one evidence.viewed, on the audit log and under Viewed by; a second within 10 minutes adds none', async ({ browser }) => {
  const { email, page } = await freshReviewer(browser, 'viewer');
  const since = lastAuditSeq();
  await page.goto(reviewUrl(SEED_CASES.cleanPass));
  const viewedBy = page.getByRole('region', { name: 'History' }).getByRole('list', { name: 'Viewed by' });
  await expect(viewedBy.getByTestId('viewed-by')).toHaveCount(1);
  await expect(viewedBy).toContainText(`${email} (reviewer)`);
  await expect(page.getByRole('region', { name: 'History' })).toContainText('auditors and admins see everyone’s');

  await page.reload();
  await page.goto(reviewUrl(SEED_CASES.cleanPass));
  await expect(viewedBy.getByTestId('viewed-by')).toHaveCount(1);
  const views = auditEvents({ since, action: 'evidence.viewed' }).filter((e) => e.actor_email === email);
  expect(views).toHaveLength(1);
  expect(views[0]).toMatchObject({ customer_id: SEED_CASES.cleanPass.customerId, document_id: SEED_CASES.cleanPass.documentId });
  const detail = JSON.parse(views[0]!.detail_json!) as Record<string, unknown>;
  expect(detail).toMatchObject({ source: 'artemis', client: expect.stringMatching(/127\.0\.0\.1|::1/) });
  expect(detail.consoleRequestId).toEqual(expect.any(String));
  // Nothing of the face itself.
  expect(views[0]!.detail_json).not.toMatch(/base64|data:image/);

  // An auditor sees everyone's views under Viewed by, and the event on the audit log.
  const auditor = await (await browser.newContext({ baseURL: E2E.appUrl, storageState: storageStateFor('auditor') })).newPage();
  await auditor.goto(reviewUrl(SEED_CASES.cleanPass));
  const everyone = auditor.getByRole('region', { name: 'History' }).getByRole('list', { name: 'Viewed by' });
  await expect(everyone).toContainText(`${email} (reviewer)`);
  await expect(everyone).toContainText(`${E2E.users.auditor.email} (auditor)`);
  await auditor.goto(`/audit?action=evidence.viewed&actor=${encodeURIComponent(email)}`);
  await expect(auditor.getByRole('table')).toContainText('Evidence viewed');
  await auditor.context().close();
  await page.context().close();
});

test('an image without a recorded view is refused (403, evidence.denied); after the view it is served', async ({ browser }) => {
  const { email, page } = await freshReviewer(browser, 'imagegate');
  const since = lastAuditSeq();
  const refused = await page.request.get(imagePath);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toBe('Open the document in the console to see its images.');
  await page.request.get(imagePath);
  expect(auditEvents({ since, action: 'evidence.denied' }).filter((e) => e.actor_email === email)).toHaveLength(1);

  await page.goto(reviewUrl(SEED_CASES.httpImage));
  await expect(page.locator('img[data-slot-name="reference"]')).toHaveJSProperty('complete', true);
  expect(await page.locator('img[data-slot-name="reference"]').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const served = await page.request.get(imagePath);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toBe('image/png');
  await page.context().close();
});

test('/audit/access lists everyone who saw a customer’s evidence, and exports them', async ({ browser }) => {
  const { email, page } = await freshReviewer(browser, 'dsar');
  await page.goto(reviewUrl(SEED_CASES.expiredDocument));
  await page.goto(reviewUrl(SEED_CASES.cleanPassport));
  // Reviewers may not see who else looked.
  expect((await page.goto('/audit/access'))?.status()).toBe(403);
  await page.context().close();

  const auditor = await (await browser.newContext({ baseURL: E2E.appUrl, storageState: storageStateFor('auditor') })).newPage();
  await auditor.goto('/audit');
  await auditor.getByRole('link', { name: 'Access to evidence' }).click();
  // The link navigates on the client: typing before the new page is in would be lost with the old one.
  await expect(auditor.getByRole('heading', { name: 'Access to evidence', level: 1 })).toBeVisible();
  await auditor.getByLabel('Customer id').fill('abc');
  await auditor.getByRole('button', { name: 'Show viewers' }).click();
  await expect(auditor.getByText('A customer id is a positive whole number.')).toBeVisible();
  await auditor.getByLabel('Customer id').fill(String(SEED_CASES.cleanPassport.customerId));
  await auditor.getByRole('button', { name: 'Show viewers' }).click();
  const rows = auditor.getByTestId('evidence-viewer').filter({ hasText: email });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: String(SEED_CASES.expiredDocument.documentId) })).toContainText('reviewer');
  await expect(rows.filter({ hasText: String(SEED_CASES.cleanPassport.documentId) })).toBeVisible();

  const since = lastAuditSeq();
  const download = auditor.waitForEvent('download');
  await auditor.getByRole('link', { name: 'Export views as CSV' }).click();
  const csv = readFileSync((await (await download).path())!, 'utf8');
  const mine = csv.split('\r\n').filter((line) => line.includes(email));
  expect(mine).toHaveLength(2);
  for (const line of mine) expect(line).toContain('evidence.viewed');
  expect(
    csv
      .split('\r\n')
      .filter((line) => line.includes('evidence.'))
      .every((line) => line.includes(`,${SEED_CASES.cleanPassport.customerId},`)),
  ).toBe(true);
  expect(auditEvents({ since, action: 'audit.exported' }).map((e) => e.actor_email)).toEqual([E2E.users.auditor.email]);
  await auditor.context().close();
});

test('past the fair-use limit the review screen answers 429 with Retry-After and says so, on the record once', async ({ browser }) => {
  // The two-factor instance runs with EVIDENCE_DOCUMENTS_PER_10_MINUTES=4 (playwright.config.ts).
  const page = await freshPage(browser);
  const email = newAccount('fairuse');
  await enrol(page, email);
  const since = lastAuditSeq();
  // Opened without the browser's scripts, whose read-ahead would pull (and count) more; as from
  // another site, so that nothing is claimed for the journeys after this one.
  const open = async (doc: { customerId: number; documentId: number }) =>
    page.request.get(reviewUrl(doc), { maxRedirects: 0, headers: { 'Sec-Fetch-Site': 'cross-site' } });
  const documents = [SEED_CASES.cleanPass, SEED_CASES.failed, SEED_CASES.lowConfidence, SEED_CASES.eyesClosed];
  for (const doc of documents) expect((await open(doc)).status()).toBe(200);
  // The fourth again is no new document.
  expect((await open(SEED_CASES.eyesClosed)).status()).toBe(200);

  const limited = await open(SEED_CASES.sunglasses);
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(500);
  expect(await open(SEED_CASES.occluded).then((r) => r.status())).toBe(429);
  // Opened already, still open to this person.
  expect((await open(SEED_CASES.failed)).status()).toBe(200);
  // What the person sees: the reason, and no face.
  expect((await page.goto(reviewUrl(SEED_CASES.sunglasses)))?.status()).toBe(429);
  await expect(page.getByRole('heading', { name: 'Too many documents opened' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to the queue' })).toBeVisible();
  expect(await page.locator('img').count()).toBe(0);

  const mine = auditEvents({ since }).filter((e) => e.actor_email === email);
  expect(mine.filter((e) => e.action === 'evidence.rate_limited')).toHaveLength(1);
  expect(JSON.parse(mine.find((e) => e.action === 'evidence.rate_limited')!.detail_json!)).toMatchObject({ limit: 4, windowMinutes: 10 });
  expect(mine.filter((e) => e.action === 'evidence.viewed').map((e) => e.document_id)).toEqual(documents.map((d) => d.documentId));
  await page.context().close();
});

test('a review screen left open drops its images and goes to sign in when the idle limit passes', async ({ browser }) => {
  const { page } = await freshReviewer(browser, 'idle');
  await page.clock.install();
  await page.goto(reviewUrl(SEED_CASES.cleanPass));
  const evidence = page.getByRole('region', { name: 'Evidence' });
  await expect(evidence.locator('img[data-slot-name="reference"]')).toBeVisible();
  // The idle count starts once the screen is interactive (its keys work), not when its HTML arrives.
  await pressAUntilFirstAuditImage(page);
  // The main instances run with the default idle limit, 30 minutes.
  await page.clock.fastForward('29:00');
  await expect(evidence.locator('img[data-slot-name="reference"]')).toBeVisible();
  await page.clock.fastForward('01:01');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/, { timeout: 15_000 });
  await page.context().close();
});
