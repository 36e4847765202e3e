import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Breadcrumb } from '@/components/layout/breadcrumb';
import { EndpointControls, ResendButton } from '@/components/webhooks/endpoint-controls';
import { Section } from '@/components/ui/card';
import { Table, TableHead, Td } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/session';
import { getDb } from '@/lib/db';
import { formatUtc } from '@/lib/format';
import { recentDeliveries } from '@/lib/notifications/delivery';
import { findEndpoint } from '@/lib/notifications/endpoints';
import { WEBHOOK_ADMIN_ROLES } from '@/lib/users/roles';

export const metadata: Metadata = { title: 'Webhook endpoint' };

const STATUS_LABELS = { pending: 'Owed', delivered: 'Delivered', failed: 'Failed: stopped' } as const;

export default async function EndpointPage({ params }: { params: Promise<{ endpointId: string }> }) {
  await requireRole(WEBHOOK_ADMIN_ROLES);
  const { endpointId } = await params;
  const endpoint = /^[0-9a-f-]{36}$/.test(endpointId) ? await findEndpoint(endpointId) : null;
  if (!endpoint) notFound();
  const deliveries = await recentDeliveries(await getDb(), endpoint.id);

  return (
    <div className="space-y-4">
      <Breadcrumb trail={[{ href: '/admin/webhooks', label: 'Webhooks' }]} current="Endpoint" />
      <h1 className="text-xl font-semibold break-all">{endpoint.url}</h1>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {endpoint.enabled ? 'Enabled' : `Disabled${endpoint.disabledReason ? `: ${endpoint.disabledReason}` : ''}`}
        {` · events: ${endpoint.eventTypes.join(', ')} · reason texts ${endpoint.includeReasonText ? 'included' : 'left out'}`}
      </p>
      <EndpointControls endpoint={{ id: endpoint.id, url: endpoint.url, enabled: endpoint.enabled }} />
      <Section title="Recent deliveries" id="deliveries-heading">
        {deliveries.length === 0 ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">Nothing has been sent to this endpoint yet.</p>
        ) : (
          <Table aria-labelledby="deliveries-heading">
            <TableHead columns={['Event', 'Document', 'Status', 'Attempts', 'Last answer', 'Next try', '']} />
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} data-testid="delivery-row">
                  <Td>
                    <span className="font-medium">{d.eventType}</span>
                    <span className="block font-mono text-xs text-slate-600 dark:text-slate-300">{d.eventId}</span>
                  </Td>
                  <Td>{d.documentKey ?? '—'}</Td>
                  <Td>{STATUS_LABELS[d.status]}</Td>
                  <Td>{d.attempts}</Td>
                  <Td className="text-xs">
                    {d.lastAttemptAt ? `${d.lastStatus ?? 'no answer'} at ${formatUtc(d.lastAttemptAt)}` : '—'}
                    {d.lastError && d.status !== 'delivered' ? <span className="block">{d.lastError}</span> : null}
                  </Td>
                  <Td className="text-xs">{d.nextAttemptAt ? formatUtc(d.nextAttemptAt) : '—'}</Td>
                  <Td>{d.status === 'pending' ? null : <ResendButton deliveryId={d.id} label={`${d.eventType} ${d.eventId}`} />}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>
    </div>
  );
}
