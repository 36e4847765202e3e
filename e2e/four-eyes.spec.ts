import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { auditEvents, lastAuditSeq } from './audit-db';
import { E2E, storageStateFor, type E2ERole } from './config';
import { holdNextAction, reviewUrl } from './review-helpers';
import { sandbox } from './sandbox-control';

// These journeys run on the instance started with FOUR_EYES=risky.
test.use({ baseURL: E2E.fourEyesUrl });

// Ordinary seeded documents whose machine result is Fail, used by no other journey.
const APPROVE_DOC = { customerId: 1021, documentId: 5027 };
const REJECT_DOC = { customerId: 1025, documentId: 5035 };
const STALE_DOC = { customerId: 1029, documentId: 5043 };
const CLEAN_DOC = { customerId: 1028, documentId: 5040 };

async function openAs(browser: Browser, role: E2ERole, doc: { customerId: number; documentId: number }): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(role), baseURL: E2E.fourEyesUrl });
  const page = await context.newPage();
  await page.goto(reviewUrl(doc));
  return page;
}

async function override(page: Page, values: { conclusion: 'Pass' | 'Fail'; facialCheck: 'Pass' | 'Fail'; reason: string }) {
  const form = page.getByRole('form', { name: 'Override' });
  await form.getByRole('radiogroup', { name: 'Conclusion' }).getByRole('radio', { name: values.conclusion }).check();
  await form.getByRole('radiogroup', { name: 'Facial check' }).getByRole('radio', { name: values.facialCheck }).check();
  await form.getByLabel('Reason code').selectOption('FALSE_REJECT');
  await form.getByLabel('Reason', { exact: true }).fill(values.reason);
  await form.getByRole('button', { name: 'Save override' }).click();
}

