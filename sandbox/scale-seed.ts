/*
 * Volume data for benchmarks: 10,000 customers (ids from 100001) and 20,000 documents (ids from
 * 500001), two per customer, generated in well under a second. Every document shares the same
 * few tiny images; about one in five needs review (failed, low confidence, a face attribute,
 * a disagreement), the rest are clean passes. Deterministic: the same ids always hold the same data.
 */
import { PNG } from 'pngjs';
import { toJavaDate } from './java-date';
import { LIVENESS_VENDOR_USER, ONBOARDING_USER, type SeedData } from './seed';
import type { StoredCustomer, StoredDocument } from './types';

export const SCALE_DEFAULTS = { customers: 10_000, documentsPerCustomer: 2, firstCustomerId: 100_001, firstDocumentId: 500_001 } as const;

const STATUSES = ['PENDING', 'CLEARED', 'ACCEPTED', 'REJECTED', 'REQUIRE_UPDATE', 'DRAFT'] as const;
const RISKS = ['LOW', 'MEDIUM_LOW', 'MEDIUM', 'MEDIUM_HIGH', 'HIGH', 'UNKNOWN'] as const;
const TYPES = ['NATIONAL_ID', 'PASSPORT', 'DRIVING_LICENSE'] as const;
const FIRST = ['Ava', 'Ben', 'Chen', 'Dana', 'Eli', 'Fatima', 'Goh', 'Hana', 'Ivan', 'Jia', 'Kofi', 'Lena', 'Mei', 'Nia', 'Omar', 'Priya'];
const LAST = ['Tan', 'Lim', 'Ng', 'Wong', 'Smith', 'Kumar', 'Garcia', 'Ito', 'Novak', 'Okafor', 'Silva', 'Haddad', 'Kim', 'Lee'];
const EPOCH = Date.UTC(2024, 0, 1);

function tinyPng(r: number, g: number, b: number): string {
  const png = new PNG({ width: 4, height: 4 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([r, g, b, 255], i);
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
}

export function createScaleSeed(count: { customers?: number; documentsPerCustomer?: number } = {}): SeedData {
  const customersWanted = count.customers ?? SCALE_DEFAULTS.customers;
  const perCustomer = count.documentsPerCustomer ?? SCALE_DEFAULTS.documentsPerCustomer;
  const face = tinyPng(200, 170, 150);
  const card = tinyPng(210, 220, 235);
  const audit = JSON.stringify([face, face]);
  const customers: StoredCustomer[] = [];
  const documents: StoredDocument[] = [];
  let documentId = SCALE_DEFAULTS.firstDocumentId;

  for (let i = 0; i < customersWanted; i++) {
    const id = SCALE_DEFAULTS.firstCustomerId + i;
    const createdAt = EPOCH + i * 60_000;
    customers.push({
      id,
      referenceId: `SCALE-${String(i + 1).padStart(6, '0')}`,
      profileReferenceId: `PRF-S${id}`,
      type: 'INDIVIDUAL',
      status: STATUSES[i % STATUSES.length],
      riskRating: RISKS[(i * 7) % RISKS.length],
      active: true,
      particular: { name: `${FIRST[i % FIRST.length]} ${LAST[(i * 5) % LAST.length]} ${id}` },
      createdAt: toJavaDate(createdAt),
      createdBy: ONBOARDING_USER,
      updatedAt: toJavaDate(createdAt + 3_600_000),
      updatedBy: ONBOARDING_USER,
    });
    for (let k = 0; k < perCustomer; k++, documentId++) {
      const roll = documentId % 10;
      const liveness: Record<string, unknown> = {
        conclusion: roll !== 1,
        facialCheck: roll !== 1,
        livenessResult: roll !== 1 && roll !== 4,
        liivenessConfidence: roll === 2 ? 70 : roll === 1 ? 30 : 97,
        referenceImage: face,
        auditImages: audit,
        faceDetails: {
          eyesClosed: { value: roll === 3, confidence: 95 },
          sunglasses: { value: false, confidence: 96 },
          faceOccluded: { value: false, confidence: 97 },
        },
      };
      const updatedAt = createdAt + (k + 1) * 1_000;
      documents.push({
        id: documentId,
        customerId: id,
        type: TYPES[(i + k) % TYPES.length],
        number: `S${String(documentId).padStart(8, '0')}`,
        authenticity: 'ORIGINAL',
        issueDate: '2020-01-01',
        expiryDate: '2030-01-01',
        front: card,
        frontName: `scale-${documentId}-front.png`,
        docverCheckStatus: 'PERFORMED',
        createdAt: new Date(createdAt).toISOString(),
        updatedAt: new Date(updatedAt).toISOString(),
        createdBy: ONBOARDING_USER,
        updatedBy: LIVENESS_VENDOR_USER,
        liveness,
      });
    }
  }
  return { customers, documents, images: new Map() };
}
