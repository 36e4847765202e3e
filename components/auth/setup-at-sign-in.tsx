'use client';

import { useRouter } from 'next/navigation';
import { TotpSetup, type Enrolment } from './totp-setup';

/** The forced set-up: once the codes are saved, on to where the sign-in was going. */
export function SetupAtSignIn({ enrolment, callbackUrl }: { enrolment: Enrolment; callbackUrl: string }) {
  const router = useRouter();
  return <TotpSetup enrolment={enrolment} onDone={() => router.replace(callbackUrl)} />;
}
