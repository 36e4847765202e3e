import { Funnel } from '@/components/ui/icons';
import { Button } from '@/components/ui/button';
import { Field, Input, SelectField, type SelectOption } from '@/components/ui/field';
import { TextLink } from '@/components/ui/text-link';
import { humanize } from '@/lib/format';
import { FLAG_KINDS } from '@/lib/liveness/flags';
import { QUEUE_SORTS, REVIEWED_OPTIONS, queueHref, type QueueFilters } from '@/lib/queue/filters';
import type { QueueCounts } from '@/lib/queue/query';

function PercentField({ name, label, value }: { name: 'cmin' | 'cmax'; label: string; value: number | undefined }) {
  const id = `filter-${name}`;
  return (
    <Field id={id} label={label}>
      <Input id={id} name={name} type="number" min={0} max={100} inputMode="numeric" defaultValue={value ?? ''} />
    </Field>
  );
}

/** A selected value with no documents left still shows, with its zero. */
function countedOptions(counts: { value: string; count: number }[], selected: string | undefined, any: string): SelectOption[] {
  const withSelected = selected && !counts.some((o) => o.value === selected) ? [...counts, { value: selected, count: 0 }] : counts;
  return [{ value: '', label: any }, ...withSelected.map((s) => ({ value: s.value, label: `${humanize(s.value)} (${s.count})` }))];
}

/** A plain GET form: the filters live in the URL and work without JavaScript. */
export function QueueFiltersForm({ filters, counts }: { filters: QueueFilters; counts: QueueCounts }) {
  const decided = filters.tab === 'decided';
  const flagOptions = FLAG_KINDS.filter((f) => f.kind !== 'no-result').map((f) => ({ value: f.kind, label: `${f.label} (${counts.flags[f.kind]})` }));
  const reviewedCount = { no: ` (${counts.reviewed.no})`, yes: ` (${counts.reviewed.yes})`, all: '' };
  return (
    <form
      role="search"
      aria-label="Queue filters"
      action="/"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-8 dark:border-slate-700 dark:bg-slate-900"
    >
      {decided ? <input type="hidden" name="tab" value="decided" /> : null}
      <SelectField
        id="filter-flag"
        name="flag"
        label="Flag"
        value={filters.flag ?? ''}
        options={[{ value: '', label: 'All flags' }, ...flagOptions]}
        className="lg:col-span-2"
      />
      <PercentField name="cmin" label="Confidence from" value={filters.cmin} />
      <PercentField name="cmax" label="Confidence to" value={filters.cmax} />
      <SelectField
        id="filter-status"
        name="status"
        label="Customer status"
        value={filters.status ?? ''}
        options={countedOptions(counts.statuses, filters.status, 'Any status')}
      />
      <SelectField
        id="filter-risk"
        name="risk"
        label="Risk rating"
        value={filters.risk ?? ''}
        options={countedOptions(counts.risks, filters.risk, 'Any rating')}
      />
      {decided ? null : (
        <>
          <SelectField
            id="filter-reviewed"
            name="reviewed"
            label="Reviewed"
            value={filters.reviewed}
            options={REVIEWED_OPTIONS.map((o) => ({ value: o.value, label: `${o.label}${reviewedCount[o.value]}` }))}
          />
          <SelectField id="filter-sort" name="sort" label="Sort" value={filters.sort} options={[...QUEUE_SORTS]} />
        </>
      )}
      <div className="flex items-end gap-2 sm:col-span-3 lg:col-span-8">
        <Button type="submit">
          <Funnel aria-hidden className="size-4" />
          Apply filters
        </Button>
        <TextLink href={queueHref({ tab: filters.tab })} className="text-sm">
          Clear filters
        </TextLink>
      </div>
    </form>
  );
}
