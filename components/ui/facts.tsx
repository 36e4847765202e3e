import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

/** A grid of labelled facts (header of a customer or a document). */
export function Facts({ children }: { children: ReactNode }) {
  return <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6">{children}</dl>;
}

export function Fact({ label, children, breakAll = false }: { label: string; children: ReactNode; breakAll?: boolean }) {
  return (
    <div>
      <dt className="text-slate-600 dark:text-slate-300">{label}</dt>
      <dd className={cn('font-medium', breakAll && 'break-all')}>{children}</dd>
    </div>
  );
}

/** A figure of a summary, boxed (statistics, estimates, what-if counts); `note` adds a line under it. */
export function FigureTile({ term, value, note, testId, large = true }: { term: string; value: ReactNode; note?: string; testId?: string; large?: boolean }) {
  return (
    <div className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <dt className="text-sm text-slate-600 dark:text-slate-300">{term}</dt>
      <dd className={cn('font-semibold', large && 'text-lg')} data-testid={testId}>
        {value}
      </dd>
      {note ? <dd className="text-sm text-slate-600 dark:text-slate-300">{note}</dd> : null}
    </div>
  );
}
