import { describe, expect, it } from 'vitest';
import { actionsWithOutcome, AUDIT_ACTION_NAMES, AUDIT_OUTCOMES, isAuditAction, isDecisionAction, shownInHistory } from './actions';
import { parseAuditFilters } from './filters';
import { FINAL_OUTCOMES, isFinalOutcome, OUTCOME_UNKNOWN } from './outcomes';

describe('the audit action registry', () => {
  it('has the final outcomes that migration 0042 indexes: a new one needs a migration', () => {
    expect([...FINAL_OUTCOMES].sort()).toEqual(['override.applied', 'override.failed', 'override.not_applied', 'override.superseded']);
    expect(isFinalOutcome(OUTCOME_UNKNOWN)).toBe(false);
  });

  it('gives every outcome filter but unknown the actions it matches', () => {
    for (const outcome of AUDIT_OUTCOMES) if (outcome !== 'unknown') expect(actionsWithOutcome(outcome).length).toBeGreaterThan(0);
    expect(actionsWithOutcome('not_applied')).toEqual(['override.failed', 'override.not_applied']);
    expect(actionsWithOutcome('rejected')).toEqual(['override.rejected', 'override.proposal_stale']);
  });

  it('names every action so that the /audit action filter accepts it', () => {
    for (const action of AUDIT_ACTION_NAMES) expect(parseAuditFilters({ action }).filters.action).toBe(action);
  });

  it('shows decisions, case work and notes in a document’s history, and nothing it does not know', () => {
    const inHistory = AUDIT_ACTION_NAMES.filter(shownInHistory);
    expect(inHistory.every((a) => /^(override\.|qa\.verdict|case\.|note\.)/.test(a))).toBe(true);
    expect(inHistory.filter(isDecisionAction)).toEqual(inHistory.filter((a) => !/^(case|note)\./.test(a)));
    expect(isDecisionAction('note.added')).toBe(false);
    expect(isDecisionAction('case.escalated')).toBe(false);
    expect(shownInHistory('note.added')).toBe(true);
    expect(shownInHistory('override.applied')).toBe(true);
    expect(shownInHistory('auth.sign_in')).toBe(false);
    expect(isAuditAction('test.append')).toBe(false);
    expect(isAuditAction('toString')).toBe(false);
  });
});
