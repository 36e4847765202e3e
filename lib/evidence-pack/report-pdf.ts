import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { AUDIT_ACTIONS, isAuditAction } from '@/lib/audit/actions';
import type { AuditEvent } from '@/lib/audit/trail';
import { formatUtc, passFailText } from '@/lib/format';
import type { ConfidenceBand, Thresholds } from '@/lib/liveness/assessment';
import { passFailOf } from '@/lib/liveness/decision';
import { REASON_CODE_LABELS, type ReasonCode } from '@/lib/liveness/reason-codes';
import { asRecord } from '@/lib/records';
import type { ReportImage, ReportInput } from './report-input';

const REGULAR = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';

const MARGIN = 50;
const PAGE_WIDTH = 595.28; // A4
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const LABEL_WIDTH = 150;
const GAP = 10;
const BODY_SIZE = 9.5;
const MAX_TEXT = 2000;
const DASH = '—';
/** Past this a PNG is not decoded to be checked: evidence photos are far smaller. */
const MAX_IMAGE_PIXELS = 16_000_000;

// The standalone build carries these two files (next.config.js outputFileTracingIncludes).
const fontPath = (name: string) => path.join(process.cwd(), 'node_modules/dejavu-fonts-ttf/ttf', `${name}.ttf`);

let fontFiles: { regular: Buffer; bold: Buffer } | undefined;
const fonts = () => (fontFiles ??= { regular: readFileSync(fontPath(REGULAR)), bold: readFileSync(fontPath(BOLD)) });

// Line breaks and tabs read as spaces; other C0/C1 controls, bidi overrides and marks, invisible
// separators (zero-width space, word joiner, BOM) and lone surrogates could hide or reorder what
// an examiner reads, so they show as U+FFFD. The joiners some scripts need (U+200C, U+200D) stay.
const WHITESPACE_CONTROLS = /\r\n|[\t\n\r]/g;
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]|\p{Surrogate}/gu;

const capped = (text: string) => (text.length > MAX_TEXT ? `${Array.from(text).slice(0, MAX_TEXT).join('')}…` : text);

/** Any value from the input as printable text: capped, with nothing a viewer could act on or reorder. */
function safeText(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : DASH;
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string' || value === '') return DASH;
  return capped(value).replace(WHITESPACE_CONTROLS, ' ').replace(UNSAFE_CHARACTERS, '\uFFFD');
}

const percent = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? `${value}%` : DASH);
const passFailNone = (value: boolean | undefined) => (value === true ? 'Pass' : value === false ? 'Fail' : 'None');

/** An untrusted object's primitive fields as `key: value` text; nested values are left out. */
function primitiveFields(value: unknown, skip: readonly string[] = []): string | null {
  const record = asRecord(value);
  if (!record) return null;
  const parts = Object.entries(record)
    .filter(([key, v]) => !skip.includes(key) && (v === null || ['string', 'number', 'boolean'].includes(typeof v)))
    .map(([key, v]) => `${safeText(key)}: ${v === null ? 'null' : safeText(v)}`);
  return parts.length > 0 ? capped(parts.join('; ')) : null;
}

const BAND_WORDS: Record<ConfidenceBand, (t: Thresholds) => string> = {
  unknown: () => 'Unknown: no confidence',
  pass: (t) => `Pass band: at or above the pass threshold of ${percent(t.pass)}`,
  review: (t) => `Review band: at or above the fail threshold of ${percent(t.fail)}, below the pass threshold of ${percent(t.pass)}`,
  fail: (t) => `Fail band: below the fail threshold of ${percent(t.fail)}`,
};

type Doc = PDFKit.PDFDocument;

const pageBottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` still fits on this one, or would not fit on any. */
function keepTogether(doc: Doc, height: number): void {
  if (doc.y + height > pageBottom(doc) && height <= pageBottom(doc) - doc.page.margins.top) doc.addPage();
}

/** A line across the page, `below` points under the text just written. */
function rule(doc: Doc, below: number, width: number): void {
  doc
    .moveTo(MARGIN, doc.y + below)
    .lineTo(MARGIN + CONTENT_WIDTH, doc.y + below)
    .lineWidth(width)
    .stroke();
}

function heading(doc: Doc, text: string): void {
  keepTogether(doc, 50);
  doc.moveDown(0.6);
  doc.font(BOLD).fontSize(13).text(text, MARGIN, doc.y, { width: CONTENT_WIDTH });
  rule(doc, 1, 0.75);
  doc.y += 6;
  doc.font(REGULAR).fontSize(BODY_SIZE);
}

type Row = [label: string, value: string];
type RowLayout = { indent: number; labelWidth: number };

const TABLE: RowLayout = { indent: 0, labelWidth: LABEL_WIDTH };
const valueWidthOf = ({ indent, labelWidth }: RowLayout) => CONTENT_WIDTH - indent - labelWidth - GAP;

function rowHeight(doc: Doc, [label, value]: Row, layout: RowLayout): number {
  doc.fontSize(BODY_SIZE);
  const labelHeight = doc.font(BOLD).heightOfString(label, { width: layout.labelWidth });
  return Math.max(labelHeight, doc.font(REGULAR).heightOfString(value, { width: valueWidthOf(layout) })) + 2;
}

const rowsHeight = (doc: Doc, items: Row[], layout: RowLayout) => items.reduce((sum, row) => sum + rowHeight(doc, row, layout), 0);

/** Label/value rows, kept on one page while they fit on one. */
function rows(doc: Doc, items: Row[], layout: RowLayout = TABLE): void {
  const x = MARGIN + layout.indent;
  keepTogether(doc, rowsHeight(doc, items, layout));
  for (const row of items) {
    const [label, value] = row;
    keepTogether(doc, Math.min(rowHeight(doc, row, layout), 100));
    const top = doc.y;
    const page = doc.page;
    doc.font(BOLD).text(label, x, top, { width: layout.labelWidth });
    const labelBottom = doc.y;
    doc.font(REGULAR).text(value, x + layout.labelWidth + GAP, top, { width: valueWidthOf(layout) });
    // A value longer than the page flows on; then only its own end counts.
    doc.y = (doc.page === page ? Math.max(labelBottom, doc.y) : doc.y) + 2;
  }
  doc.x = MARGIN;
}

/** The 0–100 scale with both thresholds and the confidence marked: shapes and words, no colour. */
function confidenceBar(doc: Doc, confidence: number | undefined, thresholds: Thresholds): void {
  const left = MARGIN + LABEL_WIDTH + GAP;
  const width = CONTENT_WIDTH - LABEL_WIDTH - GAP - 10;
  const barHeight = 12;
  keepTogether(doc, 58);
  const top = doc.y + 14;
  const at = (value: number) => left + (Math.min(100, Math.max(0, value)) / 100) * width;
  doc.save();
  doc.lineWidth(0.75).rect(left, top, width, barHeight).stroke();
  // Below the fail threshold is hatched: it reads as "fail" on any printer.
  if (Number.isFinite(thresholds.fail) && thresholds.fail > 0) {
    const end = at(thresholds.fail);
    doc
      .save()
      .rect(left, top, end - left, barHeight)
      .clip();
    doc.lineWidth(0.5);
    for (let x = left - barHeight; x < end; x += 4)
      doc
        .moveTo(x, top + barHeight)
        .lineTo(x + barHeight, top)
        .stroke();
    doc.restore();
  }
  doc.font(REGULAR).fontSize(7);
  // The fail label ends at its mark and the pass label starts at its own, so close marks never overprint.
  for (const [name, value, align] of [
    ['fail below', thresholds.fail, 'right'],
    ['pass from', thresholds.pass, 'left'],
  ] as const) {
    if (!Number.isFinite(value)) continue;
    const x = at(value);
    doc
      .lineWidth(1.5)
      .moveTo(x, top - 3)
      .lineTo(x, top + barHeight + 3)
      .stroke();
    doc.text(`${name} ${value}%`, align === 'right' ? x - 82 : x + 2, top + barHeight + 5, { width: 80, align, lineBreak: false });
  }
  if (confidence !== undefined) {
    const x = at(confidence);
    doc.polygon([x - 5, top - 10], [x + 5, top - 10], [x, top - 1]).fill('black');
    doc.text(`confidence ${confidence}%`, x - 40, top - 20, { width: 80, align: 'center', lineBreak: false });
  }
  doc.text('0', left - 12, top + 2, { lineBreak: false });
  doc.text('100', left + width + 3, top + 2, { lineBreak: false });
  doc.restore();
  doc.font(REGULAR).fontSize(BODY_SIZE);
  doc.x = MARGIN;
  doc.y = top + barHeight + 22;
}

type Drawable = { label: string } & ({ data: Buffer; width: number; height: number } | { problem: string });

/** PNG size from its header, or null when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || bytes.toString('latin1', 1, 4) !== 'PNG' || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const JPEG_FRAME_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** JPEG size from its frame header, or null when none is found. */
function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let pos = 2;
  while (pos + 9 < bytes.length && bytes[pos] === 0xff) {
    const marker = bytes[pos + 1]!;
    if (marker === 0xff) {
      pos += 1;
      continue;
    }
    if (JPEG_FRAME_MARKERS.has(marker)) {
      const channels = bytes[pos + 9]!;
      return [1, 3, 4].includes(channels) ? { height: bytes.readUInt16BE(pos + 5), width: bytes.readUInt16BE(pos + 7) } : null;
    }
    pos += 2 + bytes.readUInt16BE(pos + 2);
  }
  return null;
}

/**
 * The bytes pdfkit may embed, checked first: pdfkit decodes some PNGs (alpha, interlaced) in a
 * callback that throws outside any try/catch, so a PNG must decode here before pdfkit sees it.
 */
function drawable(image: ReportImage): Drawable {
  const label = safeText(image.label);
  if (image.status === 'not-embedded') return { label, problem: `Not embedded: ${safeText(image.reason)}` };
  const couldNot = { label, problem: 'Image could not be embedded' };
  try {
    const data = Buffer.from(image.bytes);
    const size = image.type === 'image/png' ? pngSize(data) : jpegSize(data);
    if (!size || size.width < 1 || size.height < 1 || size.width * size.height > MAX_IMAGE_PIXELS) return couldNot;
    if (image.type === 'image/png') PNG.sync.read(data);
    return { label, data, ...size };
  } catch {
    return couldNot;
  }
}

const IMAGE_COLUMNS = 2;
const IMAGE_BOX_WIDTH = (CONTENT_WIDTH - GAP * (IMAGE_COLUMNS - 1)) / IMAGE_COLUMNS;
const IMAGE_BOX_HEIGHT = 170;
/** A row of images none of which could be embedded needs only room for why. */
const TEXT_BOX_HEIGHT = 40;

function images(doc: Doc, list: ReportImage[]): void {
  if (list.length === 0) {
    rows(doc, [['Images', 'None in this pack']]);
    return;
  }
  const items = list.map(drawable);
  const labelHeight = 14;
  for (let start = 0; start < items.length; start += IMAGE_COLUMNS) {
    const row = items.slice(start, start + IMAGE_COLUMNS);
    const boxHeight = row.some((item) => 'data' in item) ? IMAGE_BOX_HEIGHT : TEXT_BOX_HEIGHT;
    keepTogether(doc, labelHeight + boxHeight + GAP);
    const top = doc.y;
    row.forEach((item, column) => {
      const x = MARGIN + column * (IMAGE_BOX_WIDTH + GAP);
      doc.font(BOLD).fontSize(BODY_SIZE).text(item.label, x, top, { width: IMAGE_BOX_WIDTH, height: labelHeight, ellipsis: true, lineBreak: false });
      const boxTop = top + labelHeight;
      doc.lineWidth(0.5).rect(x, boxTop, IMAGE_BOX_WIDTH, boxHeight).stroke();
      let problem = 'problem' in item ? item.problem : null;
      if ('data' in item) {
        const scale = Math.min((IMAGE_BOX_WIDTH - 4) / item.width, (boxHeight - 4) / item.height);
        const [width, height] = [item.width * scale, item.height * scale];
        try {
          doc.image(item.data, x + (IMAGE_BOX_WIDTH - width) / 2, boxTop + (boxHeight - height) / 2, { width, height });
        } catch {
          problem = 'Image could not be embedded';
        }
      }
      if (problem)
        doc
          .font(REGULAR)
          .fontSize(BODY_SIZE)
          .text(problem, x + 6, boxTop + 6, { width: IMAGE_BOX_WIDTH - 12, height: boxHeight - 8, ellipsis: true });
    });
    doc.x = MARGIN;
    doc.y = top + labelHeight + boxHeight + GAP;
  }
}

function actionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTIONS[action].label : safeText(action);
}

function reasonOf(code: string | null): string | null {
  if (!code) return null;
  const label = Object.hasOwn(REASON_CODE_LABELS, code) ? REASON_CODE_LABELS[code as ReasonCode] : null;
  return label ? `${safeText(code)}: ${label}` : safeText(code);
}

const FOUR_EYES_FIELDS = ['proposerEmail', 'approverEmail', 'checkerReason'] as const;

function eventRows(event: AuditEvent): Row[] {
  const detail = asRecord(event.detail);
  const list: Row[] = [['By', `${safeText(event.actorEmail)} (${safeText(event.actorRole ?? 'no role')})`]];
  const add = (label: string, value: string | null | undefined) => {
    if (value) list.push([label, value]);
  };
  add('Reason', reasonOf(event.reasonCode));
  if (event.reasonText) add(event.action === 'note.added' ? 'Note' : 'Reason text', safeText(event.reasonText));
  if (asRecord(event.before) || asRecord(event.after)) {
    const before = passFailOf(event.before);
    const after = passFailOf(event.after);
    add('Conclusion', `${passFailText(before.conclusion)} → ${passFailText(after.conclusion)}`);
    add('Facial check', `${passFailText(before.facialCheck)} → ${passFailText(after.facialCheck)}`);
  }
  if (typeof detail?.proposerEmail === 'string') add('Proposed by', safeText(detail.proposerEmail));
  if (typeof detail?.approverEmail === 'string') add('Second reviewer', safeText(detail.approverEmail));
  if (typeof detail?.checkerReason === 'string') add('Second reviewer’s reason', safeText(detail.checkerReason));
  add('Thresholds', event.thresholds === null ? null : (primitiveFields(event.thresholds) ?? safeText(event.thresholds)));
  add('Machine values', primitiveFields(event.machine));
  add('Upstream status', event.upstreamStatus === null ? null : safeText(event.upstreamStatus));
  add('Request id', event.requestId ? safeText(event.requestId) : null);
  add('Detail', primitiveFields(event.detail, FOUR_EYES_FIELDS));
  add('Hash', safeText(event.hash.slice(0, 16)));
  return list;
}

const EVENT_ROWS: RowLayout = { indent: 12, labelWidth: 120 };

function history(doc: Doc, events: AuditEvent[]): void {
  if (events.length === 0) {
    rows(doc, [['Events', 'None recorded']]);
    return;
  }
  for (const event of events) {
    const title = `#${safeText(event.seq)}   ${formatUtc(event.occurredAt)}   ${actionLabel(event.action)}`;
    const details = eventRows(event);
    const titleHeight = doc.font(BOLD).fontSize(10).heightOfString(title, { width: CONTENT_WIDTH }) + 6;
    keepTogether(doc, titleHeight + rowsHeight(doc, details, EVENT_ROWS));
    doc.y += 4;
    doc.font(BOLD).fontSize(10).text(title, MARGIN, doc.y, { width: CONTENT_WIDTH });
    doc.y += 2;
    rows(doc, details, EVENT_ROWS);
    rule(doc, 2, 0.3);
    doc.y += 4;
  }
}

