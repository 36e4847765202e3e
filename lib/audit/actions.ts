// Every audit action the console records, and how each one reads: the trail's input type, the
// /audit filters, the labels of the audit table and of a document's history all come from here.
// No imports: client components and the Playwright helpers load it too.

/** The /audit "outcome" filter; `unknown` is an attempt that no final outcome names yet. */
export const AUDIT_OUTCOMES = ['applied', 'not_applied', 'superseded', 'conflict', 'denied', 'proposed', 'rejected', 'unknown'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

type AuditActionInfo = {
  label: string;
  /** Its group in the /audit outcome filter, if any. */
  outcome: Exclude<AuditOutcome, 'unknown'> | null;
  /** A document's History shows it: decisions and their outcomes, not sign-ins or exports. */
  history: boolean;
  /** Ends an override attempt; the database allows one per attempt (lib/audit/outcomes.ts). */
  final?: true;
  /** The notification it is announced as (SPEC §15), in the outbox, in the event's own transaction. */
  announce?: NotificationEventType;
};

/** What webhooks and mail announce (SPEC §15). */
export const NOTIFICATION_EVENT_TYPES = [
  'decision.applied',
  'decision.not_applied',
  'decision.outcome_unknown',
  'proposal.created',
  'proposal.decided',
  'case.escalated',
  'case.assigned',
  'sla.breached',
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

export const AUDIT_ACTIONS = {
  'override.attempted': { label: 'Attempted', outcome: null, history: true },
  'override.applied': { label: 'Applied in Artemis', outcome: 'applied', history: true, final: true, announce: 'decision.applied' },
  'override.failed': { label: 'Failed: not applied', outcome: 'not_applied', history: true, final: true, announce: 'decision.not_applied' },
  'override.not_applied': { label: 'Not applied in Artemis', outcome: 'not_applied', history: true, final: true, announce: 'decision.not_applied' },
  'override.outcome_unknown': { label: 'Outcome unknown: not confirmed by Artemis', outcome: null, history: true, announce: 'decision.outcome_unknown' },
  'override.superseded': { label: 'Superseded: not credited, a later change came first', outcome: 'superseded', history: true, final: true },
  'override.conflict': { label: 'Conflict: not sent', outcome: 'conflict', history: true },
  'override.denied': { label: 'Denied: not allowed', outcome: 'denied', history: true },
  'override.proposed': { label: 'Proposed: awaiting a second reviewer', outcome: 'proposed', history: true, announce: 'proposal.created' },
  'override.approved': { label: 'Approved by a second reviewer', outcome: null, history: true, announce: 'proposal.decided' },
  'override.rejected': { label: 'Rejected by a second reviewer: not sent', outcome: 'rejected', history: true, announce: 'proposal.decided' },
  'override.proposal_stale': { label: 'Proposal stale: the document changed', outcome: 'rejected', history: true },
  'override.approval_denied': { label: 'Approval refused: not allowed', outcome: 'denied', history: true },
  'auth.sign_in': { label: 'Signed in', outcome: null, history: false },
  'auth.sign_in_failed': { label: 'Sign-in failed', outcome: null, history: false },
  'auth.sign_out': { label: 'Signed out', outcome: null, history: false },
  'auth.session_ended': { label: 'Session ended from another session', outcome: null, history: false },
  'auth.sessions_ended': { label: 'Sessions ended', outcome: null, history: false },
  'auth.password_changed': { label: 'Password changed', outcome: null, history: false },
  'auth.password_change_refused': { label: 'Password change refused: wrong current password', outcome: null, history: false },
  'auth.locked_out': { label: 'Sign-in locked for a while: too many failures', outcome: null, history: false },
  'auth.mfa_enrolled': { label: 'Second factor added', outcome: null, history: false },
  'auth.mfa_verified': { label: 'Second factor given at sign-in', outcome: null, history: false },
  'auth.mfa_failed': { label: 'Second factor refused', outcome: null, history: false },
  'auth.mfa_removed': { label: 'Second factor removed', outcome: null, history: false },
  'auth.mfa_reset': { label: 'Two-factor reset by an admin', outcome: null, history: false },
  'auth.recovery_code_used': { label: 'Recovery code used', outcome: null, history: false },
  'auth.recovery_codes_replaced': { label: 'Recovery codes regenerated', outcome: null, history: false },
  'auth.step_up': { label: 'Identity confirmed for a sensitive action', outcome: null, history: false },
  'user.created': { label: 'Account created', outcome: null, history: false },
  'user.disabled': { label: 'Account disabled', outcome: null, history: false },
  'user.enabled': { label: 'Account enabled', outcome: null, history: false },
  'user.denied': { label: 'Account change denied: not allowed', outcome: null, history: false },
  'user.role_changed': { label: 'Role changed', outcome: null, history: false },
  'user.password_reset': { label: 'Password reset', outcome: null, history: false },
  'user.sessions_ended': { label: 'Sessions ended by an admin', outcome: null, history: false },
  'user.notifications_changed': { label: 'Mail notifications changed', outcome: null, history: false },
  'audit.exported': { label: 'Audit log exported', outcome: null, history: false },
  'audit.checkpoint': { label: 'Audit chain head signed (checkpoint)', outcome: null, history: false },
  'evidence.exported': { label: 'Evidence pack exported', outcome: null, history: false },
  'evidence.export_denied': { label: 'Evidence pack refused: not allowed', outcome: null, history: false },
  'claim.taken_over': { label: 'Review taken over from another reviewer', outcome: null, history: false },
  'qa.drawn': { label: 'QA sample drawn from automated passes', outcome: null, history: false },
  'qa.verdict': { label: 'QA verdict on an automated pass', outcome: null, history: true },
  'qa.verdict_withdrawn': { label: 'QA verdict withdrawn: its override was not applied', outcome: null, history: true },
  'case.escalated': { label: 'Escalated to the compliance lead', outcome: null, history: true, announce: 'case.escalated' },
  'case.returned': { label: 'Returned to the review queue', outcome: null, history: true },
  'case.assigned': { label: 'Assigned', outcome: null, history: true, announce: 'case.assigned' },
  'case.sla_breached': { label: 'Overdue: past its review deadline', outcome: null, history: true, announce: 'sla.breached' },
  'case.unassigned': { label: 'Unassigned', outcome: null, history: true },
  'note.added': { label: 'Note added', outcome: null, history: true },
  'evidence.viewed': { label: 'Evidence viewed', outcome: null, history: false },
  'evidence.denied': { label: 'Evidence image refused: no recent view', outcome: null, history: false },
  'evidence.rate_limited': { label: 'Too many documents opened: fair-use limit', outcome: null, history: false },
  'webhook.denied': { label: 'Webhook change denied: not allowed', outcome: null, history: false },
  'webhook.endpoint_added': { label: 'Webhook endpoint added', outcome: null, history: false },
  'webhook.endpoint_disabled': { label: 'Webhook endpoint disabled', outcome: null, history: false },
  'webhook.endpoint_enabled': { label: 'Webhook endpoint enabled', outcome: null, history: false },
  'webhook.test_sent': { label: 'Webhook test event queued', outcome: null, history: false },
  'webhook.delivery_resent': { label: 'Webhook delivery resent', outcome: null, history: false },
  'calibration.what_if_viewed': { label: 'Threshold what-if viewed', outcome: null, history: false },
} as const satisfies Record<string, AuditActionInfo>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as AuditAction[];

/** A group's label is its one action's, or names the actions it joins. */
export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, string> = {
  applied: AUDIT_ACTIONS['override.applied'].label,
  not_applied: 'Failed or not applied',
  superseded: AUDIT_ACTIONS['override.superseded'].label,
  conflict: AUDIT_ACTIONS['override.conflict'].label,
  denied: 'Denied or refused: not allowed',
  proposed: AUDIT_ACTIONS['override.proposed'].label,
  rejected: 'Rejected by a second reviewer, or stale',
  unknown: 'Outcome unknown',
};

/** The notification an action is announced as, if any. */
export function announcementOf(action: string): NotificationEventType | undefined {
  return isAuditAction(action) ? (AUDIT_ACTIONS[action] as AuditActionInfo).announce : undefined;
}

/** The trail holds what older consoles and tests wrote too: not every stored action is known. */
export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, action);
}

export function shownInHistory(action: string): boolean {
  return isAuditAction(action) && AUDIT_ACTIONS[action].history;
}

/** Whether the action is part of deciding the document (case work and notes are not). */
export function isDecisionAction(action: string): boolean {
  return shownInHistory(action) && (action.startsWith('override.') || action.startsWith('qa.'));
}

/** The actions an outcome filter matches (`unknown` is a query of its own, not a list). */
export function actionsWithOutcome(outcome: Exclude<AuditOutcome, 'unknown'>): AuditAction[] {
  return AUDIT_ACTION_NAMES.filter((action) => AUDIT_ACTIONS[action].outcome === outcome);
}
