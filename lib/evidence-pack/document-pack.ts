import 'server-only';
import { randomUUID } from 'node:crypto';
import { zipSync, strToU8 } from 'fflate';
import type { Kysely } from 'kysely';
import { getArtemis } from '@/lib/artemis';
import { decisionInEffect, latestAppliedIn } from '@/lib/audit/decisions';
import { toEvent } from '@/lib/audit/trail';
import type { Database } from '@/lib/db';
import type { CurrentUser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { errorText, logger } from '@/lib/log';
import { documentEvidence, type EvidenceImage } from '@/lib/evidence/document-evidence';
import { evidenceImageBytes } from '@/lib/evidence/image-bytes';
import { imagePolicy } from '@/lib/evidence/policy';
import { assessLiveness } from '@/lib/liveness/assessment';
import { decisionSnapshot } from '@/lib/overrides/results';
import { reviewHeaderFacts } from '@/lib/review/header-facts';
import { checkpointsFrom } from './checkpoint';
import { checkpointCoverage, EVENTS_JSON_CLOSE, EVENTS_JSON_OPEN, EVENTS_JSON_SEPARATOR, PACK_FILES, packEvent, type Statement } from './format';
import type { ReportImage } from './report-input';
import { renderReportPdf } from './report-pdf';
import { readChainHead } from './chain-head';
import { sha256Hex } from './signature';
import { evidenceSigner, signStatement } from './signer';

export type DocumentPack = { packId: string; zip: Uint8Array; statement: Statement };

const IMAGE_EXTENSIONS = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' } as const;

/**
 * One document's evidence pack (SPEC §16): its events as chained up to the head read first,
 * what Artemis holds now (one read of the customer and one of the document), the images, the
 * report, and a statement signed with the console's key. Null when Artemis has no such document.
 */
export async function buildDocumentPack(db: Kysely<Database>, user: CurrentUser, customerId: number, documentId: number): Promise<DocumentPack | null> {
  const packId = randomUUID();
  const createdAt = new Date().toISOString();
  const head = await readChainHead(db);
  const artemis = await getArtemis();
  const [rows, customer, document] = await Promise.all([
    db
      .selectFrom('audit_events')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('document_id', '=', documentId)
      .where('seq', '<=', head.seq)
      .orderBy('seq', 'asc')
      .execute(),
    artemis.getCustomer(customerId),
    artemis.getDocument(customerId, documentId),
  ]);
  if (!customer || !document) return null;

  const signer = evidenceSigner();
  const events = rows.map(packEvent);
  const coverage = checkpointCoverage(events.length > 0 ? await checkpointsFrom(db, events[0]!.seq, signer.keyId, head.seq) : []);
  const eventsJson = strToU8(EVENTS_JSON_OPEN + events.map((e) => JSON.stringify(e)).join(EVENTS_JSON_SEPARATOR) + EVENTS_JSON_CLOSE);

  const { thresholds } = getEnv();
  const assessment = assessLiveness(document.liveness as Record<string, unknown> | undefined, thresholds);
  const history = rows.map(toEvent);
  const evidence = documentEvidence(document, imagePolicy());
  const images = await Promise.all([evidence.reference, ...evidence.audit, evidence.front, evidence.back].map((image) => packImage(artemis, image)));

  const report = await renderReportPdf({
    packId,
    createdAt,
    exportedBy: { email: user.email, role: user.role },
    facts: reviewHeaderFacts(
      customer,
      document,
      decisionSnapshot(assessment, document.updatedAt).updatedAt,
      decisionInEffect(latestAppliedIn([...history].reverse()), assessment),
    ),
    documentId,
    assessment,
    thresholds,
    images: images.map((image) => image.report),
    events: history,
    chain: { seq: head.seq, hash: head.hash },
  });

  const files: Record<string, Uint8Array> = { [PACK_FILES.events]: eventsJson, [PACK_FILES.report]: report };
  for (const image of images) if (image.file) files[image.file.name] = image.file.bytes;
  files[PACK_FILES.publicKey] = strToU8(signer.publicKeyPem);

  const statement: Statement = {
    type: 'lrc.evidence-statement/1',
    packId,
    createdAt,
    exportedBy: { email: user.email, role: user.role },
    scope: { kind: 'document', customerId, documentId },
    chain: head,
    key: { algorithm: 'Ed25519', keyId: signer.keyId },
    files: Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, { sha256: sha256Hex(bytes), bytes: bytes.byteLength }])),
    eventCount: events.length,
    events: events.map((e) => ({ seq: e.seq, id: e.id, hash: e.hash, checkpointSeq: coverage.of(e.seq)?.seq ?? null })),
    checkpoints: coverage.used(),
  };
  const zip = zipSync({ ...files, ...signStatement(signer, statement) });
  return { packId, zip, statement };
}

type PackImage = { report: ReportImage; file?: { name: string; bytes: Uint8Array } };

/** An image for the report and, as received, for the pack; a failure is printed, not fatal. */
async function packImage(artemis: Awaited<ReturnType<typeof getArtemis>>, image: EvidenceImage): Promise<PackImage> {
  const { label, slot } = image;
  if (image.ref.kind === 'missing') return { report: { label, status: 'not-embedded', reason: 'No image in Artemis.' } };
  if (image.ref.kind === 'unusable') return { report: { label, status: 'not-embedded', reason: image.ref.reason } };
  try {
    const result = await evidenceImageBytes(artemis, image);
    if (!result.ok) return { report: { label, status: 'not-embedded', reason: result.message } };
    const file = { name: `images/${slot}.${IMAGE_EXTENSIONS[result.type]}`, bytes: result.bytes };
    if (result.type === 'image/png' || result.type === 'image/jpeg')
      return { report: { label, status: 'embedded', type: result.type, bytes: result.bytes }, file };
    return {
      report: { label, status: 'not-embedded', reason: `A ${IMAGE_EXTENSIONS[result.type].toUpperCase()} image: kept in the pack as ${file.name}.` },
      file,
    };
  } catch (error) {
    logger('evidence-pack').warn({ slot, error: errorText(error) }, 'evidence image could not be fetched for a pack');
    return { report: { label, status: 'not-embedded', reason: 'Artemis did not send the image when the pack was made.' } };
  }
}
