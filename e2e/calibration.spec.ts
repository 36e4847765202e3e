import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { SEED_CASES } from '../sandbox/seed';
import { auditEvents } from './audit-db';
import { E2E, storageStateFor } from './config';
import { reviewUrl } from './review-helpers';
import { sandbox } from './sandbox-control';

// Clean automated passes (confidence 99 and 98) that no other journey decides.
const QA_DOC = { customerId: 1005, documentId: 5008 };
const RACE_DOC = { customerId: 1016, documentId: 5020 };

const run = (script: string, args: string[], env: Record<string, string> = {}) =>
  execFileSync('npx', ['tsx', '--conditions=react-server', script, ...args], { env: { ...process.env, ...E2E.appEnv, ...env }, encoding: 'utf8' });

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  await sandbox.reset();
  run('scripts/sync.ts', ['--restart']);
  // Every automated pass of those days, so that the journeys' documents are surely in the sample.
  // Read before the draws: a blocked event loop leaves keep-alive sockets the sandbox has closed.
  const days = new Set<string>();
  for (const doc of [QA_DOC, RACE_DOC]) {
    const updatedAt = (await sandbox.document(doc.customerId, doc.documentId)).updatedAt;
    days.add((typeof updatedAt === 'string' ? updatedAt : new Date((updatedAt as { time: number }).time).toISOString()).slice(0, 10));
  }
  for (const day of days) run('scripts/qa-draw.ts', ['--day', day], { QA_SAMPLE_PERCENT: '100' });
});

/** `npm run audit:reconcile`'s report; it exits 1 while anything is left unsettled or drifted. */
function reconcile(): string {
  try {
    return run('scripts/audit-reconcile.ts', []);
  } catch (error) {
    return String((error as { stdout?: unknown }).stdout ?? '');
  }
}

/** Fills the QA verdict form on an open review screen; the caller presses Agree or Disagree. */
async function fillVerdict(page: Page, reason: string) {
  const form = page.getByRole('form', { name: 'QA verdict' });
  await form.getByLabel('Reason code').selectOption('OTHER');
  await form.getByLabel('Reason', { exact: true }).fill(reason);
  return form;
}

const verdictsOn = (doc: { documentId: number }) => auditEvents().filter((e) => e.document_id === doc.documentId && e.action.startsWith('qa.verdict'));

