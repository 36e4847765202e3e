import type { ReactNode } from 'react';

/** The signed-out pages' card: sign-in and its second-factor steps. */
export function AuthPanel({ title, intro, children }: { title: string; intro: ReactNode; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-700 dark:bg-slate-900">
        <h1 className="text-xl font-semibold">{title}</h1>
        <div className="mb-6 mt-1 text-sm text-slate-600 dark:text-slate-300">{intro}</div>
        {children}
      </div>
    </main>
  );
}
