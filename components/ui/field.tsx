import type { ComponentProps, ReactNode } from 'react';
import { cn } from '@/lib/cn';

const controlClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-indigo-600 focus:outline-2 focus:outline-indigo-600 aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100';

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input data-slot="input" className={cn(controlClass, className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<'select'>) {
  return <select data-slot="select" className={cn(controlClass, className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return <textarea data-slot="textarea" className={cn(controlClass, className)} {...props} />;
}

/** The id of the message a Field shows under its control when `error` is set. */
const fieldErrorId = (id: string) => `${id}-error`;

/** The ARIA a control needs so that its Field's error (and any extra description) is announced. */
export function describedBy(id: string, error: string | undefined, ...extra: string[]) {
  const ids = [...extra, ...(error ? [fieldErrorId(id)] : [])];
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined };
}

/** A label, its control (`id` must be the control's), an optional note and the field's error. */
export function Field({
  id,
  label,
  error,
  note,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  error?: string;
  note?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {note}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** The error under a field (or a group of fields) whose id is `id`; nothing when there is none. */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p id={fieldErrorId(id)} data-slot="field-error" className="mt-1 text-sm text-red-700 dark:text-red-300">
      {error}
    </p>
  );
}

/** Controls that answer one question together, named by their FieldLegend. */
export function FieldSet({ className, ...props }: ComponentProps<'fieldset'>) {
  return <fieldset data-slot="field-set" className={cn('min-w-0', className)} {...props} />;
}

export function FieldLegend({ className, ...props }: ComponentProps<'legend'>) {
  return <legend data-slot="field-legend" className={cn('text-sm font-medium', className)} {...props} />;
}

export type RadioOption = { value: string; label: ReactNode; inputProps?: ComponentProps<'input'> };

/**
 * One choice among `options`, as a named radio group: the legend names it (and assistive
 * technology announces it), the error is tied to it. `inputProps` go on every radio (a form
 * library's registration), an option's own on its radio (a keyboard shortcut).
 */
export function RadioGroup({
  id,
  legend,
  options,
  error,
  inputProps,
  className,
}: {
  id: string;
  legend: ReactNode;
  options: readonly RadioOption[];
  error?: string;
  inputProps?: ComponentProps<'input'>;
  className?: string;
}) {
  return (
    <FieldSet role="radiogroup" aria-labelledby={`${id}-legend`} aria-describedby={error ? fieldErrorId(id) : undefined} className={className}>
      <FieldLegend id={`${id}-legend`}>{legend}</FieldLegend>
      <div className="mt-1 flex gap-4">
        {options.map((option) => (
          <label key={option.value} className="inline-flex items-center gap-2 text-sm">
            <input type="radio" value={option.value} {...inputProps} {...option.inputProps} className="size-4 accent-indigo-700" />
            {option.label}
          </label>
        ))}
      </div>
      <FieldError id={id} error={error} />
    </FieldSet>
  );
}

export type SelectOption = { value: string; label: string };

/** A Field holding a Select of `options`, uncontrolled, starting at `value`. */
export function SelectField({
  id,
  name,
  label,
  value,
  options,
  className,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  options: readonly SelectOption[];
  className?: string;
}) {
  return (
    <Field id={id} label={label} className={className}>
      <Select id={id} name={name} defaultValue={value}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
