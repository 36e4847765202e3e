// Which images a document has, under which slot names, and how the browser gets each one.
// Pure: shared by the review page (to render) and the image route (to resolve a slot back to
// the live document's URL, so the browser never hands the server a URL to fetch).
import { classifyImageList, classifyImageReference, inlineSrc, type ImagePolicy, type ImageReference } from './image-reference';

export type EvidenceImage = {
  /** `reference`, `front`, `back` or `audit-N` (0-based). */
  slot: string;
  label: string;
  ref: ImageReference;
};

export type BoundingBox = { left: number; top: number; width: number; height: number };

export type DocumentEvidence = {
  reference: EvidenceImage;
  front: EvidenceImage;
  back: EvidenceImage;
  audit: EvidenceImage[];
  /** The face's box on the reference image, as fractions of its size. */
  faceBox: BoundingBox | undefined;
};

export const EVIDENCE_SLOT = /^(reference|front|back|audit-(\d{1,2}))$/;

type DocumentLike = { front?: unknown; back?: unknown; liveness?: unknown };

const asRecord = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const fraction = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1 ? v : undefined);

/** Rekognition's `BoundingBox` ({Width, Height, Left, Top} as fractions), wherever the result keeps it. */
export function faceBoundingBox(liveness: unknown): BoundingBox | undefined {
  const l = asRecord(liveness);
  const raw = asRecord(asRecord(l?.rekognition)?.boundingBox) ?? asRecord(l?.boundingBox);
  if (!raw) return undefined;
  const [left, top, width, height] = [fraction(raw.Left), fraction(raw.Top), fraction(raw.Width), fraction(raw.Height)];
  if (left === undefined || top === undefined || width === undefined || height === undefined) return undefined;
  if (width === 0 || height === 0 || left + width > 1.0001 || top + height > 1.0001) return undefined;
  return { left, top, width, height };
}

export function documentEvidence(doc: DocumentLike, policy: ImagePolicy): DocumentEvidence {
  const liveness = asRecord(doc.liveness) ?? {};
  const audit = classifyImageList(liveness.auditImages, policy).map((ref, i): EvidenceImage => ({ slot: `audit-${i}`, label: `Audit image ${i + 1}`, ref }));
  return {
    reference: { slot: 'reference', label: 'Reference image', ref: classifyImageReference(liveness.referenceImage, policy) },
    front: { slot: 'front', label: 'Document front', ref: classifyImageReference(doc.front, policy) },
    back: { slot: 'back', label: 'Document back', ref: classifyImageReference(doc.back, policy) },
    audit,
    faceBox: faceBoundingBox(liveness),
  };
}

export function findEvidenceImage(evidence: DocumentEvidence, slot: string): EvidenceImage | undefined {
  if (!EVIDENCE_SLOT.test(slot)) return undefined;
  if (slot === 'reference') return evidence.reference;
  if (slot === 'front') return evidence.front;
  if (slot === 'back') return evidence.back;
  return evidence.audit.find((image) => image.slot === slot);
}

/** Our route for a remote image: ids and slot only, never the URL. */
export function imageRoutePath(customerId: number, documentId: number, slot: string): string {
  const query = new URLSearchParams({ customerId: String(customerId), documentId: String(documentId), slot });
  return `/api/images?${query.toString()}`;
}

/** What the page renders for one image: a safe src, or why there is none. */
export type EvidenceItem =
  | { slot: string; label: string; status: 'ok'; src: string; remote: boolean }
  | { slot: string; label: string; status: 'unusable'; reason: string }
  | { slot: string; label: string; status: 'missing' };

function evidenceItem(image: EvidenceImage, ids: { customerId: number; documentId: number }): EvidenceItem {
  const { slot, label, ref } = image;
  switch (ref.kind) {
    case 'inline':
      return { slot, label, status: 'ok', src: inlineSrc(ref), remote: false };
    case 'remote':
      return { slot, label, status: 'ok', src: imageRoutePath(ids.customerId, ids.documentId, slot), remote: true };
    case 'unusable':
      return { slot, label, status: 'unusable', reason: ref.reason };
    case 'missing':
      return { slot, label, status: 'missing' };
  }
}

export type EvidenceView = {
  reference: EvidenceItem;
  front: EvidenceItem;
  back: EvidenceItem;
  audit: EvidenceItem[];
  faceBox: BoundingBox | undefined;
};

export function evidenceView(doc: DocumentLike, policy: ImagePolicy, ids: { customerId: number; documentId: number }): EvidenceView {
  const evidence = documentEvidence(doc, policy);
  return {
    reference: evidenceItem(evidence.reference, ids),
    front: evidenceItem(evidence.front, ids),
    back: evidenceItem(evidence.back, ids),
    audit: evidence.audit.map((image) => evidenceItem(image, ids)),
    faceBox: evidence.faceBox,
  };
}
