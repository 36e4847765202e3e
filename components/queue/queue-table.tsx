'use client';

// A client component fed only the rows' data: a server component's markup would go into the
// page's RSC payload as well as its HTML.
import { documentKeyId } from '@/lib/ids';
import { TextLink } from '@/components/ui/text-link';
import { ArrowUpFromLine, CircleCheck, UserLock } from '@/components/ui/icons';
import { Table, TableHead, Td } from '@/components/ui/table';
import { documentTypeLabel } from '@/lib/format/display';
import { formatUtc, humanize } from '@/lib/format';
import type { QueueTab } from '@/lib/queue/filters';
import type { QueueTableRow } from '@/lib/queue/query';
import { DueLabel, useNow } from './due-label';
import { BulkAssign } from './bulk-assign';
import { FlagChips } from './flag-chips';
import { useState } from 'react';

/** The review screen's URL, carrying the queue's selection so "next" can continue in it. */
function reviewHref(row: Pick<QueueTableRow, 'customerId' | 'documentId'>, selection: string): string {
  const base = `/customers/${row.customerId}/documents/${row.documentId}`;
  return selection ? `${base}?${selection}` : base;
}

export function QueueTable({
  rows,
  tab,
  selection,
  renderedAt,
  people,
}: {
  rows: QueueTableRow[];
  tab: QueueTab;
  selection: string;
  renderedAt: number;
  /** Whom an admin may assign the selected rows to; null for everyone else. */
  people: { id: string; label: string }[] | null;
}) {
  const now = useNow(renderedAt);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const selectable = people !== null && tab !== 'decided';
  const toggle = (key: string) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return (
    <>
      {selectable ? (
        <BulkAssign
          people={people}
          chosen={rows.filter((r) => chosen.has(documentKeyId(r.customerId, r.documentId))).map(({ customerId, documentId }) => ({ customerId, documentId }))}
          onDone={() => setChosen(new Set())}
        />
      ) : null}
      <Table aria-label={tab === 'decided' ? 'Recently decided documents' : 'Documents needing review'}>
        <TableHead
          columns={[
            ...(selectable ? ['Select'] : []),
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
              {selectable ? (
                <Td>
                  <input
                    type="checkbox"
                    className="size-4"
                    aria-label={`Select document ${row.documentId}`}
                    checked={chosen.has(documentKeyId(row.customerId, row.documentId))}
                    onChange={() => toggle(documentKeyId(row.customerId, row.documentId))}
                  />
                </Td>
              ) : null}
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
                {row.escalated ? (
                  <span className="mt-1 flex items-center gap-1 text-amber-900 dark:text-amber-200" data-testid="queue-escalated">
                    <ArrowUpFromLine aria-hidden className="size-4 shrink-0" />
                    Escalated
                  </span>
                ) : null}
                {row.assignedLabel ? (
                  <span className="mt-1 block text-xs text-slate-700 dark:text-slate-300" data-testid="queue-assignee">
                    {`Assigned to ${row.assignedLabel}`}
                  </span>
                ) : null}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
