// Run by scripts/bench/evidence-pack.ts in a process of its own, on the database its env names,
// and prints one JSON line. BENCH_EVIDENCE_PACK says which figure:
//   document  one document's evidence pack (SPEC §16) built again and again, as the route builds
//             it: its 50 events from the database, the customer, the document and the images
//             from the sandbox its env names, the PDF, the signature, the ZIP;
//   period    the period pack of the whole trail streamed to a sink that only counts bytes, with
//             this process's resident memory sampled meanwhile.
import { readFileSync, writeFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Kysely } from 'kysely';
import { getArtemis } from '@/lib/artemis';
import { recordAuditEvent, type AuditActor, type AuditEventInput } from '@/lib/audit/trail';
import type { CurrentUser } from '@/lib/auth/session';
import { closeDb, getDb, type Database } from '@/lib/db';
import { readChainHead, type ChainHead } from '@/lib/evidence-pack/chain-head';
import { CONSOLE_ACTOR, takeCheckpoint } from '@/lib/evidence-pack/checkpoint';
import { buildDocumentPack } from '@/lib/evidence-pack/document-pack';
import { periodPackStream } from '@/lib/evidence-pack/period-pack';
import { insertSyntheticAuditEvents } from './synthetic-audit';

const AUDITOR: CurrentUser = { id: 'bench-auditor', email: 'bench.auditor@example.test', name: 'Bench Auditor', role: 'auditor' };
const MB = 2 ** 20;

/** A demo-seed document with five images (reference, two audit frames, front, back), the one whose images are fetched: four over http. */
const PACK_DOCUMENT = { customerId: 1015, documentId: 5018 };
const DOCUMENT_EVENTS = 50;
/** Other customers' events around the document's, so that its read goes through the index. */
const BACKGROUND_EVENTS = 20_000;
const WARM_UP_BUILDS = 3;
const BUILDS = 30;

export type DocumentPackResult = {
  builds: number;
  p95Ms: number;
  medianMs: number;
  /** The customer and document reads alone, as the pack makes them (information). */
  readsMedianMs: number;
  events: number;
  images: number;
  zipBytes: number;
};

/** One export of the period pack, with the memory of this process before and at its peak. */
export type PeriodExport = {
  zipBytes: number;
  seconds: number;
  baselineRssMb: number;
  /** The higher of the sampled peak and the kernel's high-water mark (VmHWM, reset at the start). */
  peakRssMb: number;
  baselineHeapMb: number;
  peakHeapMb: number;
  samples: number;
  /** The stream ended with a ZIP's end-of-central-directory record. */
  wellFormed: boolean;
};

/** The export in a fresh process (`cold`), then again in the same process (`warm`, as a server that has served before). */
export type PeriodPackResult = { events: number; cold: PeriodExport; warm: PeriodExport };

const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

/** Ten events of a document's working life; five rounds of them make its history. */
async function appendDocumentEvents(customerId: number, documentId: number): Promise<void> {
  const reviewer: AuditActor = { id: 'bench-reviewer', email: 'bench.reviewer@example.test', role: 'reviewer' };
  const checker: AuditActor = { id: 'bench-checker', email: 'bench.checker@example.test', role: 'reviewer' };
  const admin: AuditActor = { id: 'bench-admin', email: 'bench.admin@example.test', role: 'admin' };
  const ids = { customerId, documentId };
  const decision = {
    before: { conclusion: true, facialCheck: true },
    after: { conclusion: false, facialCheck: false },
    machine: { livenessResult: true, confidence: 87, faceDetails: { eyesClosed: { value: false, confidence: 97 } } },
    reasonCode: 'SPOOF_SUSPECTED',
    reasonText: 'Screen edge visible in the second audit frame; the reference shows a moiré pattern.',
    thresholds: { pass: 90, fail: 50, faceAttributeMinConfidence: 80 },
  };
  let appended = 0;
  const append = async (input: AuditEventInput) => {
    appended += 1;
    return recordAuditEvent({ ...ids, ...input });
  };
  for (let round = 0; appended < DOCUMENT_EVENTS; round++) {
    await append({ action: 'evidence.viewed', actor: reviewer, detail: { source: 'artemis' } });
    await append({ action: 'case.assigned', actor: admin, detail: { assigneeEmail: reviewer.email } });
    await append({ action: 'note.added', actor: reviewer, reasonText: `Round ${round + 1}: asked the customer for a new selfie; none yet.` });
    await append({ action: 'override.proposed', actor: reviewer, ...decision });
    await append({ action: 'override.approved', actor: checker, detail: { proposerEmail: reviewer.email, approverEmail: checker.email } });
    const attempt = await append({ action: 'override.attempted', actor: reviewer, ...decision });
    await append({ action: 'override.applied', actor: reviewer, ...decision, correlationId: attempt.id, upstreamStatus: 200, requestId: `bench-${round}` });
    await append({ action: 'qa.verdict', actor: checker, detail: { verdict: 'agree' } });
    await append({ action: 'case.escalated', actor: reviewer, reasonText: 'Second opinion wanted on the reference image.' });
    await append({ action: 'case.returned', actor: admin, reasonText: 'Decision stands.' });
  }
}

