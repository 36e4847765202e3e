'use client';

import Link from 'next/link';
import { useState } from 'react';
import { LogOut, ScanFace } from '@/components/ui/icons';
import { Button } from '@/components/ui/button';
import { canManageUsers, canViewAuditLog, type Role } from '@/lib/users/roles';

const ROLE_LABELS = { reviewer: 'Reviewer', auditor: 'Auditor', admin: 'Admin' } as const;

/** The console's places a role may go (each page checks the role again itself). */
function mainLinks(role: Role): { href: string; label: string }[] {
  return [
    { href: '/', label: 'Queue' },
    { href: '/customers', label: 'Customers' },
    ...(canViewAuditLog(role) ? [{ href: '/audit', label: 'Audit' }] : []),
    ...(canManageUsers(role)
      ? [
          { href: '/admin/users', label: 'Users' },
          { href: '/admin/calibration', label: 'Calibration' },
          { href: '/admin/webhooks', label: 'Webhooks' },
        ]
      : []),
    { href: '/about', label: 'About' },
  ];
}

/** The signed-in person as the header names them: no more of the account than it shows. */
export function ConsoleHeader({ user }: { user: { label: string; role: Role } }) {
  const [signingOut, setSigningOut] = useState(false);
  // A fetch, whose Origin the proxy can check (a form's navigation sends `null` under the
  // console's Referrer-Policy); then a full page load, which empties the client router's cache.
  const signOut = async () => {
    setSigningOut(true);
    await fetch('/sign-out', { method: 'POST' }).catch(() => undefined);
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign('/sign-in');
  };
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 font-semibold">
          <ScanFace aria-hidden className="size-5 text-indigo-700 dark:text-indigo-400" />
          Liveness Review Console
        </Link>
        <nav aria-label="Main" className="flex gap-1 text-sm">
          {mainLinks(user.role).map(({ href, label }) => (
            <Link key={href} href={href} className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">
              {label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <Link
            href="/account"
            className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800"
            aria-label={`Your account: ${user.label} (${ROLE_LABELS[user.role]})`}
          >
            <span className="font-medium">{user.label}</span> <span className="text-slate-600 dark:text-slate-300">({ROLE_LABELS[user.role]})</span>
          </Link>
          <Button type="button" variant="ghost" className="px-2 py-1" disabled={signingOut} onClick={signOut}>
            <LogOut aria-hidden className="size-4" />
            Sign out
          </Button>
        </div>
      </div>
    </header>
  );
}
