import type { Metadata } from 'next';
import { connection } from 'next/server';
import { aboutFacts } from '@/lib/about';
import { requireUser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';

export const metadata: Metadata = { title: 'About' };

/**
 * The version and the settings in force, for anyone signed in. It gates itself: a client-side
 * navigation need not render the console layout again. Nothing else is read: it is also the
 * benchmark's floor for a page inside the layout.
 */
export default async function AboutPage() {
  await connection();
  await requireUser();
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-xl font-semibold">About this console</h1>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-900">
        {aboutFacts(getEnv()).map(({ label, value }) => (
          <div key={label} className="contents">
            <dt className="text-slate-600 dark:text-slate-300">{label}</dt>
            <dd className="font-medium">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
