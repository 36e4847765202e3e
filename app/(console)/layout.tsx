import type { ReactNode } from 'react';
import { StepUpProvider } from '@/components/auth/step-up';
import { ConsoleHeader } from '@/components/layout/console-header';
import { requireUser } from '@/lib/auth/session';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <ConsoleHeader user={{ label: user.name ?? user.email, role: user.role }} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        <StepUpProvider>{children}</StepUpProvider>
      </main>
    </>
  );
}
