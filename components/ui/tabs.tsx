import Link from 'next/link';
import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

export type TabItem = { href: string; label: ReactNode; current: boolean };

/**
 * Views of one page kept in the URL, as a row of tabs: links in a named navigation, the current
 * one marked with `aria-current` (and drawn underlined, never by colour alone).
 */
export function Tabs({ label, items }: { label: string; items: readonly TabItem[] }) {
  return (
    <nav aria-label={label} data-slot="tabs" className="flex flex-wrap gap-2 border-b border-slate-200 dark:border-slate-700">
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={item.current ? 'page' : undefined}
          className={cn(
            'inline-flex items-center gap-2 rounded-t-md border-b-2 px-3 py-2 text-sm font-medium',
            item.current ? 'border-indigo-700 text-indigo-800 dark:border-indigo-400 dark:text-indigo-200' : 'border-transparent',
          )}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
