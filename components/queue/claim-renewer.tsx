'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';
import { renewClaimAction } from '@/lib/actions/renew-claim';

/** Renews the claim every 5 minutes (it lasts 15) while this screen is open. */
const RENEW_EVERY_MS = 5 * 60_000;

export function ClaimRenewer({ customerId, documentId }: { customerId: number; documentId: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      void renewClaimAction({ customerId, documentId }).then((result) => {
        // Someone took it over: re-render so the banner says who.
        if (!result.ok) router.refresh();
      });
    }, RENEW_EVERY_MS);
    return () => clearInterval(timer);
  }, [customerId, documentId, router]);
  return null;
}
