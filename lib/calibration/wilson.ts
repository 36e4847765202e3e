// The 95% Wilson score interval of a binomial proportion: unlike the plain k/n ± z·se it stays
// inside [0, 1] and is honest at 0 of n, which is where a QA sample usually sits.

/** The 97.5th percentile of the standard normal distribution. */
const Z_95 = 1.959963985;

/** Below this many observations the console shows counts, not a rate. */
export const MIN_SAMPLE_FOR_ESTIMATE = 30;

export type Estimate = {
  /** Events (e.g. disagreements) out of `n` observations. */
  k: number;
  n: number;
  /** k / n, or null with no observations. */
  rate: number | null;
  low: number | null;
  high: number | null;
  /** n is below MIN_SAMPLE_FOR_ESTIMATE: say so instead of a bare percentage. */
  tooFew: boolean;
};

export function wilsonInterval(k: number, n: number, z = Z_95): { low: number; high: number } {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n <= 0 || k < 0 || k > n) throw new RangeError(`no interval for ${k} of ${n}`);
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export function estimate(k: number, n: number): Estimate {
  if (n === 0) return { k, n, rate: null, low: null, high: null, tooFew: true };
  const { low, high } = wilsonInterval(k, n);
  return { k, n, rate: k / n, low, high, tooFew: n < MIN_SAMPLE_FOR_ESTIMATE };
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/** How the estimate reads on a page and in its table: never a bare percentage. */
export function estimateText(e: Estimate): string {
  if (e.n === 0) return 'no samples yet';
  if (e.tooFew) return `too few samples to estimate (${e.k} of ${e.n}; at least ${MIN_SAMPLE_FOR_ESTIMATE} needed)`;
  return `${pct(e.rate!)} (95% interval ${pct(e.low!)}–${pct(e.high!)}; ${e.k} of ${e.n})`;
}
