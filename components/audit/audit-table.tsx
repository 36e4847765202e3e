import Link from 'next/link';
import { Table, Td, Th } from '@/components/ui/table';
import type { AuditListEvent } from '@/lib/audit/query';
import { formatUtc } from '@/lib/customers/display';
import { ActionLabel } from './action-label';

type Pair = { conclusion?: boolean | null; facialCheck?: boolean | null } | null | undefined;
const pf = (v: boolean | null | undefined) => (v === true ? 'Pass' : v === false ? 'Fail' : 'not set');

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Other events (user administration…): their flat fields, as text. */
function summary(value: unknown): string {
  if (!isRecord(value)) return value === null || value === undefined ? '—' : String(value);
  const parts = Object.entries(value)
    .filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
    .map(([k, v]) => `${k}: ${v === null ? '—' : String(v)}`);
  return parts.length > 0 ? parts.join(', ') : '—';
}

function BeforeAfter({ before, after }: { before: unknown; after: unknown }) {
  if (!before && !after) return <>—</>;
  const decision = [before, after].some((v) => isRecord(v) && ('conclusion' in v || 'facialCheck' in v));
  if (!decision) {
    return (
      <span className="break-words">
        {before ? `${summary(before)} → ` : ''}
        {summary(after)}
      </span>
    );
  }
  const b = before as Pair;
  const a = after as Pair;
  return (
    <>
      <span className="block">
        Conclusion {pf(b?.conclusion)} → {pf(a?.conclusion)}
      </span>
      <span className="block">
        Facial check {pf(b?.facialCheck)} → {pf(a?.facialCheck)}
      </span>
    </>
  );
}

export function AuditTable({ events }: { events: AuditListEvent[] }) {
  return (
    <Table aria-label="Audit events">
      <thead>
        <tr>
          <Th>Time (UTC)</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Customer / document</Th>
          <Th>Before → after</Th>
          <Th>Reason code</Th>
          <Th>Reason</Th>
          <Th>Upstream status</Th>
          <Th>Request ID</Th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => {
          const reconciled = (e.detail as { reconciled?: unknown } | null)?.reconciled === true;
          return (
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
                {reconciled ? <span className="block text-xs">Confirmed by reading Artemis back</span> : null}
              </Td>
              <Td className="whitespace-nowrap">
                {e.customerId && e.documentId ? (
                  <Link
                    href={`/customers/${e.customerId}/documents/${e.documentId}`}
                    className="text-indigo-700 underline dark:text-indigo-300"
                  >
                    {e.customerId} / {e.documentId}
                  </Link>
                ) : e.customerId ? (
                  <Link href={`/customers/${e.customerId}`} className="text-indigo-700 underline dark:text-indigo-300">
                    {e.customerId}
                  </Link>
                ) : (
                  '—'
                )}
              </Td>
              <Td className="min-w-52">
                <BeforeAfter before={e.before} after={e.after} />
              </Td>
              <Td>{e.reasonCode ?? '—'}</Td>
              <Td className="max-w-xs whitespace-pre-wrap break-words">{e.reasonText ?? '—'}</Td>
              <Td>{e.upstreamStatus ?? '—'}</Td>
              <Td className="break-all text-xs">{e.requestId ?? '—'}</Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
