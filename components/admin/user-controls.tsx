'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/field';
import { changeUserRoleAction } from '@/lib/actions/change-user-role';
import { disableUserAction } from '@/lib/actions/disable-user';
import { endUserSessionsAction } from '@/lib/actions/end-user-sessions';
import { enableUserAction } from '@/lib/actions/enable-user';
import { resetUserMfaAction } from '@/lib/actions/reset-user-mfa';
import { resetUserPasswordAction } from '@/lib/actions/reset-user-password';
import type { UserActionResult } from '@/lib/users/admin-schemas';
import { ROLES, type Role } from '@/lib/users/roles';
import { ActionMessage } from './action-message';
import { RowAction } from './row-action';
import { useUserAction } from './use-user-action';

// Compact controls: they sit in a table row.
const inline = 'mt-0 w-auto px-2 py-1';

/** The changes an admin can make to one account; the server refuses the ones on their own. */
export function UserControls({ user, isSelf }: { user: { id: string; email: string; role: Role; status: 'active' | 'disabled' }; isSelf: boolean }) {
  // One message per row: the outcome of the latest change.
  const [last, setLast] = useState<UserActionResult | null>(null);
  const status = useUserAction(user.status === 'active' ? disableUserAction : enableUserAction, setLast);
  const role = useUserAction(changeUserRoleAction, setLast);
  const password = useUserAction(resetUserPasswordAction, setLast);
  const mfa = useUserAction(resetUserMfaAction, setLast);
  const sessions = useUserAction(endUserSessionsAction, setLast);
  const id = useId();

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <RowAction run={status} field="userId" value={user.id} label={`${user.status === 'active' ? 'Disable' : 'Enable'} ${user.email}`}>
          {user.status === 'active' ? 'Disable' : 'Enable'}
        </RowAction>
        <form onSubmit={role.onSubmit} className="flex items-center gap-1">
          <input type="hidden" name="userId" value={user.id} />
          <label htmlFor={`${id}-role`} className="sr-only">
            Role for {user.email}
          </label>
          <Select id={`${id}-role`} name="role" defaultValue={user.role} key={user.role} className={inline}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
          <Button type="submit" variant="secondary" className="px-2 py-1" disabled={role.pending} aria-label={`Change role of ${user.email}`}>
            Change role
          </Button>
        </form>
        <RowAction run={password} field="userId" value={user.id} label={`Reset password of ${user.email}`}>
          Reset password
        </RowAction>
        <RowAction run={mfa} field="userId" value={user.id} label={`Reset two-factor of ${user.email}`}>
          Reset two-factor
        </RowAction>
        <RowAction run={sessions} field="userId" value={user.id} label={`End sessions of ${user.email}`}>
          End sessions
        </RowAction>
      </div>
      {isSelf ? <p className="text-xs text-slate-600 dark:text-slate-300">This is your account: you cannot disable it or remove its admin role.</p> : null}
      <ActionMessage result={last} testId="user-change" />
    </div>
  );
}
