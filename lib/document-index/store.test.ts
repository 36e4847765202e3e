import { describe, expect, it } from 'vitest';
import { createDemoSeed, SEED_CASES } from '@/sandbox/seed';
import type { ArtemisDocument } from '@/lib/artemis/schemas';
import { assessLiveness } from '@/lib/liveness/assessment';
import { classifyFlags, type FlagKind } from '@/lib/liveness/flags';
import { documentIndexRow } from './store';

const THRESHOLDS = { pass: 90, fail: 50, faceAttributeMinConfidence: 80 };
const seed = createDemoSeed('');
const byDoc = new Map(seed.documents.map((d) => [d.id, d]));
const rowOf = (doc: (typeof seed.documents)[number]) =>
  documentIndexRow(
    { customer_name: 'x', customer_status: null, customer_risk_rating: null, customer_reference_id: null },
    doc as unknown as ArtemisDocument,
    THRESHOLDS,
    undefined,
    'now',
  );
const kindsOf = (documentId: number) => classifyFlags(assessLiveness(byDoc.get(documentId)!.liveness, THRESHOLDS)).map((f) => f.kind);

describe('queue rules: each SPEC §7 flag, classified from assessLiveness', () => {
  const cases: [keyof typeof SEED_CASES, FlagKind[]][] = [
    ['failed', ['liveness-failed', 'low-confidence']],
    ['lowConfidence', ['low-confidence']],
    ['veryLowConfidence', ['low-confidence']],
    ['eyesClosed', ['eyes-closed']],
    ['sunglasses', ['sunglasses']],
    ['occluded', ['face-occluded']],
    ['uncertain', ['eyes-closed']],
    ['disagreeing', ['liveness-failed', 'low-confidence', 'disagreement']],
    ['multipleFlags', ['liveness-failed', 'low-confidence', 'face-occluded']],
  ];
  for (const [name, kinds] of cases) {
    it(`${name}: needs review, flagged ${kinds.join(' + ')}`, () => {
      const { customerId, documentId } = SEED_CASES[name];
      const doc = byDoc.get(documentId)!;
      const row = rowOf(doc);
      expect(row.customer_id).toBe(customerId);
      expect(row.needs_review).toBe(1);
      expect(kindsOf(documentId)).toEqual(kinds);
      expect(row.flag_kinds).toBe(`,${[...new Set(kinds)].join(',')},`);
      // The texts are the assessment's own.
      expect(JSON.parse(row.flags_json).map((f: { text: string }) => f.text)).toEqual(assessLiveness(doc.liveness, THRESHOLDS).flags);
    });
  }

  it('a clean pass and a document without a result are not in the queue', () => {
    for (const name of ['cleanPass', 'noResult'] as const) {
      const doc = byDoc.get(SEED_CASES[name].documentId)!;
      const row = rowOf(doc);
      expect(row.needs_review).toBe(0);
    }
    expect(kindsOf(SEED_CASES.noResult.documentId)).toEqual(['no-result']);
  });

  it('uses the configured thresholds, not fixed ones', () => {
    const liveness = byDoc.get(SEED_CASES.lowConfidence.documentId)!.liveness;
    expect(assessLiveness(liveness, { ...THRESHOLDS, pass: 70 }).needsReview).toBe(false);
  });
});
