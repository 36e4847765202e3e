import type { Metadata } from 'next';
import { Breadcrumb } from '@/components/layout/breadcrumb';
import { TextLink } from '@/components/ui/text-link';
import { notFound } from 'next/navigation';
import { UnreadableRow } from '@/components/customers/unreadable-row';
import { DecisionStatus } from '@/components/review/decision-status';
import { PassFail } from '@/components/ui/pass-fail';
import { Table, TableHead, Td } from '@/components/ui/table';
import { UpstreamError } from '@/components/ui/upstream-error';
import { toIsoTimestamp } from '@/lib/artemis/schemas';
import { customerName, documentTypeLabel } from '@/lib/format/display';
import { loadCustomer } from '@/lib/customers/load-customers';
import { decisionInEffect } from '@/lib/audit/decisions';
import { unreadableRecordId, unreadableRecordNote } from '@/lib/customers/unreadable';
import { getEnv } from '@/lib/env';
import { formatUtc, humanize, textOrDash } from '@/lib/format';
import { assessLiveness } from '@/lib/liveness/assessment';
import { parseId } from '@/lib/route-params';
import { Fact, Facts } from '@/components/ui/facts';

export const metadata: Metadata = { title: 'Customer' };

export default async function CustomerPage({ params }: { params: Promise<{ customerId: string }> }) {
  const customerId = parseId((await params).customerId);
  const view = await loadCustomer(customerId);
  if (!view.ok && view.kind === 'not-found') notFound();
  if (!view.ok) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">Customer {customerId}</h1>
        <UpstreamError message={view.message} requestId={view.requestId} />
      </div>
    );
  }
  const { customer, documents, unreadableDocuments, decisions } = view;
  const { thresholds } = getEnv();
  const particular = (customer.particular ?? {}) as Record<string, unknown>;

  return (
    <div className="space-y-4">
      <Breadcrumb trail={[{ href: '/customers', label: 'Customers' }]} current={`Customer ${customerId}`} />
      <section aria-labelledby="customer-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-900">
        <h1 id="customer-heading" className="break-words text-xl font-semibold">
          {customerName(customer)}
        </h1>
        <Facts>
          <Fact label="Customer ID">{customer.id}</Fact>
          <Fact label="Reference ID" breakAll>
            {textOrDash(customer.referenceId)}
          </Fact>
          <Fact label="Status">{humanize(customer.status)}</Fact>
          <Fact label="Risk rating">{humanize(customer.riskRating)}</Fact>
          <Fact label="Nationality">{textOrDash(particular.nationality)}</Fact>
          <Fact label="Date of birth">{textOrDash(particular.dateOfBirth)}</Fact>
        </Facts>
      </section>

      <section
        aria-labelledby="documents-heading"
        className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-900"
      >
        <h2 id="documents-heading" className="mb-3 text-base font-semibold">
          Documents
        </h2>
        {documents.length + unreadableDocuments.length === 0 ? (
          <p className="text-sm">This customer has no documents in Artemis.</p>
        ) : (
          <Table aria-labelledby="documents-heading">
            <TableHead columns={['Document', 'Number', 'Liveness result', 'Confidence', 'Status', 'Last updated']} actionColumn />
            <tbody>
              {documents.map((d) => {
                const assessment = assessLiveness(d.liveness as Record<string, unknown> | undefined, thresholds);
                const decided = decisionInEffect(decisions.get(d.id), assessment);
                return (
                  <tr key={d.id}>
                    <Td>
                      {documentTypeLabel(d.type)} <span className="text-slate-600 dark:text-slate-300">#{d.id}</span>
                    </Td>
                    <Td className="break-all">{textOrDash(d.number)}</Td>
                    <Td>{assessment.hasResult ? <PassFail value={assessment.livenessResult} /> : '—'}</Td>
                    <Td>{assessment.confidence === undefined ? '—' : `${assessment.confidence}%`}</Td>
                    <Td>
                      <DecisionStatus assessment={assessment} decided={decided && { by: decided.decidedBy, at: formatUtc(decided.decidedAt) }} />
                    </Td>
                    <Td>{formatUtc(toIsoTimestamp(d.updatedAt))}</Td>
                    <Td>
                      <TextLink href={`/customers/${customerId}/documents/${d.id}`} aria-label={`Review document ${d.id}`}>
                        Review
                      </TextLink>
                    </Td>
                  </tr>
                );
              })}
              {unreadableDocuments.map((u) => (
                <UnreadableRow
                  key={`unreadable-${u.index}`}
                  label={['Unreadable document', unreadableRecordId(u)].filter(Boolean).join(' #')}
                  note={unreadableRecordNote(u)}
                  span={6}
                />
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}
