'use client';

import { useRef, useState, useTransition, type FormEvent } from 'react';
import { useStepUp } from '@/components/auth/step-up';
import type { UserActionResult } from '@/lib/users/admin-schemas';

/**
 * Submits a form's fields to a user-admin action without React's automatic form reset, so a
 * refused input stays for correction; the form is cleared only after a success. An action that
 * asks for a step-up is sent again, as it was, once the admin has confirmed who they are.
 */
export function useUserAction(action: (input: unknown) => Promise<UserActionResult>, onResult?: (result: UserActionResult) => void) {
  const [result, setResult] = useState<UserActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const inFlight = useRef(false);
  const askStepUp = useStepUp();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (inFlight.current) return;
    const form = event.currentTarget;
    send(form, Object.fromEntries(new FormData(form)));
  };

  const send = (form: HTMLFormElement, input: Record<string, unknown>) => {
    inFlight.current = true;
    startTransition(async () => {
      try {
        const outcome = await action(input);
        setResult(outcome);
        onResult?.(outcome);
        if (!outcome.ok && outcome.kind === 'step-up') askStepUp(outcome, () => send(form, input));
        if (outcome.ok) form.reset();
      } catch {
        const failure: UserActionResult = { ok: false, kind: 'failed', message: 'The change could not be saved. Try again.' };
        setResult(failure);
        onResult?.(failure);
      } finally {
        inFlight.current = false;
      }
    });
  };

  return { result, pending, onSubmit };
}
