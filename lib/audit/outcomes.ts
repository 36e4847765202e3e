// How an override attempt ends (SPEC §8). One place for these names: the decision path, the
// settling, the history, the audit filters and the database's one-outcome index rely on them.

export const ATTEMPTED = 'override.attempted';

/** Artemis holds the decision: its answer, or a read back, shows the decided values. */
export const APPLIED = 'override.applied';
/** A definite refusal: never sent, a 4xx, or a failed token request. Nothing was written. */
export const FAILED = 'override.failed';
/** Artemis answered without the decision, or a read back shows the document unchanged. */
export const NOT_APPLIED = 'override.not_applied';
/** Settled without credit: another change came between the attempt and the read back. */
export const SUPERSEDED = 'override.superseded';

/** Exactly one of these per attempt; the database refuses a second. */
export const FINAL_OUTCOMES = [APPLIED, FAILED, NOT_APPLIED, SUPERSEDED] as const;
export type FinalOutcome = (typeof FINAL_OUTCOMES)[number];

/**
 * The request may have reached Artemis but nothing says whether it took effect (timeout,
 * connection lost after sending, 5xx, unreadable 2xx). Interim: a final outcome follows once the
 * attempt is settled by reading Artemis back. At most one per attempt.
 */
export const OUTCOME_UNKNOWN = 'override.outcome_unknown';

export function isFinalOutcome(action: string): action is FinalOutcome {
  return (FINAL_OUTCOMES as readonly string[]).includes(action);
}
