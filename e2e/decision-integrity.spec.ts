import { expect, test, type Browser, type Page } from '@playwright/test';
import { documentEvents, finalOutcomeOf, lastAuditSeq } from './audit-db';
import { E2E, storageStateFor, type E2ERole } from './config';
import { reviewUrl } from './review-helpers';
import { sandbox } from './sandbox-control';

// Ordinary seeded documents (machine Pass) that no other journey uses. A Fail override is applied
// at once on both instances (FOUR_EYES off, and risky), so reviewers race there on equal terms.
const RACE_DOCS = [
  { customerId: 1022, documentId: 5029 },
  { customerId: 1023, documentId: 5031 },
] as const;
const APPROVAL_RACE_DOC = { customerId: 1026, documentId: 5038 };
const DROPPED_WRITE_DOC = { customerId: 1024, documentId: 5033 };
const BEHIND_504_DOC = { customerId: 1024, documentId: 5034 };
const TIMED_OUT_DOC = { customerId: 1026, documentId: 5037 };
const LOST_5XX_DOC = { customerId: 1026, documentId: 5039 };

/** ARTEMIS_TIMEOUT_MS of the e2e app, and the settling window after an unknown outcome (settlingWindowMs). */
const TIMEOUT_MS = Number(E2E.appEnv.ARTEMIS_TIMEOUT_MS);
const SETTLING_WINDOW_MS = 2 * TIMEOUT_MS;
const PUT_ONLY = { method: 'PUT', pathContains: '/liveness' } as const;

type Doc = { customerId: number; documentId: number };
type Values = { conclusion: 'Pass' | 'Fail'; facialCheck: 'Pass' | 'Fail'; reason: string };
type Outcome = 'saved' | 'conflict' | 'unknown' | 'not-applied' | 'failed';

async function open(browser: Browser, role: E2ERole, baseURL: string, doc: Doc): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(role), baseURL });
  const page = await context.newPage();
  await page.goto(reviewUrl(doc));
  await expect(page.getByRole('heading', { name: 'Face details' })).toBeVisible();
  return page;
}

async function fill(page: Page, values: Values) {
  const form = page.getByRole('form', { name: 'Override' });
  await form.getByRole('radiogroup', { name: 'Conclusion' }).getByRole('radio', { name: values.conclusion }).check();
  await form.getByRole('radiogroup', { name: 'Facial check' }).getByRole('radio', { name: values.facialCheck }).check();
  await form.getByLabel('Reason code').selectOption('SPOOF_SUSPECTED');
  await form.getByLabel('Reason', { exact: true }).fill(values.reason);
  return form.getByRole('button', { name: 'Save override' });
}

const OUTCOME_IDS: Record<string, Outcome> = {
  'override-saved': 'saved',
  'override-conflict': 'conflict',
  'override-unknown': 'unknown',
  'override-not-applied': 'not-applied',
  'override-failed': 'failed',
};

/** Waits until the form shows how the save ended. */
async function outcomeOf(page: Page): Promise<Outcome> {
  const shown = page
    .locator(
      Object.keys(OUTCOME_IDS)
        .map((id) => `[data-testid="${id}"]`)
        .join(', '),
    )
    .first();
  await expect(shown).toBeVisible({ timeout: 20_000 });
  return OUTCOME_IDS[(await shown.getAttribute('data-testid'))!]!;
}

const attemptsOn = (doc: Doc, since: number) => documentEvents(doc, since).filter((e) => e.action === 'override.attempted');

test.beforeEach(async () => {
  await sandbox.reset();
});
test.afterAll(async () => {
  await sandbox.reset();
});

for (const [where, urls, doc] of [
  ['on one instance', [E2E.appUrl, E2E.appUrl], RACE_DOCS[0]],
  ['on two instances sharing the database', [E2E.appUrl, E2E.fourEyesUrl], RACE_DOCS[1]],
] as const) {
  test(`two reviewers save one document at once ${where}, Artemis answering after 400 ms: one PUT, one saved, one conflict`, async ({ browser }) => {
    test.slow();
    const since = lastAuditSeq();
    const rita = await open(browser, 'reviewer', urls[0], doc);
    const sam = await open(browser, 'reviewer2', urls[1], doc);
    const saveRita = await fill(rita, { conclusion: 'Fail', facialCheck: 'Fail', reason: 'Printed photo held to the camera; edges visible.' });
    const saveSam = await fill(sam, { conclusion: 'Fail', facialCheck: 'Pass', reason: 'Screen replay: moiré pattern on every audit frame.' });
    await sandbox.latency({ ms: 400 });
    await sandbox.clearRequests();

    await Promise.all([saveRita.click(), saveSam.click()]);
    const [ritaOutcome, samOutcome] = await Promise.all([outcomeOf(rita), outcomeOf(sam)]);
    expect([ritaOutcome, samOutcome].sort()).toEqual(['conflict', 'saved']);
    await expect((ritaOutcome === 'conflict' ? rita : sam).getByTestId('override-conflict')).toContainText('This document changed since you opened it');
    expect(await sandbox.livenessPuts()).toHaveLength(1);

    // Artemis holds the winner's decision, and the trail credits the winner alone.
    const winner = ritaOutcome === 'saved' ? { email: E2E.users.reviewer.email, facialCheck: false } : { email: E2E.users.reviewer2.email, facialCheck: true };
    expect((await sandbox.document(doc.customerId, doc.documentId)).liveness).toMatchObject({ conclusion: false, facialCheck: winner.facialCheck });
    const trail = documentEvents(doc, since);
    expect(trail.filter((e) => e.action === 'override.attempted').map((e) => e.actor_email)).toEqual([winner.email]);
    expect(trail.filter((e) => e.action === 'override.applied').map((e) => e.actor_email)).toEqual([winner.email]);
    await rita.context().close();
    await sam.context().close();
  });
}

