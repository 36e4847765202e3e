import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input } from '@/components/ui/field';
import { Table, TableHead, Td } from '@/components/ui/table';
import { DownloadLink, TextLink } from '@/components/ui/text-link';
import { formatUtc } from '@/lib/format';
import { loadEvidenceAccess } from '@/lib/evidence-access/load-evidence-access';
import { withQuery } from '@/lib/url-filters';

export const metadata: Metadata = { title: 'Access to evidence' };

/** The audit export of one customer's events of one action, hashes included. */
const auditCsvOf = (action: string, customerId: number) =>
  withQuery('/api/audit/export', new URLSearchParams({ action, customer: String(customerId) }).toString());

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Who saw a customer's faces, and when (SPEC §13): for a data-subject access request or an investigation. */
export default async function EvidenceAccessPage({ searchParams }: { searchParams: SearchParams }) {
  const view = await loadEvidenceAccess(await searchParams);
  return (
    <div className="max-w-5xl space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-xl font-semibold">Access to evidence</h1>
        <TextLink href="/audit" className="text-sm">
          Audit log
        </TextLink>
      </div>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Everyone who opened any of a customer’s documents in this console, from the audit trail’s recorded views, and every evidence pack of them downloaded.
        Looks by one person at one document within 10 minutes are recorded once.
      </p>
      <form method="get" action="/audit/access" className="flex flex-wrap items-end gap-2" aria-label="Find viewers">
        <Field id="access-customer" label="Customer id" error={view.invalid ? 'A customer id is a positive whole number.' : undefined}>
          <Input
            id="access-customer"
            name="customer"
            inputMode="numeric"
            defaultValue={view.customerId ?? ''}
            required
            className="w-40"
            {...describedBy('access-customer', view.invalid ? 'invalid' : undefined)}
          />
        </Field>
        <Button type="submit">Show viewers</Button>
      </form>
      {view.customerId === null ? null : (
        <>
          <AccessSection
            id="viewers-heading"
            heading={`Customer ${view.customerId}: ${view.people} ${view.people === 1 ? 'person' : 'people'}, ${view.documents} ${view.documents === 1 ? 'document' : 'documents'}`}
            csv={{ href: auditCsvOf('evidence.viewed', view.customerId), label: 'Export views as CSV' }}
            empty={view.viewers.length === 0 ? 'No one has viewed this customer’s evidence in this console.' : null}
          >
            <TableHead columns={['Person', 'Role', 'Document', 'First view', 'Last view', 'Views']} />
            <tbody>
              {view.viewers.map((v) => (
                <tr key={`${v.actorId ?? v.email}:${v.documentId}`} data-testid="evidence-viewer">
                  <Td className="break-all">{v.email}</Td>
                  <Td>{v.role ?? '—'}</Td>
                  <Td>{v.documentId}</Td>
                  <Td>{formatUtc(v.firstViewedAt)}</Td>
                  <Td>{formatUtc(v.lastViewedAt)}</Td>
                  <Td>{v.views}</Td>
                </tr>
              ))}
            </tbody>
          </AccessSection>
          <AccessSection
            id="pack-downloads-heading"
            heading={`Evidence packs downloaded: ${view.packDownloads.length}`}
            csv={{ href: auditCsvOf('evidence.exported', view.customerId), label: 'Export pack downloads as CSV' }}
            empty={view.packDownloads.length === 0 ? 'No evidence pack of this customer’s documents has been downloaded.' : null}
          >
            <TableHead columns={['Person', 'Role', 'Document', 'Downloaded', 'Pack id']} />
            <tbody>
              {view.packDownloads.map((p) => (
                <tr key={p.seq} data-testid="evidence-pack-download">
                  <Td className="break-all">{p.email}</Td>
                  <Td>{p.role ?? '—'}</Td>
                  <Td>{p.documentId}</Td>
                  <Td>{formatUtc(p.at)}</Td>
                  <Td className="font-mono text-xs break-all">{p.packId ?? '—'}</Td>
                </tr>
              ))}
            </tbody>
          </AccessSection>
        </>
      )}
    </div>
  );
}

/** One list of the page: its heading and CSV export, then its table or why it is empty. */
function AccessSection({
  id,
  heading,
  csv,
  empty,
  children,
}: {
  id: string;
  heading: string;
  csv: { href: string; label: string };
  empty: string | null;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <div className="flex flex-wrap items-center gap-4">
        <h2 id={id} className="font-semibold">
          {heading}
        </h2>
        <DownloadLink href={csv.href} className="ml-auto text-sm">
          {csv.label}
        </DownloadLink>
      </div>
      {empty !== null ? (
        <p className="text-sm" role="status">
          {empty}
        </p>
      ) : (
        <Table aria-labelledby={id}>{children}</Table>
      )}
    </section>
  );
}
