import type { FormEvent, ReactNode } from 'react';
import { Button } from '@/components/ui/button';

/** One button in a table row that posts a single id to an admin action (see useUserAction). */
export function RowAction({
  run,
  field,
  value,
  label,
  children,
}: {
  run: { onSubmit: (event: FormEvent<HTMLFormElement>) => void; pending: boolean };
  field: string;
  value: string;
  /** The accessible name: the button's text and what it acts on. */
  label: string;
  children: ReactNode;
}) {
  return (
    <form onSubmit={run.onSubmit}>
      <input type="hidden" name={field} value={value} />
      <Button type="submit" variant="secondary" className="px-2 py-1" disabled={run.pending} aria-label={label}>
        {children}
      </Button>
    </form>
  );
}
