import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

export function Section({
  title,
  id,
  children,
  className,
  actions,
  chrome = 'card',
}: {
  title: string;
  id: string;
  children: ReactNode;
  className?: string;
  actions?: ReactNode;
  /** `compact`: tighter padding and a smaller heading; `none`: the heading only, inside a card of the caller's. */
  chrome?: 'card' | 'compact' | 'none';
}) {
  const small = chrome !== 'card';
  return (
    <section
      aria-labelledby={id}
      className={cn(
        chrome !== 'none' && 'rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-700 dark:bg-slate-900',
        chrome === 'card' ? 'p-4' : chrome === 'compact' && 'px-3 py-2',
        className,
      )}
    >
      <div className={cn('flex items-center justify-between gap-2', small ? 'mb-1.5' : 'mb-3')}>
        <h2 id={id} className={cn('font-semibold text-slate-900 dark:text-slate-100', small ? 'text-sm' : 'text-base')}>
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
