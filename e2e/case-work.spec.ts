import { expect, test } from '@playwright/test';
import { SEED_CASES } from '../sandbox/seed';
import { auditEvents, lastAuditSeq, queuedAtOf, setQueuedAt, userByEmail } from './audit-db';
import { E2E, storageStateFor } from './config';
import { fillOverride, openAs, reviewUrl } from './review-helpers';
import { sandbox } from './sandbox-control';
import { newAccount, queue, signInWithPassword, users } from './two-factor-support';
import { builtActions, postAction } from './security-support';

// SPEC §14: case work around a decision.

const noteCase = SEED_CASES.uncertain;
const HOUR = 3_600_000;

test('each queued document is due a day after it entered the queue; overdue ones come first, are counted and say so', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: E2E.appUrl, storageState: storageStateFor('reviewer') });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByLabel('Sort')).toHaveValue('due');
  const table = page.getByRole('table', { name: 'Documents needing review' });
  await expect(table.getByRole('columnheader', { name: 'Due' })).toBeVisible();
  await expect(table.getByTestId('queue-due').first()).toHaveText(/^Due in 2[34] h$/);
  await expect(page.getByRole('link', { name: /^Needs review/ })).not.toContainText('overdue');

  // A document that entered the queue 26 hours ago.
  const late = SEED_CASES.sunglasses;
  const entered = queuedAtOf(late)!;
  setQueuedAt(late, new Date(Date.now() - 26 * HOUR).toISOString());
  try {
    await page.reload();
    await expect(page.getByRole('link', { name: /^Needs review/ })).toContainText('· 1 overdue');
    const first = table.getByTestId('queue-row').first();
    await expect(first).toHaveAttribute('data-document-id', String(late.documentId));
    await expect(first.getByTestId('queue-due')).toHaveText('Overdue by 2 h');
  } finally {
    setQueuedAt(late, entered);
  }

  // Playwright's clock a day and an hour on: every document now in the queue entered it within the last day.
  const later = await context.newPage();
  await later.clock.install({ time: new Date(Date.now() + 25 * HOUR) });
  await later.goto('/');
  const dues = later.getByRole('table', { name: 'Documents needing review' }).getByTestId('queue-due');
  await expect(dues.first()).toHaveText(/^Overdue by [12] h$/);
  expect((await dues.allTextContents()).every((text) => text.startsWith('Overdue by'))).toBe(true);
  await context.close();
});

test('notes from two people, in order and as plain text; auditors read them; each is on the record and in History', async ({ browser }) => {
  const since = lastAuditSeq();
  const open = async (role: 'reviewer' | 'admin' | 'auditor') => {
    const page = await (await browser.newContext({ baseURL: E2E.appUrl, storageState: storageStateFor(role) })).newPage();
    await page.goto(reviewUrl(noteCase));
    return page;
  };
  const reviewer = await open('reviewer');
  const dialogs: string[] = [];
  reviewer.on('dialog', (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())));
  const notes = reviewer.getByRole('region', { name: 'Notes' });

  // Bad input says why and keeps the text.
  const tooLong = 'x'.repeat(2001);
  await notes.getByRole('textbox', { name: 'Note' }).fill(tooLong);
  await notes.getByRole('button', { name: 'Add note' }).click();
  await expect(notes.getByText('At most 2000 characters.')).toBeVisible();
  await expect(notes.getByRole('textbox', { name: 'Note' })).toHaveValue(tooLong);

  const hostile = '<img src=x onerror=alert(1)> Passport photo looks re-printed; asked the customer for a selfie video.';
  await notes.getByRole('textbox', { name: 'Note' }).fill(hostile);
  await notes.getByRole('button', { name: 'Add note' }).click();
  await expect(notes.getByTestId('note')).toHaveCount(1);
  await expect(notes.getByRole('textbox', { name: 'Note' })).toHaveValue('');

  const admin = await open('admin');
  const adminNotes = admin.getByRole('region', { name: 'Notes' });
  await adminNotes.getByRole('textbox', { name: 'Note' }).fill('Checked with the onboarding team: keep it open until the video arrives.');
  await adminNotes.getByRole('button', { name: 'Add note' }).click();
  await expect(adminNotes.getByTestId('note')).toHaveCount(2);

  await reviewer.reload();
  await expect(notes.getByTestId('note-author')).toHaveText([`${E2E.users.reviewer.email} (reviewer)`, `${E2E.users.admin.email} (admin)`]);
  await expect(notes.getByTestId('note-text').first()).toHaveText(hostile);
  await expect(reviewer.getByRole('region', { name: 'History' })).toContainText('Note added');
  await expect(reviewer.getByRole('region', { name: 'History' })).toContainText(hostile);
  expect(dialogs).toEqual([]);

  const auditor = await open('auditor');
  const auditorNotes = auditor.getByRole('region', { name: 'Notes' });
  await expect(auditorNotes.getByTestId('note')).toHaveCount(2);
  await expect(auditorNotes.getByRole('button', { name: 'Add note' })).toHaveCount(0);
  await expect(auditorNotes).toContainText('Your role can read the notes but not add one.');

  const recorded = auditEvents({ since, action: 'note.added' });
  expect(recorded.map((e) => [e.actor_email, e.customer_id, e.document_id, e.reason_text])).toEqual([
    [E2E.users.reviewer.email, noteCase.customerId, noteCase.documentId, hostile],
    [E2E.users.admin.email, noteCase.customerId, noteCase.documentId, 'Checked with the onboarding team: keep it open until the video arrives.'],
  ]);
  for (const page of [reviewer, admin, auditor]) await page.context().close();
});