test('an approval racing a direct Fail override on another instance: exactly one PUT', async ({ browser }) => {
  test.slow();
  const doc = APPROVAL_RACE_DOC;
  // The machine failed this one, so Pass needs a second reviewer on the four-eyes instance.
  await sandbox.touch(doc.customerId, doc.documentId, {
    mergeLiveness: { livenessResult: false, conclusion: false, facialCheck: false, liivenessConfidence: 41 },
  });
  const admin = await open(browser, 'admin', E2E.appUrl, doc);
  const saveDirect = await fill(admin, { conclusion: 'Fail', facialCheck: 'Fail', reason: 'Mask edges visible around the chin in frame 3.' });

  const maker = await open(browser, 'reviewer', E2E.fourEyesUrl, doc);
  await (await fill(maker, { conclusion: 'Pass', facialCheck: 'Pass', reason: 'Live person; the failure came from glare on the screen.' })).click();
  await expect(maker.getByRole('region', { name: 'Awaiting approval' })).toBeVisible();
  const checker = await open(browser, 'reviewer2', E2E.fourEyesUrl, doc);
  await checker.getByLabel('Reason for your decision').fill('Checked every audit frame: the person is live.');

  await sandbox.latency({ ms: 400 });
  await sandbox.clearRequests();
  await Promise.all([checker.getByRole('button', { name: 'Approve' }).click(), saveDirect.click()]);
  // Whichever took the document first, the other ran after it and sent nothing: the direct
  // override found the proposal still waiting, or the document changed by the approval.
  await expect(checker.getByTestId('proposal-decided')).toContainText('Approved and applied in Artemis', { timeout: 20_000 });
  const direct = await outcomeOf(admin);
  expect(['conflict', 'failed']).toContain(direct);
  if (direct === 'failed') await expect(admin.getByTestId('override-failed')).toContainText('awaiting approval');
  expect(await sandbox.livenessPuts()).toHaveLength(1);
  expect((await sandbox.document(doc.customerId, doc.documentId)).liveness).toMatchObject({ conclusion: true, facialCheck: true });
  for (const page of [admin, maker, checker]) await page.context().close();
});

test('a 200 that leaves the decision out is not shown as saved', async ({ browser }) => {
  const doc = DROPPED_WRITE_DOC;
  const since = lastAuditSeq();
  const page = await open(browser, 'reviewer', E2E.appUrl, doc);
  const before = (await sandbox.document(doc.customerId, doc.documentId)).liveness;
  const save = await fill(page, { conclusion: 'Fail', facialCheck: 'Fail', reason: 'Face does not match the document photo.' });
  await sandbox.fault({ dropWrite: true, ...PUT_ONLY });

  await save.click();
  expect(await outcomeOf(page)).toBe('not-applied');
  const alert = page.getByTestId('override-not-applied');
  await expect(alert).toContainText('Artemis did not apply the override');
  await expect(alert).toContainText('conclusion Pass and facial check Pass');
  await expect(page.getByTestId('override-saved')).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Override' }).getByLabel('Reason', { exact: true })).toHaveValue('Face does not match the document photo.');
  expect((await sandbox.document(doc.customerId, doc.documentId)).liveness).toEqual(before);

  const [attempt] = attemptsOn(doc, since);
  expect(finalOutcomeOf(attempt!.id)).toBe('override.not_applied');
  await page.reload();
  await expect(page.getByRole('region', { name: 'History' }).getByTestId('history-event').first()).toContainText('Not applied in Artemis');
  await page.context().close();
});

