// How an override attempt ends (SPEC §8), by name: the decision path, the settling, the history,
// the audit filters and the database's one-outcome index rely on these. The actions themselves,
// and which of them are final, are in the registry (./actions).
import { AUDIT_ACTION_NAMES, AUDIT_ACTIONS, type AuditAction } from './actions';

export const ATTEMPTED = 'override.attempted' satisfies AuditAction;

/** Artemis holds the decision: its answer, or a read back, shows the decided values. */
export const APPLIED = 'override.applied' satisfies AuditAction;
/** A definite refusal: never sent, a 4xx, or a failed token request. Nothing was written. */
export const FAILED = 'override.failed' satisfies AuditAction;
/** Artemis answered without the decision, or a read back shows the document unchanged. */
export const NOT_APPLIED = 'override.not_applied' satisfies AuditAction;
/** Settled without credit: another change came between the attempt and the read back. */
export const SUPERSEDED = 'override.superseded' satisfies AuditAction;

export type FinalOutcome = { [A in AuditAction]: (typeof AUDIT_ACTIONS)[A] extends { final: true } ? A : never }[AuditAction];

/** Exactly one of these per attempt; the database refuses a second. */
export const FINAL_OUTCOMES: readonly FinalOutcome[] = AUDIT_ACTION_NAMES.filter((action): action is FinalOutcome => 'final' in AUDIT_ACTIONS[action]);

/**
 * The request may have reached Artemis but nothing says whether it took effect (timeout,
 * connection lost after sending, 5xx, unreadable 2xx). Interim: a final outcome follows once the
 * attempt is settled by reading Artemis back. At most one per attempt.
 */
export const OUTCOME_UNKNOWN = 'override.outcome_unknown' satisfies AuditAction;

export function isFinalOutcome(action: string): action is FinalOutcome {
  return (FINAL_OUTCOMES as readonly string[]).includes(action);
}
