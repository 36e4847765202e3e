'use client';

import Link from 'next/link';
import { LogOut, ScanFace } from '@/components/ui/icons';
import { signOutAction } from '@/lib/actions/sign-out';
import { Button } from '@/components/ui/button';
import { canManageUsers, canViewAuditLog, type Role } from '@/lib/users/roles';

const ROLE_LABELS = { reviewer: 'Reviewer', auditor: 'Auditor', admin: 'Admin' } as const;

/** The signed-in person as the header names them: no more of the account than it shows. */
export function ConsoleHeader({ user }: { user: { label: string; role: Role } }) {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 font-semibold">
          <ScanFace aria-hidden className="size-5 text-indigo-700 dark:text-indigo-400" />
          Liveness Review Console
        </Link>
        <nav aria-label="Main" className="flex gap-1 text-sm">
          <Link href="/" className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">
            Queue
          </Link>
          <Link href="/customers" className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">
            Customers
          </Link>
          {canViewAuditLog(user.role) ? (
            <Link href="/audit" className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">
              Audit
            </Link>
          ) : null}
          {canManageUsers(user.role) ? (
            <>
              <Link href="/admin/users" className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">
                Users
              </Link>
              <Link href="/admin/calibration" className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">
                Calibration
              </Link>
            </>
          ) : null}
          <Link href="/about" className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">
            About
          </Link>
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span>
            <span className="font-medium">{user.label}</span>{' '}
            <span className="text-slate-600 dark:text-slate-300">({ROLE_LABELS[user.role]})</span>
          </span>
          <form action={signOutAction}>
            <Button type="submit" variant="ghost" className="px-2 py-1">
              <LogOut aria-hidden className="size-4" />
              Sign out
            </Button>
          </form>
        </div>
      </div>
    </header>
  );
}
