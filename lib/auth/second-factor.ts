import 'server-only';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { recordAuditEvent, type AuditEventInput } from '@/lib/audit/trail';
import { getEnv } from '@/lib/env';
import { verifyPassword } from '@/lib/users/passwords';
import { findUserById } from '@/lib/users/store';
import type { Failure, Success } from '@/lib/result';
import { requestSource } from './request-source';
import { checkCode } from '@/lib/users/factors';
import { verifyPasskey } from './passkeys';
import { recordConfirmation, recordSecondFactor, type SessionState } from './sessions';
import { reserveSignInAttempt, settleSignInAttempt } from './throttle';

/**
 * Giving a second factor, at sign-in (the session opens) or to step up (a fresh confirmation for
 * an action that asks for one). Wrong codes go through the password throttle, per account and
 * per client address; every outcome is an audit event naming the factor's kind, never a code.
 */
export type Purpose = 'sign-in' | 'step-up';

export type FactorCheck = Success | Failure<'wrong-code' | 'throttled'>;

type Person = Pick<SessionState, 'user' | 'session'>;

const actorOf = ({ user }: Person) => ({ id: user.id, email: user.email, role: user.role });

async function audit(person: Person, action: AuditEventInput['action'], detail: Record<string, unknown>) {
  await recordAuditEvent({ action, actor: actorOf(person), detail: { session: person.session.id.slice(0, 8), ...detail } });
}

async function client(): Promise<string> {
  return (await requestSource()).client;
}

/** What giving a factor does to the session: at sign-in it opens; a step-up confirms. */
async function passed(person: Person, purpose: Purpose, factor: string, extra: Record<string, unknown> = {}) {
  await recordSecondFactor(person.session.id);
  const action = factor === 'recovery' ? 'auth.recovery_code_used' : purpose === 'step-up' ? 'auth.step_up' : 'auth.mfa_verified';
  await audit(person, action, { factor, purpose, ...extra });
}

/** An `Authentication code`: from the authenticator app, or a recovery code. */
export async function giveCode(person: Person, code: string, purpose: Purpose): Promise<FactorCheck> {
  const from = await client();
  const decision = await reserveSignInAttempt(person.user.email, from);
  if (!decision.allowed) return { ok: false, kind: 'throttled', message: `Too many wrong codes. Try again in ${decision.waitSeconds} seconds.` };
  const check = await checkCode(person.user.id, code);
  if (!check.ok) {
    const lockouts = await settleSignInAttempt(decision.reservation, false);
    await audit(person, 'auth.mfa_failed', { factor: 'code', purpose, client: from, replay: check.replay });
    if (lockouts.length > 0) await audit(person, 'auth.locked_out', { client: from, lockouts });
    return { ok: false, kind: 'wrong-code', message: check.replay ? 'That code was already used. Wait for the next one.' : 'Invalid authentication code' };
  }
  await settleSignInAttempt(decision.reservation, true);
  await passed(person, purpose, check.factor, check.factor === 'recovery' ? { recoveryCodesLeft: check.recoveryCodesLeft } : {});
  return { ok: true };
}

/** A passkey's answer to the challenge the session was given. */
export async function givePasskey(person: Person, response: AuthenticationResponseJSON, purpose: Purpose): Promise<FactorCheck> {
  if (!(await verifyPasskey(person.user.id, person.session.id, response))) {
    await audit(person, 'auth.mfa_failed', { factor: 'webauthn', purpose, client: await client() });
    return { ok: false, kind: 'wrong-code', message: 'The passkey was not accepted. Try again, or use a code.' };
  }
  await passed(person, purpose, 'webauthn');
  return { ok: true };
}

/** An account without any factor (where the policy allows it) steps up with its password. */
export async function givePassword(person: Person, password: string): Promise<FactorCheck> {
  if (!getEnv().mfa.passwordSignIn)
    return { ok: false, kind: 'wrong-code', message: 'Passwords are off on this console: set up a second factor on your account page.' };
  const from = await client();
  const decision = await reserveSignInAttempt(person.user.email, from);
  if (!decision.allowed) return { ok: false, kind: 'throttled', message: `Too many failed attempts. Try again in ${decision.waitSeconds} seconds.` };
  const account = await findUserById(person.user.id);
  if (!account || !(await verifyPassword(account.password_hash, password))) {
    const lockouts = await settleSignInAttempt(decision.reservation, false);
    await audit(person, 'auth.mfa_failed', { factor: 'password', purpose: 'step-up', client: from });
    if (lockouts.length > 0) await audit(person, 'auth.locked_out', { client: from, lockouts });
    return { ok: false, kind: 'wrong-code', message: 'Wrong password' };
  }
  await settleSignInAttempt(decision.reservation, true);
  await recordConfirmation(person.session.id);
  await audit(person, 'auth.step_up', { factor: 'password', purpose: 'step-up' });
  return { ok: true };
}
