import { expect, test } from '@playwright/test';
import { HOSTILE_STRINGS, SEED_CASES } from '../sandbox/seed';
import { claimsOn } from './audit-db';
import { E2E, storageStateFor } from './config';
import { evidenceImageWidths, expectNoHostileUrls, expectNoScriptRan, reviewUrl, watchForScripts } from './review-helpers';
import { sandbox } from './sandbox-control';

test.use({ storageState: storageStateFor('reviewer') });

test.beforeEach(async () => {
  await sandbox.reset();
});

test('a document Artemis does not have is not found, and opening it leaves no claim behind', async ({ page }) => {
  const { customerId } = SEED_CASES.cleanPass;
  const missing = { customerId, documentId: 987_654 };
  const res = await page.goto(reviewUrl(missing));
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  expect(claimsOn(missing.customerId, missing.documentId)).toEqual([]);

  // The same reviewer opening a document that exists does claim it.
  await page.goto(reviewUrl(SEED_CASES.cleanPass));
  await expect(page.getByRole('heading', { name: 'Override' })).toBeVisible();
  expect(claimsOn(SEED_CASES.cleanPass.customerId, SEED_CASES.cleanPass.documentId)).toHaveLength(1);
});

test('the review screen reads: document, evidence, what the decision rests on, the decision, history', async ({ page }) => {
  await page.goto(reviewUrl(SEED_CASES.multipleFlags));
  const headings = await page.locator('main h1, main h2').allTextContents();
  const order = ['Evidence', 'Flags', 'Automated result', 'Face details', 'Override', 'History'];
  expect(headings.filter((h) => order.includes(h))).toEqual(order);
  expect(headings[0]).toBe(HOSTILE_STRINGS.scriptName);
  await expect(page.getByRole('region', { name: 'Flags' }).getByRole('listitem')).toHaveCount(3);
});

test('every image encoding renders: data URL, JSON array, bare base64, a single audit image, and http from the Artemis host', async ({ page }) => {
  await page.goto(reviewUrl(SEED_CASES.cleanPass));
  const clean = await evidenceImageWidths(page);
  expect(Object.keys(clean).sort()).toEqual(expect.arrayContaining(['reference', 'front', 'back', 'audit-0', 'audit-1']));
  for (const [slot, width] of Object.entries(clean)) expect(width, slot).toBeGreaterThan(0);
  await expect(page.locator('img[data-slot-name="reference"]')).toHaveAttribute('src', /^data:image\/png;base64,/);

  await page.goto(reviewUrl(SEED_CASES.bareBase64));
  expect((await evidenceImageWidths(page)).reference).toBeGreaterThan(0);
  await expect(page.locator('img[data-slot-name="reference"]')).toHaveAttribute('src', /^data:image\/png;base64,/);
  await expect(page.getByRole('region', { name: 'Evidence' })).toContainText('No audit images were stored with this result.');

  await page.goto(reviewUrl(SEED_CASES.singleAuditImage));
  const single = await evidenceImageWidths(page);
  expect(single['audit-0']).toBeGreaterThan(0);
  expect(single['audit-1']).toBeUndefined();

  await page.goto(reviewUrl(SEED_CASES.httpImage));
  const remote = await evidenceImageWidths(page);
  for (const slot of ['reference', 'back', 'audit-0', 'audit-1']) expect(remote[slot], slot).toBeGreaterThan(0);
  const src = await page.locator('img[data-slot-name="reference"]').getAttribute('src');
  expect(src).toBe(`/api/images?customerId=${SEED_CASES.httpImage.customerId}&documentId=${SEED_CASES.httpImage.documentId}&slot=reference`);
  expect(await page.content()).not.toContain('/__sandbox/images/');
});

test('hostile references show as unusable with the reason, names stay text, and nothing hostile reaches a src or href', async ({ page }) => {
  const watch = await watchForScripts(page);
  await page.goto(reviewUrl(SEED_CASES.javascriptImage));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOSTILE_STRINGS.imgName);
  await expect(page.getByText(HOSTILE_STRINGS.documentNumber)).toBeVisible();
  await expect(page.getByText(HOSTILE_STRINGS.referenceId, { exact: false })).toBeVisible();

  const evidence = page.getByRole('region', { name: 'Evidence' });
  await expect(evidence.getByTestId('evidence-reference')).toContainText('Unusable image reference');
  await expect(evidence.getByTestId('evidence-reference')).toContainText('javascript: URLs are never shown.');
  await expect(evidence.getByTestId('evidence-front')).toContainText('SVG images can carry scripts and are not shown.');
  await expect(evidence.getByTestId('evidence-audit-0')).toContainText('javascript: URLs are never shown.');
  await expect(evidence.getByTestId('evidence-audit-1')).toContainText('A data: URL of type text/html is not an image.');
  expect((await evidenceImageWidths(page))['audit-2']).toBeGreaterThan(0);
  await expect(evidence.getByTestId('unusable-image')).toHaveCount(4);

  // The route refuses to serve them as well.
  const { customerId, documentId } = SEED_CASES.javascriptImage;
  for (const slot of ['reference', 'front', 'audit-0', 'audit-1']) {
    const res = await page.request.get(`/api/images?customerId=${customerId}&documentId=${documentId}&slot=${slot}`);
    expect(res.status(), slot).toBe(404);
  }

  await expectNoHostileUrls(page);
  await expectNoScriptRan(page, watch);
  expect(await page.locator('main img:not([data-slot-name]), main script, main svg image').count()).toBe(0);

  await page.goto(reviewUrl(SEED_CASES.hostileScriptName));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOSTILE_STRINGS.scriptName);
  await expectNoHostileUrls(page);
  await expectNoScriptRan(page, watch);
});

