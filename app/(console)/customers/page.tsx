import type { Metadata } from 'next';
import { z } from 'zod';
import { UnreadableRow } from '@/components/customers/unreadable-row';
import { Search } from '@/components/ui/icons';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import { Table, TableHead, Td } from '@/components/ui/table';
import { TextLink } from '@/components/ui/text-link';
import { UpstreamError } from '@/components/ui/upstream-error';
import { customerName } from '@/lib/format/display';
import { loadCustomerList } from '@/lib/customers/load-customers';
import { unreadableRecordId, unreadableRecordNote } from '@/lib/customers/unreadable';
import { humanize } from '@/lib/format';
import { readUrlFilters, type UrlParams } from '@/lib/url-filters';

export const metadata: Metadata = { title: 'Customers' };

type SearchParams = Promise<UrlParams>;

const fields = {
  q: z.string().transform((q) => q.slice(0, 100)),
  page: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .pipe(z.number().int().min(1)),
};

export default async function CustomersPage({ searchParams }: { searchParams: SearchParams }) {
  const { values } = readUrlFilters(fields, await searchParams);
  const query = values.q ?? '';
  const view = await loadCustomerList({ page: (values.page ?? 1) - 1, query });
  const unreadable = view.ok && view.mode === 'page' ? view.unreadable : [];

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Customers</h1>
      <form role="search" action="/customers" className="flex max-w-xl items-end gap-2">
        <Field id="customer-search" label="Customer ID, reference ID or name" className="grow">
          <Input id="customer-search" name="q" defaultValue={query} />
        </Field>
        <Button type="submit">
          <Search aria-hidden className="size-4" />
          Search
        </Button>
      </form>

      {!view.ok ? (
        <UpstreamError message={view.message} requestId={view.requestId} />
      ) : (
        <>
          {view.mode === 'search' ? (
            <p className="text-sm" role="status">
              {view.customers.length === 0
                ? `No customer has the ID or reference ID “${view.query}”, or a name containing it.`
                : `${view.customers.length} customer${view.customers.length === 1 ? '' : 's'} found for “${view.query}”.`}
              {view.truncated ? ' Only the first matches are shown; narrow the search.' : ''} <TextLink href="/customers">Show all customers</TextLink>
            </p>
          ) : null}
          {view.customers.length + unreadable.length > 0 ? (
            <Table aria-label="Customers">
              <TableHead columns={['Customer ID', 'Name', 'Reference ID', 'Status', 'Risk rating']} />
              <tbody>
                {view.customers.map((c) => (
                  <tr key={c.id}>
                    <Td>
                      <TextLink href={`/customers/${c.id}`}>{c.id}</TextLink>
                    </Td>
                    <Td className="break-words">{customerName(c)}</Td>
                    <Td className="break-all">{typeof c.referenceId === 'string' ? c.referenceId : '—'}</Td>
                    <Td>{humanize(c.status)}</Td>
                    <Td>{humanize(c.riskRating)}</Td>
                  </tr>
                ))}
                {unreadable.map((u) => (
                  <UnreadableRow key={`unreadable-${u.index}`} label={unreadableRecordId(u) ?? '—'} note={unreadableRecordNote(u)} span={4} />
                ))}
              </tbody>
            </Table>
          ) : view.mode === 'page' ? (
            <p className="text-sm">There are no customers in this Artemis domain.</p>
          ) : null}
          {view.mode === 'page' ? (
            <Pagination
              page={view.page + 1}
              pageCount={view.totalPages}
              previousHref={view.page > 0 ? `/customers?page=${view.page}` : undefined}
              nextHref={view.last ? undefined : `/customers?page=${view.page + 2}`}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
