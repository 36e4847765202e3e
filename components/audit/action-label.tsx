import {
  ArrowUpFromLine,
  Undo2,
  CircleAlert,
  CircleCheck,
  CircleQuestionMark,
  CircleX,
  Download,
  Eye,
  EyeOff,
  Gauge,
  GitCompareArrows,
  Hourglass,
  KeyRound,
  LogIn,
  LogOut,
  NotebookPen,
  RotateCw,
  Send,
  ShieldAlert,
  ShieldX,
  Split,
  UserCheck,
  UserCog,
  UserX,
  type IconComponent,
} from '@/components/ui/icons';
import { AUDIT_ACTIONS, AUDIT_OUTCOME_LABELS, isAuditAction, type AuditAction } from '@/lib/audit/actions';
import { ATTEMPTED, OUTCOME_UNKNOWN } from '@/lib/audit/outcomes';

type Look = { label: string; Icon: IconComponent; tone: string };

const TONES = {
  good: 'text-emerald-800 dark:text-emerald-300',
  bad: 'text-red-800 dark:text-red-300',
  warn: 'text-amber-800 dark:text-amber-300',
  plain: 'text-slate-700 dark:text-slate-200',
} as const;

type Tone = keyof typeof TONES;

/** How each action is drawn: an icon beside its label, and a tone (colour is never the only sign). */
const LOOKS: Record<AuditAction, { Icon: IconComponent; tone: Tone }> = {
  'override.attempted': { Icon: Send, tone: 'plain' },
  'override.applied': { Icon: CircleCheck, tone: 'good' },
  'override.failed': { Icon: CircleX, tone: 'bad' },
  'override.not_applied': { Icon: CircleX, tone: 'bad' },
  'override.outcome_unknown': { Icon: CircleQuestionMark, tone: 'warn' },
  'override.superseded': { Icon: GitCompareArrows, tone: 'warn' },
  'override.conflict': { Icon: GitCompareArrows, tone: 'warn' },
  'override.denied': { Icon: ShieldX, tone: 'bad' },
  'override.proposed': { Icon: Hourglass, tone: 'warn' },
  'override.approved': { Icon: UserCheck, tone: 'good' },
  'override.rejected': { Icon: UserX, tone: 'bad' },
  'override.proposal_stale': { Icon: GitCompareArrows, tone: 'warn' },
  'override.approval_denied': { Icon: ShieldX, tone: 'bad' },
  'auth.sign_in': { Icon: LogIn, tone: 'plain' },
  'auth.sign_in_failed': { Icon: CircleAlert, tone: 'warn' },
  'auth.sign_out': { Icon: LogOut, tone: 'plain' },
  'auth.session_ended': { Icon: LogOut, tone: 'plain' },
  'auth.sessions_ended': { Icon: LogOut, tone: 'warn' },
  'auth.password_changed': { Icon: KeyRound, tone: 'plain' },
  'auth.password_change_refused': { Icon: ShieldAlert, tone: 'warn' },
  'auth.locked_out': { Icon: ShieldX, tone: 'warn' },
  'auth.mfa_enrolled': { Icon: KeyRound, tone: 'plain' },
  'auth.mfa_verified': { Icon: KeyRound, tone: 'plain' },
  'auth.mfa_failed': { Icon: ShieldAlert, tone: 'warn' },
  'auth.mfa_removed': { Icon: KeyRound, tone: 'warn' },
  'auth.mfa_reset': { Icon: UserCog, tone: 'warn' },
  'auth.recovery_code_used': { Icon: KeyRound, tone: 'warn' },
  'auth.recovery_codes_replaced': { Icon: KeyRound, tone: 'plain' },
  'auth.step_up': { Icon: ShieldAlert, tone: 'plain' },
  'user.created': { Icon: UserCog, tone: 'plain' },
  'user.disabled': { Icon: UserCog, tone: 'plain' },
  'user.enabled': { Icon: UserCog, tone: 'plain' },
  'user.denied': { Icon: ShieldX, tone: 'bad' },
  'user.role_changed': { Icon: UserCog, tone: 'plain' },
  'user.password_reset': { Icon: UserCog, tone: 'plain' },
  'user.sessions_ended': { Icon: UserCog, tone: 'warn' },
  'user.notifications_changed': { Icon: UserCog, tone: 'plain' },
  'audit.exported': { Icon: Download, tone: 'plain' },
  'audit.checkpoint': { Icon: KeyRound, tone: 'plain' },
  'evidence.exported': { Icon: Download, tone: 'plain' },
  'evidence.export_denied': { Icon: ShieldX, tone: 'bad' },
  'claim.taken_over': { Icon: UserCog, tone: 'warn' },
  'qa.drawn': { Icon: Split, tone: 'plain' },
  'qa.verdict': { Icon: Gauge, tone: 'plain' },
  'qa.verdict_withdrawn': { Icon: CircleX, tone: 'warn' },
  'case.escalated': { Icon: ArrowUpFromLine, tone: 'warn' },
  'case.returned': { Icon: Undo2, tone: 'plain' },
  'case.assigned': { Icon: UserCheck, tone: 'plain' },
  'case.unassigned': { Icon: UserX, tone: 'plain' },
  'case.sla_breached': { Icon: Hourglass, tone: 'warn' },
  'note.added': { Icon: NotebookPen, tone: 'plain' },
  'evidence.viewed': { Icon: Eye, tone: 'plain' },
  'evidence.denied': { Icon: EyeOff, tone: 'bad' },
  'evidence.rate_limited': { Icon: ShieldAlert, tone: 'warn' },
  'webhook.denied': { Icon: ShieldX, tone: 'bad' },
  'webhook.endpoint_added': { Icon: Send, tone: 'plain' },
  'webhook.endpoint_disabled': { Icon: CircleX, tone: 'warn' },
  'webhook.endpoint_enabled': { Icon: CircleCheck, tone: 'plain' },
  'webhook.test_sent': { Icon: Send, tone: 'plain' },
  'webhook.delivery_resent': { Icon: RotateCw, tone: 'plain' },
  'calibration.what_if_viewed': { Icon: Gauge, tone: 'plain' },
};

function lookOf(action: AuditAction, label: string = AUDIT_ACTIONS[action].label): Look {
  const { Icon, tone } = LOOKS[action];
  return { label, Icon, tone: TONES[tone] };
}

/**
 * How an event reads on screen: icon + text + colour (never colour alone). An attempt given its
 * outcome (`outcomeAction`, null for none yet) reads as unknown until a final outcome names it.
 */
function actionLook(action: string, outcomeAction?: string | null): Look {
  if (!isAuditAction(action)) return { label: action, Icon: CircleQuestionMark, tone: TONES.plain };
  if (action !== ATTEMPTED || outcomeAction === undefined) return lookOf(action);
  if (outcomeAction === null || outcomeAction === OUTCOME_UNKNOWN) return lookOf(OUTCOME_UNKNOWN, AUDIT_OUTCOME_LABELS.unknown);
  return lookOf(ATTEMPTED, `${AUDIT_ACTIONS[ATTEMPTED].label} (outcome recorded)`);
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
