'use client';

import { useEffect, useState } from 'react';
import { CircleAlert, Hourglass } from '@/components/ui/icons';
import { dueText, formatUtc } from '@/lib/format';

/**
 * The present as this browser tells it, updated each minute. It starts from the server's render
 * time, so that the first client render matches the server's markup.
 */
export function useNow(renderedAt: number): number {
  const [now, setNow] = useState(renderedAt);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 60_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);
  return now;
}

/** `Due in 3 h` / `Overdue by 2 h`, with an icon and words (never colour alone), the exact time on hover. */
export function DueLabel({ dueAt, now }: { dueAt: string; now: number }) {
  const { overdue, text } = dueText(Date.parse(dueAt), now);
  const Icon = overdue ? CircleAlert : Hourglass;
  return (
    <span
      data-testid="queue-due"
      title={`Due ${formatUtc(dueAt)}`}
      className={overdue ? 'inline-flex items-center gap-1 font-medium text-red-800 dark:text-red-300' : 'inline-flex items-center gap-1'}
    >
      <Icon aria-hidden className="size-4 shrink-0" />
      {text}
    </span>
  );
}
