import { expect, test } from '@playwright/test';
import { SEED_CASES } from '../sandbox/seed';
import { auditEvents, lastAuditSeq, queuedAtOf, setQueuedAt } from './audit-db';
import { E2E, storageStateFor } from './config';
import { reviewUrl } from './review-helpers';
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
  for (const role of ['reviewer', 'auditor'] as const) {
    const context = await browser.newContext({ baseURL: E2E.appUrl, storageState: storageStateFor(role) });
    const cookies = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const { customerId, documentId } = SEED_CASES.veryLowConfidence;
    const response = await postAction(
      context.request,
      action,
      { Origin: E2E.appUrl, Cookie: cookies },
      JSON.stringify([{ customerId, documentId, text: 'Unseen.' }]),
    );
    expect(await response.text()).toContain(role === 'auditor' ? '"kind":"denied"' : 'Open the document in the console to add a note to it.');
    await context.close();
  }
  expect(auditEvents({ since, action: 'note.added' })).toEqual([]);
});
