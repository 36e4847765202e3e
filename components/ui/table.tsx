import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cn } from '@/lib/cn';

export function Table({ className, ...props }: HTMLAttributes<HTMLTableElement>) {
  return (
    <div className="overflow-x-auto">
      <table className={cn('w-full border-collapse text-left text-sm', className)} {...props} />
    </div>
  );
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn('border-b border-slate-200 px-3 py-2 font-semibold text-slate-700 dark:border-slate-700 dark:text-slate-200', className)}
      {...props}
    />
  );
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn('border-b border-slate-100 px-3 py-2 align-top dark:border-slate-800', className)} {...props} />;
}

/** The header row of a table; `actionColumn` adds a last column named only for screen readers. */
export function TableHead({ columns, actionColumn = false, cellClassName }: { columns: readonly string[]; actionColumn?: boolean; cellClassName?: string }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <Th key={column} className={cellClassName}>
            {column}
          </Th>
        ))}
        {actionColumn ? (
          <Th className={cellClassName}>
            <span className="sr-only">Action</span>
          </Th>
        ) : null}
      </tr>
    </thead>
  );
}
