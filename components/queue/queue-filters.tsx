import Link from 'next/link';
import { Funnel } from '@/components/ui/icons';
import { Button } from '@/components/ui/button';
import { humanize } from '@/lib/format';
import { FLAG_KINDS } from '@/lib/queue/flags';
import { QUEUE_SORTS, REVIEWED_OPTIONS, queueHref, type QueueFilters } from '@/lib/queue/filters';
import type { QueueCounts } from '@/lib/queue/query';

const field = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800';
const labelCls = 'block text-xs font-medium text-slate-700 dark:text-slate-300';

/** A plain GET form: the filters live in the URL and work without JavaScript. */
export function QueueFiltersForm({ filters, counts }: { filters: QueueFilters; counts: QueueCounts }) {
  const decided = filters.tab === 'decided';
  return (
    <form role="search" aria-label="Queue filters" action="/" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-8 dark:border-slate-700 dark:bg-slate-900">
      {decided ? <input type="hidden" name="tab" value="decided" /> : null}
      <div className="lg:col-span-2">
        <label htmlFor="filter-flag" className={labelCls}>
          Flag
        </label>
        <select id="filter-flag" name="flag" defaultValue={filters.flag ?? ''} className={field}>
          <option value="">All flags</option>
          {FLAG_KINDS.filter((f) => f.kind !== 'no-result').map((f) => (
            <option key={f.kind} value={f.kind}>
              {f.label} ({counts.flags[f.kind]})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-cmin" className={labelCls}>
          Confidence from
        </label>
        <input id="filter-cmin" name="cmin" type="number" min={0} max={100} inputMode="numeric" defaultValue={filters.cmin ?? ''} className={field} />
      </div>
      <div>
        <label htmlFor="filter-cmax" className={labelCls}>
          Confidence to
        </label>
        <input id="filter-cmax" name="cmax" type="number" min={0} max={100} inputMode="numeric" defaultValue={filters.cmax ?? ''} className={field} />
      </div>
      <div>
        <label htmlFor="filter-status" className={labelCls}>
          Customer status
        </label>
        <select id="filter-status" name="status" defaultValue={filters.status ?? ''} className={field}>
          <option value="">Any status</option>
          {withSelected(counts.statuses, filters.status).map((s) => (
            <option key={s.value} value={s.value}>
              {humanize(s.value)} ({s.count})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-risk" className={labelCls}>
          Risk rating
        </label>
        <select id="filter-risk" name="risk" defaultValue={filters.risk ?? ''} className={field}>
          <option value="">Any rating</option>
          {withSelected(counts.risks, filters.risk).map((s) => (
            <option key={s.value} value={s.value}>
              {humanize(s.value)} ({s.count})
            </option>
          ))}
        </select>
      </div>
      {decided ? null : (
        <div>
          <label htmlFor="filter-reviewed" className={labelCls}>
            Reviewed
          </label>
          <select id="filter-reviewed" name="reviewed" defaultValue={filters.reviewed} className={field}>
            {REVIEWED_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
                {o.value === 'no' ? ` (${counts.reviewed.no})` : o.value === 'yes' ? ` (${counts.reviewed.yes})` : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      {decided ? null : (
        <div>
          <label htmlFor="filter-sort" className={labelCls}>
            Sort
          </label>
          <select id="filter-sort" name="sort" defaultValue={filters.sort} className={field}>
            {QUEUE_SORTS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="flex items-end gap-2 sm:col-span-3 lg:col-span-8">
        <Button type="submit">
          <Funnel aria-hidden className="size-4" />
          Apply filters
        </Button>
        <Link href={queueHref({ tab: filters.tab })} className="text-sm text-indigo-700 underline dark:text-indigo-300">
          Clear filters
        </Link>
      </div>
    </form>
  );
}

/** A selected value with no documents left still shows, with its zero. */
function withSelected(options: { value: string; count: number }[], selected: string | undefined) {
  return selected && !options.some((o) => o.value === selected) ? [...options, { value: selected, count: 0 }] : options;
}
