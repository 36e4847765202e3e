// Builds the sandbox's stored customers and documents from the seed's specs: dates, faces,
// identity-card images and the liveness results in every encoding the console must handle.
import { type FaceOptions, pngDataUrl, renderFace, renderIdCardBack, renderIdCardFront } from './faces';
import { toJavaDate } from './java-date';
import { seededRandom } from './random';
import {
  HOSTILE_STRINGS,
  LIVENESS_VENDOR_USER,
  ONBOARDING_USER,
  type Attr,
  type CustomerSeed,
  type DocumentSpec,
  type DocumentType,
  type LivenessSpec,
} from './seed-specs';
import type { FaceAttribute, StoredCustomer, StoredDocument } from './types';

const DAY_MS = 86_400_000;
const SEED_EPOCH = Date.UTC(2025, 0, 6, 1, 30, 0, 0);

function customerCreatedAt(customerId: number): number {
  const i = customerId - 1001;
  return SEED_EPOCH + i * Math.round(1.7 * DAY_MS) + ((i * 137) % 600) * 1000 + ((i * 211) % 1000);
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function documentNumber(type: DocumentType, id: number, nationality: string): string {
  const digits = String((id * 7919) % 10_000_000).padStart(7, '0');
  const check = String.fromCharCode(65 + (id % 26));
  if (type === 'PASSPORT') return `${nationality === 'SG' ? 'K' : 'P'}${digits}${check}`;
  if (type === 'DRIVING_LICENSE') return `DL-${nationality}-${digits}`;
  return `${nationality === 'SG' ? 'S' : 'ID'}${digits}${check}`;
}

function identityNumber(customerId: number, nationality: string): string {
  const digits = String((customerId * 104729) % 10_000_000).padStart(7, '0');
  return `${nationality === 'SG' ? 'S' : nationality}${digits}${String.fromCharCode(65 + (customerId % 26))}`;
}

const imageCache = new Map<string, Buffer>();

function cachedPng(key: string, render: () => Buffer): Buffer {
  let png = imageCache.get(key);
  if (!png) {
    png = render();
    imageCache.set(key, png);
  }
  return png;
}

function facePng(options: FaceOptions): Buffer {
  return cachedPng(`face:${JSON.stringify(options)}`, () => renderFace(options));
}

function attribute(attr: Attr | undefined, fallbackConfidence: number): FaceAttribute {
  return attr ?? { value: false, confidence: fallbackConfidence };
}

function buildLiveness(spec: LivenessSpec, doc: DocumentSpec, imageBaseUrl: string, images: Map<string, Buffer>): Record<string, unknown> {
  const face: FaceOptions = { seed: doc.look ?? doc.customerId, ...spec.face };
  const reference = facePng(face);
  const frames = [facePng({ ...face, shiftX: -4, shiftY: 2 }), facePng({ ...face, shiftX: 3, shiftY: -2 }), facePng({ ...face, shiftX: 1, shiftY: 4 })];

  let referenceImage: string;
  switch (spec.reference ?? 'dataUrl') {
    case 'bare':
      referenceImage = reference.toString('base64');
      break;
    case 'http': {
      const name = `reference-${doc.id}.png`;
      images.set(name, reference);
      referenceImage = `${imageBaseUrl}/__sandbox/images/${name}`;
      break;
    }
    case 'javascript':
      referenceImage = HOSTILE_STRINGS.referenceImage;
      break;
    default:
      referenceImage = pngDataUrl(reference);
  }

  let auditImages: string;
  switch (spec.audit ?? 'jsonArray') {
    case 'single':
      auditImages = pngDataUrl(frames[0] as Buffer);
      break;
    case 'empty':
      auditImages = '';
      break;
    case 'httpArray':
      auditImages = JSON.stringify(
        frames.slice(0, 2).map((png, i) => {
          const name = `audit-${doc.id}-${i + 1}.png`;
          images.set(name, png);
          return `${imageBaseUrl}/__sandbox/images/${name}`;
        }),
      );
      break;
    case 'hostileArray':
      auditImages = JSON.stringify([HOSTILE_STRINGS.auditJavascript, HOSTILE_STRINGS.auditHtml, pngDataUrl(frames[0] as Buffer)]);
      break;
    default:
      auditImages = JSON.stringify(frames.slice(0, 2 + (doc.id % 2)).map(pngDataUrl));
  }

  const random = seededRandom(doc.id);
  const high = () => 95 + Math.floor(random() * 5);
  const conclusion = spec.conclusion ?? spec.livenessResult;
  return {
    conclusion,
    facialCheck: spec.facialCheck ?? conclusion,
    livenessResult: spec.livenessResult,
    liivenessConfidence: spec.confidence,
    referenceImage,
    auditImages,
    faceDetails: {
      eyesClosed: attribute(spec.eyesClosed, high()),
      sunglasses: attribute(spec.sunglasses, high()),
      faceOccluded: attribute(spec.faceOccluded, high()),
      ...spec.faceDetailsExtra,
    },
    ...spec.extra,
  };
}

export function buildDocument(spec: DocumentSpec, customer: CustomerSeed, index: number, imageBaseUrl: string, images: Map<string, Buffer>): StoredDocument {
  const createdAt = spec.createdAt ?? customerCreatedAt(spec.customerId) + (index + 1) * 37 * 60_000 + ((spec.id * 53) % 1000);
  const updatedAt = spec.updatedAt ?? (spec.liveness === null ? createdAt : createdAt + (120 + (spec.id % 180)) * 1000 + 17);
  const look = spec.look ?? spec.customerId;
  const issueYear = 2016 + (spec.id % 8);
  const issueDate = spec.issueDate ?? `${issueYear}-${String(1 + (spec.id % 12)).padStart(2, '0')}-${String(1 + (spec.id % 27)).padStart(2, '0')}`;
  const expiryDate = spec.expiryDate ?? addYears(issueDate, spec.type === 'PASSPORT' ? 10 : 8);
  const lower = spec.type.toLowerCase();

  const front = spec.front === 'svg' ? HOSTILE_STRINGS.svgFront : pngDataUrl(cachedPng(`card:${look}`, () => renderIdCardFront({ seed: look })));
  const backPng = cachedPng(`back:${look}`, () => renderIdCardBack({ seed: look }));
  const backKind = spec.back ?? (spec.type === 'PASSPORT' ? 'none' : 'card');
  let back: string | undefined;
  if (backKind === 'card') back = pngDataUrl(backPng);
  if (backKind === 'http') {
    const name = `back-${spec.id}.png`;
    images.set(name, backPng);
    back = `${imageBaseUrl}/__sandbox/images/${name}`;
  }

  return {
    id: spec.id,
    customerId: spec.customerId,
    type: spec.type,
    number: spec.number ?? documentNumber(spec.type, spec.id, customer.nationality),
    authenticity: 'ORIGINAL',
    issueDate,
    expiryDate,
    showExpiryNotification: false,
    front,
    frontName: `${lower}-${spec.id}-front.png`,
    ...(back !== undefined ? { back, backName: `${lower}-${spec.id}-back.png` } : {}),
    docverCheckStatus: spec.liveness === null ? 'NOT_PERFORMED' : 'PERFORMED',
    createdAt: iso(createdAt),
    updatedAt: spec.updatedAtEncoding === 'java' ? toJavaDate(updatedAt) : iso(updatedAt),
    createdBy: ONBOARDING_USER,
    updatedBy: spec.liveness === null ? ONBOARDING_USER : LIVENESS_VENDOR_USER,
    faceCompare: {},
    liveness: spec.liveness === null ? {} : buildLiveness(spec.liveness, spec, imageBaseUrl, images),
    other: {},
    allowedDocumentFormat: true,
  };
}

export function buildCustomer(seed: CustomerSeed, id: number, createdAt = customerCreatedAt(id)): StoredCustomer {
  const updatedAt = createdAt + 3 * 3_600_000 + ((id * 97) % 3_600) * 1000;
  const serial = String(id - 1000).padStart(4, '0');
  return {
    id,
    referenceId: seed.referenceId ?? `CUST-2025-${serial}`,
    profileReferenceId: `PRF-${String(id * 3 + 70000)}`,
    profileId: 7000 + (id - 1000),
    type: 'INDIVIDUAL',
    status: seed.status,
    riskRating: seed.riskRating,
    active: seed.active ?? true,
    particular: {
      name: seed.name,
      nationality: seed.nationality,
      dateOfBirth: seed.dateOfBirth,
      identityNumber: identityNumber(id, seed.nationality),
      gender: seed.gender,
    },
    assignees: [],
    listRoleAsText: [],
    roles: [],
    forms: {},
    notes: {},
    other: {},
    createdAt: toJavaDate(createdAt),
    createdBy: ONBOARDING_USER,
    updatedAt: toJavaDate(updatedAt),
    updatedBy: ONBOARDING_USER,
    lastRiskAssessment: iso(updatedAt + 60_000),
  };
}
