import { CircleDashed, CircleX, EyeOff, Flag, Gauge, Glasses, type IconComponent, ShieldAlert, Split } from '@/components/ui/icons';
import { flagLabel, type FlagKind, type QueueFlag } from '@/lib/liveness/flags';

const ICONS: Record<FlagKind, IconComponent> = {
  'liveness-failed': CircleX,
  'low-confidence': Gauge,
  'eyes-closed': EyeOff,
  sunglasses: Glasses,
  'face-occluded': ShieldAlert,
  disagreement: Split,
  'no-result': CircleDashed,
  other: Flag,
};

function FlagIcon({ kind, className = 'size-3.5 shrink-0' }: { kind: FlagKind; className?: string }) {
  const Icon = ICONS[kind] ?? Flag;
  return <Icon aria-hidden className={className} />;
}

/** Why each document is in the queue: icon + short text; the full sentence is the chip's title. */
export function FlagChips({ flags }: { flags: QueueFlag[] }) {
  if (flags.length === 0) return <span className="text-slate-600 dark:text-slate-300">None</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Flags">
      {flags.map((f) => (
        <li
          key={`${f.kind}:${f.text}`}
          title={f.text}
          data-flag={f.kind}
          className="inline-flex items-center gap-1 rounded-full border border-amber-300 bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          <FlagIcon kind={f.kind} />
          {flagLabel(f.kind)}
        </li>
      ))}
    </ul>
  );
}
