export type Thresholds = { pass: number; fail: number; faceAttributeMinConfidence: number };

const FACE_ATTRIBUTES = [
  { key: 'eyesClosed', label: 'Eyes closed' },
  { key: 'sunglasses', label: 'Sunglasses' },
  { key: 'faceOccluded', label: 'Face occluded' },
] as const;

export type FaceAttributeKey = (typeof FACE_ATTRIBUTES)[number]['key'];

export type AttributeAssessment = {
  key: FaceAttributeKey;
  label: string;
  detected: boolean | undefined;
  confidence: number | undefined;
  /** Why a human should look at this row, in plain words; undefined when nothing is wrong. */
  flag: string | undefined;
  /** The same reason without the attribute's name, for the attribute's own row. */
  flagReason: string | undefined;
};

export type ConfidenceBand = 'pass' | 'review' | 'fail' | 'unknown';

export type LivenessAssessment = {
  hasResult: boolean;
  livenessResult: boolean | undefined;
  conclusion: boolean | undefined;
  facialCheck: boolean | undefined;
  confidence: number | undefined;
  band: ConfidenceBand;
  attributes: AttributeAssessment[];
  flags: string[];
  needsReview: boolean;
};

type LooseLiveness = Record<string, unknown> | null | undefined;

const asBoolean = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
const asNumber = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const asRecord = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

function confidenceBand(confidence: number | undefined, thresholds: Thresholds): ConfidenceBand {
  if (confidence === undefined) return 'unknown';
  if (confidence >= thresholds.pass) return 'pass';
  if (confidence < thresholds.fail) return 'fail';
  return 'review';
}

/** The domain rules of SPEC §7: what makes a liveness result need a human. */
export function assessLiveness(liveness: LooseLiveness, thresholds: Thresholds): LivenessAssessment {
  const l = liveness ?? {};
  const livenessResult = asBoolean(l.livenessResult);
  const conclusion = asBoolean(l.conclusion);
  const facialCheck = asBoolean(l.facialCheck);
  const confidence = asNumber(l.liivenessConfidence);
  const faceDetails = asRecord(l.faceDetails) ?? {};
  const hasResult = livenessResult !== undefined || conclusion !== undefined || confidence !== undefined;

  const attributes = FACE_ATTRIBUTES.map(({ key, label }): AttributeAssessment => {
    const attr = asRecord(faceDetails[key]) ?? {};
    const detected = asBoolean(attr.value);
    const attrConfidence = asNumber(attr.confidence);
    let flag: string | undefined;
    let flagReason: string | undefined;
    if (detected === true) {
      flag = `${label}: detected`;
      flagReason = attrConfidence === undefined ? 'Detected' : `Detected with confidence ${attrConfidence}%`;
    } else if (attrConfidence !== undefined && attrConfidence < thresholds.faceAttributeMinConfidence) {
      flag = `${label}: uncertain (confidence ${attrConfidence}% is below ${thresholds.faceAttributeMinConfidence}%)`;
      flagReason = `Uncertain: confidence ${attrConfidence}% is below ${thresholds.faceAttributeMinConfidence}%`;
    }
    return { key, label, detected, confidence: attrConfidence, flag, flagReason };
  });

  const band = confidenceBand(confidence, thresholds);
  const flags: string[] = [];
  if (!hasResult) flags.push('No automated result yet');
  if (livenessResult === false) flags.push('Automated liveness check failed');
  if (band === 'fail') flags.push(`Confidence ${confidence}% is below the fail threshold of ${thresholds.fail}%`);
  else if (band === 'review') flags.push(`Confidence ${confidence}% is below the pass threshold of ${thresholds.pass}%`);
  for (const a of attributes) if (a.flag) flags.push(a.flag);
  if (conclusion !== undefined && livenessResult !== undefined && conclusion !== livenessResult)
    flags.push('Conclusion disagrees with the automated liveness result');

  return {
    hasResult,
    livenessResult,
    conclusion,
    facialCheck,
    confidence,
    band,
    attributes,
    flags,
    needsReview: hasResult && flags.length > 0,
  };
}
