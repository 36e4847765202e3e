import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEventFixture as event } from '@/testing/audit-event';
import { assessLiveness, type Thresholds } from '@/lib/liveness/assessment';
import { REASON_CODE_LABELS } from '@/lib/liveness/reason-codes';
import type { ReportImage, ReportInput } from './report-input';
import { renderReportPdf } from './report-pdf';

const PACK_ID = 'pack-7f3c2a91';
const HOSTILE_NAME = '<script>alert(1)</script> Ж\u202Eev\u200Bil';
const NOTE = 'Called the branch: the customer was in good light.';
const thresholds: Thresholds = { pass: 85, fail: 40, faceAttributeMinConfidence: 75 };

function png(width: number, height: number): Uint8Array {
  const image = new PNG({ width, height });
  for (let i = 0; i < image.data.length; i += 4) {
    const pixel = i / 4;
    image.data[i] = (pixel * 7) % 256;
    image.data[i + 1] = Math.floor(pixel / width) % 256;
    image.data[i + 2] = 128;
    image.data[i + 3] = 255;
  }
  return new Uint8Array(PNG.sync.write(image));
}

/** A PNG whose header is right and whose pixel data is not: pdfkit would only find out in a callback. */
function corruptPng(): Uint8Array {
  const bytes = png(40, 40);
  bytes.fill(0x55, 50, 90);
  return bytes;
}

function reportInput(fields: Partial<ReportInput> = {}): ReportInput {
  const hash = (n: number) => n.toString(16).padStart(4, '0').repeat(16);
  const events = [
    event({ seq: 11, action: 'override.attempted', actorEmail: 'ria@example.test', hash: hash(11) }),
    event({
      seq: 12,
      action: 'override.applied',
      actorEmail: 'ria@example.test',
      before: { conclusion: false, facialCheck: false },
      after: { conclusion: true, facialCheck: true },
      reasonCode: 'FALSE_REJECT',
      reasonText: 'Genuine person, poor lighting',
      thresholds: { pass: 90, fail: 50, faceAttributeMinConfidence: 80 },
      upstreamStatus: 200,
      requestId: 'req-42',
      hash: hash(12),
    }),
    event({ seq: 13, action: 'note.added', actorEmail: 'noor@example.test', reasonText: NOTE, thresholds: null, hash: hash(13) }),
    event({ seq: 14, action: 'case.escalated', actorEmail: 'sam@example.test', reasonText: 'Second opinion wanted', hash: hash(14) }),
    event({ seq: 15, action: 'override.proposed', actorEmail: 'ria@example.test', reasonCode: 'POOR_QUALITY', hash: hash(15) }),
    event({
      seq: 16,
      action: 'override.approved',
      actorEmail: 'lead@example.test',
      detail: { proposerEmail: 'ria@example.test', approverEmail: 'lead@example.test', checkerReason: 'Agreed' },
      hash: hash(16),
    }),
  ];
  return {
    packId: PACK_ID,
    createdAt: '2026-12-01T09:30:00.000Z',
    exportedBy: { email: 'auditor@example.test', role: 'admin' },
    facts: {
      customerId: 1001,
      referenceId: 'REF-1001',
      name: HOSTILE_NAME,
      documentType: 'Passport',
      number: 'X1234567',
      issued: '2020-01-01',
      expires: '2030-01-01',
      lastUpdated: '2026-11-30 10:00 UTC',
      decided: null,
    },
    documentId: 5001,
    assessment: assessLiveness(
      {
        livenessResult: false,
        conclusion: true,
        facialCheck: true,
        liivenessConfidence: 72,
        faceDetails: {
          eyesClosed: { value: false, confidence: 98 },
          sunglasses: { value: false, confidence: 60 },
          faceOccluded: { value: true, confidence: 91 },
        },
      },
      thresholds,
    ),
    thresholds,
    images: [
      { label: 'Reference photo', status: 'embedded', type: 'image/png', bytes: png(40, 40) },
      { label: 'Audit image 1', status: 'not-embedded', reason: 'Artemis did not return it in time' },
      { label: 'Audit image 2', status: 'embedded', type: 'image/png', bytes: randomBytes(300) },
      { label: 'Audit image 3', status: 'embedded', type: 'image/png', bytes: corruptPng() },
      { label: 'Audit image 4', status: 'embedded', type: 'image/jpeg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...randomBytes(64)]) },
    ],
    events,
    chain: { seq: 16, hash: hash(16) },
    ...fields,
  };
}

const dir = mkdtempSync(path.join(tmpdir(), 'report-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The PDF's pages as pdftotext reads them (poppler-utils). */
function pagesOf(pdf: Uint8Array, name: string): string[] {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((page) => page.trim() !== '');
}

function expectFooterOnEveryPage(pages: string[]) {
  pages.forEach((page, i) => {
    expect(page).toContain(PACK_ID);
    expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
  });
}

describe('renderReportPdf', () => {
  it('prints the pack, the liveness evidence and the whole history as text', async () => {
    const pdf = await renderReportPdf(reportInput());
    const pages = pagesOf(pdf, 'report');
    const text = pages.join('\n');
    const flat = text.replace(/\s+/g, ' ');

    for (const email of ['auditor@example.test', 'ria@example.test', 'noor@example.test', 'sam@example.test', 'lead@example.test'])
      expect(text).toContain(email);
    expect(flat).toContain(REASON_CODE_LABELS.FALSE_REJECT);
    expect(flat).toContain('Genuine person, poor lighting');
    expect(flat).toContain('pass: 90; fail: 50; faceAttributeMinConfidence: 80');
    expect(text).toContain('Applied in Artemis');
    expect(flat).toContain(NOTE);
    expect(text).toContain('Ж');
    expect(text).toContain('<script>alert(1)</script>');
    // Shown, not obeyed: the override and the invisible space each print as U+FFFD.
    expect(text).toContain('Ж\uFFFDev\uFFFDil');
    expect(flat).toContain('Not embedded: Artemis did not return it in time');
    expect(flat.match(/could not be embedded/g)).toHaveLength(3);
    expect(text).toContain('Fail → Pass');
    expect(text).toContain('Review band');
    expect(text).toContain('#16');
    expectFooterOnEveryPage(pages);

    expect(Buffer.from(await renderReportPdf(reportInput())).equals(Buffer.from(pdf))).toBe(true);
    const bytes = Buffer.from(pdf).toString('latin1');
    for (const actionable of ['/URI', '/JavaScript', '/Launch', '/Annots', '/OpenAction', '/AA']) expect(bytes).not.toContain(actionable);
  });

  it('puts the footer on every page of a long history', async () => {
    const photo = png(600, 400);
    const images: ReportImage[] = Array.from({ length: 5 }, (_, i) => ({ label: `Image ${i + 1}`, status: 'embedded', type: 'image/png', bytes: photo }));
    const events = Array.from({ length: 60 }, (_, i) =>
      event({ seq: i + 1, action: i % 3 === 0 ? 'note.added' : 'override.applied', reasonCode: 'OTHER', reasonText: `Event number ${i + 1}` }),
    );
    const input = reportInput({ images, events, chain: { seq: 60, hash: 'c'.repeat(64) } });

    await renderReportPdf(input); // warm: fonts read, code compiled
    const started = performance.now();
    const pdf = await renderReportPdf(input);
    console.info(`report.pdf, 60 events and 5 images of 600x400: ${(performance.now() - started).toFixed(0)} ms`);

    const pages = pagesOf(pdf, 'long');
    expect(pages.length).toBeGreaterThan(3);
    expectFooterOnEveryPage(pages);
    expect(pages.join('\n')).toContain('Event number 60');
  });
});