/** Footers are drawn last, into the bottom margin of every page, where pdfkit would otherwise break the page. */
function footers(doc: Doc, packId: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 35;
    doc.font(REGULAR).fontSize(8);
    doc.text(`Evidence pack ${packId}`, MARGIN, y, { width: CONTENT_WIDTH / 2, lineBreak: false, ellipsis: true });
    doc.text(`Page ${i - start + 1} of ${count}`, MARGIN + CONTENT_WIDTH / 2, y, { width: CONTENT_WIDTH / 2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** `report.pdf` of an evidence pack (SPEC §16): everything in it is drawn as text or an image, nothing a viewer acts on. */
export async function renderReportPdf(input: ReportInput): Promise<Uint8Array> {
  const { regular, bold } = fonts();
  const packId = safeText(input.packId);
  const createdAt = new Date(input.createdAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    // Without it pdfkit first loads Helvetica from its own data files; only DejaVu is used, so only DejaVu need ship.
    font: fontPath(REGULAR),
    info: { Title: `Evidence pack ${packId}`, ...(Number.isNaN(createdAt.getTime()) ? {} : { CreationDate: createdAt }) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont(REGULAR, regular);
  doc.registerFont(BOLD, bold);

  const { facts, assessment, thresholds } = input;
  doc.font(BOLD).fontSize(22).text('Evidence pack', MARGIN, MARGIN, { width: CONTENT_WIDTH });
  doc.moveDown(0.4);
  rows(doc, [
    ['Pack id', packId],
    ['Created', formatUtc(input.createdAt)],
    ['Exported by', `${safeText(input.exportedBy.email)} (${safeText(input.exportedBy.role)})`],
  ]);

  heading(doc, 'Customer');
  rows(doc, [
    ['Customer id', safeText(facts.customerId)],
    ['Reference', safeText(facts.referenceId)],
    ['Name', safeText(facts.name)],
  ]);

  heading(doc, 'Document');
  rows(doc, [
    ['Document id', safeText(input.documentId)],
    ['Type', safeText(facts.documentType)],
    ['Number', safeText(facts.number)],
    ['Issued', safeText(facts.issued)],
    ['Expires', safeText(facts.expires)],
    ['Last updated', safeText(facts.lastUpdated)],
    ...(facts.decided ? [['Console decision in effect', `${safeText(facts.decided.by)}, ${safeText(facts.decided.at)}`] as Row] : []),
  ]);

  heading(doc, 'Liveness');
  rows(doc, [
    ['Machine result', passFailNone(assessment.livenessResult)],
    ['Confidence', percent(assessment.confidence)],
    ['Band', BAND_WORDS[assessment.band](thresholds)],
  ]);
  confidenceBar(doc, assessment.confidence, thresholds);
  rows(doc, [
    ['Conclusion (current)', passFailNone(assessment.conclusion)],
    ['Facial check (current)', passFailNone(assessment.facialCheck)],
    ...assessment.attributes.map((a): Row => [
      safeText(a.label),
      `${a.detected === undefined ? DASH : a.detected ? 'Detected' : 'Not detected'}, confidence ${percent(a.confidence)}`,
    ]),
  ]);

  heading(doc, 'Thresholds in force at export');
  rows(doc, [
    ['Pass', `at or above ${percent(thresholds.pass)}`],
    ['Fail', `below ${percent(thresholds.fail)}`],
    ['Face attribute minimum', `confidence ${percent(thresholds.faceAttributeMinConfidence)}`],
  ]);

  heading(doc, 'Images');
  images(doc, input.images);

  heading(doc, 'History, oldest first');
  history(doc, input.events);

  heading(doc, 'Audit chain');
  rows(doc, [
    ['Last event at export', `#${safeText(input.chain.seq)}`],
    ['Its hash', safeText(input.chain.hash)],
  ]);

  footers(doc, packId);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
