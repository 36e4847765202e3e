import { Funnel } from '@/components/ui/icons';
import { Button } from '@/components/ui/button';
import { Field, Input, SelectField, type SelectOption } from '@/components/ui/field';
import { TextLink } from '@/components/ui/text-link';
import { AUDIT_ACTION_NAMES, AUDIT_OUTCOME_LABELS, AUDIT_OUTCOMES } from '@/lib/audit/actions';
import type { AuditFilters } from '@/lib/audit/filters';
import { REASON_CODES } from '@/lib/liveness/reason-codes';

type InputProps = { name: string; label: string; value: string | number | undefined; type?: string; inputMode?: 'email' | 'numeric' };

function InputField({ name, label, value, type = 'text', inputMode }: InputProps) {
  return (
    <Field id={`f-${name}`} label={label}>
      <Input id={`f-${name}`} name={name} type={type} inputMode={inputMode} defaultValue={value ?? ''} />
    </Field>
  );
}

function AnySelectField({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: readonly SelectOption[] }) {
  return <SelectField id={`f-${name}`} name={name} label={label} value={value ?? ''} options={[{ value: '', label: 'Any' }, ...options]} />;
}

const asOptions = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and shared. */
export function AuditFilterForm({ filters, action, withEventFilters = true }: { filters: AuditFilters; action: string; withEventFilters?: boolean }) {
  return (
    <form role="search" aria-label="Filter audit events" action={action} method="get" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <InputField name="actor" label="Reviewer or actor (email)" inputMode="email" value={filters.actor} />
      <InputField name="from" label="From (UTC day)" type="date" value={filters.from} />
      <InputField name="to" label="To (UTC day)" type="date" value={filters.to} />
      <AnySelectField name="reason" label="Reason code" value={filters.reasonCode} options={asOptions(REASON_CODES)} />
      {withEventFilters ? (
        <>
          <InputField name="customer" label="Customer ID" inputMode="numeric" value={filters.customerId} />
          <InputField name="document" label="Document ID" inputMode="numeric" value={filters.documentId} />
          <AnySelectField name="action" label="Action" value={filters.action} options={asOptions(AUDIT_ACTION_NAMES)} />
          <AnySelectField
            name="outcome"
            label="Outcome"
            value={filters.outcome}
            options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: AUDIT_OUTCOME_LABELS[o] }))}
          />
        </>
      ) : null}
      <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-4">
        <Button type="submit">
          <Funnel aria-hidden className="size-4" />
          Apply filters
        </Button>
        <TextLink href={action} className="text-sm">
          Clear filters
        </TextLink>
      </div>
    </form>
  );
}
