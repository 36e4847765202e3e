import { describe, expect, it } from 'vitest';
import { assessLiveness } from './assessment';

const thresholds = { pass: 90, fail: 50, faceAttributeMinConfidence: 80 };
const clean = {
  conclusion: true,
  facialCheck: true,
  livenessResult: true,
  liivenessConfidence: 98,
  faceDetails: {
    eyesClosed: { value: false, confidence: 99 },
    sunglasses: { value: false, confidence: 99 },
    faceOccluded: { value: false, confidence: 95 },
  },
};

describe('assessLiveness', () => {
  it('a clean pass needs no review', () => {
    const a = assessLiveness(clean, thresholds);
    expect(a.needsReview).toBe(false);
    expect(a.flags).toEqual([]);
    expect(a.band).toBe('pass');
  });

  it('flags a failed result and a confidence below the fail threshold', () => {
    const a = assessLiveness({ ...clean, livenessResult: false, conclusion: false, liivenessConfidence: 30 }, thresholds);
    expect(a.needsReview).toBe(true);
    expect(a.band).toBe('fail');
    expect(a.flags).toContain('Automated liveness check failed');
    expect(a.flags.some((f) => f.includes('below the fail threshold of 50%'))).toBe(true);
  });

  it('flags a confidence inside the band', () => {
    const a = assessLiveness({ ...clean, liivenessConfidence: 75 }, thresholds);
    expect(a.band).toBe('review');
    expect(a.flags.some((f) => f.includes('below the pass threshold of 90%'))).toBe(true);
  });

  it('follows the configured thresholds', () => {
    expect(assessLiveness({ ...clean, liivenessConfidence: 75 }, { ...thresholds, pass: 70 }).needsReview).toBe(false);
  });

  it('flags detected and uncertain face attributes', () => {
    const a = assessLiveness(
      { ...clean, faceDetails: { ...clean.faceDetails, sunglasses: { value: true, confidence: 97 }, faceOccluded: { value: false, confidence: 55 } } },
      thresholds,
    );
    expect(a.attributes.find((x) => x.key === 'sunglasses')?.flag).toBe('Sunglasses: detected');
    expect(a.attributes.find((x) => x.key === 'faceOccluded')?.flag).toMatch(/uncertain/);
    expect(a.attributes.find((x) => x.key === 'eyesClosed')?.flag).toBeUndefined();
    expect(a.attributes.find((x) => x.key === 'sunglasses')?.flagReason).toMatch(/^Detected/);
    expect(a.attributes.find((x) => x.key === 'faceOccluded')?.flagReason).toMatch(/^Uncertain: confidence \d+% is below 80%$/);
    expect(a.attributes.find((x) => x.key === 'eyesClosed')?.flagReason).toBeUndefined();
    expect(a.needsReview).toBe(true);
  });

  it('flags a conclusion that disagrees with the machine', () => {
    const a = assessLiveness({ ...clean, livenessResult: false, liivenessConfidence: 95 }, thresholds);
    expect(a.flags).toContain('Conclusion disagrees with the automated liveness result');
  });

  it('a document without a result is not in review', () => {
    const a = assessLiveness({}, thresholds);
    expect(a.hasResult).toBe(false);
    expect(a.needsReview).toBe(false);
    expect(a.band).toBe('unknown');
  });
});