test('a note on a document the person has not opened, or by an auditor, is refused and recorded nowhere', async ({ browser }) => {
  const since = lastAuditSeq();
  const action = builtActions().find((a) => a.name === 'addNoteAction')!;
  // A reviewer of their own, who has opened no document yet.
  const fresh = await (await browser.newContext({ baseURL: E2E.appUrl })).newPage();
  await signInWithPassword(fresh, newAccount('unseen'));
  await queue(fresh);
  const auditor = await browser.newContext({ baseURL: E2E.appUrl, storageState: storageStateFor('auditor') });
  for (const [context, expected] of [
    [fresh.context(), 'Open the document in the console to add a note to it.'],
    [auditor, '"kind":"denied"'],
  ] as const) {
    const cookies = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const { customerId, documentId } = SEED_CASES.veryLowConfidence;
    const response = await postAction(
      context.request,
      action,
      { Origin: E2E.appUrl, Cookie: cookies },
      JSON.stringify([{ customerId, documentId, text: 'Unseen.' }]),
    );
    expect(await response.text()).toContain(expected);
    await context.close();
  }
  expect(auditEvents({ since, action: 'note.added' })).toEqual([]);
});

// Documents no other journey reads: they may be escalated, decided and assigned here.
const ESCALATED = { customerId: 1018, documentId: 5022 };
const RETURNED = { customerId: 1022, documentId: 5030 };

