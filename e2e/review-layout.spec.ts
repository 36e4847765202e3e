import { expect, test } from '@playwright/test';
import { SEED_CASES } from '../sandbox/seed';
import { E2E, storageStateFor } from './config';
import { evidenceImageWidths, expectNoHorizontalScroll, pressAUntilFirstAuditImage, reviewUrl } from './review-helpers';

// The review screen's layout: one screen per decision from 1280×800 up, its keys, its screenshots.
test.use({ storageState: storageStateFor('reviewer') });

test('A and Shift+A step through the audit images, and Enter enlarges the one reached', async ({ page }) => {
  await page.goto(reviewUrl(SEED_CASES.cleanPass));
  const audits = await page.getByRole('button', { name: /^Enlarge Audit image/ }).count();
  expect(audits).toBeGreaterThan(1);
  await pressAUntilFirstAuditImage(page);
  await page.keyboard.press('a');
  await expect(page.getByRole('button', { name: 'Enlarge Audit image 2' })).toBeFocused();
  await page.keyboard.press('Shift+A');
  await page.keyboard.press('Shift+A');
  await expect(page.getByRole('button', { name: `Enlarge Audit image ${audits}` })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: `Audit image ${audits}` })).toBeVisible();
  // Typing an "a" in the reason is just typing.
  await page.keyboard.press('Escape');
  const reason = page.getByRole('form', { name: 'Override' }).getByLabel('Reason', { exact: true });
  await reason.fill('');
  await reason.press('a');
  await expect(reason).toHaveValue('a');
  await expect(reason).toBeFocused();
});

test('at 1280×800 the faces and the decision are on one screen: reference image and Save override in view on first paint', async ({ page }) => {
  for (const doc of [SEED_CASES.multipleFlags, SEED_CASES.cleanPass, SEED_CASES.uncertain]) {
    await page.goto(reviewUrl(doc));
    await evidenceImageWidths(page);
    const reference = page.locator('img[data-slot-name="reference"]');
    await expect(reference).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('button', { name: 'Save override' })).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('liveness-confidence')).toBeInViewport({ ratio: 1 });
    // With one flag everything fits; with more, the panel's facts scroll and the form stays put.
    if (doc !== SEED_CASES.multipleFlags) await expect(page.getByRole('table', { name: 'Face details' })).toBeInViewport({ ratio: 1 });
    // Large enough to judge a face, and the audit images at the reference's scale.
    const heights = await page
      .locator('img[data-slot-name^="audit-"], img[data-slot-name="reference"]')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    for (const height of heights) expect(height).toBeGreaterThanOrEqual(240);
    expect(new Set(heights).size).toBe(1);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  }
});

test('the review screen fits 1280×800 without horizontal scrolling', async ({ page }) => {
  for (const doc of [SEED_CASES.javascriptImage, SEED_CASES.httpImage, SEED_CASES.multipleFlags, SEED_CASES.unknownKeys]) {
    await page.goto(reviewUrl(doc));
    await evidenceImageWidths(page);
    await expectNoHorizontalScroll(page);
  }
});

// The screenshots the README links: UPDATE_SCREENSHOTS=1 writes them into docs/screenshots.
const screenshotDir = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : '/tmp';
for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshots of the review screen in ${colorScheme} mode, desktop and phone, and the viewer`, async ({ browser }) => {
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const context = await browser.newContext({ storageState: storageStateFor('reviewer'), colorScheme, viewport });
      const page = await context.newPage();
      await page.goto(`${E2E.appUrl}${reviewUrl(SEED_CASES.uncertain)}`);
      await evidenceImageWidths(page);
      // The desktop as it first paints (one screen per decision); the phone whole, to show the stacking.
      await page.screenshot({ path: `${screenshotDir}/review-${colorScheme}-${viewport.width}x${viewport.height}.png`, fullPage: viewport.width < 1024 });
      if (viewport.width >= 1024) {
        await page.getByRole('button', { name: 'Enlarge Audit image 2' }).click();
        await page.keyboard.press('+');
        await page.screenshot({ path: `/tmp/review-viewer-${colorScheme}.png` });
      }
      await context.close();
    }
  });
}
