import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { REASON_CODE_LABELS } from '../lib/liveness/reason-codes';
import { evidencePackPath } from '../lib/evidence-pack/paths';
import { auditEvents, lastAuditSeq, untouchedQueuedDocuments } from './audit-db';
import { E2E } from './config';
import { fillOverride, openAs, reviewUrl } from './review-helpers';

const run = promisify(execFile);
const REASON = 'Second frame shows the eyes open; the pack must carry this sentence';
const NOTE = 'Checked against the customer call recording';
const dir = mkdtempSync(path.join(tmpdir(), 'evidence-pack-'));

/** `npm run evidence:verify` on a file: its exit code and what it printed. */
async function verify(file: string, ...options: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run('npx', ['tsx', 'scripts/evidence-verify.ts', file, ...options]);
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, out: failed.stdout };
  }
}

async function download(page: Page, link: string): Promise<string> {
  const waiting = page.waitForEvent('download');
  await page.getByRole('link', { name: link }).click();
  const file = path.join(dir, (await waiting).suggestedFilename());
  await (await waiting).saveAs(file);
  return file;
}

function rezipped(file: string, name: string, change: (text: string) => string): string {
  const files = unzipSync(readFileSync(file));
  files[name] = strToU8(change(strFromU8(files[name]!)));
  const out = `${file}.${name}.zip`;
  writeFileSync(out, zipSync(files));
  return out;
}

test.describe.configure({ mode: 'serial' });

const doc = untouchedQueuedDocuments()[0]!;
let packFile = '';

