import type { ReactNode } from 'react';
import Link from 'next/link';
import { Funnel } from '@/components/ui/icons';
import { Button } from '@/components/ui/button';
import { AUDIT_ACTION_NAMES, AUDIT_OUTCOME_LABELS, AUDIT_OUTCOMES } from '@/lib/audit/actions';
import type { AuditFilters } from '@/lib/audit/filters';
import { REASON_CODES } from '@/lib/liveness/reason-codes';

const input = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800';

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and shared. */
export function AuditFilterForm({ filters, action, withEventFilters = true }: { filters: AuditFilters; action: string; withEventFilters?: boolean }) {
  return (
    <form role="search" aria-label="Filter audit events" action={action} method="get" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <Field id="f-actor" label="Reviewer or actor (email)">
        <input id="f-actor" name="actor" type="text" inputMode="email" defaultValue={filters.actor ?? ''} className={input} />
      </Field>
      <Field id="f-from" label="From (UTC day)">
        <input id="f-from" name="from" type="date" defaultValue={filters.from ?? ''} className={input} />
      </Field>
      <Field id="f-to" label="To (UTC day)">
        <input id="f-to" name="to" type="date" defaultValue={filters.to ?? ''} className={input} />
      </Field>
      <Field id="f-reason" label="Reason code">
        <select id="f-reason" name="reason" defaultValue={filters.reasonCode ?? ''} className={input}>
          <option value="">Any</option>
          {REASON_CODES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </Field>
      {withEventFilters ? (
        <>
          <Field id="f-customer" label="Customer ID">
            <input id="f-customer" name="customer" inputMode="numeric" defaultValue={filters.customerId ?? ''} className={input} />
          </Field>
          <Field id="f-document" label="Document ID">
            <input id="f-document" name="document" inputMode="numeric" defaultValue={filters.documentId ?? ''} className={input} />
          </Field>
          <Field id="f-action" label="Action">
            <select id="f-action" name="action" defaultValue={filters.action ?? ''} className={input}>
              <option value="">Any</option>
              {AUDIT_ACTION_NAMES.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </Field>
          <Field id="f-outcome" label="Outcome">
            <select id="f-outcome" name="outcome" defaultValue={filters.outcome ?? ''} className={input}>
              <option value="">Any</option>
              {AUDIT_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {AUDIT_OUTCOME_LABELS[o]}
                </option>
              ))}
            </select>
          </Field>
        </>
      ) : null}
      <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-4">
        <Button type="submit">
          <Funnel aria-hidden className="size-4" />
          Apply filters
        </Button>
        <Link href={action} className="text-sm text-indigo-700 underline dark:text-indigo-300">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
