'use client';

import { useEffect } from 'react';
import { useNextInQueueHref } from './next-in-queue-link';

/**
 * Once the screen is interactive and the browser idle, asks the console to read ahead the
 * document `Next document in queue` would open (same link, POSTed): opening it then waits on no
 * upstream call. Fire and forget; the page reads Artemis itself when nothing was read ahead.
 */
export function ReadAheadNext({ customerId, documentId }: { customerId: number; documentId: number }) {
  const href = useNextInQueueHref(customerId, documentId);
  useEffect(() => {
    const controller = new AbortController();
    const run = () => void fetch(href, { method: 'POST', signal: controller.signal }).catch(() => undefined);
    // Safari has no requestIdleCallback.
    const idle = typeof window.requestIdleCallback === 'function';
    const handle = idle ? window.requestIdleCallback(run, { timeout: 2000 }) : window.setTimeout(run, 200);
    return () => {
      if (idle) window.cancelIdleCallback(handle);
      else window.clearTimeout(handle);
      controller.abort();
    };
  }, [href]);
  return null;
}
