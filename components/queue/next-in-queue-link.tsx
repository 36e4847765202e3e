'use client';

import { documentKeyId } from '@/lib/ids';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { useSearchParams } from 'next/navigation';
import { ArrowRight } from '@/components/ui/icons';
import { SELECTION_PARAMS } from '@/lib/queue/filters';

/** The next free document of the queue view the reviewer came from (its filters ride along in this page's URL). */
export function useNextInQueueHref(customerId: number, documentId: number): string {
  const current = useSearchParams();
  const params = new URLSearchParams();
  for (const name of SELECTION_PARAMS) {
    const value = current.get(name);
    if (value) params.set(name, value);
  }
  params.set('after', documentKeyId(customerId, documentId));
  return `/queue/next?${params.toString()}`;
}

/** Moves on without saving; the override form's own success message offers the same path. */
export function NextInQueueLink({ customerId, documentId }: { customerId: number; documentId: number }) {
  const href = useNextInQueueHref(customerId, documentId);
  return (
    <Link href={href} prefetch={false} className={buttonClass('secondary', 'gap-1.5 px-3 py-1.5')}>
      Next document in queue
      <ArrowRight aria-hidden className="size-4" />
    </Link>
  );
}
