import type { ReactNode } from 'react';
import { CircleCheck, Info, TriangleAlert } from '@/components/ui/icons';
import { cn } from '@/lib/cn';

const tones = {
  error: { box: 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100', Icon: TriangleAlert },
  warning: { box: 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100', Icon: TriangleAlert },
  success: { box: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100', Icon: CircleCheck },
  info: { box: 'border-slate-300 bg-slate-50 text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100', Icon: Info },
} as const;

/** A message box with icon and text; `role` decides whether assistive technology interrupts. */
export function Alert({
  tone,
  title,
  children,
  role = tone === 'error' || tone === 'warning' ? 'alert' : 'status',
  className,
  testId,
}: {
  tone: keyof typeof tones;
  title: string;
  children?: ReactNode;
  role?: 'alert' | 'status' | 'note';
  className?: string;
  testId?: string;
}) {
  const { box, Icon } = tones[tone];
  return (
    <div role={role} data-testid={testId} className={cn('flex gap-3 rounded-md border p-3 text-sm', box, className)}>
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 space-y-1">
        <p className="font-semibold">{title}</p>
        {children}
      </div>
    </div>
  );
}
