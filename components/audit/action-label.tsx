import { CircleAlert, CircleCheck, CircleQuestionMark, CircleX, Download, GitCompareArrows, Hourglass, type IconComponent, LogIn, LogOut, Send, ShieldX, UserCheck, UserCog, UserX } from '@/components/ui/icons';

import { OUTCOME_UNKNOWN } from '@/lib/audit/outcomes';

type Look = { label: string; Icon: IconComponent; tone: string };

const TONES = {
  good: 'text-emerald-800 dark:text-emerald-300',
  bad: 'text-red-800 dark:text-red-300',
  warn: 'text-amber-800 dark:text-amber-300',
  plain: 'text-slate-700 dark:text-slate-200',
};

const LOOKS: Record<string, Look> = {
  'override.applied': { label: 'Applied in Artemis', Icon: CircleCheck, tone: TONES.good },
  'override.failed': { label: 'Failed: not applied', Icon: CircleX, tone: TONES.bad },
  'override.not_applied': { label: 'Not applied in Artemis', Icon: CircleX, tone: TONES.bad },
  'override.outcome_unknown': { label: 'Outcome unknown: not confirmed by Artemis', Icon: CircleQuestionMark, tone: TONES.warn },
  'override.superseded': { label: 'Superseded: not credited, a later change came first', Icon: GitCompareArrows, tone: TONES.warn },
  'override.conflict': { label: 'Conflict: not sent', Icon: GitCompareArrows, tone: TONES.warn },
  'override.denied': { label: 'Denied: not allowed', Icon: ShieldX, tone: TONES.bad },
  'override.proposed': { label: 'Proposed: awaiting a second reviewer', Icon: Hourglass, tone: TONES.warn },
  'override.approved': { label: 'Approved by a second reviewer', Icon: UserCheck, tone: TONES.good },
  'override.rejected': { label: 'Rejected by a second reviewer: not sent', Icon: UserX, tone: TONES.bad },
  'override.proposal_stale': { label: 'Proposal stale: the document changed', Icon: GitCompareArrows, tone: TONES.warn },
  'override.approval_denied': { label: 'Approval refused: not allowed', Icon: ShieldX, tone: TONES.bad },
  'auth.sign_in': { label: 'Signed in', Icon: LogIn, tone: TONES.plain },
  'auth.sign_in_failed': { label: 'Sign-in failed', Icon: CircleAlert, tone: TONES.warn },
  'auth.locked_out': { label: 'Sign-in locked for a while: too many failures', Icon: ShieldX, tone: TONES.warn },
  'auth.sign_out': { label: 'Signed out (every session ended)', Icon: LogOut, tone: TONES.plain },
  'audit.exported': { label: 'Audit log exported', Icon: Download, tone: TONES.plain },
  'claim.taken_over': { label: 'Review taken over from another reviewer', Icon: UserCog, tone: TONES.warn },
};

/** How an event reads on screen: icon + text + colour (never colour alone). */
export function actionLook(action: string, outcomeAction?: string | null): Look {
  if (action === 'override.attempted') {
    if (outcomeAction === undefined) return { label: 'Attempted', Icon: Send, tone: TONES.plain };
    return outcomeAction === null || outcomeAction === OUTCOME_UNKNOWN
      ? { label: 'Unknown outcome', Icon: CircleQuestionMark, tone: TONES.warn }
      : { label: 'Attempted (outcome recorded)', Icon: Send, tone: TONES.plain };
  }
  return LOOKS[action] ?? { label: action, Icon: action.startsWith('user.') ? UserCog : CircleQuestionMark, tone: TONES.plain };
}

export function ActionLabel({ action, outcomeAction }: { action: string; outcomeAction?: string | null }) {
  const look = actionLook(action, outcomeAction);
  return (
    <span className={`inline-flex items-center gap-1 font-medium ${look.tone}`}>
      <look.Icon aria-hidden className="size-4 shrink-0" />
      {look.label}
    </span>
  );
}
