'use client';

// A client component fed only the rows' data: a server component's markup would go into the
// page's RSC payload as well as its HTML.
import { documentKeyId } from '@/lib/ids';
import { TextLink } from '@/components/ui/text-link';
import { CircleCheck, UserLock } from '@/components/ui/icons';
import { Table, TableHead, Td } from '@/components/ui/table';
import { documentTypeLabel } from '@/lib/format/display';
import { formatUtc, humanize } from '@/lib/format';
import type { QueueTab } from '@/lib/queue/filters';
import type { QueueTableRow } from '@/lib/queue/query';
import { DueLabel, useNow } from './due-label';
import { FlagChips } from './flag-chips';

/** The review screen's URL, carrying the queue's selection so "next" can continue in it. */
function reviewHref(row: Pick<QueueTableRow, 'customerId' | 'documentId'>, selection: string): string {
  const base = `/customers/${row.customerId}/documents/${row.documentId}`;
  return selection ? `${base}?${selection}` : base;
}

export function QueueTable({ rows, tab, selection, renderedAt }: { rows: QueueTableRow[]; tab: QueueTab; selection: string; renderedAt: number }) {
  const now = useNow(renderedAt);
  return (
    <Table aria-label={tab === 'decided' ? 'Recently decided documents' : 'Documents needing review'}>
      <TableHead
        columns={[
          'Document',
          'Customer',
          'Status',
          'Risk rating',
          'Confidence',
          'Flags',
          ...(tab === 'decided' ? [] : ['Due']),
          tab === 'decided' ? 'Decided' : 'Updated',
          tab === 'decided' ? 'Decided by' : 'Review',
        ]}
      />
      <tbody>
        {rows.map((row) => (
          <tr key={documentKeyId(row.customerId, row.documentId)} data-testid="queue-row" data-customer-id={row.customerId} data-document-id={row.documentId}>
            <Td>
              {/* No prefetch: opening the review screen claims the document. */}
              <TextLink href={reviewHref(row, selection)} prefetch={false} className="font-medium">
                {documentTypeLabel(row.documentType)} {row.documentId}
              </TextLink>
            </Td>
            <Td className="break-words">
              <span className="block">{row.customerName ?? `Customer ${row.customerId}`}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-300">
                {row.customerId}
                {row.customerReferenceId ? ` · ${row.customerReferenceId}` : ''}
              </span>
            </Td>
            <Td>{humanize(row.customerStatus)}</Td>
            <Td>{humanize(row.customerRiskRating)}</Td>
            <Td>{row.confidence === null ? '—' : `${row.confidence}%`}</Td>
            <Td>
              <FlagChips flags={row.flags} />
            </Td>
            {tab === 'decided' ? null : <Td className="whitespace-nowrap">{row.dueAt ? <DueLabel dueAt={row.dueAt} now={now} /> : '—'}</Td>}
            <Td className="whitespace-nowrap">{formatUtc(tab === 'decided' ? row.decidedAt : row.updatedAt)}</Td>
            <Td>
              {tab === 'decided' ? (
                <span className="inline-flex items-center gap-1">
                  <CircleCheck aria-hidden className="size-4 shrink-0 text-emerald-700 dark:text-emerald-300" />
                  {row.decidedBy ?? '—'}
                </span>
              ) : row.claim && !row.claim.byViewer ? (
                <span className="inline-flex items-center gap-1 text-amber-900 dark:text-amber-200" data-testid="queue-claim">
                  <UserLock aria-hidden className="size-4 shrink-0" />
                  Being reviewed by {row.claim.userLabel}
                </span>
              ) : row.claim ? (
                <span className="inline-flex items-center gap-1" data-testid="queue-claim">
                  <UserLock aria-hidden className="size-4 shrink-0" />
                  Claimed by you
                </span>
              ) : row.hasHumanDecision ? (
                <span className="inline-flex items-center gap-1">
                  <CircleCheck aria-hidden className="size-4 shrink-0" />
                  Reviewed
                </span>
              ) : (
                <span className="text-slate-600 dark:text-slate-300">Open</span>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
