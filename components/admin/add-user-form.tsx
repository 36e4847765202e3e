'use client';

import { LoaderCircle } from '@/components/ui/icons';
import { useId, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input, Select } from '@/components/ui/field';
import { addUserAction } from '@/lib/actions/add-user';
import type { FieldErrors } from '@/lib/result';
import { ROLES } from '@/lib/users/roles';
import { ActionMessage } from './action-message';
import { useUserAction } from './use-user-action';

type ControlProps = { id: string; name: string } & ReturnType<typeof describedBy>;

export function AddUserForm() {
  const { result, pending, onSubmit } = useUserAction(addUserAction);
  const id = useId();
  const errors: FieldErrors = result && !result.ok && result.kind === 'invalid' ? result.fieldErrors : {};
  const field = (name: 'email' | 'name' | 'role' | 'password', label: string, control: (props: ControlProps) => ReactNode) => {
    const controlId = `${id}-${name}`;
    const error = errors[name]?.[0];
    return (
      <Field id={controlId} label={label} error={error}>
        {control({ id: controlId, name, ...describedBy(controlId, error) })}
      </Field>
    );
  };

  return (
    // Checked on the server, whose messages are shown beside the fields.
    <form aria-label="Add user" noValidate onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2">
      {field('email', 'Email', (props) => (
        <Input {...props} type="email" required autoComplete="off" />
      ))}
      {field('name', 'Name', (props) => (
        <Input {...props} autoComplete="off" />
      ))}
      {field('role', 'Role', (props) => (
        <Select {...props} defaultValue="reviewer">
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </Select>
      ))}
      {field('password', 'Password', (props) => (
        <Input {...props} type="password" required minLength={12} autoComplete="new-password" />
      ))}
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? <LoaderCircle aria-hidden className="size-4 animate-spin" /> : null}
          Add user
        </Button>
        <ActionMessage result={result} testId="add-user" />
      </div>
    </form>
  );
}
