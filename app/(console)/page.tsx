import type { Metadata } from 'next';
import { Inbox } from '@/components/ui/icons';
import { QueueFiltersForm } from '@/components/queue/queue-filters';
import { ProposalsTable } from '@/components/four-eyes/proposals-table';
import { QaSampleTable } from '@/components/queue/qa-sample-table';
import { QueueTable } from '@/components/queue/queue-table';
import { Alert } from '@/components/ui/alert';
import { IgnoredFilters } from '@/components/ui/ignored-filters';
import { Pagination } from '@/components/ui/pagination';
import { formatUtc } from '@/lib/format';
import { queueHref, readQueueFilters, selectionQuery } from '@/lib/queue/filters';
import { loadPendingProposals } from '@/lib/overrides/load-pending-proposals';
import { loadQueue } from '@/lib/queue/load-queue';
import { loadQaSamples } from '@/lib/calibration/qa-samples';
import { queueTableRows } from '@/lib/queue/query';
import { Tabs } from '@/components/ui/tabs';
import { canOverride } from '@/lib/users/roles';

export const metadata: Metadata = { title: 'Review queue' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function QueuePage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const { filters, invalid } = readQueueFilters(sp);
  const view = await loadQueue(filters);
  const selection = selectionQuery(filters);
  const decided = filters.tab === 'decided';
  const proposalsTab = filters.tab === 'proposals';
  const proposals = await loadPendingProposals();
  const qaTab = filters.tab === 'qa';
  const qa = await loadQaSamples({ rows: qaTab });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">Review queue</h1>
        <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="sync-status">
          {view.sync
            ? `Index synced from Artemis ${formatUtc(view.sync.finishedAt ?? view.sync.updatedAt)}${view.sync.status === 'done' ? '' : ` (last run ${view.sync.status})`}`
            : 'The index has not been synced yet.'}
        </p>
      </div>
      <Tabs
        label="Queue views"
        items={[
          {
            href: queueHref({ ...filters, tab: 'queue', page: 1 }),
            label: `Needs review (${view.counts.queue}${view.counts.overdue > 0 ? ` · ${view.counts.overdue} overdue` : ''})`,
            current: filters.tab === 'queue',
          },
          ...(canOverride(view.user.role)
            ? [
                {
                  href: queueHref({ ...filters, tab: 'assigned', page: 1 }),
                  label: `Assigned to me (${view.counts.assigned})`,
                  current: filters.tab === 'assigned',
                },
              ]
            : []),
          { href: queueHref({ ...filters, tab: 'escalated', page: 1 }), label: `Escalated (${view.counts.escalated})`, current: filters.tab === 'escalated' },
          { href: queueHref({ ...filters, tab: 'decided', page: 1 }), label: `Recently decided (${view.counts.decided})`, current: decided },
          { href: queueHref({ ...filters, tab: 'proposals', page: 1 }), label: `Awaiting approval (${proposals.length})`, current: proposalsTab },
          { href: queueHref({ ...filters, tab: 'qa', page: 1 }), label: `QA sample (${qa.awaiting})`, current: qaTab },
        ]}
      />

      {qaTab ? (
        <QaSampleTable rows={qa.rows} />
      ) : proposalsTab ? (
        proposals.length === 0 ? (
          <p className="text-sm" role="status">
            No override is waiting for a second reviewer.
          </p>
        ) : (
          <ProposalsTable proposals={proposals} userId={view.user.id} />
        )
      ) : (
        <>
          <QueueFiltersForm filters={filters} counts={view.counts} />
          <IgnoredFilters invalid={invalid} />

          {'empty' in sp ? (
            <Alert tone="info" title="Nothing left in this view" testId="queue-empty-next">
              <p>No other document in these filters needs review and is free to take.</p>
            </Alert>
          ) : null}

          <p role="status" className="text-sm" data-testid="queue-total">
            {view.total === 1 ? '1 document' : `${view.total} documents`}
            {decided
              ? ' decided in this console'
              : filters.tab === 'escalated'
                ? ' escalated to the compliance lead'
                : filters.tab === 'assigned'
                  ? ' assigned to you'
                  : ' need review'}
          </p>

          {view.rows.length === 0 ? (
            <div className="flex items-center gap-2 rounded-lg border border-dashed border-slate-300 p-6 text-sm dark:border-slate-600">
              <Inbox aria-hidden className="size-5" />
              {view.sync ? 'No documents match these filters.' : 'Nothing here yet: run `npm run sync` to fill the index from Artemis.'}
            </div>
          ) : (
            <QueueTable
              rows={queueTableRows(view.rows, view.user.id)}
              tab={filters.tab}
              selection={selection}
              renderedAt={view.renderedAt}
              people={view.people}
            />
          )}

          {view.pageCount > 1 ? (
            <Pagination
              page={view.page}
              pageCount={view.pageCount}
              previousHref={view.page > 1 ? queueHref({ ...filters, page: view.page - 1 }) : undefined}
              nextHref={view.page < view.pageCount ? queueHref({ ...filters, page: view.page + 1 }) : undefined}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
