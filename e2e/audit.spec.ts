import { readFileSync } from 'node:fs';
import { expect, test, type Browser } from '@playwright/test';
import { SEED_CASES } from '../sandbox/seed';
import { E2E, storageStateFor } from './config';
import { sandbox } from './sandbox-control';

const doc = SEED_CASES.lowConfidence;
// A comma, quotes and a line break for the CSV's quoting, and a leading = for formula injection.
const REASON = '=HYPERLINK("http://x.test"), the "sunglasses" are a reflection,\nsecond frame shows open eyes';

/** RFC 4180 reader, just enough to check the export the way a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

async function overrideAsReviewer(browser: Browser) {
  const context = await browser.newContext({ storageState: storageStateFor('reviewer') });
  const page = await context.newPage();
  await page.goto(`/customers/${doc.customerId}/documents/${doc.documentId}`);
  const form = page.getByRole('form', { name: 'Override' });
  // The machine passed this document; the reviewer fails it.
  await form.getByRole('radiogroup', { name: 'Conclusion' }).getByRole('radio', { name: 'Fail' }).check();
  await form.getByRole('radiogroup', { name: 'Facial check' }).getByRole('radio', { name: 'Fail' }).check();
  await form.getByLabel('Reason code').selectOption('FACE_NOT_VISIBLE');
  await form.getByLabel('Reason', { exact: true }).fill(REASON);
  await form.getByRole('button', { name: 'Save override' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Override saved' })).toBeVisible();
  await context.close();
}

test.describe('auditor', () => {
  // One override is made for all of these; a failure should not make another.
  test.describe.configure({ mode: 'serial' });
  test.use({ storageState: storageStateFor('auditor') });

  test.beforeAll(async ({ browser }) => {
    await sandbox.reset();
    await overrideAsReviewer(browser);
  });

  test('sees the reviewer’s override on /audit, reached from the header', async ({ page }) => {
    await page.goto('/customers');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Audit events' });
    const row = table.getByTestId('audit-event').filter({ hasText: 'Applied in Artemis' }).filter({ hasText: E2E.users.reviewer.email }).first();
    await expect(row).toContainText('Conclusion Pass → Fail');
    await expect(row).toContainText('FACE_NOT_VISIBLE');
    await expect(row).toContainText('the "sunglasses" are a reflection');
    await expect(row).toContainText('200');
    await expect(row.getByRole('link', { name: `${doc.customerId} / ${doc.documentId}` })).toHaveAttribute(
      'href',
      `/customers/${doc.customerId}/documents/${doc.documentId}`,
    );
  });

  test('filters through the URL', async ({ page }) => {
    await page.goto('/audit');
    const filters = page.getByRole('search', { name: 'Filter audit events' });
    await filters.getByLabel('Reviewer or actor (email)').fill(E2E.users.reviewer.email);
    await filters.getByLabel('Outcome').selectOption('applied');
    await filters.getByLabel('Document ID').fill(String(doc.documentId));
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]actor=rita\.reviewer%40example\.test/);
    await expect(page).toHaveURL(/[?&]outcome=applied/);
    const rows = page.getByTestId('audit-event');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Applied in Artemis');

    // The same view from a typed URL; a filter that matches nothing says so.
    await page.goto(`/audit?customer=${doc.customerId}&action=override.attempted`);
    await expect(page.getByTestId('audit-event').first()).toContainText('Attempted (outcome recorded)');
    await expect(page.getByRole('search', { name: 'Filter audit events' }).getByLabel('Customer ID')).toHaveValue(String(doc.customerId));
    await page.goto('/audit?actor=nobody%40example.test');
    await expect(page.getByText('No audit events match these filters.')).toBeVisible();
  });

  test('exports the filtered events as CSV with a header row and correct quoting', async ({ page }) => {
    await page.goto(`/audit?document=${doc.documentId}&outcome=applied`);
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^audit-events-.*\.csv$/);
    const rows = parseCsv(readFileSync((await download.path())!, 'utf8'));
    const header = rows[0]!;
    expect(header.slice(0, 5)).toEqual(['seq', 'id', 'occurred_at_utc', 'action', 'actor_email']);
    expect(rows).toHaveLength(2);
    const record = Object.fromEntries(header.map((h, i) => [h, rows[1]![i]]));
    expect(rows[1]).toHaveLength(header.length);
    expect(record).toMatchObject({
      action: 'override.applied',
      actor_email: E2E.users.reviewer.email,
      customer_id: String(doc.customerId),
      document_id: String(doc.documentId),
      reason_code: 'FACE_NOT_VISIBLE',
      upstream_status: '200',
      // Prefixed so that no spreadsheet runs it as a formula.
      reason_text: `'${REASON}`,
    });
    expect(record.occurred_at_utc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(JSON.parse(record.after!)).toEqual({ conclusion: false, facialCheck: false });
    expect(JSON.parse(record.machine!)).toMatchObject({ livenessResult: true });
  });

  test('sees human vs machine statistics', async ({ page }) => {
    await page.goto('/audit/stats');
    await expect(page.getByRole('heading', { name: 'Human vs machine' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Override rate per reviewer' })).toContainText(E2E.users.reviewer.email);
    await expect(page.getByRole('table', { name: 'By reason code' })).toContainText('FACE_NOT_VISIBLE');
    await expect(page.getByLabel('Overall')).toContainText('Pass → Fail');
  });
});

test.describe('reviewer', () => {
  test.use({ storageState: storageStateFor('reviewer') });

  test('gets "Not allowed" on /audit and has no Audit link or export', async ({ page, request }) => {
    await page.goto('/customers');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' })).toHaveCount(0);
    await page.goto('/audit');
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Audit events' })).toHaveCount(0);
    await page.goto('/audit/stats');
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();

    const res = await request.get('/api/audit/export');
    expect(res.status()).toBe(403);
    expect(await res.text()).not.toContain('actor_email');
  });
});

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('an export request gets 401 and no data', async ({ request }) => {
    const res = await request.get('/api/audit/export', { maxRedirects: 0 });
    expect(res.status()).toBe(401);
    expect(res.headers()['content-type']).not.toContain('text/csv');
    const body = await res.text();
    expect(body).not.toContain('actor_email');
    expect(body).not.toContain(E2E.users.reviewer.email);
  });
});
