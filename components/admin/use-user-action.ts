'use client';

import { useRef, useState, useTransition, type FormEvent } from 'react';
import type { UserActionResult } from '@/lib/users/admin-schemas';

/**
 * Submits a form's fields to a user-admin action without React's automatic form reset, so a
 * refused input stays for correction; the form is cleared only after a success.
 */
export function useUserAction(action: (input: unknown) => Promise<UserActionResult>, onResult?: (result: UserActionResult) => void) {
  const [result, setResult] = useState<UserActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const inFlight = useRef(false);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    const form = event.currentTarget;
    const input = Object.fromEntries(new FormData(form));
    startTransition(async () => {
      try {
        const outcome = await action(input);
        setResult(outcome);
        onResult?.(outcome);
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