test('a reviewer escalates with a reason; only an admin decides it; an admin returns another to the queue', async ({ browser }) => {
  const since = lastAuditSeq();
  await sandbox.clearRequests();
  const rita = await openAs(browser, 'reviewer', reviewUrl(ESCALATED));
  // Rita fills the override, then escalates from a second tab before saving it.
  await fillOverride(rita.getByRole('form', { name: 'Override' }), 'Looks fine to me, but the lead should see it.', {
    conclusion: 'Fail',
    facialCheck: 'Fail',
  });
  const ritaTab = await rita.context().newPage();
  await ritaTab.goto(reviewUrl(ESCALATED));
  const escalate = ritaTab.getByRole('form', { name: 'Escalate' });
  await escalate.getByLabel('Reason').fill('Too short');
  await escalate.getByRole('button', { name: 'Escalate' }).click();
  await expect(escalate.getByText('At least 10 characters.')).toBeVisible();
  const reason = 'Selfie and passport photo look like different people; <b>compliance lead</b> please.';
  await escalate.getByLabel('Reason').fill(reason);
  await escalate.getByRole('button', { name: 'Escalate' }).click();
  await expect(ritaTab.getByTestId('escalation')).toContainText(`Escalated by ${E2E.users.reviewer.email}`);
  await expect(ritaTab.getByTestId('escalation')).toContainText(reason);
  await expect(ritaTab.getByRole('form', { name: 'Override' })).toHaveCount(0);
  await expect(ritaTab.getByRole('region', { name: 'Override' })).toContainText('only an admin can decide it now');

  // The form rendered before the escalation is refused by the decision path itself: nothing reaches Artemis.
  await rita.getByRole('form', { name: 'Override' }).getByRole('button', { name: 'Save override' }).click();
  await expect(rita.getByText(`Escalated by ${E2E.users.reviewer.email}: only an admin can decide it now.`)).toBeVisible();
  expect(await sandbox.livenessPuts()).toHaveLength(0);

  // It left the reviewers' queue for the Escalated tab.
  const queuePage = await openAs(browser, 'reviewer2', '/');
  const ids = () => queuePage.getByTestId('queue-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-document-id'))));
  expect(await ids()).not.toContain(ESCALATED.documentId);
  await queuePage.getByRole('link', { name: /^Escalated \(1\)/ }).click();
  await expect(queuePage).toHaveURL(/tab=escalated/);
  await expect(queuePage.getByTestId('queue-total')).toHaveText('1 document escalated to the compliance lead');
  expect(await ids()).toEqual([ESCALATED.documentId]);

  // The admin decides it, through the same decision path.
  const ada = await openAs(browser, 'admin', reviewUrl(ESCALATED));
  await expect(ada.getByTestId('escalation')).toContainText(reason);
  const form = ada.getByRole('form', { name: 'Override' });
  await fillOverride(form, "Different people: failed on the lead's review.", { conclusion: 'Fail', facialCheck: 'Fail', reasonCode: 'OTHER' });
  await form.getByRole('button', { name: 'Save override' }).click();
  await expect(ada.getByTestId('override-saved')).toBeVisible();
  expect(await sandbox.livenessPuts()).toHaveLength(1);
  await ada.reload();
  await expect(ada.getByRole('region', { name: 'History' })).toContainText('Escalated to the compliance lead');
  await expect(ada.getByRole('region', { name: 'Case' })).toHaveCount(0);

  // Another is escalated by the reviewer who holds it, not by one who does not; the admin returns it.
  const holder = await openAs(browser, 'reviewer2', reviewUrl(RETURNED));
  const other = await openAs(browser, 'reviewer', reviewUrl(RETURNED));
  await other.getByRole('form', { name: 'Escalate' }).getByLabel('Reason').fill('I think this needs the lead.');
  await other.getByRole('form', { name: 'Escalate' }).getByRole('button', { name: 'Escalate' }).click();
  await expect(other.getByTestId('escalate-refused')).toContainText('Being reviewed by');
  await holder.getByRole('form', { name: 'Escalate' }).getByLabel('Reason').fill('Document number does not match the MRZ.');
  await holder.getByRole('form', { name: 'Escalate' }).getByRole('button', { name: 'Escalate' }).click();
  await expect(holder.getByTestId('escalation')).toBeVisible();
  await ada.goto(reviewUrl(RETURNED));
  const giveBack = ada.getByRole('form', { name: 'Return to queue' });
  await giveBack.getByLabel('Reason').fill('MRZ checksum is valid; an ordinary review will do.');
  await giveBack.getByRole('button', { name: 'Return to queue' }).click();
  await expect(ada.getByTestId('escalation')).toHaveCount(0);
  await holder.reload();
  await expect(holder.getByRole('form', { name: 'Override' })).toBeVisible();

  const events = auditEvents({ since }).filter((e) => e.action.startsWith('case.') || e.action === 'override.denied');
  expect(events.map((e) => [e.action, e.actor_email, e.document_id])).toEqual([
    ['case.escalated', E2E.users.reviewer.email, ESCALATED.documentId],
    ['override.denied', E2E.users.reviewer.email, ESCALATED.documentId],
    ['case.escalated', E2E.users.reviewer2.email, RETURNED.documentId],
    ['case.returned', E2E.users.admin.email, RETURNED.documentId],
  ]);
  expect(events[0]!.reason_text).toBe(reason);
  for (const page of [rita, queuePage, ada, holder, other]) await page.context().close();
});