test('the image route checks the session, takes no URLs, and answers with safe headers', async ({ page }) => {
  const { customerId, documentId } = SEED_CASES.httpImage;
  const path = `/api/images?customerId=${customerId}&documentId=${documentId}&slot=reference`;

  const denied = await fetch(`${E2E.appUrl}${path}`, { redirect: 'manual' });
  expect(denied.status).toBe(401);
  expect(denied.headers.get('content-type')).toMatch(/^text\/plain/);

  // Served behind a view of the document (e2e/evidence-access.spec.ts has the refusal).
  await page.goto(reviewUrl(SEED_CASES.httpImage));
  const ok = await page.request.get(path);
  expect(ok.status()).toBe(200);
  expect(ok.headers()['content-type']).toBe('image/png');
  expect(ok.headers()['cache-control']).toContain('no-store');
  expect(ok.headers()['x-content-type-options']).toBe('nosniff');

  for (const bad of [
    `/api/images?url=${encodeURIComponent(`${E2E.sandboxUrl}/__sandbox/stats`)}`,
    `/api/images?customerId=${customerId}&documentId=${documentId}&slot=${encodeURIComponent('http://169.254.169.254/')}`,
    `/api/images?customerId=${customerId}&documentId=${documentId}&slot=audit-9`,
  ]) {
    expect([400, 404], bad).toContain((await page.request.get(bad)).status());
  }
});

test('face details show detected and confidence with the reason a row is flagged', async ({ page }) => {
  await page.goto(reviewUrl(SEED_CASES.uncertain));
  const table = page.getByRole('table', { name: 'Face details' });
  const eyes = table.getByRole('row', { name: /Eyes closed/ });
  await expect(eyes).toContainText('No');
  await expect(eyes).toContainText('55%');
  await expect(eyes).toContainText('Uncertain: confidence 55% is below 80%');
  await expect(table.getByRole('row', { name: /Sunglasses/ })).toContainText('Not flagged');

  await page.goto(reviewUrl(SEED_CASES.eyesClosed));
  await expect(page.getByRole('table', { name: 'Face details' }).getByRole('row', { name: /Eyes closed/ })).toContainText('Detected with confidence 96%');
  await expect(page.getByTestId('liveness-confidence')).toHaveText('95%');
  await expect(page.getByRole('region', { name: 'Automated result' })).toContainText('pass 90');
});

test('the face bounding box is drawn over the reference image', async ({ page }) => {
  await page.goto(reviewUrl(SEED_CASES.unknownKeys));
  const reference = page.getByTestId('evidence-reference');
  const box = reference.getByTestId('face-box');
  await expect(box).toBeVisible();
  const [img, drawn] = await Promise.all([reference.locator('img').boundingBox(), box.boundingBox()]);
  expect(drawn!.x).toBeGreaterThan(img!.x);
  expect(drawn!.x + drawn!.width).toBeLessThanOrEqual(img!.x + img!.width + 1);
  expect(drawn!.width / img!.width).toBeCloseTo(0.4123, 1);
  await expect(reference).toContainText('face found by the automated check');
  await page.goto(reviewUrl(SEED_CASES.cleanPass));
  await expect(page.getByTestId('face-box')).toHaveCount(0);
});

