// The one result shape: what every server action, loader and upstream read answers. Expected
// failures are answers with a `kind` the caller branches on and a message in plain words; only
// the unexpected throws. Plain types: forms import them.

export type FieldErrors = Record<string, string[] | undefined>;

type Nothing = Record<never, never>;

export type Success<T extends object = Nothing> = { ok: true } & T;

export type Failure<K extends string = string, T extends object = Nothing> = { ok: false; kind: K; message: string; requestId?: string } & T;

/** No session, or a role that may not do this. */
export type Denied = Failure<'denied'>;

/**
 * A sensitive action asks the person to confirm who they are first (`Confirm it's you`): with a
 * factor (a passkey too, when they have one), or with their password when they have no factor.
 */
export type StepUpRequired = Failure<'step-up', { method: 'factor' | 'password'; passkey: boolean }>;

/** The input did not pass the action's schema: what to fix, by field. */
export type Invalid = Failure<'invalid', { fieldErrors: FieldErrors }>;

/** An action's successes, the gate's two refusals, and the action's own failures. */
export type ActionResult<S extends object, F extends Failure = never> = Success<S> | Denied | Invalid | StepUpRequired | F;
