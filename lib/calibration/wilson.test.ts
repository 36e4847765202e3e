import { describe, expect, it } from 'vitest';
import { estimate, estimateText, wilsonInterval } from './wilson';

describe('Wilson 95% interval', () => {
  it.each([
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [1, 100, 0.0018, 0.0545],
    [10, 10, 0.7225, 1],
    [3, 200, 0.0051, 0.0432],
  ])('%i of %i is [%f, %f]', (k, n, low, high) => {
    const i = wilsonInterval(k, n);
    expect(i.low).toBeCloseTo(low, 4);
    expect(i.high).toBeCloseTo(high, 4);
  });

  it('refuses impossible counts', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(0, 0)).toThrow(RangeError);
  });

  it('says when a sample is too small instead of showing a bare percentage', () => {
    expect(estimateText(estimate(0, 0))).toBe('no samples yet');
    expect(estimateText(estimate(1, 12))).toBe('too few samples to estimate (1 of 12; at least 30 needed)');
    expect(estimateText(estimate(1, 100))).toBe('1.0% (95% interval 0.2%–5.4%; 1 of 100)');
  });
});
