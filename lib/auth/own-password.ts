import 'server-only';
import { recordAuditEvent } from '@/lib/audit/trail';
import { getEnv } from '@/lib/env';
import type { ActionResult, Failure, Invalid } from '@/lib/result';
import { verifyPassword } from '@/lib/users/passwords';
import { findUserById, InvalidUserInputError, setUserPassword } from '@/lib/users/store';
import { requestSource } from './request-source';
import type { SessionRow } from './sessions';
import { reserveSignInAttempt, settleSignInAttempt } from './throttle';

export type PasswordChangeResult = ActionResult<{ message: string }, Failure<'throttled' | 'refused'>>;

type Person = { user: { id: string; email: string; role: string }; session: Pick<SessionRow, 'id'> };

const actorOf = ({ user }: Person) => ({ id: user.id, email: user.email, role: user.role });

const fieldError = (field: 'currentPassword' | 'newPassword', message: string): Invalid => ({
  ok: false,
  kind: 'invalid',
  message: 'Some answers need attention.',
  fieldErrors: { [field]: [message] },
});

/**
 * Sets the person's new password: this session goes on, every other one of the account ends.
 * A password too easy to guess, or the one they have, is a field error.
 */
async function replacePassword(person: Person, currentHash: string, next: string, detail: Record<string, unknown>): Promise<PasswordChangeResult> {
  if (await verifyPassword(currentHash, next)) return fieldError('newPassword', 'Choose a password different from the one you have.');
  try {
    await setUserPassword(person.user.id, next, { keepSession: person.session.id });
  } catch (error) {
    if (error instanceof InvalidUserInputError) return fieldError('newPassword', error.detail);
    throw error;
  }
  await recordAuditEvent({ action: 'auth.password_changed', actor: actorOf(person), detail: { session: person.session.id.slice(0, 8), ...detail } });
  return { ok: true, message: 'Password changed. Your other sessions have ended.' };
}

/**
 * `/account`'s `Change password`: with the current one, which is checked as a sign-in is (the same
 * throttle), so a session left open cannot be used to guess it.
 */
export async function changeOwnPassword(person: Person, current: string, next: string): Promise<PasswordChangeResult> {
  if (!getEnv().mfa.passwordSignIn) return { ok: false, kind: 'refused', message: 'Passwords are off on this console: you sign in with single sign-on.' };
  const { client } = await requestSource();
  const decision = await reserveSignInAttempt(person.user.email, client);
  if (!decision.allowed) return { ok: false, kind: 'throttled', message: `Too many failed attempts. Try again in ${decision.waitSeconds} seconds.` };
  const account = await findUserById(person.user.id);
  if (!account || !(await verifyPassword(account.password_hash, current))) {
    const lockouts = await settleSignInAttempt(decision.reservation, false);
    await recordAuditEvent({ action: 'auth.password_change_refused', actor: actorOf(person), detail: { client } });
    if (lockouts.length > 0) await recordAuditEvent({ action: 'auth.locked_out', actor: actorOf(person), detail: { client, lockouts } });
    return fieldError('currentPassword', 'That is not your current password.');
  }
  await settleSignInAttempt(decision.reservation, true);
  return replacePassword(person, account.password_hash, next, { client });
}

/** `/sign-in/password`: a person who signed in with an admin's one-time password chooses their own. */
export async function replaceOneTimePassword(person: Person, next: string): Promise<PasswordChangeResult> {
  const account = await findUserById(person.user.id);
  if (!account) return { ok: false, kind: 'refused', message: 'This account no longer exists.' };
  return replacePassword(person, account.password_hash, next, { client: (await requestSource()).client, replaced: 'one-time password' });
}
