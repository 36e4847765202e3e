import { describe, expect, it } from 'vitest';
import { documentEvidence, evidenceView, faceBoundingBox, findEvidenceImage, imageRoutePath } from './document-evidence';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');
const policy = { httpOrigins: ['http://127.0.0.1:4010'] };
const ids = { customerId: 1015, documentId: 5018 };

const doc = {
  front: `data:image/png;base64,${PNG}`,
  back: 'http://127.0.0.1:4010/__sandbox/images/back.png',
  liveness: {
    referenceImage: 'javascript:alert(1)',
    auditImages: JSON.stringify(['https://cdn.example.com/a.png', PNG]),
    rekognition: { boundingBox: { Width: 0.4, Height: 0.5, Left: 0.3, Top: 0.2 } },
  },
};

describe('documentEvidence', () => {
  it('names every image by slot and resolves a slot back to its reference', () => {
    const evidence = documentEvidence(doc, policy);
    expect(evidence.reference.ref.kind).toBe('unusable');
    expect(evidence.audit.map((a) => a.slot)).toEqual(['audit-0', 'audit-1']);
    expect(findEvidenceImage(evidence, 'audit-0')?.ref).toEqual({ kind: 'remote', url: 'https://cdn.example.com/a.png' });
    expect(findEvidenceImage(evidence, 'back')?.ref.kind).toBe('remote');
    expect(findEvidenceImage(evidence, 'audit-7')).toBeUndefined();
    expect(findEvidenceImage(evidence, 'https://evil.test/x')).toBeUndefined();
  });

  it('gives the browser a data URL for inline images and our route (ids and slot only) for remote ones', () => {
    const view = evidenceView(doc, policy, ids);
    expect(view.front).toMatchObject({ status: 'ok', src: `data:image/png;base64,${PNG}`, remote: false });
    expect(view.back).toMatchObject({ status: 'ok', src: '/api/images?customerId=1015&documentId=5018&slot=back', remote: true });
    expect(view.reference).toEqual({ slot: 'reference', label: 'Reference image', status: 'unusable', reason: 'javascript: URLs are never shown.' });
    expect(JSON.stringify(view)).not.toContain('cdn.example.com');
    expect(imageRoutePath(1, 2, 'audit-3')).toBe('/api/images?customerId=1&documentId=2&slot=audit-3');
  });

  it('reports a document without images as missing', () => {
    const view = evidenceView({}, policy, ids);
    expect(view.reference.status).toBe('missing');
    expect(view.front.status).toBe('missing');
    expect(view.audit).toEqual([]);
  });
});

describe('faceBoundingBox', () => {
  it('reads Rekognition fractions and ignores anything out of range', () => {
    expect(faceBoundingBox(doc.liveness)).toEqual({ left: 0.3, top: 0.2, width: 0.4, height: 0.5 });
    expect(faceBoundingBox({ boundingBox: { Width: 0.1, Height: 0.1, Left: 0, Top: 0 } })).toEqual({ left: 0, top: 0, width: 0.1, height: 0.1 });
    expect(faceBoundingBox({ rekognition: { boundingBox: { Width: 2, Height: 0.5, Left: 0, Top: 0 } } })).toBeUndefined();
    expect(faceBoundingBox({ rekognition: { boundingBox: { Width: '0.4', Height: 0.5, Left: 0, Top: 0 } } })).toBeUndefined();
    expect(faceBoundingBox({ rekognition: { boundingBox: { Width: 0.8, Height: 0.5, Left: 0.5, Top: 0 } } })).toBeUndefined();
    expect(faceBoundingBox(undefined)).toBeUndefined();
  });
});
