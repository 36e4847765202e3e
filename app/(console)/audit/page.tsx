import type { Metadata } from 'next';
import { ChartColumn, ChevronLeft, ChevronRight, Eye } from '@/components/ui/icons';
import { AuditFilterForm } from '@/components/audit/audit-filter-form';
import { AuditTable } from '@/components/audit/audit-table';
import { IgnoredFilters } from '@/components/ui/ignored-filters';
import { DownloadLink, TextLink } from '@/components/ui/text-link';
import { auditFiltersToQuery, parseAuditFilters } from '@/lib/audit/filters';
import { listAuditEvents } from '@/lib/audit/query';
import { auditTableRows } from '@/lib/audit/table-rows';
import { requireRole } from '@/lib/auth/session';
import { AUDIT_LOG_ROLES } from '@/lib/users/roles';
import { withQuery } from '@/lib/url-filters';

export const metadata: Metadata = { title: 'Audit log' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const iconLink = 'inline-flex items-center gap-1 text-sm';

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole(AUDIT_LOG_ROLES);
  const { filters, cursor, invalid } = parseAuditFilters(await searchParams);
  const page = await listAuditEvents(filters, cursor);
  const filterQuery = auditFiltersToQuery(filters);
  const pageHref = (c: { before?: number; after?: number }) => withQuery('/audit', auditFiltersToQuery(filters, c));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-xl font-semibold">Audit log</h1>
        <TextLink href={withQuery('/audit/stats', filterQuery)} className={iconLink}>
          <ChartColumn aria-hidden className="size-4" />
          Human vs machine statistics
        </TextLink>
        <TextLink href="/audit/access" className={iconLink}>
          <Eye aria-hidden className="size-4" />
          Access to evidence
        </TextLink>
        <DownloadLink href={withQuery('/api/audit/export', filterQuery)} className="ml-auto text-sm">
          Export CSV
        </DownloadLink>
        <DownloadLink href={withQuery('/api/audit/evidence-pack', filterQuery)} className="text-sm">
          Export evidence pack
        </DownloadLink>
      </div>
      <AuditFilterForm filters={filters} action="/audit" />
      <IgnoredFilters invalid={invalid} />
      {page.events.length === 0 ? (
        <p className="text-sm" role="status">
          No audit events match these filters.
        </p>
      ) : (
        <AuditTable events={auditTableRows(page.events)} />
      )}
      <nav aria-label="Pages" className="flex gap-4">
        {page.newer ? (
          <TextLink href={pageHref(page.newer)} className={iconLink}>
            <ChevronLeft aria-hidden className="size-4" />
            Newer
          </TextLink>
        ) : null}
        {page.older ? (
          <TextLink href={pageHref(page.older)} className={iconLink}>
            Older
            <ChevronRight aria-hidden className="size-4" />
          </TextLink>
        ) : null}
      </nav>
    </div>
  );
}