test.describe('reviewer', () => {
  test.use({ storageState: storageStateFor('reviewer') });

  test('a QA Disagree on a sampled automated pass is an override to Fail through the decision path', async ({ page }) => {
    expect(auditEvents({ action: 'qa.drawn' }).length).toBeGreaterThan(0);
    await page.goto('/');
    await page.getByRole('link', { name: /^QA sample \(\d+\)$/ }).click();
    const table = page.getByRole('table', { name: 'QA sample' });
    await table.getByRole('link', { name: `Review QA sample document ${QA_DOC.documentId}` }).click();

    const form = page.getByRole('form', { name: 'QA verdict' });
    await form.getByLabel('Reason code').selectOption('SPOOF_SUSPECTED');
    await form.getByLabel('Reason', { exact: true }).fill('Screen glare and moiré in every audit frame: a replayed video.');
    await form.getByRole('button', { name: 'Disagree' }).click();
    await expect(page.getByTestId('qa-verdict-saved')).toContainText('QA verdict recorded: Disagree');
    await expect(page.getByTestId('qa-verdict-saved')).toContainText('Override saved');
    await expect(page.getByTestId('qa-verdict-recorded')).toContainText('Disagree');

    expect((await sandbox.document(QA_DOC.customerId, QA_DOC.documentId)).liveness).toMatchObject({ conclusion: false, facialCheck: false });
    const applied = auditEvents({ action: 'override.applied' }).filter((e) => e.document_id === QA_DOC.documentId);
    const verdict = auditEvents({ action: 'qa.verdict' }).filter((e) => e.document_id === QA_DOC.documentId);
    expect(verdict).toHaveLength(1);
    expect(JSON.parse(verdict[0]!.detail_json!)).toMatchObject({ verdict: 'disagree', override: 'attempted' });
    expect(verdict[0]!.correlation_id).toBe(applied.at(-1)!.correlation_id);
  });

  test('an Agree while a Disagree is in flight, then after one Artemis did not take: the one verdict standing matches Artemis', async ({ page, browser }) => {
    test.setTimeout(60_000);
    const sam = await browser.newContext({ storageState: storageStateFor('reviewer2') });
    const samPage = await sam.newPage();
    try {
      await page.goto(reviewUrl(RACE_DOC));
      await samPage.goto(reviewUrl(RACE_DOC));
      const samForm = await fillVerdict(samPage, 'Natural movement and clear eyes in every frame.');

      // Rita's Disagree answers 504 without Artemis writing it: its outcome is unknown.
      await sandbox.fault({ method: 'PUT', pathContains: `/document/${RACE_DOC.documentId}/liveness`, status: 504, latencyMs: 1_500, count: 1 });
      const ritaForm = await fillVerdict(page, 'Replayed video: moiré across the whole face.');
      await ritaForm.getByRole('button', { name: 'Disagree' }).click();
      await expect.poll(() => verdictsOn(RACE_DOC).length, { intervals: [50] }).toBe(1);
      // Sam agrees while the PUT is still under way: refused, nothing recorded.
      await samForm.getByRole('button', { name: 'Agree', exact: true }).click();
      await expect(samPage.getByTestId('qa-verdict-failed')).toContainText(/already has a QA verdict|recorded a QA verdict on this document first/);
      await expect(page.getByTestId('qa-verdict-failed')).toContainText('Your Disagree stays recorded');
      expect((await sandbox.document(RACE_DOC.customerId, RACE_DOC.documentId)).liveness).toMatchObject({ conclusion: true, facialCheck: true });

      // Once the settling window has passed, a read back shows the override not applied: the
      // Disagree is withdrawn with it, and Sam's Agree is taken.
      await expect
        .poll(() => reconcile().includes(`on ${RACE_DOC.customerId}/${RACE_DOC.documentId} by ${E2E.users.reviewer.email}: override.not_applied`), {
          timeout: 20_000,
          intervals: [2_000],
        })
        .toBe(true);
      expect(verdictsOn(RACE_DOC).map((e) => e.action)).toEqual(['qa.verdict', 'qa.verdict_withdrawn']);
      await samPage.reload();
      await (await fillVerdict(samPage, 'Natural movement and clear eyes in every frame.')).getByRole('button', { name: 'Agree', exact: true }).click();
      await expect(samPage.getByTestId('qa-verdict-saved')).toContainText('QA verdict recorded: Agree');
      const standing = verdictsOn(RACE_DOC)
        .filter((e) => e.action === 'qa.verdict')
        .map((e) => JSON.parse(e.detail_json!).verdict as string);
      expect(standing).toEqual(['disagree', 'agree']);
      expect((await sandbox.document(RACE_DOC.customerId, RACE_DOC.documentId)).liveness).toMatchObject({ conclusion: true, facialCheck: true });
    } finally {
      await sandbox.clearFaults();
      await sam.close();
    }
  });

  test('a human pass of an automated fail, for the what-if', async ({ page }) => {
    await page.goto(reviewUrl(SEED_CASES.veryLowConfidence));
    const form = page.getByRole('form', { name: 'Override' });
    await form.getByRole('radiogroup', { name: 'Conclusion' }).getByRole('radio', { name: 'Pass' }).check();
    await form.getByRole('radiogroup', { name: 'Facial check' }).getByRole('radio', { name: 'Pass' }).check();
    await form.getByLabel('Reason code').selectOption('FALSE_REJECT');
    await form.getByLabel('Reason', { exact: true }).fill('Live person in poor light; every frame shows natural movement.');
    await form.getByRole('button', { name: 'Save override' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Override saved' })).toBeVisible();
  });
});

test.describe('auditor', () => {
  test.use({ storageState: storageStateFor('auditor') });

  test('the Disagree appears in the false-accept estimate, with its sample size; the withdrawn one does not', async ({ page }) => {
    await page.goto('/audit/stats');
    const estimate = page.locator('dt', { hasText: 'False-accept rate of automated passes' }).locator('xpath=following-sibling::dd[1]');
    // The applied Disagree and the race's Agree; the Disagree Artemis never took is left out.
    await expect(estimate).toHaveText('too few samples to estimate (1 of 2; at least 30 needed)');
  });

  test('may not open the threshold what-if, which is for admins', async ({ page }) => {
    await page.goto('/admin/calibration?pass=80&fail=40');
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Show what-if' })).toHaveCount(0);
  });
});

const count = async (page: Page, id: string) => Number(await page.getByTestId(id).textContent());

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`admin, ${colorScheme} mode`, () => {
    test.use({ storageState: storageStateFor('admin'), colorScheme });

    test('moving the thresholds changes the three counts; the page shows the variables to set', async ({ page }) => {
      await page.goto('/admin/calibration?pass=90&fail=50');
      await expect(page.getByRole('heading', { name: 'Threshold what-if' })).toBeVisible();
      const before = {
        queue: await count(page, 'whatif-queue'),
        accepts: await count(page, 'whatif-false-accepts'),
        rejects: await count(page, 'whatif-false-rejects'),
      };
      expect(before.accepts).toBeGreaterThan(0);
      expect(before.rejects).toBeGreaterThan(0);
      await expectNoAxeViolations(page);

      await page.getByLabel('Pass threshold').fill('100');
      await page.getByLabel('Fail threshold').fill('0');
      await page.getByRole('button', { name: 'Show what-if' }).click();
      await expect(page.getByTestId('whatif-env')).toHaveText('LIVENESS_PASS_THRESHOLD=100\nLIVENESS_FAIL_THRESHOLD=0');
      expect(await count(page, 'whatif-queue')).toBeGreaterThan(before.queue);
      expect(await count(page, 'whatif-false-accepts')).toBeLessThan(before.accepts);
      expect(await count(page, 'whatif-false-rejects')).toBe(0);
      await expect(page.getByRole('img', { name: 'Liveness confidence by human verdict' })).toBeVisible();
      await expectNoAxeViolations(page);
      expect(auditEvents({ action: 'calibration.what_if_viewed' }).length).toBeGreaterThan(0);
    });
  });
}