function cookieHeader(role: E2ERole): string {
  const state = JSON.parse(readFileSync(storageStateFor(role), 'utf8')) as { cookies: { name: string; value: string }[] };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

test.beforeAll(async () => {
  await sandbox.reset();
});

test('a fail → pass override waits for a second reviewer, who approves it; the PUT carries the whole document', async ({ browser }) => {
  const before = await sandbox.document(APPROVE_DOC.customerId, APPROVE_DOC.documentId);
  await sandbox.clearRequests();
  const since = lastAuditSeq();

  const maker = await openAs(browser, 'reviewer', APPROVE_DOC);
  await override(maker, { conclusion: 'Pass', facialCheck: 'Pass', reason: 'Live person; the failure came from glare on the screen.' });
  await expect(maker.getByRole('region', { name: 'Awaiting approval' })).toContainText(E2E.users.reviewer.email);
  expect(await sandbox.livenessPuts()).toHaveLength(0);

  // The proposer sees the proposal but no way to approve it.
  await maker.reload();
  const makerPanel = maker.getByRole('region', { name: 'Awaiting approval' });
  await expect(makerPanel).toContainText(E2E.users.reviewer.email);
  await expect(makerPanel).toContainText('another reviewer or an admin must approve');
  await expect(maker.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expect(maker.getByRole('form', { name: 'Override' })).toHaveCount(0);

  // The checker's approval request, captured and replayed with the proposer's own session.
  const checker = await openAs(browser, 'reviewer2', APPROVE_DOC);
  const panel = checker.getByRole('region', { name: 'Awaiting approval' });
  await expect(panel).toContainText('Conclusion Fail → Pass; Facial check Fail → Pass');
  await panel.getByLabel('Reason for your decision').fill('Checked all four audit frames; natural movement.');
  const heldAction = await holdNextAction(checker);
  await panel.getByRole('button', { name: 'Approve' }).click();
  const captured = await heldAction();
  const replay = await checker.request.post(captured.url, {
    headers: {
      'Next-Action': captured.headers['next-action']!,
      'Content-Type': captured.headers['content-type']!,
      Accept: 'text/x-component',
      Origin: E2E.fourEyesUrl,
      Cookie: cookieHeader('reviewer'),
    },
    data: captured.body,
  });
  expect(await replay.text()).toContain('You made this proposal; another reviewer must decide on it.');
  expect(await sandbox.livenessPuts()).toHaveLength(0);
  expect(auditEvents({ since, action: 'override.approval_denied' })).toHaveLength(1);

  // Now the second reviewer approves for real.
  await checker.unroute('**/*');
  await checker.reload();
  await checker
    .getByRole('region', { name: 'Awaiting approval' })
    .getByLabel('Reason for your decision')
    .fill('Checked all four audit frames; natural movement.');
  await checker.getByRole('button', { name: 'Approve' }).click();
  await expect(checker.getByTestId('proposal-decided')).toContainText('Approved and applied in Artemis');

  const puts = await sandbox.livenessPuts();
  expect(puts).toHaveLength(1);
  expect(puts[0]!.body).toEqual({ ...before.liveness, conclusion: true, facialCheck: true });
  expect((await sandbox.document(APPROVE_DOC.customerId, APPROVE_DOC.documentId)).liveness).toEqual({
    ...before.liveness,
    conclusion: true,
    facialCheck: true,
  });

  const events = auditEvents({ since });
  const proposed = events.find((e) => e.action === 'override.proposed')!;
  expect(proposed.actor_email).toBe(E2E.users.reviewer.email);
  const approved = events.find((e) => e.action === 'override.approved')!;
  expect(approved.actor_email).toBe(E2E.users.reviewer2.email);
  expect(JSON.parse(approved.detail_json!)).toMatchObject({ proposerEmail: E2E.users.reviewer.email, approverEmail: E2E.users.reviewer2.email });
  const applied = events.find((e) => e.action === 'override.applied')!;
  expect(JSON.parse(applied.detail_json!)).toMatchObject({ proposerEmail: E2E.users.reviewer.email, approverEmail: E2E.users.reviewer2.email });

  await checker.reload();
  const history = checker.getByRole('region', { name: 'History' });
  await expect(history).toContainText('Approved by a second reviewer');
  await expect(history).toContainText(`proposed by ${E2E.users.reviewer.email}, decided by ${E2E.users.reviewer2.email}`);
  await expect(history).toContainText('Applied in Artemis');
});

test('a rejected proposal sends nothing', async ({ browser }) => {
  await sandbox.clearRequests();
  const maker = await openAs(browser, 'reviewer', REJECT_DOC);
  await override(maker, { conclusion: 'Pass', facialCheck: 'Fail', reason: 'The person looks live to me in frame two.' });
  await expect(maker.getByRole('region', { name: 'Awaiting approval' })).toContainText(E2E.users.reviewer.email);

  const checker = await openAs(browser, 'admin', REJECT_DOC);
  const panel = checker.getByRole('region', { name: 'Awaiting approval' });
  await panel.getByLabel('Reason for your decision').fill('Frame two is a photo of a screen; keep it failed.');
  await panel.getByRole('button', { name: 'Reject' }).click();
  await expect(checker.getByTestId('proposal-decided')).toContainText('Proposal rejected');
  expect(await sandbox.livenessPuts()).toHaveLength(0);

  await checker.getByTestId('proposal-decided').getByRole('button', { name: 'Reload document' }).click();
  await expect(checker.getByRole('region', { name: 'History' })).toContainText('Rejected by a second reviewer: not sent');
  // The document can be overridden again.
  await expect(checker.getByRole('form', { name: 'Override' })).toBeVisible();
});

test('a proposal goes stale when the document changes in Artemis', async ({ browser }) => {
  const maker = await openAs(browser, 'reviewer', STALE_DOC);
  await override(maker, { conclusion: 'Pass', facialCheck: 'Pass', reason: 'Genuine customer, bad lighting only.' });
  await expect(maker.getByRole('region', { name: 'Awaiting approval' })).toContainText(E2E.users.reviewer.email);

  const checker = await openAs(browser, 'reviewer2', STALE_DOC);
  await sandbox.touch(STALE_DOC.customerId, STALE_DOC.documentId, { mergeLiveness: { liivenessConfidence: 55 } });
  await sandbox.clearRequests();
  const panel = checker.getByRole('region', { name: 'Awaiting approval' });
  await panel.getByLabel('Reason for your decision').fill('Approving before I noticed the change.');
  await panel.getByRole('button', { name: 'Approve' }).click();
  await expect(checker.getByTestId('proposal-failed')).toContainText('The proposal is now stale; nothing was sent.');
  expect(await sandbox.livenessPuts()).toHaveLength(0);

  await checker.reload();
  await expect(checker.getByRole('region', { name: 'Awaiting approval' })).toHaveCount(0);
  await expect(checker.getByRole('region', { name: 'History' })).toContainText('Proposal stale: the document changed');
});

test('an override that is not risky is applied at once under the risky policy', async ({ browser }) => {
  await sandbox.clearRequests();
  const page = await openAs(browser, 'reviewer', CLEAN_DOC);
  await override(page, { conclusion: 'Fail', facialCheck: 'Fail', reason: 'The document photo belongs to someone else.' });
  await expect(page.getByTestId('override-saved')).toContainText('Override saved');
  expect(await sandbox.livenessPuts()).toHaveLength(1);
});

test('the queue lists proposals awaiting approval', async ({ browser }) => {
  // A fresh proposal on the document whose first proposal was rejected.
  const maker = await openAs(browser, 'reviewer', REJECT_DOC);
  await override(maker, { conclusion: 'Pass', facialCheck: 'Pass', reason: 'Second look: the customer is live.' });
  await expect(maker.getByRole('region', { name: 'Awaiting approval' })).toContainText(E2E.users.reviewer.email);

  const checker = await openAs(browser, 'reviewer2', REJECT_DOC);
  await checker.goto('/?tab=proposals');
  const table = checker.getByRole('table', { name: 'Overrides awaiting approval' });
  await expect(table).toContainText(E2E.users.reviewer.email);
  await table.getByRole('link', { name: `Decide on document ${REJECT_DOC.documentId}` }).click();
  const panel = checker.getByRole('region', { name: 'Awaiting approval' });
  await panel.getByLabel('Reason for your decision').fill('Rejecting to leave the queue as it was.');
  await panel.getByRole('button', { name: 'Reject' }).click();
  await expect(checker.getByTestId('proposal-decided')).toContainText('Proposal rejected');
});
