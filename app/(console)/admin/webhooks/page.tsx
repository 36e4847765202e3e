import type { Metadata } from 'next';
import Link from 'next/link';
import { AddEndpointForm } from '@/components/webhooks/add-endpoint-form';
import { EndpointControls } from '@/components/webhooks/endpoint-controls';
import { Section } from '@/components/ui/card';
import { Table, TableHead, Td } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/session';
import { formatUtc } from '@/lib/format';
import { listEndpoints } from '@/lib/notifications/endpoints';
import { WEBHOOK_ADMIN_ROLES } from '@/lib/users/roles';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  await requireRole(WEBHOOK_ADMIN_ROLES);
  const endpoints = await listEndpoints();

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Webhooks</h1>
      <p className="max-w-3xl text-sm text-slate-700 dark:text-slate-300">
        Decisions, proposals, escalations, assignments and overdue documents, sent as they are recorded, signed as the Standard Webhooks specification says
        (HMAC-SHA256). Payloads carry ids, values, emails and the link to the document, never images.
      </p>
      <Section title="Endpoints" id="endpoints-heading">
        {endpoints.length === 0 ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">No endpoints yet.</p>
        ) : (
          <Table aria-labelledby="endpoints-heading">
            <TableHead columns={['Endpoint URL', 'Events', 'Status', 'Added', 'Changes']} />
            <tbody>
              {endpoints.map((endpoint) => (
                <tr key={endpoint.id}>
                  <Td className="font-medium break-all">
                    <Link href={`/admin/webhooks/${endpoint.id}`} className="text-indigo-700 underline dark:text-indigo-300">
                      {endpoint.url}
                    </Link>
                  </Td>
                  <Td className="text-xs">{endpoint.eventTypes.join(', ')}</Td>
                  <Td>
                    {endpoint.enabled ? 'Enabled' : 'Disabled'}
                    {endpoint.disabledReason ? <span className="block text-xs text-slate-600 dark:text-slate-300">{endpoint.disabledReason}</span> : null}
                    {endpoint.enabled && endpoint.failingSince ? (
                      <span className="block text-xs text-amber-800 dark:text-amber-300">{`Failing since ${formatUtc(endpoint.failingSince)}`}</span>
                    ) : null}
                  </Td>
                  <Td className="text-xs">{`${formatUtc(endpoint.createdAt)} by ${endpoint.createdBy}`}</Td>
                  <Td>
                    <EndpointControls endpoint={{ id: endpoint.id, url: endpoint.url, enabled: endpoint.enabled }} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>
      <Section title="Add endpoint" id="add-endpoint-heading">
        <AddEndpointForm />
      </Section>
    </div>
  );
}
