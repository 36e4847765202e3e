import 'server-only';
import type { Env } from '@/lib/env';
import pkg from '@/package.json';

export type AboutFact = { label: string; value: string };

/**
 * What a signed-in user may know about this installation: the version and the settings that
 * shape a decision. Never a secret, a credential, a database URL or the callback path.
 */
export function aboutFacts(env: Env): AboutFact[] {
  const onOff = (on: boolean) => (on ? 'on' : 'off');
  return [
    { label: 'Version', value: pkg.version },
    { label: 'Artemis', value: env.demoMode ? 'demo sandbox (embedded)' : new URL(env.artemis.apiUrl).host },
    { label: 'Database', value: env.databaseUrl ? 'PostgreSQL' : 'SQLite' },
    { label: 'Liveness thresholds', value: `pass ≥ ${env.thresholds.pass}, fail < ${env.thresholds.fail}` },
    { label: 'Face attribute minimum confidence', value: `${env.thresholds.faceAttributeMinConfidence}%` },
    { label: 'Four eyes', value: env.fourEyes },
    { label: 'Session limits', value: `${env.session.idleSeconds / 60} minutes idle, ${env.session.maxSeconds / 3600} hours in all` },
    { label: 'Single sign-on', value: onOff(env.oidc !== undefined) },
    { label: 'Second factor required', value: { all: 'for everyone', admins: 'for admins', off: 'no (optional)' }[env.mfa.required] },
    { label: 'Step-up', value: `a factor within the last ${env.mfa.stepUpMinutes} minutes, for approvals and account changes` },
    { label: 'Password sign-in', value: onOff(env.mfa.passwordSignIn) },
    { label: 'Artemis callback receiver', value: onOff(env.callbackSecret !== undefined) },
    { label: 'Background sync', value: env.sync.intervalSeconds > 0 ? `every ${env.sync.intervalSeconds} s` : 'off' },
  ];
}
