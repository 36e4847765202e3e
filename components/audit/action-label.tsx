import { CircleAlert, CircleCheck, CircleQuestionMark, CircleX, Download, Gauge, GitCompareArrows, Hourglass, type IconComponent, KeyRound, LogIn, LogOut, Send, ShieldAlert, ShieldX, Split, UserCheck, UserCog, UserX } from '@/components/ui/icons';
import { AUDIT_ACTIONS, AUDIT_OUTCOME_LABELS, isAuditAction, type AuditAction, type AuditIcon, type AuditTone } from '@/lib/audit/actions';
import { ATTEMPTED, OUTCOME_UNKNOWN } from '@/lib/audit/outcomes';

type Look = { label: string; Icon: IconComponent; tone: string };

const TONES: Record<AuditTone, string> = {
  good: 'text-emerald-800 dark:text-emerald-300',
  bad: 'text-red-800 dark:text-red-300',
  warn: 'text-amber-800 dark:text-amber-300',
  plain: 'text-slate-700 dark:text-slate-200',
};

const ICONS: Record<AuditIcon, IconComponent> = {
  CircleAlert,
  CircleCheck,
  CircleQuestionMark,
  CircleX,
  Download,
  Gauge,
  GitCompareArrows,
  Hourglass,
  KeyRound,
  LogIn,
  LogOut,
  Send,
  ShieldAlert,
  ShieldX,
  Split,
  UserCheck,
  UserCog,
  UserX,
};

function lookOf(action: AuditAction, label: string = AUDIT_ACTIONS[action].label): Look {
  const { icon, tone } = AUDIT_ACTIONS[action];
  return { label, Icon: ICONS[icon], tone: TONES[tone] };
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
