/* Deterministic demo data (see seed-specs.ts for every case), built by seed-build.ts. */
import { pastCaseloadSeed } from './past-caseload';
import { buildCustomer, buildDocument } from './seed-build';
import { CASE_DOCUMENTS, CUSTOMERS, ordinaryDocuments } from './seed-specs';
import type { StoredCustomer, StoredDocument } from './types';

export { HOSTILE_STRINGS, LIVENESS_VENDOR_USER, ONBOARDING_USER } from './seed-specs';

export type SeedCase = { customerId: number; documentId: number };

export const SEED_CASES = {
  cleanPass: { customerId: 1001, documentId: 5001 },
  cleanPassport: { customerId: 1002, documentId: 5002 },
  expiredDocument: { customerId: 1002, documentId: 5004 },
  failed: { customerId: 1003, documentId: 5005 },
  lowConfidence: { customerId: 1004, documentId: 5006 },
  veryLowConfidence: { customerId: 1005, documentId: 5007 },
  eyesClosed: { customerId: 1006, documentId: 5009 },
  sunglasses: { customerId: 1007, documentId: 5010 },
  occluded: { customerId: 1008, documentId: 5011 },
  uncertain: { customerId: 1009, documentId: 5012 },
  disagreeing: { customerId: 1010, documentId: 5013 },
  noResult: { customerId: 1011, documentId: 5014 },
  unknownKeys: { customerId: 1012, documentId: 5015 },
  hostileName: { customerId: 1013, documentId: 5016 },
  hostileDocumentNumber: { customerId: 1013, documentId: 5016 },
  javascriptImage: { customerId: 1013, documentId: 5016 },
  svgFront: { customerId: 1013, documentId: 5016 },
  hostileScriptName: { customerId: 1014, documentId: 5017 },
  multipleFlags: { customerId: 1014, documentId: 5017 },
  httpImage: { customerId: 1015, documentId: 5018 },
  bareBase64: { customerId: 1016, documentId: 5019 },
  emptyAuditImages: { customerId: 1016, documentId: 5019 },
  javaDateUpdatedAt: { customerId: 1017, documentId: 5021 },
  singleAuditImage: { customerId: 1017, documentId: 5021 },
} as const satisfies Record<string, SeedCase>;

export const SEED_CUSTOMERS_WITHOUT_DOCUMENTS = [1020, 1027] as const;

export type SeedData = {
  customers: StoredCustomer[];
  documents: StoredDocument[];
  /** PNGs served at `/__sandbox/images/<name>`. */
  images: Map<string, Buffer>;
};

/**
 * Builds the demo data. `imageBaseUrl` is the sandbox's own origin, used by the http-image cases.
 * With `pastCaseloadUntil`, the caseload reviewers decided in the 60 days before it is added
 * (past-caseload.ts); the console's demo mode writes the trail that goes with it.
 */
export function createDemoSeed(imageBaseUrl: string, pastCaseloadUntil?: Date | null): SeedData {
  const images = new Map<string, Buffer>();
  const past = pastCaseloadUntil ? pastCaseloadSeed(pastCaseloadUntil) : { customers: [], documents: [] };
  const customerSeeds = new Map(CUSTOMERS.map((seed, i) => [1001 + i, seed]));
  for (const c of past.customers) customerSeeds.set(c.id, c.seed);
  const customers = [...CUSTOMERS.map((seed, i) => buildCustomer(seed, 1001 + i)), ...past.customers.map((c) => buildCustomer(c.seed, c.id, c.createdAt))];
  const perCustomer = new Map<number, number>();
  const documents = [...CASE_DOCUMENTS, ...ordinaryDocuments(), ...past.documents].map((spec) => {
    const seed = customerSeeds.get(spec.customerId);
    if (!seed) throw new Error(`seed document ${spec.id} refers to unknown customer ${spec.customerId}`);
    const index = perCustomer.get(spec.customerId) ?? 0;
    perCustomer.set(spec.customerId, index + 1);
    return buildDocument(spec, seed, index, imageBaseUrl, images);
  });
  return { customers, documents, images };
}

export function createEmptySeed(): SeedData {
  return { customers: [], documents: [], images: new Map() };
}
