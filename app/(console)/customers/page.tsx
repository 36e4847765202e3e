import type { Metadata } from 'next';
import Link from 'next/link';
import { UnreadableRow } from '@/components/customers/unreadable-row';
import { Search } from '@/components/ui/icons';
import { Button } from '@/components/ui/button';
import { Table, Td, Th } from '@/components/ui/table';
import { UpstreamError } from '@/components/ui/upstream-error';
import { customerName } from '@/lib/customers/display';
import { loadCustomerList } from '@/lib/customers/read';
import { unreadableRecordId, unreadableRecordNote } from '@/lib/customers/unreadable';
import { humanize } from '@/lib/format';

export const metadata: Metadata = { title: 'Customers' };

type SearchParams = Promise<{ q?: string | string[]; page?: string | string[] }>;

export default async function CustomersPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const query = (typeof sp.q === 'string' ? sp.q : '').trim().slice(0, 100);
  const pageParam = typeof sp.page === 'string' && /^\d{1,6}$/.test(sp.page) ? Number(sp.page) : 1;
  const view = await loadCustomerList({ page: pageParam - 1, query });
  const unreadable = view.ok && view.mode === 'page' ? view.unreadable : [];

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Customers</h1>
      <form role="search" action="/customers" className="flex max-w-xl items-end gap-2">
        <div className="grow">
          <label htmlFor="customer-search" className="block text-sm font-medium">
            Customer ID, reference ID or name
          </label>
          <input
            id="customer-search"
            name="q"
            defaultValue={query}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800"
          />
        </div>
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
              {view.truncated ? ' Only the first matches are shown; narrow the search.' : ''}{' '}
              <Link href="/customers" className="text-indigo-700 underline dark:text-indigo-300">
                Show all customers
              </Link>
            </p>
          ) : null}
          {view.customers.length + unreadable.length > 0 ? (
            <Table aria-label="Customers">
              <thead>
                <tr>
                  <Th>Customer ID</Th>
                  <Th>Name</Th>
                  <Th>Reference ID</Th>
                  <Th>Status</Th>
                  <Th>Risk rating</Th>
                </tr>
              </thead>
              <tbody>
                {view.customers.map((c) => (
                  <tr key={c.id}>
                    <Td>
                      <Link href={`/customers/${c.id}`} className="text-indigo-700 underline dark:text-indigo-300">
                        {c.id}
                      </Link>
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
            <nav aria-label="Pagination" className="flex items-center gap-4 text-sm">
              {view.page > 0 ? (
                <Link href={`/customers?page=${view.page}`} className="text-indigo-700 underline dark:text-indigo-300">
                  Previous page
                </Link>
              ) : null}
              <span>
                Page {view.page + 1}
                {view.totalPages ? ` of ${view.totalPages}` : ''}
              </span>
              {!view.last ? (
                <Link href={`/customers?page=${view.page + 2}`} className="text-indigo-700 underline dark:text-indigo-300">
                  Next page
                </Link>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </div>
  );
}
