import { describe, expect, it } from 'vitest';
import { buildLivenessPutBody } from './decision';

describe('buildLivenessPutBody', () => {
  const current = {
    conclusion: false,
    facialCheck: false,
    livenessResult: false,
    liivenessConfidence: 42,
    referenceImage: 'data:image/png;base64,AAAA',
    auditImages: '["data:image/png;base64,BBBB"]',
    faceDetails: {
      eyesClosed: { value: true, confidence: 91 },
      sunglasses: { value: false, confidence: 99 },
      faceOccluded: { value: false, confidence: 97 },
      mouthOpen: { value: false, confidence: 88 },
    },
    vendorSessionId: 'abc-123',
    rekognition: { sessionId: 's-1', boundingBox: { Width: 0.5, Height: 0.6, Left: 0.1, Top: 0.2 } },
  };

  it('sends every field back unchanged and only replaces the two decision fields', () => {
    const body = buildLivenessPutBody(current, { conclusion: true, facialCheck: true });
    expect(body).toEqual({ ...current, conclusion: true, facialCheck: true });
    expect(body.liivenessConfidence).toBe(42);
    expect(body).not.toHaveProperty('livenessConfidence');
  });

  it('does not touch the machine result even when the reviewer disagrees with it', () => {
    const body = buildLivenessPutBody(current, { conclusion: true, facialCheck: false });
    expect(body.livenessResult).toBe(false);
    expect(body.facialCheck).toBe(false);
    expect(body.conclusion).toBe(true);
  });

  it('does not mutate the document it was given', () => {
    const copy = structuredClone(current);
    buildLivenessPutBody(current, { conclusion: true, facialCheck: true });
    expect(current).toEqual(copy);
  });

  it('works on a document with no result yet', () => {
    expect(buildLivenessPutBody({}, { conclusion: false, facialCheck: true })).toEqual({ conclusion: false, facialCheck: true });
    expect(buildLivenessPutBody(undefined, { conclusion: true, facialCheck: true })).toEqual({ conclusion: true, facialCheck: true });
  });
});
