import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { createDemoSeed, HOSTILE_STRINGS, SEED_CASES, SEED_CUSTOMERS_WITHOUT_DOCUMENTS } from './seed';
import type { StoredDocument } from './types';

const BASE = 'http://127.0.0.1:4010';
const seed = createDemoSeed(BASE);
const byId = new Map(seed.documents.map((d) => [d.id, d]));

function liveness(caseName: keyof typeof SEED_CASES): Record<string, unknown> {
  const doc = byId.get(SEED_CASES[caseName].documentId) as StoredDocument;
  return doc.liveness;
}

function faceDetails(caseName: keyof typeof SEED_CASES): Record<string, { value: boolean; confidence: number }> {
  return liveness(caseName).faceDetails as Record<string, { value: boolean; confidence: number }>;
}

describe('demo seed', () => {
  it('is deterministic', () => {
    expect(JSON.stringify(createDemoSeed(BASE))).toBe(JSON.stringify(seed));
  });

  it('has about 30 customers and 45 documents with the expected id ranges', () => {
    expect(seed.customers.map((c) => c.id)).toEqual(Array.from({ length: 30 }, (_, i) => 1001 + i));
    expect(seed.documents.map((d) => d.id)).toEqual(Array.from({ length: 45 }, (_, i) => 5001 + i));
    const counts = new Map<number, number>();
    for (const d of seed.documents) counts.set(d.customerId, (counts.get(d.customerId) ?? 0) + 1);
    for (const id of SEED_CUSTOMERS_WITHOUT_DOCUMENTS) expect(counts.get(id)).toBeUndefined();
    expect(new Set(counts.values())).toEqual(new Set([1, 2, 3]));
  });

  it('names cases whose customer owns the document', () => {
    for (const { customerId, documentId } of Object.values(SEED_CASES)) {
      expect(byId.get(documentId)?.customerId).toBe(customerId);
    }
  });

  it('covers every liveness case', () => {
    expect(liveness('cleanPass')).toMatchObject({ livenessResult: true, conclusion: true, facialCheck: true });
    expect(liveness('cleanPass').liivenessConfidence).toBeGreaterThanOrEqual(97);
    expect(Object.values(faceDetails('cleanPass')).every((a) => !a.value && a.confidence >= 90)).toBe(true);
    expect(liveness('failed')).toMatchObject({ livenessResult: false, conclusion: false });
    expect(liveness('lowConfidence').liivenessConfidence).toBeGreaterThanOrEqual(60);
    expect(liveness('lowConfidence').liivenessConfidence).toBeLessThanOrEqual(85);
    expect(liveness('veryLowConfidence').liivenessConfidence).toBeLessThan(50);
    expect(faceDetails('eyesClosed').eyesClosed).toEqual({ value: true, confidence: 96 });
    expect(faceDetails('sunglasses').sunglasses).toEqual({ value: true, confidence: 98 });
    expect(faceDetails('occluded').faceOccluded).toEqual({ value: true, confidence: 93 });
    expect(faceDetails('uncertain').eyesClosed).toEqual({ value: false, confidence: 55 });
    expect(liveness('disagreeing')).toMatchObject({ livenessResult: false, conclusion: true });
    expect(liveness('noResult')).toEqual({});
    expect(liveness('unknownKeys')).toMatchObject({
      vendorSessionId: expect.any(String),
      rekognition: { status: 'SUCCEEDED', boundingBox: { Width: expect.any(Number) } },
      reviewedAt: expect.any(String),
    });
    expect(faceDetails('unknownKeys')).toHaveProperty('mouthOpen');
  });

  it('covers every image encoding and hostile string', () => {
    expect(liveness('cleanPass').referenceImage).toMatch(/^data:image\/png;base64,/);
    expect(liveness('bareBase64').referenceImage).toMatch(/^iVBORw0KGgo/);
    expect(liveness('emptyAuditImages').auditImages).toBe('');
    expect(liveness('singleAuditImage').auditImages).toMatch(/^data:image\/png;base64,/);
    expect(liveness('httpImage').referenceImage).toBe(`${BASE}/__sandbox/images/reference-5018.png`);
    expect(liveness('javascriptImage').referenceImage).toBe('javascript:alert(1)');
    expect(JSON.parse(liveness('javascriptImage').auditImages as string)).toEqual(
      expect.arrayContaining([HOSTILE_STRINGS.auditJavascript, HOSTILE_STRINGS.auditHtml]),
    );
    expect(byId.get(SEED_CASES.svgFront.documentId)?.front).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(byId.get(SEED_CASES.hostileDocumentNumber.documentId)?.number).toContain('<');
    const names = seed.customers.map((c) => c.particular?.name);
    expect(names).toContain('<img src=x onerror=alert(1)>');
    expect(names).toContain(`<script>alert("xss")</script>Robert'); DROP TABLE`);
    expect(seed.customers.find((c) => c.id === SEED_CASES.hostileName.customerId)?.referenceId).toMatch(/["<>]/);
    expect(seed.documents.some((d) => d.back === undefined)).toBe(true);
    expect([...seed.images.keys()]).toContain('reference-5018.png');
  });

  it('encodes updatedAt as a Java Date object for one document only', () => {
    const java = seed.documents.filter((d) => typeof d.updatedAt !== 'string');
    expect(java.map((d) => d.id)).toEqual([SEED_CASES.javaDateUpdatedAt.documentId]);
    for (const d of seed.documents) {
      expect(d.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(d.expiryDate).toMatch(/^\d{4}-\d\d-\d\d$/);
    }
  });

  it('covers several customer statuses and risk ratings', () => {
    const statuses = new Set(seed.customers.map((c) => c.status));
    for (const s of ['PENDING', 'CLEARED', 'ACCEPTED', 'REJECTED', 'REQUIRE_UPDATE']) expect(statuses).toContain(s);
    expect(new Set(seed.customers.map((c) => c.riskRating)).size).toBeGreaterThanOrEqual(5);
  });

  it('keeps images small and decodable', () => {
    const doc = byId.get(SEED_CASES.cleanPass.documentId) as StoredDocument;
    const reference = doc.liveness.referenceImage as string;
    expect(reference.length).toBeLessThan(8_000);
    const png = PNG.sync.read(Buffer.from(reference.split(',')[1] as string, 'base64'));
    expect([png.width, png.height]).toEqual([120, 150]);
    expect(JSON.stringify(seed.documents).length).toBeLessThan(1_000_000);
  });
});
