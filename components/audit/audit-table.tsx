'use client';

// A client component fed only what it shows (lib/audit/table-rows.ts): as a server component,
// every row's markup went into the page's RSC payload as well as its HTML.
import { TextLink } from '@/components/ui/text-link';
import { Table, TableHead, Td } from '@/components/ui/table';
import type { AuditTableRow } from '@/lib/audit/table-rows';
import { formatUtc } from '@/lib/format';
import { ActionLabel } from './action-label';

function Change({ change }: { change: AuditTableRow['change'] }) {
  if (!change) return <>—</>;
  if ('text' in change) return <span className="break-words">{change.text}</span>;
  const { before, after } = change;
  return (
    <>
      <span className="block">
        Conclusion {before.conclusion} → {after.conclusion}
      </span>
      <span className="block">
        Facial check {before.facialCheck} → {after.facialCheck}
      </span>
    </>
  );
}

export function AuditTable({ events }: { events: AuditTableRow[] }) {
  return (
    <Table aria-label="Audit events">
      <TableHead
        columns={['Time (UTC)', 'Actor', 'Action', 'Customer / document', 'Before → after', 'Reason code', 'Reason', 'Upstream status', 'Request ID']}
      />
      <tbody>
        {events.map((e) => (
          <tr key={e.id} data-testid="audit-event">
            <Td className="whitespace-nowrap">
              <time dateTime={e.occurredAt}>{formatUtc(e.occurredAt)}</time>
              <span className="block text-xs text-slate-600 dark:text-slate-300">#{e.seq}</span>
            </Td>
            <Td className="min-w-52 break-all">
              {e.actorEmail}
              {e.actorRole ? <span className="block text-xs text-slate-600 dark:text-slate-300">{e.actorRole}</span> : null}
            </Td>
            <Td className="min-w-40">
              <ActionLabel action={e.action} outcomeAction={e.outcomeAction} />
              {e.reconciled ? <span className="block text-xs">Confirmed by reading Artemis back</span> : null}
            </Td>
            <Td className="whitespace-nowrap">
              {e.customerId && e.documentId ? (
                <TextLink href={`/customers/${e.customerId}/documents/${e.documentId}`}>
                  {e.customerId} / {e.documentId}
                </TextLink>
              ) : e.customerId ? (
                <TextLink href={`/customers/${e.customerId}`}>{e.customerId}</TextLink>
              ) : (
                '—'
              )}
            </Td>
            <Td className="min-w-52">
              <Change change={e.change} />
            </Td>
            <Td>{e.reasonCode ?? '—'}</Td>
            <Td className="max-w-xs whitespace-pre-wrap break-words">{e.reasonText ?? '—'}</Td>
            <Td>{e.upstreamStatus ?? '—'}</Td>
            <Td className="break-all text-xs">{e.requestId ?? '—'}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
