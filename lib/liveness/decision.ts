import { asRecord } from '@/lib/records';

/**
 * A liveness decision's two fields, `conclusion` and `facialCheck`: true is Pass, false Fail;
 * null where a record does not say. A reviewer's decision sets both (`Decision`).
 */
export type PassFail<T = boolean | null> = { conclusion: T; facialCheck: T };

export type Decision = PassFail<boolean>;

/** The pair a stored or received record holds; anything but a boolean reads as null. */
export function passFailOf(record: unknown): PassFail {
  const value = asRecord(record);
  const bool = (x: unknown) => (typeof x === 'boolean' ? x : null);
  return { conclusion: bool(value?.conclusion), facialCheck: bool(value?.facialCheck) };
}

export const samePassFail = (a: PassFail, b: PassFail) => a.conclusion === b.conclusion && a.facialCheck === b.facialCheck;

/**
 * The liveness PUT replaces the whole stored result, so the body is the document's current
 * liveness object with every field kept as it is, and only the reviewer's two fields changed.
 */
export function buildLivenessPutBody(currentLiveness: Record<string, unknown> | null | undefined, decision: Decision): Record<string, unknown> {
  return { ...(currentLiveness ?? {}), conclusion: decision.conclusion, facialCheck: decision.facialCheck };
}
