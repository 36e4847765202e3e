'use client';

import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { useState, useTransition } from 'react';

type Answer = Awaited<ReturnType<typeof startAuthentication>>;
type Outcome = { ok: boolean; message?: string };

/**
 * `Use a passkey`: asks the console for a challenge, the browser (and the authenticator) for an
 * answer, then the console to check it. A cancelled prompt is said in words, not thrown.
 */
export function usePasskey(
  challenge: () => Promise<{ ok: true; options: PublicKeyCredentialRequestOptionsJSON } | { ok: false; message: string }>,
  answer: (answer: Answer) => Promise<Outcome | undefined>,
  onDone?: () => void,
) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = () =>
    startTransition(async () => {
      setError(null);
      try {
        const options = await challenge();
        if (!options.ok) return setError(options.message);
        const outcome = await answer(await startAuthentication({ optionsJSON: options.options }));
        if (outcome && !outcome.ok) return setError(outcome.message ?? 'The passkey was not accepted.');
        onDone?.();
      } catch (e) {
        // A redirect from the server action is how a sign-in ends: let Next handle it.
        if (e instanceof Error && e.message === 'NEXT_REDIRECT') throw e;
        setError(e instanceof Error && e.name === 'NotAllowedError' ? 'The passkey prompt was closed or timed out.' : 'The passkey could not be used here.');
      }
    });
  return { run, pending, error };
}