test('an admin assigns three documents at once, one refused; the assignee works them first, then unassigns', async ({ browser }) => {
  const since = lastAuditSeq();
  const assignee = newAccount('assignee');
  const docs = [RETURNED, SEED_CASES.emptyAuditImages, SEED_CASES.singleAuditImage];
  const ada = await openAs(browser, 'admin', '/?sort=oldest');
  for (const doc of docs) await ada.getByRole('checkbox', { name: `Select document ${doc.documentId}` }).check();
  const bulk = ada.getByRole('form', { name: 'Assign selected' });
  await expect(bulk).toContainText('3 selected');

  // Meanwhile a reviewer decides one of them: it leaves the queue.
  const rita = await openAs(browser, 'reviewer', reviewUrl(RETURNED));
  const form = rita.getByRole('form', { name: 'Override' });
  await fillOverride(form, 'Checked the MRZ myself: a genuine document.', { conclusion: 'Pass', facialCheck: 'Pass' });
  await form.getByRole('button', { name: 'Save override' }).click();
  await expect(rita.getByTestId('override-saved')).toBeVisible();

  await bulk.getByLabel('Assign to').selectOption({ label: `assignee (reviewer)` });
  await bulk.getByRole('button', { name: 'Assign selected' }).click();
  const answer = ada.getByTestId('bulk-assign-refused');
  await expect(answer).toContainText('2 of 3 assigned to assignee; 1 not assigned.');
  await expect(answer).toContainText(`Document ${RETURNED.documentId} (customer ${RETURNED.customerId}): This document is no longer in the review queue.`);
  await expect(ada.getByTestId('queue-assignee')).toHaveText(['Assigned to assignee', 'Assigned to assignee']);
  expect(auditEvents({ since, action: 'case.assigned' }).map((e) => e.document_id)).toEqual([
    SEED_CASES.emptyAuditImages.documentId,
    SEED_CASES.singleAuditImage.documentId,
  ]);

  // Bad assignees are refused with the reason, and nothing changes.
  const action = builtActions().find((a) => a.name === 'assignAction')!;
  const cookies = (await ada.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const assignTo = (assigneeId: string) =>
    postAction(ada.request, action, { Origin: E2E.appUrl, Cookie: cookies }, JSON.stringify([{ assigneeId, documents: [SEED_CASES.emptyAuditImages] }])).then(
      (r) => r.text(),
    );
  expect(await assignTo(userByEmail(E2E.users.auditor.email)!.id)).toContain('is an auditor: only reviewers and admins decide documents.');
  const gone = newAccount('gone');
  users('disable', gone);
  expect(await assignTo(userByEmail(gone)!.id)).toContain('is disabled: documents cannot be assigned to a disabled account.');
  expect(auditEvents({ since, action: 'case.assigned' })).toHaveLength(2);

  // The assignee: their tab, due first; Next offers their documents before anyone else's.
  const page = await (await browser.newContext({ baseURL: E2E.appUrl })).newPage();
  await signInWithPassword(page, assignee);
  await queue(page);
  await page.getByRole('link', { name: 'Assigned to me (2)' }).click();
  await expect(page.getByTestId('queue-row')).toHaveCount(2);
  await page.goto('/queue/next');
  await expect(page).toHaveURL(new RegExp(`/documents/(${SEED_CASES.emptyAuditImages.documentId}|${SEED_CASES.singleAuditImage.documentId})`));
  for (const doc of [SEED_CASES.emptyAuditImages, SEED_CASES.singleAuditImage]) {
    await page.goto(reviewUrl(doc));
    await expect(page.getByTestId('assignee')).toContainText('Assigned to assignee');
    await page.getByRole('button', { name: 'Unassign me' }).click();
    await expect(page.getByTestId('unassign-ok')).toBeVisible();
  }
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Assigned to me (0)' })).toBeVisible();
  expect(auditEvents({ since, action: 'case.unassigned' })).toHaveLength(2);
  for (const p of [ada, rita, page]) await p.context().close();
});
