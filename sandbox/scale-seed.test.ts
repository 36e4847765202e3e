import { describe, expect, it } from 'vitest';
import { createScaleSeed, SCALE_DEFAULTS } from './scale-seed';
import { createState, documentsOf, resetState } from './state';

describe('scale seed', () => {
  it('makes 10,000 customers and 20,000 documents quickly, deterministically', () => {
    const started = performance.now();
    const seed = createScaleSeed();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(seed.customers).toHaveLength(10_000);
    expect(seed.documents).toHaveLength(20_000);
    expect(seed.customers[0]!.id).toBe(SCALE_DEFAULTS.firstCustomerId);
    expect(new Set(seed.documents.map((d) => d.id)).size).toBe(20_000);
    expect(JSON.stringify(createScaleSeed({ customers: 3 }))).toBe(JSON.stringify(createScaleSeed({ customers: 3 })));
  });

  it('is served per customer without scanning every document', () => {
    const state = createState('scale', 'http://127.0.0.1:0');
    resetState(state);
    const docs = documentsOf(state, SCALE_DEFAULTS.firstCustomerId + 42);
    expect(docs.map((d) => d.customerId)).toEqual([SCALE_DEFAULTS.firstCustomerId + 42, SCALE_DEFAULTS.firstCustomerId + 42]);
    expect(docs[0]!.id).toBeLessThan(docs[1]!.id);
  });
});
