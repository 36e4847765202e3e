import type { Metadata } from 'next';
import Link from 'next/link';
import { ChartColumn, ChevronLeft, ChevronRight, Download } from '@/components/ui/icons';
import { AuditFilterForm } from '@/components/audit/audit-filter-form';
import { AuditTable } from '@/components/audit/audit-table';
import { auditFiltersToQuery, parseAuditFilters } from '@/lib/audit/filters';
import { listAuditEvents } from '@/lib/audit/query';
import { auditTableRows } from '@/lib/audit/table-rows';
import { requireRole } from '@/lib/auth/session';
import { AUDIT_LOG_ROLES } from '@/lib/users/roles';

export const metadata: Metadata = { title: 'Audit log' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const linkClass = 'inline-flex items-center gap-1 text-sm text-indigo-700 underline dark:text-indigo-300';

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole(AUDIT_LOG_ROLES);
  const { filters, cursor, invalid } = parseAuditFilters(await searchParams);
  const page = await listAuditEvents(filters, cursor);
  const filterQuery = auditFiltersToQuery(filters);
  const pageHref = (c: { before?: number; after?: number }) => `/audit?${auditFiltersToQuery(filters, c)}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-xl font-semibold">Audit log</h1>
        <Link href={`/audit/stats${filterQuery ? `?${filterQuery}` : ''}`} className={linkClass}>
          <ChartColumn aria-hidden className="size-4" />
          Human vs machine statistics
        </Link>
        <a href={`/api/audit/export${filterQuery ? `?${filterQuery}` : ''}`} download className={`${linkClass} ml-auto`}>
          <Download aria-hidden className="size-4" />
          Export CSV
        </a>
      </div>
      <AuditFilterForm filters={filters} action="/audit" />
      {invalid.length > 0 ? (
        <p className="text-sm text-amber-800 dark:text-amber-300" role="status">
          Ignored filters with values that could not be read: {invalid.join(', ')}.
        </p>
      ) : null}
      {page.events.length === 0 ? (
        <p className="text-sm" role="status">
          No audit events match these filters.
        </p>
      ) : (
        <AuditTable events={auditTableRows(page.events)} />
      )}
      <nav aria-label="Pages" className="flex gap-4">
        {page.newer ? (
          <Link href={pageHref(page.newer)} className={linkClass}>
            <ChevronLeft aria-hidden className="size-4" />
            Newer
          </Link>
        ) : null}
        {page.older ? (
          <Link href={pageHref(page.older)} className={linkClass}>
            Older
            <ChevronRight aria-hidden className="size-4" />
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