test('the viewer opens from the keyboard, zooms, pans, rotates, traps focus, and closes with Escape back to its opener', async ({ page }) => {
  await page.goto(reviewUrl(SEED_CASES.cleanPass));
  const opener = page.getByRole('button', { name: 'Enlarge Reference image' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Reference image' });
  await expect(dialog).toBeVisible();
  const transform = dialog.getByTestId('image-viewer-transform');
  expect(await dialog.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  await page.keyboard.press('+');
  await expect(transform).toHaveAttribute('data-zoom', '1.25');
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect(dialog.getByTestId('image-viewer-state')).toHaveText('Zoom 80%, rotated 0°');
  await page.keyboard.press('r');
  await expect(transform).toHaveAttribute('data-rotation', '90');
  const before = await transform.getAttribute('style');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(transform).not.toHaveAttribute('style', before ?? '');
  await expect(transform).toHaveAttribute('style', /translate\(40px, 40px\)/);
  await dialog.getByRole('button', { name: 'Zoom in' }).click();
  await dialog.getByRole('button', { name: 'Rotate' }).click();
  await expect(transform).toHaveAttribute('data-rotation', '180');

  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
  }

  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
  // R rotated inside the viewer; it must not have reached the form's "go to Reason" shortcut.
  await expect(page.getByRole('form', { name: 'Override' }).getByLabel('Reason', { exact: true })).not.toBeFocused();

  await page.getByRole('button', { name: 'Enlarge Audit image 2' }).click();
  await expect(page.getByRole('dialog', { name: 'Audit image 2' })).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: 'Enlarge Audit image 2' })).toBeFocused();
});

test('a keyboard-only override: shortcuts outside fields, typing inside them is just typing, Ctrl+Enter saves', async ({ page }) => {
  const doc = SEED_CASES.failed;
  await sandbox.clearRequests();
  await page.goto(reviewUrl(doc));
  const form = page.getByRole('form', { name: 'Override' });
  const legend = page.getByRole('group').filter({ has: page.getByText('Keyboard shortcuts', { exact: true }) });
  await page.getByText('Keyboard shortcuts', { exact: true }).click();
  await expect(legend).toContainText('Next audit image');
  await expect(legend).toContainText('Save override');
  const conclusion = form.getByRole('radiogroup', { name: 'Conclusion' });
  const facial = form.getByRole('radiogroup', { name: 'Facial check' });
  await expect(conclusion.getByRole('radio', { name: 'Fail' })).toBeChecked();

  await page.keyboard.press('p');
  await expect(conclusion.getByRole('radio', { name: 'Pass' })).toBeChecked();
  await page.keyboard.press('Shift+P');
  await expect(facial.getByRole('radio', { name: 'Pass' })).toBeChecked();
  await page.keyboard.press('Shift+F');
  await expect(facial.getByRole('radio', { name: 'Fail' })).toBeChecked();
  await expect(page.getByTestId('shortcut-announcement')).toHaveText('Facial check set to Fail');

  await page.keyboard.press('c');
  const reasonCode = form.getByLabel('Reason code');
  await expect(reasonCode).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(reasonCode).toHaveValue('FALSE_REJECT');
  // In a select, letters are type-ahead, never shortcuts.
  await page.keyboard.press('p');
  await expect(reasonCode).toHaveValue('POOR_QUALITY');
  await expect(conclusion.getByRole('radio', { name: 'Pass' })).toBeChecked();

  await page.keyboard.press('Tab');
  const reason = form.getByLabel('Reason', { exact: true });
  await expect(reason).toBeFocused();
  const text = 'Frames prove a live person; face fully visible, photo quality fine.';
  await page.keyboard.type(text);
  await expect(reason).toHaveValue(text);
  await expect(conclusion.getByRole('radio', { name: 'Pass' })).toBeChecked();
  await expect(facial.getByRole('radio', { name: 'Fail' })).toBeChecked();
  await expect(form).toContainText(`${text.length} / 2000 characters`);

  await page.keyboard.press('Control+Enter');
  const saved = page.getByRole('status').filter({ hasText: 'Override saved' });
  await expect(saved).toBeVisible();
  const puts = await sandbox.livenessPuts();
  expect(puts).toHaveLength(1);
  expect(puts[0]!.body).toMatchObject({ conclusion: true, facialCheck: false });

  const history = page.getByRole('region', { name: 'History' });
  const latest = history.getByTestId('history-event').first();
  await expect(latest).toContainText('Applied in Artemis');
  await expect(latest.getByTestId('history-conclusion')).toHaveText('Fail → Pass');
  await expect(latest.getByTestId('history-facial-check')).toHaveText('Fail → Fail');
  await expect(latest).toContainText('Poor quality: cannot decide from these images');
  await expect(latest).toContainText(text);
  await expect(latest).toContainText(`by ${E2E.users.reviewer.email} (reviewer)`);
  await expect(latest).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  await expect(latest).toContainText('HTTP 200');

  // After saving, the next step is a keyboard away.
  const next = saved.getByRole('link', { name: 'Save and next: next document in queue' });
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(page).not.toHaveURL(new RegExp(`/customers/${doc.customerId}/documents/${doc.documentId}`));
  await expect(page).toHaveURL(/\/customers\/\d+\/documents\/\d+|\/\?/);
});
