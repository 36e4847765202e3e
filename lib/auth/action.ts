import 'server-only';
import { z } from 'zod';
import { recordAuditEvent, type AuditEventInput } from '@/lib/audit/trail';
import { isId } from '@/lib/ids';
import type { Role } from '@/lib/users/roles';
import type { Denied, Failure, Invalid, StepUpRequired } from '@/lib/result';
import { listFactors } from '@/lib/users/factors';
import { auditActor, authorize, currentSession, getSessionState, type CurrentUser } from './session';
import { recentlyConfirmed, type PendingStep, type SessionState } from './sessions';

type PendingSignIn = Extract<SessionState, { kind: 'pending' }>;

/** The fields of a form post; anything else a hand-made call sends reads as no fields. */
export function formFields(raw: unknown): Record<string, unknown> {
  return raw instanceof FormData ? Object.fromEntries(raw) : {};
}

type Denial = { action: AuditEventInput['action']; detail?: Record<string, unknown> };

type ActionOptions<S extends z.ZodType, E extends Failure> = {
  /** Who may run it (lib/users/roles.ts). */
  roles: readonly Role[];
  /** The input's schema: the one its form uses. */
  schema: S;
  /** The message of an input the schema refuses; the field errors come with it. */
  invalid: string;
  /** The audit event a signed-in user's refused attempt leaves. */
  denial?: Denial;
  /** Expected errors the body throws, as failures; anything else is thrown on. */
  expected?: (error: unknown) => E | undefined;
  /** A sensitive action: the person must have confirmed who they are within STEP_UP_MINUTES. */
  stepUp?: boolean;
};

/**
 * Every server action's prologue, so that the action itself is only its own business: the gate
 * (role and status read from the database), a denial event for a signed-in user it refuses,
 * then the input checked with `safeParse` against the form's schema, and field errors returned
 * early. A form's FormData is read as a plain object first.
 */
export function authAction<S extends z.ZodType, R, E extends Failure = never>(
  options: ActionOptions<S, E>,
  body: (input: z.output<S>, user: CurrentUser) => Promise<R>,
): (input: unknown) => Promise<R | Denied | Invalid | StepUpRequired | E> {
  return async (raw) => {
    const input = raw instanceof FormData ? Object.fromEntries(raw) : raw;
    const gate = await authorize(options.roles);
    if (!gate.ok) {
      if (options.denial) await recordDenial(gate.user, options.denial.action, input, options.denial.detail);
      return { ok: false, kind: 'denied', message: gate.message };
    }
    if (options.stepUp) {
      const refused = await stepUpRefusal(gate.user);
      if (refused) return refused;
    }
    const parsed = options.schema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, kind: 'invalid', message: options.invalid, fieldErrors: z.flattenError(parsed.error).fieldErrors };
    }
    try {
      return await body(parsed.data, gate.user);
    } catch (error) {
      const failure = options.expected?.(error);
      if (failure) return failure;
      throw error;
    }
  };
}

/**
 * Why a sensitive action waits for a step-up, or null when the person confirmed who they are
 * recently enough. Nothing is done meanwhile; once confirmed, the same action can be repeated.
 */
export async function stepUpRefusal(user: CurrentUser): Promise<StepUpRequired | null> {
  const session = await currentSession();
  if (session && recentlyConfirmed(session)) return null;
  const { factors } = await listFactors(user.id);
  return {
    ok: false,
    kind: 'step-up',
    message: "Confirm it's you",
    method: factors.length > 0 ? 'factor' : 'password',
    passkey: factors.some((f) => f.kind === 'webauthn'),
  };
}

const PENDING_STEP_FIRST: Record<PendingStep, string> = {
  verify: 'Give your second factor first.',
  setup: 'Set up two-factor authentication first.',
  password: 'Choose your new password first.',
};

/**
 * The actions of a sign-in's pending steps: they run only for a session pending `step` (signed-out
 * visitors, opened sessions and other steps get a denial), with the form's schema.
 */
export function pendingSignInAction<S extends z.ZodType, R>(
  options: { step: PendingStep; schema: S; invalid: string },
  body: (input: z.output<S>, state: PendingSignIn) => Promise<R>,
): (input: unknown) => Promise<R | Denied | Invalid> {
  return async (raw) => {
    const input = raw instanceof FormData ? Object.fromEntries(raw) : raw;
    const state = await getSessionState();
    if (state?.kind !== 'pending') return { ok: false, kind: 'denied', message: 'This sign-in has ended. Sign in again.' };
    if (state.step !== options.step) return { ok: false, kind: 'denied', message: PENDING_STEP_FIRST[state.step] };
    const parsed = options.schema.safeParse(input);
    if (!parsed.success) return { ok: false, kind: 'invalid', message: options.invalid, fieldErrors: z.flattenError(parsed.error).fieldErrors };
    return body(parsed.data, state);
  };
}

/** A refused action by a signed-in user is evidence too: who tried what, and where. */
export async function recordDenial(user: CurrentUser | null, action: Denial['action'], input: unknown, detail?: Record<string, unknown>): Promise<void> {
  if (!user) return;
  const { customerId, documentId } = (input && typeof input === 'object' ? input : {}) as { customerId?: unknown; documentId?: unknown };
  await recordAuditEvent({
    action,
    actor: auditActor(user),
    customerId: isId(customerId) ? customerId : null,
    documentId: isId(documentId) ? documentId : null,
    detail,
  });
}
