import type { Metadata } from 'next';
import { TwoFactorSection } from '@/components/account/two-factor-section';
import { Section } from '@/components/ui/card';
import { listFactors } from '@/lib/users/factors';
import { requireUser } from '@/lib/auth/session';
import { factorOptional } from '@/lib/auth/sessions';

export const metadata: Metadata = { title: 'Your account' };

/** Everyone's own account (SPEC §13): their second factors. */
export default async function AccountPage() {
  const user = await requireUser();
  const { factors, recoveryCodesLeft } = await listFactors(user.id);
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-xl font-semibold">Your account</h1>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {user.name ? `${user.name}, ` : ''}
        {user.email}
      </p>
      <Section title="Two-factor authentication" id="two-factor-heading">
        <TwoFactorSection factors={factors} recoveryCodesLeft={recoveryCodesLeft} required={!factorOptional(user.role)} />
      </Section>
    </div>
  );
}
