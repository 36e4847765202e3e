import type { Metadata } from 'next';
import { NotificationsSection } from '@/components/account/notifications-section';
import { PasswordSection } from '@/components/account/password-section';
import { SessionsSection } from '@/components/account/sessions-section';
import { TwoFactorSection } from '@/components/account/two-factor-section';
import { Section } from '@/components/ui/card';
import { listFactors } from '@/lib/users/factors';
import { currentSession, requireUser } from '@/lib/auth/session';
import { factorOptional, listOpenSessions } from '@/lib/auth/sessions';
import { getEnv } from '@/lib/env';
import { mailSettingsOf } from '@/lib/notifications/mail';

export const metadata: Metadata = { title: 'Your account' };

/** Everyone's own account (SPEC §13, §15): their second factors, their sessions, their mail and their password. */
export default async function AccountPage() {
  const user = await requireUser();
  const [{ factors, recoveryCodesLeft }, sessions, session, mail] = await Promise.all([
    listFactors(user.id),
    listOpenSessions(user.id),
    currentSession(),
    mailSettingsOf(user.id),
  ]);
  return (
    <div className="max-w-4xl space-y-4">
      <h1 className="text-xl font-semibold">Your account</h1>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {user.name ? `${user.name}, ` : ''}
        {user.email}
      </p>
      <Section title="Two-factor authentication" id="two-factor-heading">
        <TwoFactorSection factors={factors} recoveryCodesLeft={recoveryCodesLeft} required={!factorOptional(user.role)} />
      </Section>
      <Section title="Sessions" id="sessions-heading">
        <SessionsSection sessions={sessions} currentId={session?.id ?? ''} />
      </Section>
      <Section title="Notifications" id="notifications-heading">
        <NotificationsSection settings={mail} mailConfigured={getEnv().mail !== undefined} />
      </Section>
      {getEnv().mfa.passwordSignIn ? (
        <Section title="Password" id="password-heading">
          <PasswordSection />
        </Section>
      ) : null}
    </div>
  );
}
