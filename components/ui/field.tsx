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
      {error ? (
        <p id={fieldErrorId(id)} className="mt-1 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export type SelectOption = { value: string; label: string };

/** A Field holding a Select of `options`, uncontrolled, starting at `value`. */
export function SelectField({ id, name, label, value, options, className }: { id: string; name: string; label: string; value: string; options: readonly SelectOption[]; className?: string }) {
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
