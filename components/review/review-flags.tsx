'use client';

import { Flag } from '@/components/ui/icons';
import { Section } from '@/components/ui/card';

export function ReviewFlags({ flags }: { flags: string[] }) {
  return (
    <Section title="Flags" id="flags-heading" chrome="none">
      {flags.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">Nothing in the automated result calls for a human.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {flags.map((flag) => (
            <li key={flag} className="flex items-start gap-2 text-amber-900 dark:text-amber-200">
              <Flag aria-hidden className="mt-0.5 size-4 shrink-0" />
              <span>{flag}</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
