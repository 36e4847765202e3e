/** Why a reviewer overrode the machine (SPEC §6). Order is the order shown in the form. */
export const REASON_CODES = ['FALSE_REJECT', 'SPOOF_SUSPECTED', 'FACE_NOT_VISIBLE', 'FACE_MISMATCH', 'POOR_QUALITY', 'OTHER'] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

export const REASON_CODE_LABELS: Record<ReasonCode, string> = {
  FALSE_REJECT: 'False reject: a genuine live person was rejected by the machine',
  SPOOF_SUSPECTED: 'Spoof suspected: photo, screen or mask',
  FACE_NOT_VISIBLE: 'Face not visible: eyes closed, sunglasses or occlusion',
  FACE_MISMATCH: 'Face mismatch: the face does not match the document',
  POOR_QUALITY: 'Poor quality: cannot decide from these images',
  OTHER: 'Other',
};
