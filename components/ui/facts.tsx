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