async function documentPack(): Promise<DocumentPackResult> {
  const db = await getDb();
  const { customerId, documentId } = PACK_DOCUMENT;
  await insertSyntheticAuditEvents(db, BACKGROUND_EVENTS / 2, { start: new Date(Date.now() - 2 * 86_400_000) });
  await appendDocumentEvents(customerId, documentId);
  await insertSyntheticAuditEvents(db, BACKGROUND_EVENTS / 2);
  // A signed head after the events, as the daily checkpoint leaves one: the pack names it.
  await takeCheckpoint(db, CONSOLE_ACTOR);

  const build = async () => {
    const pack = await buildDocumentPack(db, AUDITOR, customerId, documentId);
    if (!pack) throw new Error(`the sandbox has no document ${customerId}/${documentId}`);
    return pack;
  };
  let last = await build();
  for (let i = 1; i < WARM_UP_BUILDS; i++) await build();
  const times: number[] = [];
  for (let i = 0; i < BUILDS; i++) {
    const started = process.hrtime.bigint();
    last = await build();
    times.push(ms(started));
  }
  const images = Object.keys(unzipSync(last.zip)).filter((name) => name.startsWith('images/')).length;

  const artemis = await getArtemis();
  const reads: number[] = [];
  for (let i = 0; i < BUILDS; i++) {
    const started = process.hrtime.bigint();
    await Promise.all([artemis.getCustomer(customerId), artemis.getDocument(customerId, documentId)]);
    reads.push(ms(started));
  }
  const t = sorted(times);
  return {
    builds: BUILDS,
    p95Ms: t[Math.ceil(t.length * 0.95) - 1]!,
    medianMs: t[Math.floor(t.length / 2)]!,
    readsMedianMs: sorted(reads)[Math.floor(reads.length / 2)]!,
    events: last.statement.eventCount,
    images,
    zipBytes: last.zip.byteLength,
  };
}

/** Peak resident memory (VmHWM), reset to the current resident memory first when `reset` (Linux). */
function highWaterMark(reset = false): number | undefined {
  try {
    if (reset) writeFileSync('/proc/self/clear_refs', '5');
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** Streams the pack of every event up to `head` to a sink that counts bytes, sampling memory every 100 ms. */
async function exportOnce(db: Kysely<Database>, head: ChainHead): Promise<PeriodExport> {
  const { stream } = periodPackStream(db, AUDITOR, {}, head, {});
  const resetWorked = highWaterMark(true) !== undefined;
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  let samples = 0;
  let sampledAt = performance.now();
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
    samples += 1;
    sampledAt = performance.now();
  };
  // The timer only runs when the event loop turns (better-sqlite3 answers synchronously); the sink samples too.
  const timer = setInterval(sample, 100);

  const started = process.hrtime.bigint();
  let zipBytes = 0;
  let tail: Uint8Array = new Uint8Array(0);
  try {
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
      zipBytes += chunk.byteLength;
      tail = chunk.byteLength >= 22 ? chunk.subarray(chunk.byteLength - 22) : Uint8Array.from([...tail, ...chunk].slice(-22));
      if (performance.now() - sampledAt >= 100) sample();
    }
  } finally {
    clearInterval(timer);
  }
  const seconds = ms(started) / 1000;
  sample();
  const kernelPeak = resetWorked ? highWaterMark() : undefined;
  if (kernelPeak !== undefined) peakRss = Math.max(peakRss, kernelPeak);
  return {
    zipBytes,
    seconds,
    baselineRssMb: baseline.rss / MB,
    peakRssMb: peakRss / MB,
    baselineHeapMb: baseline.heapUsed / MB,
    peakHeapMb: peakHeap / MB,
    samples,
    // The end-of-central-directory record (no archive comment): PK\x05\x06.
    wellFormed: zipBytes > 0 && tail[0] === 0x50 && tail[1] === 0x4b && tail[2] === 0x05 && tail[3] === 0x06,
  };
}

async function periodPack(): Promise<PeriodPackResult> {
  const db = await getDb();
  const head = await readChainHead(db);
  const cold = await exportOnce(db, head);
  const warm = await exportOnce(db, head);
  return { events: head.eventCount, cold, warm };
}

async function main() {
  const mode = process.env.BENCH_EVIDENCE_PACK;
  if (mode !== 'document' && mode !== 'period') throw new Error('BENCH_EVIDENCE_PACK must be document or period');
  const result = mode === 'document' ? await documentPack() : await periodPack();
  console.log(JSON.stringify(result));
  await closeDb();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
