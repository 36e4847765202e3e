// Flag kinds of the review queue: the SPEC §7 reasons as filterable categories. The rules and
// the flag texts stay in lib/liveness/assessment.ts; this only labels what it decided.
// No `server-only`: the queue's filter form and chips use the labels too.
import type { LivenessAssessment } from './assessment';

export const FLAG_KINDS = [
  { kind: 'liveness-failed', label: 'Liveness failed' },
  { kind: 'low-confidence', label: 'Low confidence' },
  { kind: 'eyes-closed', label: 'Eyes closed' },
  { kind: 'sunglasses', label: 'Sunglasses' },
  { kind: 'face-occluded', label: 'Face occluded' },
  { kind: 'disagreement', label: 'Conclusion disagrees' },
  { kind: 'no-result', label: 'No result yet' },
  { kind: 'other', label: 'Other' },
] as const;

export type FlagKind = (typeof FLAG_KINDS)[number]['kind'];
export type QueueFlag = { kind: FlagKind; text: string };

const ATTRIBUTE_KINDS = { eyesClosed: 'eyes-closed', sunglasses: 'sunglasses', faceOccluded: 'face-occluded' } as const;

export function flagLabel(kind: FlagKind): string {
  return FLAG_KINDS.find((f) => f.kind === kind)?.label ?? kind;
}

/**
 * Pairs each of the assessment's flag texts with its kind. The kinds are read from the
 * assessment's own structured result, in the order assessLiveness emits its flags.
 */
export function classifyFlags(a: LivenessAssessment): QueueFlag[] {
  const kinds: FlagKind[] = [];
  if (!a.hasResult) kinds.push('no-result');
  if (a.livenessResult === false) kinds.push('liveness-failed');
  if (a.band === 'fail' || a.band === 'review') kinds.push('low-confidence');
  for (const attr of a.attributes) if (attr.flag) kinds.push(ATTRIBUTE_KINDS[attr.key]);
  if (a.conclusion !== undefined && a.livenessResult !== undefined && a.conclusion !== a.livenessResult) kinds.push('disagreement');
  if (kinds.length !== a.flags.length) {
    // The assessment gained a rule this mapping does not know: keep every text, claim no category.
    return a.flags.map((text) => ({ kind: 'other', text }));
  }
  return a.flags.map((text, i) => ({ kind: kinds[i]!, text }));
}