test('a PUT that Artemis applies behind a 504 is unknown, never failed, and is settled as applied on the next view', async ({ browser }) => {
  const doc = BEHIND_504_DOC;
  const since = lastAuditSeq();
  const page = await open(browser, 'reviewer', E2E.appUrl, doc);
  const save = await fill(page, { conclusion: 'Fail', facialCheck: 'Fail', reason: 'Eyes closed in every frame; sunglasses in two.' });
  await sandbox.fault({ status: 504, applyFirst: true, ...PUT_ONLY });

  await save.click();
  expect(await outcomeOf(page)).toBe('unknown');
  const alert = page.getByTestId('override-unknown');
  await expect(alert).toContainText('Outcome unknown');
  await expect(alert).toContainText('Do not repeat the override');
  await expect(alert).not.toContainText('Nothing was changed');
  expect((await sandbox.document(doc.customerId, doc.documentId)).liveness).toMatchObject({ conclusion: false, facialCheck: false });
  expect(documentEvents(doc, since).map((e) => e.action)).not.toContain('override.failed');

  await page.reload();
  const history = page.getByRole('region', { name: 'History' }).getByTestId('history-event');
  await expect(history.first()).toContainText('Applied in Artemis');
  await expect(history.first()).toContainText('Confirmed by reading Artemis back');
  await expect(history.nth(1)).toContainText('Outcome unknown');
  const [attempt] = attemptsOn(doc, since);
  expect(finalOutcomeOf(attempt!.id)).toBe('override.applied');
  expect(documentEvents(doc, since).map((e) => e.action)).not.toContain('override.failed');
  await page.context().close();
});

test('a timed-out attempt is not credited with the values a second reviewer sets later; the document waits for it first', async ({ browser }) => {
  test.slow();
  const doc = TIMED_OUT_DOC;
  const since = lastAuditSeq();
  const values = { conclusion: 'Fail', facialCheck: 'Fail' } as const;
  const rita = await open(browser, 'reviewer', E2E.appUrl, doc);
  const sam = await open(browser, 'reviewer2', E2E.fourEyesUrl, doc);
  const saveRita = await fill(rita, { ...values, reason: 'Photo of a photo: glare and paper texture.' });
  const saveSam = await fill(sam, { ...values, reason: 'Paper texture in the audit frames: a printed photo.' });
  // Longer than the console's timeout: the console gives up, and Artemis never acts on it.
  await sandbox.fault({ latencyMs: TIMEOUT_MS + 2_000, ...PUT_ONLY });

  await saveRita.click();
  expect(await outcomeOf(rita)).toBe('unknown');
  // While Artemis might still carry it out, the document takes no other decision.
  await sandbox.clearRequests();
  await saveSam.click();
  expect(await outcomeOf(sam)).toBe('conflict');
  expect(await sandbox.livenessPuts()).toHaveLength(0);

  await sam.waitForTimeout(SETTLING_WINDOW_MS + 500);
  await sam.reload();
  await (await fill(sam, { ...values, reason: 'Paper texture in the audit frames: a printed photo.' })).click();
  expect(await outcomeOf(sam)).toBe('saved');

  const [ritaAttempt, samAttempt] = attemptsOn(doc, since);
  expect(ritaAttempt!.actor_email).toBe(E2E.users.reviewer.email);
  expect(finalOutcomeOf(ritaAttempt!.id)).toBe('override.not_applied');
  expect(finalOutcomeOf(samAttempt!.id)).toBe('override.applied');
  await rita.reload();
  const history = rita.getByRole('region', { name: 'History' });
  await expect(history.getByTestId('history-event').first()).toContainText(E2E.users.reviewer2.email);
  await rita.context().close();
  await sam.context().close();
});

test('a 5xx that did not take effect is unknown at first, then settled as not applied once the document is free', async ({ browser }) => {
  test.slow();
  const doc = LOST_5XX_DOC;
  const since = lastAuditSeq();
  const page = await open(browser, 'reviewer', E2E.appUrl, doc);
  const save = await fill(page, { conclusion: 'Fail', facialCheck: 'Pass', reason: 'Face partly covered by a hand in the reference image.' });
  await sandbox.fault({ status: 503, ...PUT_ONLY });
  await save.click();
  expect(await outcomeOf(page)).toBe('unknown');
  await expect(page.getByTestId('override-unknown')).toContainText('HTTP 503');

  await page.reload();
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByTestId('history-event').first()).toContainText('Outcome unknown');
  await expect(history).toContainText('whether Artemis applied it is not known yet');

  await page.waitForTimeout(SETTLING_WINDOW_MS + 500);
  await page.reload();
  await expect(history.getByTestId('history-event').first()).toContainText('Not applied in Artemis');
  await expect(history).not.toContainText('whether Artemis applied it is not known yet');
  const [attempt] = attemptsOn(doc, since);
  expect(finalOutcomeOf(attempt!.id)).toBe('override.not_applied');
  await page.context().close();
});
