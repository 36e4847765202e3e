'use client';

import { LoaderCircle } from '@/components/ui/icons';
import { useId, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { addUserAction } from '@/lib/actions/add-user';
import type { FieldErrors } from '@/lib/auth/action-result';
import { ROLES } from '@/lib/users/roles';
import { ActionMessage } from './action-message';
import { useUserAction } from './use-user-action';

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-800';

export function AddUserForm() {
  const { result, pending, onSubmit } = useUserAction(addUserAction);
  const id = useId();
  const errors: FieldErrors = result && !result.ok && result.kind === 'invalid' ? result.fieldErrors : {};
  const field = (name: 'email' | 'name' | 'role' | 'password', label: string, control: ReactNode) => (
    <div>
      <label htmlFor={`${id}-${name}`} className="text-sm font-medium">
        {label}
      </label>
      {control}
      {errors[name]?.[0] ? (
        <p id={`${id}-${name}-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
          {errors[name][0]}
        </p>
      ) : null}
    </div>
  );
  const described = (name: string) => (errors[name]?.[0] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${name}-error` } : {});

  return (
    // Checked on the server, whose messages are shown beside the fields.
    <form aria-label="Add user" noValidate onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2">
      {field('email', 'Email', <input id={`${id}-email`} name="email" type="email" required autoComplete="off" className={inputClass} {...described('email')} />)}
      {field('name', 'Name', <input id={`${id}-name`} name="name" autoComplete="off" className={inputClass} {...described('name')} />)}
      {field(
        'role',
        'Role',
        <select id={`${id}-role`} name="role" defaultValue="reviewer" className={inputClass} {...described('role')}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>,
      )}
      {field(
        'password',
        'Password',
        <input id={`${id}-password`} name="password" type="password" required minLength={12} autoComplete="new-password" className={inputClass} {...described('password')} />,
      )}
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
