import { describe, expect, it } from 'vitest';
import { documentVersion, hasChangedSince } from './version';

const doc = {
  updatedAt: '2026-11-20T10:00:00.000Z',
  liveness: { conclusion: false, facialCheck: true, liivenessConfidence: 70, faceDetails: { eyesClosed: { value: false, confidence: 90 } } },
};

describe('conflict rule', () => {
  it('sees no change when nothing changed, whatever the key order', () => {
    const seen = documentVersion(doc);
    const reordered = {
      liveness: { faceDetails: { eyesClosed: { confidence: 90, value: false } }, liivenessConfidence: 70, facialCheck: true, conclusion: false },
      updatedAt: doc.updatedAt,
    };
    expect(hasChangedSince(seen, reordered)).toBe(false);
  });

  it('sees a newer updatedAt as a change', () => {
    expect(hasChangedSince(documentVersion(doc), { ...doc, updatedAt: '2026-11-20T10:00:00.001Z' })).toBe(true);
  });

  it('sees a changed liveness result as a change even when updatedAt is the same', () => {
    const seen = documentVersion(doc);
    expect(hasChangedSince(seen, { ...doc, liveness: { ...doc.liveness, conclusion: true } })).toBe(true);
    expect(hasChangedSince(seen, { ...doc, liveness: { ...doc.liveness, faceDetails: { eyesClosed: { value: true, confidence: 90 } } } })).toBe(true);
    expect(hasChangedSince(seen, { ...doc, liveness: { ...doc.liveness, extra: 1 } })).toBe(true);
  });

  it('handles Java Date updatedAt objects', () => {
    const javaDoc = { ...doc, updatedAt: { time: 1763632800000, year: 125, month: 10 } };
    const seen = documentVersion(javaDoc);
    expect(hasChangedSince(seen, { ...javaDoc, updatedAt: { month: 10, year: 125, time: 1763632800000 } })).toBe(false);
    expect(hasChangedSince(seen, { ...javaDoc, updatedAt: { time: 1763632800001, year: 125, month: 10 } })).toBe(true);
  });
});
