import { describedBy, Field, Input } from '@/components/ui/field';

/** `New password`, with the rule it must meet; the server checks it (SPEC §13). */
export function NewPasswordField({ id, error, autoFocus }: { id: string; error: string | undefined; autoFocus?: boolean }) {
  return (
    <Field
      id={id}
      label="New password"
      error={error}
      note={<p className="mt-1 text-xs text-slate-600 dark:text-slate-300">At least 12 characters, not a common or leaked password.</p>}
    >
      <Input id={id} name="newPassword" type="password" autoComplete="new-password" required minLength={12} autoFocus={autoFocus} {...describedBy(id, error)} />
    </Field>
  );
}