test('an auditor downloads a decided document’s pack: the report, the events as chained, a signature that verifies', async ({ browser }) => {
  test.setTimeout(90_000);
  const reviewer = await openAs(browser, 'reviewer', reviewUrl(doc));
  const form = reviewer.getByRole('form', { name: 'Override' });
  await fillOverride(form, REASON, { reasonCode: 'FALSE_REJECT' });
  await form.getByRole('button', { name: 'Save override' }).click();
  await expect(reviewer.getByRole('status').filter({ hasText: 'Override saved' })).toBeVisible();
  // A reviewer has no pack to download: no link, and the route refuses and records it.
  await expect(reviewer.getByRole('link', { name: 'Download evidence pack' })).toHaveCount(0);
  const since = lastAuditSeq();
  const refused = await reviewer.request.get(evidencePackPath(doc.customerId, doc.documentId));
  expect(refused.status()).toBe(403);
  expect(auditEvents({ action: 'evidence.export_denied', since })).toEqual([
    expect.objectContaining({ actor_email: E2E.users.reviewer.email, customer_id: doc.customerId, document_id: doc.documentId }),
  ]);
  await reviewer.context().close();

  // A signed head after the decision, then one more event the checkpoint does not cover.
  const { stdout } = await run('npx', ['tsx', '--conditions=react-server', 'scripts/audit-checkpoint.ts'], { env: { ...process.env, ...E2E.appEnv } });
  expect(stdout).toMatch(/^Checkpoint signed: head #\d+ [0-9a-f]{64}/);
  const admin = await openAs(browser, 'admin', reviewUrl(doc));
  const notes = admin.getByRole('region', { name: 'Notes' });
  await notes.getByRole('textbox', { name: 'Note' }).fill(NOTE);
  await notes.getByRole('button', { name: 'Add note' }).click();
  await expect(notes.getByTestId('note')).toHaveCount(1);
  await admin.context().close();

  const auditor = await openAs(browser, 'auditor', reviewUrl(doc));
  const before = lastAuditSeq();
  packFile = await download(auditor, 'Download evidence pack');
  expect(path.basename(packFile)).toMatch(new RegExp(`^evidence-pack-${doc.customerId}-${doc.documentId}-\\d{8}T\\d{6}Z\\.zip$`));
  const exported = auditEvents({ action: 'evidence.exported', since: before });
  expect(exported).toHaveLength(1);
  expect(exported[0]).toMatchObject({ actor_email: E2E.users.auditor.email, customer_id: doc.customerId, document_id: doc.documentId });

  const files = unzipSync(readFileSync(packFile));
  expect(Object.keys(files).sort()).toEqual(expect.arrayContaining(['events.json', 'public-key.pem', 'report.pdf', 'statement.json', 'statement.sig']));
  const statement = JSON.parse(strFromU8(files['statement.json']!)) as { packId: string; events: { checkpointSeq: number | null }[]; checkpoints: unknown[] };
  expect(JSON.parse(exported[0]!.detail_json!)).toMatchObject({ packId: statement.packId });
  // The decision is older than the signed head; the note came after it.
  expect(statement.checkpoints).toHaveLength(1);
  expect(statement.events.at(-1)!.checkpointSeq).toBeNull();
  expect(statement.events.some((e) => e.checkpointSeq !== null)).toBe(true);

  writeFileSync(path.join(dir, 'report.pdf'), files['report.pdf']!);
  const { stdout: report } = await run('pdftotext', ['-layout', path.join(dir, 'report.pdf'), '-']);
  const text = report.replace(/\s+/g, ' ');
  for (const expected of [
    E2E.users.reviewer.email,
    REASON_CODE_LABELS.FALSE_REJECT.slice(0, 30),
    REASON.slice(0, 40),
    'Applied in Artemis',
    NOTE,
    statement.packId,
  ]) {
    expect(text, expected).toContain(expected);
  }
  expect(text).toMatch(/pass\D{0,20}90/i);

  const verdict = await verify(packFile);
  expect(verdict.out.trim().split('\n').at(-1)).toBe('ok');
  expect(verdict.code).toBe(0);

  // The pack carried the faces out of the console: a data-subject access request lists it.
  await auditor.goto(`/audit/access?customer=${doc.customerId}`);
  const downloads = auditor.getByRole('region', { name: /^Evidence packs downloaded/ }).getByTestId('evidence-pack-download');
  await expect(downloads.filter({ hasText: statement.packId })).toContainText(E2E.users.auditor.email);
  await expect(downloads.filter({ hasText: statement.packId })).toContainText(String(doc.documentId));
  await auditor.context().close();
});

test('one changed byte in events.json or statement.json fails the check it breaks', async () => {
  const event = await verify(rezipped(packFile, 'events.json', (text) => text.replace(REASON, REASON.replace('open', 'opeN'))));
  expect(event.code).toBe(1);
  expect(event.out).toContain('FAILED at event hashes');
  const statement = await verify(
    rezipped(packFile, 'statement.json', (text) => text.replace(/"eventCount": (\d+)/, (_, n: string) => `"eventCount": ${Number(n) + 1}`)),
  );
  expect(statement.code).toBe(1);
  expect(statement.out).toContain('FAILED at signature');
});

test('OpenSSL alone verifies the signature, with the key the console publishes', async () => {
  const files = unzipSync(readFileSync(packFile));
  for (const name of ['statement.json', 'statement.sig', 'public-key.pem']) writeFileSync(path.join(dir, name), files[name]!);
  const { stdout } = await run(
    'openssl',
    ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-key.pem', '-rawin', '-in', 'statement.json', '-sigfile', 'statement.sig'],
    {
      cwd: dir,
    },
  );
  expect(stdout).toContain('Signature Verified Successfully');
  // Published for anyone, no session needed.
  const outsider = await playwrightRequest.newContext({ baseURL: E2E.appUrl });
  const published = await outsider.get('/.well-known/evidence-key.pem');
  expect(published.status()).toBe(200);
  expect(await published.text()).toBe(strFromU8(files['public-key.pem']!));
  writeFileSync(path.join(dir, 'published-key.pem'), await published.text());
  const verdict = await verify(packFile, '--key', path.join(dir, 'published-key.pem'));
  expect(verdict.out).toMatch(/^ok +key: Ed25519 [0-9a-f]{64}: the published key$/m);
  expect(verdict.code).toBe(0);
  expect((await outsider.get(evidencePackPath(doc.customerId, doc.documentId))).status()).toBe(401);
  expect((await outsider.get('/api/audit/evidence-pack')).status()).toBe(401);
  await outsider.dispose();
});

test('the audit log exports a signed pack of the filtered events, which verifies', async ({ browser }) => {
  const auditor = await openAs(browser, 'auditor', `/audit?customer=${doc.customerId}&document=${doc.documentId}`);
  const file = await download(auditor, 'Export evidence pack');
  const files = unzipSync(readFileSync(file));
  expect(Object.keys(files).sort()).toEqual(['events.json', 'public-key.pem', 'statement.json', 'statement.sig']);
  const statement = JSON.parse(strFromU8(files['statement.json']!)) as { eventCount: number; scope: unknown };
  expect(statement.scope).toEqual({ kind: 'period', filters: { customer: String(doc.customerId), document: String(doc.documentId) } });
  const events = JSON.parse(strFromU8(files['events.json']!)) as { documentId: number }[];
  expect(events.length).toBe(statement.eventCount);
  expect(events.length).toBeGreaterThanOrEqual(4);
  expect(events.every((e) => e.documentId === doc.documentId)).toBe(true);
  const verdict = await verify(file);
  expect(verdict.out.trim().split('\n').at(-1)).toBe('ok');
  await auditor.context().close();
});
